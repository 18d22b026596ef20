"""What one cell of a filled workbook holds: text, a date or a number, or why it is not."""

from __future__ import annotations

import datetime
from typing import Any

from theodoi.reporting.checks import read_figure

# What Excel and LibreOffice show, and save, in a cell whose formula fails.
FORMULA_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "Err:509", "Err:508"}
)


def formula_error(value: Any) -> bool:
    return isinstance(value, str) and value.strip() in FORMULA_ERRORS


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_date(value: Any) -> datetime.date | str | None:
    """A date cell: a date, None when blank, or the reason it is not a date."""
    if value is None or cell_text(value) == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.datetime.strptime(cell_text(value), "%d/%m/%Y").date()
    except ValueError:
        return f"“{cell_text(value)}” không phải ngày (dd/mm/yyyy)."


def cell_number(value: Any) -> float | str | None:
    if value is None or cell_text(value) == "":
        return None
    if isinstance(value, bool):
        return f"“{value}” không phải số."
    if isinstance(value, int | float):
        return float(value)
    figure = read_figure(cell_text(value))
    if figure is None:
        return f"“{cell_text(value)}” không phải số."
    return figure
