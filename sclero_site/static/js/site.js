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
