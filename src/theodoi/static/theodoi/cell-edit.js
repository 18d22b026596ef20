// Inline correction of the import preview's cells. Without JavaScript each "Edit" link opens
// the same form on a page of its own; with it, the form opens in the cell itself. A time
// shows how the server's time parser reads it while it is typed; an agency list gets the
// searchable list of organisations (agency-pick.js).
"use strict";

function liveReading(form, box) {
  const reading = form.querySelector(".reading");
  reading.hidden = false;
  let timer = null;
  let asked = 0;
  const read = () => {
    const ask = ++asked;
    const url = new URL(reading.dataset.url, window.location.href);
    url.searchParams.set("text", box.value);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (data && ask === asked) reading.textContent = data.reading;
      })
      .catch(() => {});
  };
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(read, 250);
  });
  read();
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a.cell-edit");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  const template = document.getElementById("cell-editor");
  if (!template) return;
  event.preventDefault();

  const cell = link.closest("td");
  const query = new URL(link.href).searchParams;
  const form = template.content.firstElementChild.cloneNode(true);
  for (const name of ["table", "row", "field"]) {
    form.elements[name].value = query.get(name) || "";
  }
  const lines = Array.from(cell.querySelectorAll(".line"), (line) => line.textContent);
  const box = form.elements.value;
  box.value = lines.join("\n");
  box.rows = Math.max(3, lines.length + 1);
  box.setAttribute("aria-label", link.querySelector(".visually-hidden").textContent.trim());
  const pick = form.querySelector(".agency-pick");
  if (link.hasAttribute("data-list")) {
    form.querySelector(".list-help").hidden = false;
  } else {
    pick.remove();
  }
  const cancel = () => {
    form.remove();
    link.hidden = false;
    link.focus();
  };
  form.querySelector(".cancel").addEventListener("click", cancel);
  form.addEventListener("keydown", (key) => {
    if (key.key === "Escape" && !key.defaultPrevented) cancel();
  });

  link.hidden = true;
  cell.append(form);
  if (link.hasAttribute("data-time")) liveReading(form, box);
  if (link.hasAttribute("data-list") && window.setUpAgencyPick) {
    window.setUpAgencyPick(pick);
    pick.querySelector("input").focus();
  } else {
    box.focus();
  }
});
