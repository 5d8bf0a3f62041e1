// Progressive enhancement only: every page works without this file.
"use strict";

// "Copy link" buttons: <button type="button" data-copy-url="https://…">.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy-url]");
  if (!button || !navigator.clipboard) {
    return;
  }
  navigator.clipboard.writeText(button.dataset.copyUrl).then(() => {
    const status = document.getElementById(button.getAttribute("aria-controls"));
    if (status && button.dataset.copiedText) {
      status.textContent = button.dataset.copiedText;
    }
  });
});

// Buttons that would lose or undo something ask first: data-confirm="Are you sure…?".
document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const message = (button && button.dataset.confirm) || event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});

// The header menu is a <details> and works without this; with it, Escape and a click
// elsewhere close it, and focus goes back to its button.
document.addEventListener("keydown", (event) => {
  const menu = document.querySelector("[data-site-menu][open]");
  if (event.key === "Escape" && menu) {
    menu.open = false;
    menu.querySelector("summary").focus();
  }
});
document.addEventListener("click", (event) => {
  const menu = document.querySelector("[data-site-menu][open]");
  if (menu && !menu.contains(event.target)) {
    menu.open = false;
  }
});

// A refused form's page: the error summary at the top takes the focus, so a screen
// reader reads what to fix first and a phone shows it whatever was scrolled before.
const errorSummary = document.querySelector("[data-error-summary]");
if (errorSummary) {
  errorSummary.focus();
}

// A link in the error summary puts the cursor in its field, not only scrolls to it.
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-error-summary] a[href^='#']");
  const field = link && document.getElementById(link.getAttribute("href").slice(1));
  if (field) {
    event.preventDefault();
    field.scrollIntoView({ block: "center" });
    field.focus();
  }
});

// Installable and readable offline (sclero_site/pwa.py): the service worker keeps
// the static files, the offline page and the articles saved with the button below.
const SAVED_CACHE = "saved-articles"; // the same name as in the worker (pwa/sw.js)
if ("serviceWorker" in navigator && window.caches) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});

  // "Save for offline reading" on an article: the worker fetches the page without
  // cookies and keeps it; the button then offers to remove it again.
  const box = document.querySelector("[data-save-offline]");
  if (box) {
    const button = box.querySelector("button");
    const status = box.querySelector("[role=status]");
    const path = window.location.pathname;
    const show = (saved) => {
      button.textContent = saved ? button.dataset.removeLabel : button.dataset.saveLabel;
      button.dataset.saved = saved ? "true" : "";
    };
    caches
      .open(SAVED_CACHE)
      .then((cache) => cache.match(path))
      .then((found) => {
        show(Boolean(found));
        box.hidden = false;
      });
    button.addEventListener("click", async () => {
      if (button.dataset.saved) {
        await (await caches.open(SAVED_CACHE)).delete(path);
        show(false);
        status.textContent = button.dataset.removedText;
        return;
      }
      status.textContent = button.dataset.savingText;
      const registration = await navigator.serviceWorker.ready;
      const channel = new MessageChannel();
      const answer = new Promise((resolve) => {
        channel.port1.onmessage = (event) => resolve(event.data && event.data.ok);
      });
      registration.active.postMessage({ type: "save", url: path }, [channel.port2]);
      const ok = await answer;
      show(ok);
      status.textContent = ok ? button.dataset.savedText : button.dataset.failedText;
    });
  }

  // The offline page lists what this device keeps, by title.
  const list = document.querySelector("[data-offline-saved]");
  if (list) {
    caches.open(SAVED_CACHE).then(async (cache) => {
      const ul = list.querySelector("ul");
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const heading = page.querySelector("h1");
        const link = document.createElement("a");
        link.href = new URL(request.url).pathname;
        link.textContent = (heading && heading.textContent.trim()) || link.href;
        const item = document.createElement("li");
        item.append(link);
        ul.append(item);
      }
      list.hidden = ul.children.length === 0;
    });
  }
}
