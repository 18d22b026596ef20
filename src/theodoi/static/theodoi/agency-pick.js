// A searchable list of organisations over a plain text box (the ARIA combobox pattern): type
// any name a body goes by, move with the arrow keys, Enter or a tap adds the body to the list
// of agencies (a textarea, one per line) or puts it in a single-agency box. On a form that
// keeps agency ids (data-field, workspace/_agency_field.html), it ticks the body in the list
// of agencies chosen, adding it there when it is not yet listed. The server does the
// searching, so a body is found by its former names and without tone marks.
"use strict";

let pickers = 0;

function setUp(pick) {
  if (pick.dataset.ready) return;
  pick.dataset.ready = "1";
  pick.hidden = false;
  const input = pick.querySelector("input[role=combobox]");
  const list = pick.querySelector("[role=listbox]");
  const form = pick.closest("form");
  const single = pick.hasAttribute("data-single");
  const field = pick.dataset.field;
  const chosen = field ? pick.closest("fieldset").querySelector(".agency-chosen") : null;
  const target = field
    ? null
    : single
      ? form.querySelector("input[name=agency]")
      : form.elements.value;
  const id = `agency-options-${++pickers}`;
  list.id = id;
  input.setAttribute("aria-controls", id);
  let options = [];
  let found = [];
  let active = -1;
  let timer = null;
  let asked = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const mark = (index) => {
    active = index;
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    }
  };
  const tick = (result) => {
    const value = String(result.id);
    let box = Array.from(chosen.querySelectorAll("input")).find((i) => i.value === value);
    if (!box) {
      const label = document.createElement("label");
      label.className = "choice";
      box = document.createElement("input");
      box.type = single ? "radio" : "checkbox";
      box.name = field;
      box.value = value;
      label.append(box, " ", result.label);
      chosen.append(label);
      chosen.querySelectorAll(".none-yet").forEach((line) => line.remove());
    }
    box.checked = true;
    box.closest("label").scrollIntoView({ block: "nearest" });
  };
  const choose = (result) => {
    const name = result.name;
    if (field) {
      tick(result);
    } else if (single) {
      target.value = name;
    } else {
      const lines = target.value.split("\n").map((line) => line.trim()).filter(Boolean);
      if (!lines.includes(name)) lines.push(name);
      target.value = lines.join("\n");
      target.rows = Math.max(3, lines.length + 1);
    }
    input.value = "";
    close();
    input.focus();
  };
  const show = (results) => {
    list.replaceChildren();
    found = results;
    options = results.map((result, i) => {
      const option = document.createElement("li");
      option.id = `${id}-${i}`;
      option.setAttribute("role", "option");
      option.dataset.name = result.name;
      option.textContent = result.label;
      if (result.matched) {
        const also = document.createElement("span");
        also.className = "as-written";
        also.textContent = result.matched;
        option.append(also);
      }
      option.addEventListener("mousedown", (event) => event.preventDefault());
      option.addEventListener("click", () => choose(result));
      list.append(option);
      return option;
    });
    list.hidden = options.length === 0;
    input.setAttribute("aria-expanded", String(options.length > 0));
    mark(options.length ? 0 : -1);
  };
  const find = () => {
    const ask = ++asked;
    if (!input.value.trim()) return close();
    const url = new URL(pick.dataset.url, window.location.href);
    url.searchParams.set("q", input.value);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : { results: [] }))
      .then((data) => {
        if (ask === asked) show(data.results);
      })
      .catch(() => {});
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(find, 150);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      mark((active + 1) % options.length);
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      mark((active - 1 + options.length) % options.length);
    } else if (event.key === "Enter") {
      // Enter picks from the list; it never submits the form half-typed.
      event.preventDefault();
      if (active >= 0 && !list.hidden) choose(found[active]);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 150));
}

// Pickers in the page now; cell-edit.js sets up the one of each editor it opens.
document.querySelectorAll(".agency-pick").forEach(setUp);
window.setUpAgencyPick = setUp;
