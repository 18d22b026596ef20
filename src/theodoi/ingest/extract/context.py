"""What a plan's own words say about the time its parts are for: the period its title
states (``năm 2026``, ``giai đoạn 2026 - 2030``, ``đến năm 2030``), which is the year of a
target whose text names none (extraction/SCHEMA.md), and its own date, before which none of
its deadlines can fall."""

from __future__ import annotations

import datetime
import re

from theodoi.ingest.fields.dates import find_date_spans
from theodoi.ingest.fields.times import parse_due
from theodoi.ingest.plan import Due, Task

# ``giai đoạn 2026 - 2030``, ``năm 2026``, ``đến năm 2030``, ``2026-2030``; a vision
# (``tầm nhìn đến năm 2045``) or an orientation lies past the plan's own period.
_PERIOD = re.compile(
    r"(?<!tầm nhìn )(?<!định hướng )(?<!định hướng đến )(?<!tầm nhìn đến )"
    r"\b(?:giai đoạn|năm|đến năm|đến|thời kỳ)\s+((?:19|20)\d\d)(?:\s*[-–]\s*((?:19|20)\d\d))?\b"
    r"|(?<![\d/])((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def _period(title: str | None) -> list[int]:
    """The years of the period a plan's title states (one, or its first and last)."""
    if not title:
        return []
    text = title
    for start, end, _ in reversed(find_date_spans(text)):  # ``ngày 22/12/2024`` is no period
        text = text[:start] + " " * (end - start) + text[end:]
    text = re.sub(r"\b\d+/(?:19|20)\d\d/\S+", " ", text)  # ``45/2025/NĐ-CP``
    match = _PERIOD.search(text)
    return [int(g) for g in match.groups() if g] if match else []


def period_end(title: str | None) -> int | None:
    """The last year of the period a plan's title states, or None."""
    return max(_period(title), default=None)


def date_in_own_year(tasks: list[Task], title: str | None) -> None:
    """Give the plan's year to each time written without one (``Tháng 3``, ``Quý II``) in a
    plan for one year (``… năm 2026``): a work programme's schedule names the month only.
    A plan over several years leaves such a time unplaced, as the reader cannot tell."""
    years = _period(title)
    if len(years) != 1:
        return
    for task in tasks:
        if task.due.kind != "unspecified" or not task.due.text:
            continue
        placed = parse_due(task.due.text, year=years[0])
        if placed.kind != "unspecified":
            task.due = placed
            task.doubts.pop("due", None)


def _last_day(due: Due) -> datetime.date | None:
    """The last day a parsed time allows, or None where it has none (recurring, open)."""
    if due.kind == "date" and due.date:
        return datetime.date.fromisoformat(due.date)
    if due.end_year is None:
        return None
    if due.kind == "month" and due.month:
        following = datetime.date(due.end_year + due.month // 12, due.month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)
    if due.kind == "quarter" and due.quarter:
        return _last_day(Due(kind="month", end_year=due.end_year, month=due.quarter * 3))
    if due.kind in ("year", "range"):
        return datetime.date(due.end_year, 12, 31)
    return None


def doubt_early_deadlines(tasks: list[Task], issued_on: str | None) -> None:
    """Mark each task whose deadline falls before the plan's own date: a plan does not set
    a time already past, so the date is likely a cited document's or a typing slip."""
    if not issued_on:
        return
    issued = datetime.date.fromisoformat(issued_on)
    for task in tasks:
        last = _last_day(task.due)
        if last is not None and last < issued:
            task.doubts.setdefault(
                "due",
                f"Thời hạn “{task.due.text}” đã qua trước ngày ban hành văn bản "
                f"({issued:%d/%m/%Y}); cần kiểm tra.",
            )
