"""A task update with a value in every declared field (reporting.fields), and how each value
reads on a page: the tests that walk the declaration fill and look for these, so a field
added to the declaration is covered without touching them."""

from __future__ import annotations

import datetime

from theodoi.evaluation.status import TaskStatus
from theodoi.reporting.fields import UPDATE_FIELDS, Kind, UpdateContent, UpdateField

COMPLETED_ON = datetime.date(2026, 5, 15)
# One value per kind, together a report the rules accept (done, at 100 %, with its date).
_BY_KIND: dict[Kind, object] = {
    Kind.STATUS: "done_on_time",
    Kind.PERCENT: 100,
    Kind.DATE: COMPLETED_ON,
}


def sample(field: UpdateField) -> object:
    if field.kind is Kind.TEXT:
        # Distinct per field, so a page showing one field's text in another's place fails.
        return f"Nội dung thử của trường {field.name}: đã hoàn thành, có minh chứng"
    return _BY_KIND[field.kind]


EVERY_FIELD = UpdateContent(**{field.name: sample(field) for field in UPDATE_FIELDS})  # type: ignore[arg-type]


def shown(field: UpdateField) -> str:
    """The field's value of EVERY_FIELD as a page or a report writes it."""
    value = getattr(EVERY_FIELD, field.name)
    if field.kind is Kind.STATUS:
        return TaskStatus.from_code(value).label
    if field.kind is Kind.PERCENT:
        return f"{value}%"
    if field.kind is Kind.DATE:
        return value.strftime("%d/%m/%Y")
    return str(value)


def typed(field: UpdateField) -> str:
    """The field's value of EVERY_FIELD as a person types it in the form."""
    value = getattr(EVERY_FIELD, field.name)
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def in_cell(field: UpdateField) -> object:
    """The field's value of EVERY_FIELD as a reporter writes it in the workbook."""
    value = getattr(EVERY_FIELD, field.name)
    return TaskStatus.from_code(value).label if field.kind is Kind.STATUS else value
