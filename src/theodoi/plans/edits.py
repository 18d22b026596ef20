"""The coordinator's corrections of an import, kept as records that can be replayed.

A record says what was done (``op`` and its parameters), to which rows, and the entries or
values before and after. Rows are named by an anchor, their code and words as they were when
the correction was made, with the row's index as a hint: a new version of the document may
add or remove rows above it, and its entries are found again by what they say. Replaying the
records of a plan on a new version's extraction keeps every correction that still applies;
one whose rows or value the new document changed is set aside, because the document then
says something new and the coordinator must look again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.utils.translation import gettext as _

from theodoi.ingest.textnorm import fold
from theodoi.plans.corrections import Correction, apply_correction, current_value, label
from theodoi.plans.errors import PlanError
from theodoi.plans.restructure import (
    AddEntry,
    DeleteEntry,
    MergeEntries,
    SplitEntry,
    TasksFromParagraphs,
    title_field,
)

Edit = Correction | AddEntry | DeleteEntry | SplitEntry | MergeEntries | TasksFromParagraphs
Record = dict[str, Any]

# Each kind of edit, its name in a record, and the fields that hold row indexes.
_KINDS: dict[str, tuple[type[Edit], tuple[str, ...]]] = {
    "cell": (Correction, ("row",)),
    "add": (AddEntry, ("after",)),
    "delete": (DeleteEntry, ("row",)),
    "split": (SplitEntry, ("row",)),
    "merge": (MergeEntries, ("row", "other")),
    "paragraphs": (TasksFromParagraphs, ()),
}
_NAMES = {kind: name for name, (kind, _fields) in _KINDS.items()}


def _table(edit: Edit) -> str:
    return getattr(edit, "table", "tasks")


def anchor(entry: dict[str, Any], table: str) -> dict[str, str]:
    return {"code": str(entry.get("code") or ""), "text": str(entry.get(title_field(table)) or "")}


def _same(entry: dict[str, Any], table: str, mark: dict[str, str], *, by_code: bool) -> bool:
    if fold(str(entry.get(title_field(table)) or "")) != fold(mark["text"]):
        return False
    return not by_code or fold(str(entry.get("code") or "")) == fold(mark["code"])


def locate(plan_json: dict[str, Any], table: str, mark: dict[str, str], hint: int) -> int | None:
    """The row an anchor names: same code and words, else same words (the document was
    renumbered); the nearest to ``hint`` when several match."""
    rows = plan_json.get(table) or []
    for by_code in (True, False):
        found = [i for i, e in enumerate(rows) if _same(e, table, mark, by_code=by_code)]
        if found:
            return min(found, key=lambda i: abs(i - hint))
    return None


def _has_text(plan_json: dict[str, Any], table: str, text: str) -> bool:
    key = title_field(table)
    return any(fold(str(e.get(key) or "")) == fold(text) for e in plan_json.get(table) or [])


def apply_edit(plan_json: dict[str, Any], edit: Edit) -> Record:
    """Apply one edit in place and return its record (without who and when)."""
    name = _NAMES[type(edit)]
    table = _table(edit)
    params = asdict(edit)
    if isinstance(edit, AddEntry):
        params["values"] = dict(edit.values)
    anchors: dict[str, dict[str, str]] = {}
    hints: dict[str, int] = {}
    rows = plan_json.get(table) or []
    for row_field in _KINDS[name][1]:
        index = params.pop(row_field)
        if index is None:
            continue
        if not 0 <= index < len(rows):
            raise PlanError(_("There is no row %(row)s.") % {"row": index + 1})
        anchors[row_field] = anchor(rows[index], table)
        hints[row_field] = index
    if isinstance(edit, Correction):
        before, after = apply_correction(plan_json, edit)
    else:
        before, after = edit.apply(plan_json)
    return {
        "op": name,
        **params,
        "anchors": anchors,
        "hints": hints,
        "before": before,
        "after": after,
    }


@dataclass(frozen=True)
class Replayed:
    applied: list[Record]
    set_aside: list[Record]


def _rebuilt(plan_json: dict[str, Any], record: Record) -> Edit | None:
    """The edit a record describes, on the rows its anchors name now; None when a row it
    needs is gone."""
    kind, row_fields = _KINDS[record["op"]]
    table = record.get("table", "tasks")
    params = {
        k: v
        for k, v in record.items()
        if k not in {"op", "anchors", "hints", "before", "after", "by", "at"}
    }
    for row_field in row_fields:
        mark = record["anchors"].get(row_field)
        if mark is None:
            params[row_field] = None
            continue
        found = locate(plan_json, table, mark, record["hints"][row_field])
        if found is None:
            if row_field == "after":  # the row it followed is gone: its group's end will do
                params[row_field] = None
                continue
            return None
        params[row_field] = found
    if "parts" in params:
        params["parts"] = tuple(params["parts"])
    if "texts" in params:
        # Paragraphs the new version already makes tasks of are not made twice.
        params["texts"] = tuple(t for t in params["texts"] if not _has_text(plan_json, table, t))
    return kind(**params)


def _moot(plan_json: dict[str, Any], record: Record, edit: Edit | None) -> bool:
    """The new document already says what the correction made it say."""
    table = record.get("table", "tasks")
    made = [e for e in record["after"] or [] if isinstance(e, dict)]
    if record["op"] == "delete":
        return edit is None
    if record["op"] in {"add", "paragraphs", "split", "merge"}:
        return bool(made) and all(_has_text(plan_json, table, e[title_field(table)]) for e in made)
    if isinstance(edit, Correction):
        return bool(current_value(plan_json, edit) == record["after"])
    return False


def replay(plan_json: dict[str, Any], records: list[Record]) -> Replayed:
    """Apply ``records`` in order to ``plan_json`` (in place). A correction the document now
    makes itself is dropped; one whose rows or value changed is set aside."""
    applied: list[Record] = []
    set_aside: list[Record] = []
    for record in records:
        edit = _rebuilt(plan_json, record)
        if _moot(plan_json, record, edit):
            continue
        if edit is None:
            set_aside.append(record)
            continue
        if isinstance(edit, Correction) and current_value(plan_json, edit) != record["before"]:
            set_aside.append(record)
            continue
        try:
            again = apply_edit(plan_json, edit)
        except PlanError:
            set_aside.append(record)
            continue
        applied.append({**again, "by": record.get("by"), "at": record.get("at")})
    return Replayed(applied, set_aside)


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("text") or "")
    return "" if value is None else str(value)


def _entry_words(record: Record, key: str = "row") -> str:
    mark = record["anchors"].get(key) or {}
    text = mark.get("text", "")
    short = text if len(text) <= 60 else text[:59] + "…"
    return f"{mark.get('code', '')} “{short}”".strip()


def describe(record: Record) -> str:
    """One line a coordinator reads in the list of corrections."""
    op = record["op"]
    table = record.get("table", "tasks")
    what = _("task") if table == "tasks" else _("indicator")
    if op == "cell":
        where = label(table, record["hints"].get("row"), record["field"])
        return _("%(where)s: “%(before)s” → “%(after)s”") % {
            "where": where,
            "before": _shown(record["before"]) or "—",
            "after": _shown(record["after"]) or "—",
        }
    if op in {"add", "paragraphs"}:
        made = record["after"] or []
        texts = ", ".join(f"{e.get('code')} “{e.get(title_field(table))}”" for e in made)
        return _("Added %(what)s %(texts)s") % {"what": what, "texts": texts}
    if op == "delete":
        return _("Deleted %(what)s %(entry)s") % {"what": what, "entry": _entry_words(record)}
    if op == "split":
        return _("Split %(what)s %(entry)s into %(count)s") % {
            "what": what,
            "entry": _entry_words(record),
            "count": len(record["after"] or []),
        }
    return _("Merged %(what)s %(entry)s with %(other)s") % {
        "what": what,
        "entry": _entry_words(record),
        "other": _entry_words(record, "other"),
    }
