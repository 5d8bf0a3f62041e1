// @mention suggestions in composers. Progressive enhancement: without this file
// members type "@Display Name" and the server links it all the same.
//
// Every composer body (form.composer textarea[name=body]) gets a list of matching
// members under it while the text before the caret ends with "@" and two or more
// letters. The textarea keeps its textbox role and points at the list with
// aria-controls / aria-activedescendant (the combobox-with-listbox pattern);
// Up/Down move through the names, Enter or Tab inserts one, Escape closes.
// The endpoint and the words come from this script's data- attributes, and the
// sentence counting the names found comes with them from the endpoint (plurals are
// the catalogue's business, not this script's).
"use strict";

(() => {
  const script = document.currentScript;
  if (!script || !window.fetch || !window.AbortController) {
    return;
  }
  const config = script.dataset;
  const NAME_MAX = 30;
  const TRIGGER = new RegExp(`(?:^|[^\\p{L}\\p{N}_@/])@([^\\s@][^@\\n]{0,${NAME_MAX - 1}})$`, "u");
  let counter = 0;

  function enhance(textarea) {
    counter += 1;
    const id = `mention-list-${counter}`;
    const list = document.createElement("ul");
    list.id = id;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", config.labelList);
    list.hidden = true;
    const status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    textarea.after(list, status);
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", id);

    const cache = new Map();
    let names = [];
    let active = -1;
    let start = -1; // where the "@" is
    let chosenAt = -1; // the "@" of the name just inserted: no list for it again
    let timer = null;
    let pending = null;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      names = [];
      active = -1;
      textarea.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      active = index;
      list.querySelectorAll("[role=option]").forEach((option, n) => {
        option.setAttribute("aria-selected", n === index ? "true" : "false");
      });
      if (index >= 0) {
        textarea.setAttribute("aria-activedescendant", `${id}-${index}`);
        list.children[index].scrollIntoView({ block: "nearest" });
      } else {
        textarea.removeAttribute("aria-activedescendant");
      }
    }

    function show(found, said) {
      names = found;
      list.replaceChildren();
      if (!found.length) {
        close();
        status.textContent = config.labelNone;
        return;
      }
      found.forEach((item, n) => {
        const option = document.createElement("li");
        option.id = `${id}-${n}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.name; // text, never markup
        list.append(option);
      });
      list.hidden = false;
      highlight(0);
      status.textContent = said || "";
    }

    function choose(index) {
      const item = names[index];
      if (!item || start < 0) {
        return;
      }
      const caret = textarea.selectionStart;
      const before = textarea.value.slice(0, start);
      const after = textarea.value.slice(caret);
      const inserted = `${item.mention} `;
      textarea.value = before + inserted + after.replace(/^ /, "");
      const position = before.length + inserted.length;
      chosenAt = start;
      textarea.setSelectionRange(position, position);
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
      close();
      status.textContent = config.labelChosen.replace("#", item.name);
      textarea.focus();
    }

    function lookup() {
      const caret = textarea.selectionStart;
      if (caret !== textarea.selectionEnd) {
        close();
        return;
      }
      if (caret <= chosenAt + 1) {
        chosenAt = -1; // back inside the name: suggest again
      }
      const match = TRIGGER.exec(textarea.value.slice(0, caret));
      const query = match ? match[1].replace(/\s+/g, " ").trim() : "";
      if (query.length < 2) {
        close();
        return;
      }
      start = caret - match[1].length - 1;
      if (start === chosenAt) {
        close();
        return;
      }
      if (cache.has(query)) {
        show(...cache.get(query));
        return;
      }
      if (pending) {
        pending.abort();
      }
      pending = new AbortController();
      const url = `${config.url}?q=${encodeURIComponent(query)}`;
      fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: pending.signal,
      })
        .then((response) => (response.ok ? response.json() : { results: [] }))
        .then((data) => {
          const found = Array.isArray(data.results) ? data.results : [];
          cache.set(query, [found, data.status]);
          show(found, data.status);
        })
        .catch(() => {}); // aborted or offline: plain typing goes on
    }

    textarea.addEventListener("input", () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(lookup, 200);
    });
    textarea.addEventListener("keydown", (event) => {
      if (list.hidden || !names.length) {
        return;
      }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % names.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight((active - 1 + names.length) % names.length);
      } else if (event.key === "Enter" || (event.key === "Tab" && !event.shiftKey)) {
        if (active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        close();
      }
    });
    textarea.addEventListener("blur", () => window.setTimeout(close, 150));
    // Keep the focus (and the caret) in the textarea while a name is pressed.
    list.addEventListener("mousedown", (event) => event.preventDefault());
    list.addEventListener("click", (event) => {
      const option = event.target.closest("[role=option]");
      if (option) {
        choose(Array.prototype.indexOf.call(list.children, option));
      }
    });
  }

  function init() {
    const fields = document.querySelectorAll("form.composer textarea[name=body]");
    if (!fields.length) {
      return;
    }
    const styles = document.createElement("link");
    styles.rel = "stylesheet";
    styles.href = config.css;
    document.head.append(styles);
    fields.forEach(enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
