"""Full dates as plans write them: ``ngày 18 tháng 5 năm 2020``, ``25/02/2025``, ``24/2/2025``.

A day that does not exist (``31/02/2025``) is no date. Numbers that only look like dates are
left alone: a document number carries a year but no day (``45/2025/NĐ-CP``).
"""

from __future__ import annotations

import contextlib
import datetime
import re

from theodoi.ingest.textnorm import normalize_text

_WORDS = re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})(?!\d)", re.IGNORECASE)
_FIGURES = re.compile(r"(?<![\d/.-])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/])")


def find_date_spans(text: str) -> list[tuple[int, int, datetime.date]]:
    """Every real date in ``text`` with where it is written, in order."""
    text = normalize_text(text)
    found: list[tuple[int, int, datetime.date]] = []
    for match in _WORDS.finditer(text):
        day, month, year = match.groups()
        _add(found, match, day, month, year)
    for match in _FIGURES.finditer(text):
        day, _, month, year = match.groups()
        _add(found, match, day, month, year)
    return sorted(found)


def _add(found: list[tuple[int, int, datetime.date]], match: re.Match[str], *parts: str) -> None:
    day, month, year = (int(p) for p in parts)
    with contextlib.suppress(ValueError):  # 31/02, 00/13: written, but not a day
        found.append((match.start(), match.end(), datetime.date(year, month, day)))


def find_dates(text: str) -> list[datetime.date]:
    """Every real date written in ``text``, in order of appearance."""
    return [date for _, _, date in find_date_spans(text)]


def parse_date(text: str) -> datetime.date | None:
    """The first real date written in ``text`` (``Quảng Ngãi, ngày 18 tháng 5 năm 2020``)."""
    dates = find_dates(text)
    return dates[0] if dates else None
