"""Changes to the rows of an import preview beyond one cell: add a task or an indicator,
delete, split or merge rows, make tasks from paragraphs of prose. Each works on Plan JSON in
place and returns the entries before and after, for the record of the correction.

A new row is marked doubtful where it still lacks what makes it reportable (a lead, a time),
so the coordinator sees what is left to fill in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from django.utils.translation import gettext as _

from theodoi.ingest.extract.tasks import task_from_paragraph
from theodoi.ingest.fields.targets import parse_target
from theodoi.ingest.fields.times import parse_due
from theodoi.ingest.textnorm import fold
from theodoi.plans.errors import PlanError

TABLES = ("tasks", "indicators")
Entries = list[dict[str, Any]]


def title_field(table: str) -> str:
    return "title" if table == "tasks" else "name"


def _rows(plan_json: dict[str, Any], table: str) -> Entries:
    if table not in TABLES:
        raise PlanError(_("Unknown table “%(table)s”.") % {"table": table})
    rows: Entries = plan_json.setdefault(table, [])
    return rows


def _row(rows: Entries, index: int) -> dict[str, Any]:
    if not 0 <= index < len(rows):
        raise PlanError(_("There is no row %(row)s.") % {"row": index + 1})
    return rows[index]


def _copy(entry: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.copy() if isinstance(v, dict | list) else v) for k, v in entry.items()}


def free_code(code: str, taken: set[str]) -> str:
    """``code`` if no entry has it, else the first of ``codeb``, ``codec``… that is free."""
    if code not in taken:
        return code
    for letter in "bcdefghijklmnopqrstuvwxyz":
        if code + letter not in taken:
            return code + letter
    raise PlanError(_("Too many rows share the code “%(code)s”.") % {"code": code})


_LAST_NUMBER = re.compile(r"(\d+)$")


def next_code(plan_json: dict[str, Any], table: str, group: str | None) -> str:
    """The code after the last one of the group (``II.3.4`` -> ``II.3.5``), or the group's
    code with a first number, or the next number of the table."""
    rows = _rows(plan_json, table)
    taken = {str(r.get("code") or "") for r in rows}
    siblings = [r for r in rows if table != "tasks" or r.get("group") == group]
    if siblings:
        last = str(siblings[-1].get("code") or "")
        match = _LAST_NUMBER.search(last)
        if match:
            head, number = last[: match.start()], int(match.group(1))
            while f"{head}{number}" in taken:
                number += 1
            return f"{head}{number}"
        return free_code(last, taken)
    head = f"{group}." if group else ""
    number = 1
    while f"{head}{number}" in taken:
        number += 1
    return f"{head}{number}"


def _groups(plan_json: dict[str, Any]) -> set[str]:
    return {str(g.get("code")) for g in plan_json.get("groups") or []}


def _blank_task(code: str, group: str | None, title: str, due_text: str) -> dict[str, Any]:
    due = parse_due(due_text or None).to_dict()
    task: dict[str, Any] = {
        "code": code,
        "group": group,
        "title": title,
        "lead": [],
        "cooperating": [],
        "expected_output": None,
        "due": due,
    }
    _mark_missing(task, "tasks")
    return task


def _mark_missing(entry: dict[str, Any], table: str) -> None:
    """What a row made by hand still needs, as the doubts the preview highlights."""
    doubts: dict[str, str] = {}
    if table == "tasks":
        if not entry.get("lead"):
            doubts["lead"] = _("No lead agency yet: choose one.")
        if (entry.get("due") or {}).get("kind") == "unspecified":
            doubts["due"] = _("No time yet: type it as the document writes it.")
    else:
        if not entry.get("agencies"):
            doubts["agencies"] = _("No responsible agency yet: choose one.")
        if entry.get("year") is None:
            doubts["year"] = _("No year yet.")
    if doubts:
        entry["doubts"] = {**(entry.get("doubts") or {}), **doubts}


def typed_target(text: str, unit: str | None) -> dict[str, Any]:
    """A target as written and as read (its comparator and figures), as extraction does."""
    text = " ".join(text.split())
    if not text:
        return {"text": None, "op": None, "value": None, "value_max": None}
    return {**asdict(parse_target(text, unit=unit)), "text": text}


def _required(text: str, what: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise PlanError(_("%(what)s must not be empty.") % {"what": what})
    return cleaned


@dataclass(frozen=True)
class AddEntry:
    """A task (``title``, ``group``, ``due.text``) or an indicator (``name``, ``unit``,
    ``target.text``) the extractor missed, as typed; ``code`` is proposed when left empty.
    ``after`` is the row it follows; None puts a task at the end of its group."""

    table: str
    values: Mapping[str, str]
    after: int | None = None

    def apply(self, plan_json: dict[str, Any]) -> tuple[Entries, Entries]:
        rows = _rows(plan_json, self.table)
        typed = {k: (v or "").strip() for k, v in self.values.items()}
        group = typed.get("group") or None
        if self.table == "tasks" and group is not None and group not in _groups(plan_json):
            raise PlanError(_("There is no group “%(group)s”.") % {"group": group})
        taken = {str(r.get("code") or "") for r in rows}
        code = typed.get("code") or next_code(plan_json, self.table, group)
        code = free_code(code, taken)
        if self.table == "tasks":
            title = _required(typed.get("title", ""), _("The task"))
            entry = _blank_task(code, group, title, typed.get("due.text", ""))
        else:
            name = _required(typed.get("name", ""), _("The indicator"))
            entry = {
                "code": code,
                "name": name,
                "unit": typed.get("unit") or None,
                "target": typed_target(typed.get("target.text", ""), typed.get("unit")),
                "year": None,
                "agencies": [],
            }
            _mark_missing(entry, "indicators")
        at = self._position(rows, group)
        rows.insert(at, entry)
        return [], [_copy(entry)]

    def _position(self, rows: Entries, group: str | None) -> int:
        if self.after is not None:
            _row(rows, self.after)
            return self.after + 1
        if self.table == "tasks":
            in_group = [i for i, r in enumerate(rows) if r.get("group") == group]
            if in_group:
                return in_group[-1] + 1
        return len(rows)


@dataclass(frozen=True)
class DeleteEntry:
    """A row that is not a task or an indicator (a heading, a sentence of the purpose)."""

    table: str
    row: int

    def apply(self, plan_json: dict[str, Any]) -> tuple[Entries, Entries]:
        rows = _rows(plan_json, self.table)
        _row(rows, self.row)
        return [rows.pop(self.row)], []


@dataclass(frozen=True)
class SplitEntry:
    """One row that holds several tasks (or indicators): each part becomes a row with the
    same agencies and time; the first keeps the code, the others take ``codeb``, ``codec``."""

    table: str
    row: int
    parts: tuple[str, ...]

    def apply(self, plan_json: dict[str, Any]) -> tuple[Entries, Entries]:
        rows = _rows(plan_json, self.table)
        original = _row(rows, self.row)
        parts = [" ".join(p.split()) for p in self.parts if p.strip()]
        if len(parts) < 2:
            raise PlanError(_("Write each part on its own line: at least two parts to split."))
        key = title_field(self.table)
        taken = {str(r.get("code") or "") for r in rows}
        made = []
        for n, part in enumerate(parts):
            entry = _copy(original)
            entry[key] = part
            if n:
                entry["code"] = free_code(str(original.get("code") or ""), taken)
                taken.add(entry["code"])
            doubts = entry.get("doubts") or {}
            doubts.pop(key, None)
            if not doubts:
                entry.pop("doubts", None)
            made.append(entry)
        rows[self.row : self.row + 1] = made
        return [_copy(original)], [_copy(e) for e in made]


def _union(*lists: list[str], without: Sequence[str] = ()) -> list[str]:
    seen = {fold(name) for name in without}
    out: list[str] = []
    for names in lists:
        for name in names:
            if fold(name) not in seen:
                seen.add(fold(name))
                out.append(name)
    return out


@dataclass(frozen=True)
class MergeEntries:
    """Two rows that are one task (a task the reader cut in two): the second's words join
    the first's, their agencies are put together, the first time written is kept."""

    table: str
    row: int
    other: int

    def apply(self, plan_json: dict[str, Any]) -> tuple[Entries, Entries]:
        rows = _rows(plan_json, self.table)
        if self.row == self.other:
            raise PlanError(_("Choose two different rows to merge."))
        first, second = sorted((self.row, self.other))
        a, b = _row(rows, first), _row(rows, second)
        merged = _copy(a)
        key = title_field(self.table)
        merged[key] = f"{a.get(key) or ''} {b.get(key) or ''}".strip()
        if self.table == "tasks":
            merged["lead"] = _union(a.get("lead") or [], b.get("lead") or [])
            merged["cooperating"] = _union(
                a.get("cooperating") or [], b.get("cooperating") or [], without=merged["lead"]
            )
            outputs = [o for o in (a.get("expected_output"), b.get("expected_output")) if o]
            merged["expected_output"] = "; ".join(outputs) or None
            if not (a.get("due") or {}).get("text") and (b.get("due") or {}).get("text"):
                merged["due"] = dict(b["due"])
        else:
            merged["agencies"] = _union(a.get("agencies") or [], b.get("agencies") or [])
            for name in ("unit", "year"):
                if merged.get(name) is None:
                    merged[name] = b.get(name)
            if not (a.get("target") or {}).get("text"):
                merged["target"] = dict(b.get("target") or {})
        doubts = {**(b.get("doubts") or {}), **(a.get("doubts") or {})}
        doubts.pop(key, None)
        if doubts:
            merged["doubts"] = doubts
        else:
            merged.pop("doubts", None)
        rows[first] = merged
        del rows[second]
        return [_copy(a), _copy(b)], [_copy(merged)]


def merges_of(plan_json: dict[str, Any], table: str, rows: Sequence[int]) -> list[MergeEntries]:
    """The selected rows (of one group, for tasks) made one, as the merges that do it: each
    next row into the first, in document order, so each is kept as the correction it is."""
    chosen = sorted(set(rows))
    if len(chosen) < 2:
        raise PlanError(_("Choose at least two rows to merge."))
    entries = _rows(plan_json, table)
    for index in chosen:
        _row(entries, index)
    if table == "tasks" and len({entries[i].get("group") for i in chosen}) > 1:
        raise PlanError(_("Only rows of one group can be merged: move them into one group first."))
    first = chosen[0]
    # Each merge removes a row above the next one chosen: it moves up by one.
    return [MergeEntries(table, first, index - n) for n, index in enumerate(chosen[1:])]


@dataclass(frozen=True)
class TasksFromParagraphs:
    """Paragraphs of a tasks part written as prose, each made a task of ``group`` (created
    with ``group_title`` when the plan has no such group yet)."""

    texts: tuple[str, ...]
    group: str | None = None
    group_title: str | None = None

    def apply(self, plan_json: dict[str, Any]) -> tuple[Entries, Entries]:
        texts = [" ".join(t.split()) for t in self.texts if t.strip()]
        if not texts:
            raise PlanError(_("Choose at least one paragraph to make a task of."))
        rows = _rows(plan_json, "tasks")
        group = self.group or None
        if group is not None and group not in _groups(plan_json):
            title = " ".join((self.group_title or "").split()) or group
            plan_json.setdefault("groups", []).append({"code": group, "title": title})
        made = []
        for text in texts:
            # Guessed as the extractor reads a bullet; what it cannot guess is marked.
            entry = task_from_paragraph(text, next_code(plan_json, "tasks", group), group).to_dict()
            _mark_missing(entry, "tasks")
            rows.insert(AddEntry("tasks", {})._position(rows, group), entry)
            made.append(_copy(entry))
        return [], made
