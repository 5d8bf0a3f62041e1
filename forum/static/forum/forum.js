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
        count.textContent = data.like_count === 1 ? "1 like" : `${data.like_count} likes`;
      }
    })
    .catch(() => form.submit());
});
