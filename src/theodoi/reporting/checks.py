"""Checks on an indicator figure an agency reports, from the indicator's unit (issue 4).

A percentage share lies within 0-100, a count of bodies or people is a whole number that is
not negative, a rank is a positive whole number. A figure far from the last accepted one
(more than ``JUMP`` times it, or less than a ``JUMP``-th) is not refused but must be
confirmed: a typing slip (a percentage typed as a fraction, an extra zero) is the usual cause.

Plain Python; messages are Vietnamese and name the figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from theodoi.evaluation.wording import vn_number, vn_percent
from theodoi.ingest.fields.targets import NUMBER, parse_number
from theodoi.ingest.textnorm import normalize_text

JUMP = 3.0


class UnitKind(StrEnum):
    PERCENT = "percent"  # a share: % GRDP, % dân số, %
    RATE = "rate"  # a growth rate per period (%/năm): may be negative or above 100
    RANK = "rank"  # Thứ bậc, thứ hạng, or a "rank_top" target
    RATIO = "ratio"  # per head or per thousand: người/vạn dân
    MEASURE = "measure"  # a physical or money quantity, or an index: Tbps, tỷ đồng, HDI
    COUNT = "count"  # bodies, people, projects: Doanh nghiệp, Tổ chức, đô thị
    ANY = "any"  # no unit written: only a number is asked for


_MEASURE_WORDS = re.compile(
    r"\b(chỉ số|điểm|đồng|usd|tỷ|triệu|km|ha|tấn|kwh|mw|gb|tb|mbps|gbps|tbps|năm|giờ|ngày|lần)\b"
    r"|\bbps\b",
    re.IGNORECASE,
)
_RANK_WORDS = re.compile(r"\b(thứ bậc|thứ hạng|xếp hạng|hạng)\b", re.IGNORECASE)
_FIGURE = re.compile(rf"[+-]?\s*{NUMBER}\s*%?")


def unit_kind(unit: str | None, comparator: str = "") -> UnitKind:
    """What sort of figure an indicator with this unit (and target comparator) takes."""
    text = normalize_text(unit or "").strip().lower()
    if comparator == "rank_top" or _RANK_WORDS.search(text):
        return UnitKind.RANK
    if text.startswith("%"):
        return UnitKind.RATE if "/" in text else UnitKind.PERCENT
    if not text:
        return UnitKind.ANY
    if "/" in text:
        return UnitKind.RATIO
    if _MEASURE_WORDS.search(text):
        return UnitKind.MEASURE
    return UnitKind.COUNT


def read_figure(text: str) -> float | None:
    """A figure as typed in Vietnamese style (``1.234,5``, ``85 %``, ``-2,5``); None when the
    text is not one number alone."""
    raw = normalize_text(text).strip()
    if not _FIGURE.fullmatch(raw):
        return None
    number = parse_number(raw)
    if number is None:
        return None
    return -number if raw.lstrip().startswith("-") else number


@dataclass(frozen=True)
class FigureCheck:
    """``errors`` refuse the figure; ``confirm`` asks the reporter to confirm it."""

    errors: tuple[str, ...] = field(default=())
    confirm: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.errors


def check_figure(
    value: float,
    *,
    unit: str | None,
    comparator: str = "",
    previous: float | None = None,
) -> FigureCheck:
    """Check ``value`` against the indicator's unit and the last figure it had."""
    value = float(value)
    kind = unit_kind(unit, comparator)
    shown = vn_number(value, 4)
    errors: list[str] = []
    if kind == UnitKind.PERCENT and not 0 <= value <= 100:
        errors.append(f"Tỷ lệ phần trăm phải từ 0 đến 100; {shown}% nằm ngoài khoảng đó.")
    elif kind == UnitKind.COUNT and (value < 0 or not value.is_integer()):
        errors.append(
            f"Số lượng ({unit}) phải là số nguyên không âm; {shown} không phải số nguyên không âm."
        )
    elif kind == UnitKind.RANK and (value < 1 or not value.is_integer()):
        errors.append(f"Thứ hạng phải là số nguyên dương (1, 2, 3...); {shown} không hợp lệ.")
    elif kind in (UnitKind.RATIO, UnitKind.MEASURE) and value < 0:
        errors.append(f"Giá trị ({unit}) không được âm; nhận {shown}.")
    if errors or previous is None:
        return FigureCheck(errors=tuple(errors))
    return FigureCheck(confirm=_jump(value, previous))


def _jump(value: float, previous: float) -> tuple[str, ...]:
    if previous == 0 or value == 0:
        # A ratio to or from zero means nothing: a first non-zero figure is not a slip.
        return ()
    ratio = value / previous
    if JUMP >= ratio >= 1 / JUMP:
        return ()
    change = f"gấp {vn_number(ratio)} lần" if ratio > 1 else f"chỉ bằng {vn_percent(ratio)}"
    return (
        f"Giá trị {vn_number(value, 4)} chênh lệch lớn so với lần báo cáo trước "
        f"({vn_number(previous, 4)}): {change}. Vui lòng kiểm tra và xác nhận.",
    )
