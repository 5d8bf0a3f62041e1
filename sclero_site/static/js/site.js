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
