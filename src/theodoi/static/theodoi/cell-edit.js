// Inline correction of the import preview's cells. Without JavaScript each "Edit" link opens
// the same form on a page of its own; with it, the form opens in the cell itself.
"use strict";

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
  if (link.hasAttribute("data-list")) form.querySelector(".list-help").hidden = false;
  const cancel = () => {
    form.remove();
    link.hidden = false;
    link.focus();
  };
  form.querySelector(".cancel").addEventListener("click", cancel);
  form.addEventListener("keydown", (key) => {
    if (key.key === "Escape") cancel();
  });

  link.hidden = true;
  cell.append(form);
  box.focus();
});
