// Forum enhancements. Everything works without this file: likes post a form
// and reload; with it they update in place.
"use strict";

document.addEventListener("submit", (event) => {
  const form = event.target.closest("[data-like-form]");
  if (!form || !window.fetch) {
    return;
  }
  event.preventDefault();
  const input = form.querySelector("input[name=like]");
  const button = form.querySelector("[data-like-button]");
  const count = form.closest("footer").querySelector("[data-like-count]");
  fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  })
    .then((response) => {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.json();
    })
    .then((data) => {
      input.value = data.liked ? "0" : "1";
      const hidden = button.querySelector(".visually-hidden");
      button.textContent = data.liked ? button.dataset.labelUnlike : button.dataset.labelLike;
      if (hidden) {
        button.append(hidden);
      }
      if (count) {
        count.textContent = data.like_count_text; // in the page's language, from the server
      }
    })
    .catch(() => form.submit());
});

// Drafts: a composer with data-draft-url keeps what the member types on the
// server (at most one save every DRAFT_DELAY ms, and once more when the page is
// hidden). Without this file the "Save draft" button does the same.
const DRAFT_DELAY = 4000;

function setUpDraft(form) {
  const status = form.querySelector("[data-draft-status]");
  let timer = null;
  let lastSent = null;
  let submitting = false;

  const payload = () => {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    if (form.dataset.draftThread) {
      data.append("thread", form.dataset.draftThread);
    } else {
      data.append("board", form.dataset.draftBoard);
    }
    for (const name of ["title", "body"]) {
      const field = form.querySelector(`[name=${name}]`);
      if (field) {
        data.append(name, field.value);
      }
    }
    return data;
  };
  const snapshot = () =>
    ["title", "body"].map((name) => (form.querySelector(`[name=${name}]`) || {}).value || "").join("\u0000");

  const save = () => {
    timer = null;
    const current = snapshot();
    if (submitting || current === lastSent) {
      return;
    }
    lastSent = current;
    fetch(form.dataset.draftUrl, {
      method: "POST",
      body: payload(),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      redirect: "manual",
    })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((data) => {
        if (status && data.saved) {
          status.textContent = data.status; // the time as the page's language writes it
        }
      })
      .catch(() => {
        lastSent = null; // try again on the next keystroke
      });
  };

  lastSent = snapshot();
  form.addEventListener("input", () => {
    if (timer === null) {
      timer = window.setTimeout(save, DRAFT_DELAY);
    }
  });
  form.addEventListener("submit", () => {
    submitting = true;
    if (timer !== null) {
      window.clearTimeout(timer);
    }
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden" && !submitting && snapshot() !== lastSent && navigator.sendBeacon) {
      lastSent = snapshot();
      navigator.sendBeacon(form.dataset.draftUrl, payload());
    }
  });
}

if (window.fetch && window.FormData) {
  document.querySelectorAll("form[data-draft-url]").forEach(setUpDraft);
}
