"""A plan's reporting schedule, read from the sentence of the plan that states it.

Plans say when agencies report in the "Tổ chức thực hiện" part, in one sentence:
seed 004 "định kỳ trước ngày 01/6 và 15/11 hàng năm ... báo cáo kết quả thực hiện",
03/NQ-CP "định kỳ 6 tháng báo cáo kết quả thực hiện ... trước ngày 15 tháng 6 và trước ngày
01 tháng 12". Fixed dates win over a period ("6 tháng") because they are what the focal agency
waits for. A sentence with neither ("định kỳ báo cáo UBND tỉnh", seed 003) sets no schedule.

The extractor puts what it reads into the Plan JSON (``schedule``), so publishing a plan sets
its schedule without reading the document again (``theodoi.reporting.importing``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any

from theodoi.ingest.textnorm import normalize_text

# A clause is what lies between full stops and semicolons; dates use "/" so they survive.
_CLAUSE_END = re.compile(r"[.;\n]")
_REPORT = re.compile(r"\bbáo cáo\b", re.IGNORECASE)
_PERIODIC = re.compile(r"\b(định kỳ|trước ngày|hằng|hàng)\b", re.IGNORECASE)
# 01/6, 1-6, 15 tháng 6 — but not 15/6/2025 or 66/KH-UBND: a dated one-off is no schedule.
_DAY_MONTH = re.compile(
    r"(?<![\d/])(\d{1,2})\s*(?:/|-|\s+tháng\s+)(\d{1,2})(?![\d/]|\s*năm\s+\d)", re.IGNORECASE
)
_DATES_CUE = re.compile(r"\bngày\b", re.IGNORECASE)
_EVERY_N_MONTHS = re.compile(r"\bđịnh kỳ\s+(\d{1,2})\s+tháng\b", re.IGNORECASE)
_EVERY_UNIT = re.compile(
    r"\b(?:định kỳ\s+(?:hằng|hàng)|(?:báo cáo)\s+(?:định kỳ\s+)?(?:hằng|hàng))\s+(năm|quý|tháng)\b"
    r"|\b(?:hằng|hàng)\s+(quý)\b",
    re.IGNORECASE,
)
_UNIT_MONTHS = {"năm": 12, "quý": 3, "tháng": 1}


@dataclass(frozen=True)
class Schedule:
    """Dates each year (``dates``: (day, month), in calendar order) or every ``every_months``
    months; ``text`` is the clause it was read from."""

    dates: tuple[tuple[int, int], ...] = ()
    every_months: int | None = None
    text: str = ""

    def __post_init__(self) -> None:
        if bool(self.dates) == (self.every_months is not None):
            raise ValueError("Lịch báo cáo phải có hoặc các ngày trong năm, hoặc số tháng.")
        for day, month in self.dates:
            if not _valid_day_month(day, month):
                raise ValueError(f"Ngày {day}/{month} không có trong năm.")
        if self.every_months is not None and not 1 <= self.every_months <= 12:
            raise ValueError(f"Chu kỳ báo cáo {self.every_months} tháng không hợp lệ.")

    def describe(self) -> str:
        """The schedule in the words a plan uses."""
        if self.dates:
            days = " và ".join(f"{day:02d}/{month}" for day, month in self.dates)
            return f"Trước ngày {days} hằng năm"
        return f"Định kỳ {self.every_months} tháng"


def _valid_day_month(day: int, month: int) -> bool:
    # 29/2 is refused: a yearly date must exist every year.
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2001, month)[1]


def _clauses(text: str) -> list[str]:
    flat = re.sub(r"\s+", " ", normalize_text(text).replace("\n", " ;"))
    return [c.strip() for c in _CLAUSE_END.split(flat) if c.strip()]


def _dates_in(clause: str) -> tuple[tuple[int, int], ...]:
    if not _DATES_CUE.search(clause):
        return ()
    found = {
        (int(day), int(month))
        for day, month in _DAY_MONTH.findall(clause)
        if _valid_day_month(int(day), int(month))
    }
    return tuple(sorted(found, key=lambda dm: (dm[1], dm[0])))


def _months_in(clause: str) -> int | None:
    match = _EVERY_N_MONTHS.search(clause)
    if match and 1 <= int(match.group(1)) <= 12:
        return int(match.group(1))
    match = _EVERY_UNIT.search(clause)
    if match:
        return _UNIT_MONTHS[(match.group(1) or match.group(2)).lower()]
    return None


def parse_schedule(text: str) -> Schedule | None:
    """The reporting schedule a plan's text states, or None when it states none.

    Only clauses that speak of reporting (``báo cáo``) periodically count; the first clause
    with yearly dates wins, else the first with a period."""
    by_period: Schedule | None = None
    for clause in _clauses(text):
        if not (_REPORT.search(clause) and _PERIODIC.search(clause)):
            continue
        dates = _dates_in(clause)
        if dates:
            return Schedule(dates=dates, text=clause)
        months = _months_in(clause)
        if months is not None and by_period is None:
            by_period = Schedule(every_months=months, text=clause)
    return by_period


def schedule_to_json(schedule: Schedule) -> dict[str, Any]:
    """The ``schedule`` of Plan JSON (schema/plan.schema.json)."""
    return {
        "dates": [{"day": day, "month": month} for day, month in schedule.dates],
        "every_months": schedule.every_months,
        "text": schedule.text,
    }


def schedule_from_json(data: dict[str, Any]) -> Schedule:
    """A schedule from Plan JSON; ValueError (in Vietnamese) for a date not in the year."""
    return Schedule(
        dates=tuple((entry["day"], entry["month"]) for entry in data.get("dates") or ()),
        every_months=data.get("every_months"),
        text=data.get("text") or "",
    )
