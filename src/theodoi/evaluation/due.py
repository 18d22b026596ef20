"""When a task's time falls due (DESIGN.md, "Times").

A year-only time falls due on 31/12 of that year, a month or a quarter on its last day, a range
on 31/12 of its last year; a conditional time waits for its condition (``sau khi có Quyết định
của Thủ tướng Chính phủ``) and, once the coordinator records the day it was met, falls due as its
other fields say. Recurring and unspecified times never fall due.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import get_args

from theodoi.evaluation.errors import EvaluationInputError
from theodoi.evaluation.wording import vn_date
from theodoi.ingest.plan import DueKind

_KINDS: frozenset[str] = frozenset(get_args(DueKind))
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_KIND_WORDS = {
    "year": "năm",
    "month": "tháng",
    "quarter": "quý",
    "range": "giai đoạn",
    "date": "ngày",
}


@dataclass(frozen=True)
class Due:
    """A task's time as parsed (the fields of Plan JSON's ``due``), plus the day its condition
    was met, which the coordinator records later."""

    kind: DueKind
    start_year: int | None = None
    end_year: int | None = None
    month: int | None = None
    quarter: int | None = None
    on: datetime.date | None = None  # kind "date", or the day set once a condition is met
    condition: str | None = None
    condition_met_on: datetime.date | None = None
    # The deadline the coordinator granted on a request to extend it (đề nghị gia hạn): the
    # task is judged on it, and the plan's own time is kept beside it.
    extended_on: datetime.date | None = None

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise EvaluationInputError(f"Loại thời hạn không hợp lệ: {self.kind!r}.")
        if self.month is not None and not 1 <= self.month <= 12:
            raise EvaluationInputError(f"Tháng của thời hạn phải từ 1 đến 12, nhận {self.month}.")
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise EvaluationInputError(f"Quý của thời hạn phải từ 1 đến 4, nhận {self.quarter}.")
        if (
            self.start_year is not None
            and self.end_year is not None
            and self.end_year < self.start_year
        ):
            raise EvaluationInputError(
                f"Năm kết thúc ({self.end_year}) trước năm bắt đầu ({self.start_year})."
            )
        year = self.end_year or self.start_year
        missing = (
            (self.kind in ("year", "range", "month", "quarter") and year is None)
            or (self.kind == "month" and self.month is None)
            or (self.kind == "quarter" and self.quarter is None)
            or (self.kind == "date" and self.on is None)
        )
        if missing:
            raise EvaluationInputError(
                f"Thời hạn theo {_KIND_WORDS[self.kind]} thiếu năm, tháng, quý hoặc ngày."
            )


@dataclass(frozen=True)
class DueDate:
    """The day a task falls due, or why it has none."""

    on: datetime.date | None
    waiting: bool  # a conditional time whose condition is not met yet
    why: str
    # The plan's own due day when an extension moved it to ``on``; None when not extended.
    original_on: datetime.date | None = None

    @property
    def extended(self) -> bool:
        return self.original_on is not None


def due_date(due: Due) -> DueDate:
    """The last day on which the task is still on time: the granted extension's day when
    there is one later than the plan's own (an extension never brings a deadline forward),
    else the plan's."""
    planned = _planned(due)
    extended = due.extended_on
    if extended is None or planned.on is None or extended <= planned.on:
        return planned
    return DueDate(
        extended,
        False,
        f"{planned.why} Đã gia hạn đến ngày {vn_date(extended)} "
        f"(hạn ban đầu {vn_date(planned.on)}).",
        original_on=planned.on,
    )


def _planned(due: Due) -> DueDate:
    if due.kind == "conditional":
        if due.condition_met_on is None:
            condition = due.condition or "điều kiện chưa ghi"
            return DueDate(None, True, f"Chờ điều kiện: {condition}.")
        met = f"Điều kiện đã đáp ứng ngày {vn_date(due.condition_met_on)}"
        after = _dated(due)
        if after is None:
            return DueDate(None, False, f"{met}; chưa ấn định thời hạn.")
        return DueDate(after.on, False, f"{met}; {_lower_first(after.why)}")
    if due.kind == "recurring":
        return DueDate(None, False, "Nhiệm vụ thường xuyên: đánh giá theo từng kỳ báo cáo.")
    if due.kind == "unspecified":
        return DueDate(None, False, "Văn bản không ghi thời hạn.")
    if due.kind == "range" and due.end_year is None:
        return DueDate(
            None, False, f"Từ năm {due.start_year} và những năm tiếp theo: không có hạn cuối."
        )
    dated = _dated(due)
    assert dated is not None  # __post_init__ guarantees the fields each dated kind needs
    return dated


def _dated(due: Due) -> DueDate | None:
    """The due day from the date/year/month/quarter fields, whatever the kind says."""
    year = due.end_year or due.start_year
    if due.on is not None:
        return DueDate(due.on, False, f"Hạn ngày {vn_date(due.on)}.")
    if year is None:
        return None
    if due.month is not None:
        last = datetime.date(year, due.month, calendar.monthrange(year, due.month)[1])
        return DueDate(last, False, f"Hạn tháng {due.month}/{year}: đến hết ngày {vn_date(last)}.")
    if due.quarter is not None:
        month = due.quarter * 3
        last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        return DueDate(
            last, False, f"Hạn quý {_ROMAN[due.quarter]}/{year}: đến hết ngày {vn_date(last)}."
        )
    last = datetime.date(year, 12, 31)
    if due.start_year is not None and due.start_year != year:
        return DueDate(
            last, False, f"Giai đoạn {due.start_year}-{year}: đến hết ngày {vn_date(last)}."
        )
    return DueDate(last, False, f"Hạn năm {year}: đến hết ngày {vn_date(last)}.")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
