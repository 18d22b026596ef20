"""The coordinator's corrections to an import preview: one cell at a time, converted from
what was typed and checked, with a Vietnamese message naming the row and the field."""

from __future__ import annotations

import datetime
import re
from dataclasses import asdict, dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from theodoi.ingest.fields.targets import parse_number, parse_target
from theodoi.ingest.fields.times import parse_due
from theodoi.plans.errors import PlanError
from theodoi.plans.models import Comparator, DueKind


@dataclass(frozen=True)
class Correction:
    """One cell of the preview changed: ``table`` is ``tasks``, ``indicators`` or
    ``document``; ``row`` the entry's index (None for ``document``); ``field`` a Plan JSON
    field, dotted for nested ones (``due.text``, ``target.value``); ``value`` as typed."""

    table: str
    row: int | None
    field: str
    value: str


_NUMERIC = re.compile(r"-?[\d.,]+")
_TEXT_FIELDS = {
    "document": {"number", "title", "issuer", "province", "signer", "issued_on"},
    "tasks": {"code", "group", "title", "expected_output", "due.text", "due.condition"},
    "indicators": {"code", "name", "unit", "target.text"},
}
_LIST_FIELDS = {"tasks": {"lead", "cooperating"}, "indicators": {"agencies"}}
_NUMBER_FIELDS = {"indicators": {"target.value", "target.value_max"}}
_YEAR_FIELDS = {"tasks": {"due.start_year", "due.end_year"}, "indicators": {"year"}}
_CHOICE_FIELDS = {
    ("tasks", "due.kind"): tuple(DueKind.values),
    ("indicators", "target.op"): tuple(Comparator.values),
}
_FIELD_LABELS = {
    "code": gettext_lazy("code"),
    "group": gettext_lazy("group"),
    "title": gettext_lazy("title"),
    "name": gettext_lazy("indicator name"),
    "expected_output": gettext_lazy("expected output"),
    "lead": gettext_lazy("lead agencies"),
    "cooperating": gettext_lazy("cooperating agencies"),
    "agencies": gettext_lazy("responsible agencies"),
    "unit": gettext_lazy("unit"),
    "year": gettext_lazy("year"),
    "due.text": gettext_lazy("time as written"),
    "due.kind": gettext_lazy("kind of time"),
    "due.start_year": gettext_lazy("start year"),
    "due.end_year": gettext_lazy("end year"),
    "due.condition": gettext_lazy("condition"),
    "target.text": gettext_lazy("target as written"),
    "target.op": gettext_lazy("comparator"),
    "target.value": gettext_lazy("target"),
    "target.value_max": gettext_lazy("target (upper bound)"),
    "number": gettext_lazy("number"),
    "issuer": gettext_lazy("issuer"),
    "province": gettext_lazy("province"),
    "signer": gettext_lazy("signer"),
    "issued_on": gettext_lazy("date of issue"),
}


def label(table: str, row: int | None, field: str) -> str:
    name = str(_FIELD_LABELS.get(field, field))
    if row is None:
        return name
    what = _("task") if table == "tasks" else _("indicator")
    return f"{what} {row + 1}, {name}"


def _converted(correction: Correction) -> Any:
    table, field, raw = correction.table, correction.field, correction.value.strip()
    where = label(table, correction.row, field)
    if field in _TEXT_FIELDS.get(table, set()):
        return _text(field, raw, where)
    if field in _LIST_FIELDS.get(table, set()):
        return [part.strip() for part in raw.replace("\n", ";").split(";") if part.strip()]
    if field in _YEAR_FIELDS.get(table, set()):
        return _number(raw, where, year=True)
    if field in _NUMBER_FIELDS.get(table, set()):
        return _number(raw, where, year=False)
    choices = _CHOICE_FIELDS.get((table, field))
    if choices is not None:
        if raw not in choices:
            raise PlanError(
                _("%(where)s: “%(value)s” is not one of %(choices)s.")
                % {"where": where, "value": raw, "choices": ", ".join(choices)}
            )
        return raw
    raise PlanError(_("%(where)s cannot be corrected here.") % {"where": where})


def _text(field: str, raw: str, where: str) -> str | None:
    if field == "issued_on" and raw:
        try:
            return datetime.date.fromisoformat(raw).isoformat()
        except ValueError as exc:
            raise PlanError(
                _("%(where)s: “%(value)s” is not a date (YYYY-MM-DD).")
                % {"where": where, "value": raw}
            ) from exc
    if not raw and field in {"code", "title", "name"}:
        raise PlanError(_("%(where)s: must not be empty.") % {"where": where})
    return raw or None


def _number(raw: str, where: str, *, year: bool) -> float | int | None:
    if not raw:
        return None
    # Typed the Vietnamese way (1.234,5) or the ISO way (1234.5); nothing else around it.
    number = parse_number(raw) if _NUMERIC.fullmatch(raw) else None
    if number is None:
        raise PlanError(
            _("%(where)s: “%(value)s” is not a number.") % {"where": where, "value": raw}
        )
    if not year:
        return number
    if not number.is_integer() or not 1945 <= number <= 2100:
        raise PlanError(_("%(where)s: “%(value)s” is not a year.") % {"where": where, "value": raw})
    return int(number)


def _entry(plan_json: dict[str, Any], correction: Correction) -> dict[str, Any]:
    if correction.table == "document":
        document: dict[str, Any] = plan_json.setdefault("document", {})
        return document
    rows = plan_json.get(correction.table)
    if not isinstance(rows, list) or correction.row is None:
        raise PlanError(_("Unknown table “%(table)s”.") % {"table": correction.table})
    if not 0 <= correction.row < len(rows):
        raise PlanError(_("There is no row %(row)s.") % {"row": correction.row + 1})
    entry: dict[str, Any] = rows[correction.row]
    return entry


def current_value(plan_json: dict[str, Any], correction: Correction) -> Any:
    """The value the cell a correction names holds now (None where there is none)."""
    value: Any = _entry(plan_json, correction)
    for part in correction.field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def apply_correction(plan_json: dict[str, Any], correction: Correction) -> tuple[Any, Any]:
    """Apply one correction in place; returns the value before and after."""
    target = _entry(plan_json, correction)
    value = _converted(correction)
    if correction.field == "group" and value is not None:
        groups = {str(g.get("code")) for g in plan_json.get("groups") or []}
        if value not in groups:
            raise PlanError(
                _("%(where)s: there is no group “%(group)s”.")
                % {"where": label(correction.table, correction.row, "group"), "group": value}
            )
    *parents, leaf = correction.field.split(".")
    holder = target
    for part in parents:
        holder = holder.setdefault(part, {})
    before = holder.get(leaf)
    holder[leaf] = value
    if correction.field == "due.text":
        # The time as written decides its parsed fields, as it does in extraction.
        target["due"] = parse_due(value).to_dict()
    if correction.field == "target.text":
        # Likewise the target as written decides its comparator and figures.
        parsed = asdict(parse_target(value, unit=target.get("unit")))
        target["target"] = {**parsed, "text": value}
    doubts = target.get("doubts")
    if isinstance(doubts, dict):
        doubts.pop(correction.field, None)
        doubts.pop(parents[0] if parents else leaf, None)
        if not doubts:
            target.pop("doubts")
    return before, value
