"""Indicator progress by the Open SDG / Statistics Canada method (DESIGN.md, "Indicator
progress"; open-sdg's docs/progress-methodology.md).

With baseline y0 at t0, latest value y at t and target y* at T (31/12 of the target year), time
in years (fractional, from dates):

    g = (y / y0) ^ (1 / (t - t0)) - 1        observed growth per year
    r = (y* / y0) ^ (1 / (T - t0)) - 1       growth per year needed to reach the target on time
    R = d * g / |r|                          d = +1 when the target asks for an increase, -1 when
                                             it asks for a decrease

``d * g / |r|`` equals ``g / r`` whenever the target lies in its own direction from the baseline;
it differs only when the baseline already met the target and the indicator then fell back, where
``g / r`` would call a fall "on track" and Statistics Canada's form calls it a deterioration.
A zero (baseline, value or target) becomes 0.001 so the ratios exist.
"""

from __future__ import annotations

import calendar
import datetime
import math
from dataclasses import dataclass
from enum import Enum

from theodoi.evaluation.colour import Colour, Judgement
from theodoi.evaluation.errors import EvaluationInputError
from theodoi.evaluation.wording import vn_date, vn_number, vn_percent
from theodoi.ingest.plan import TargetOp

ZERO_STANDIN = 0.001
ON_TRACK_RATIO = 0.95
MODERATE_RATIO = 0.6
_OPS: frozenset[str] = frozenset((">=", ">", "<=", "<", "=", "range", "rank_top"))


class ProgressBand(Judgement):
    """Where an indicator stands against its target."""

    ACHIEVED = ("achieved", "Đạt", Colour.GREEN, "Giá trị mới nhất đã đạt mục tiêu.")
    ON_TRACK = (
        "on_track",
        "Đúng lộ trình",
        Colour.GREEN,
        "R ≥ 0,95: giữ tốc độ hiện nay thì đạt mục tiêu đúng hạn.",
    )
    MODERATE = (
        "moderate",
        "Tiến bộ vừa",
        Colour.YELLOW,
        "0,6 ≤ R < 0,95: có tiến bộ nhưng cần tăng tốc.",
    )
    SLOW = ("slow", "Tiến bộ chậm", Colour.RED, "0 ≤ R < 0,6: tiến bộ quá chậm để kịp hạn.")
    DETERIORATING = ("deteriorating", "Đi xuống", Colour.RED, "R < 0: đi ngược hướng mục tiêu.")
    INSUFFICIENT_DATA = (
        "insufficient_data",
        "Chưa đủ dữ liệu",
        Colour.GREY,
        "Cần giá trị gốc và ít nhất một giá trị sau đó.",
    )
    NOT_MEASURABLE = (
        "not_measurable",
        "Không đánh giá được",
        Colour.GREY,
        "Mục tiêu không có con số, hoặc số liệu không dùng được phương pháp này.",
    )


class Direction(Enum):
    INCREASE = (1, "tăng")
    DECREASE = (-1, "giảm")

    def __init__(self, sign: int, label: str) -> None:
        self.sign = sign
        self.label = label


@dataclass(frozen=True)
class Observation:
    """One value of an indicator and the day it refers to."""

    value: float
    on: datetime.date


@dataclass(frozen=True)
class Target:
    """An indicator's target as in Plan JSON: ``op`` None when it is words only."""

    op: TargetOp | None
    value: float | None
    year: int
    value_max: float | None = None  # op "range"
    text: str | None = None

    def __post_init__(self) -> None:
        if self.op is None:
            return
        if self.op not in _OPS:
            raise EvaluationInputError(f"Phép so sánh của mục tiêu không hợp lệ: {self.op!r}.")
        if self.value is None:
            raise EvaluationInputError(f"Mục tiêu {self.op} thiếu giá trị.")
        if self.op == "range" and (self.value_max is None or self.value_max < self.value):
            raise EvaluationInputError(
                "Mục tiêu dạng khoảng cần giá trị tối đa không nhỏ hơn giá trị tối thiểu."
            )
        if self.op == "rank_top" and self.value < 1:
            raise EvaluationInputError("Mục tiêu xếp hạng phải là một thứ hạng từ 1 trở lên.")

    @property
    def on(self) -> datetime.date:
        return datetime.date(self.year, 12, 31)

    def met_by(self, value: float, direction: Direction) -> bool:
        """Whether ``value`` meets the target; ``=`` targets count as met once reached."""
        assert self.value is not None
        goal = self.value
        match self.op:
            case ">=":
                return value >= goal
            case ">":
                return value > goal
            case "<=" | "rank_top":
                return value <= goal
            case "<":
                return value < goal
            case "range":
                assert self.value_max is not None
                return goal <= value <= self.value_max
            case _:  # "=": a plan's "đạt 90%" is reached from below (or from above)
                return value >= goal if direction is Direction.INCREASE else value <= goal


@dataclass(frozen=True)
class IndicatorSeries:
    """An indicator's target, its baseline and the values reported since.

    Without a baseline the earliest value serves as one.
    """

    target: Target
    values: tuple[Observation, ...] = ()
    baseline: Observation | None = None


@dataclass(frozen=True)
class IndicatorProgress:
    """The band and every figure it came from (None where the method stopped before it).

    baseline_value/baseline_on are y0/t0, latest_value/latest_on y/t, target_value/target_on
    y*/T; years_elapsed is t - t0, years_to_target T - t0; observed_growth g, required_growth
    r, ratio R. Values are as reported: the 0.001 stand-in for a zero is used only inside g, r.
    """

    band: ProgressBand
    direction: Direction | None
    baseline_value: float | None
    baseline_on: datetime.date | None
    latest_value: float | None
    latest_on: datetime.date | None
    target_value: float | None
    target_on: datetime.date
    years_elapsed: float | None
    years_to_target: float | None
    observed_growth: float | None
    required_growth: float | None
    ratio: float | None
    why: str


def indicator_progress(series: IndicatorSeries) -> IndicatorProgress:
    """Judge an indicator's progress towards its target."""
    target = series.target
    baseline, latest = _baseline_and_latest(series)
    if target.op is None or target.value is None:
        words = f" ({target.text})" if target.text else ""
        why = f"Mục tiêu chỉ bằng lời{words}: không có con số để tính tiến độ."
        return _result(series, ProgressBand.NOT_MEASURABLE, None, baseline, latest, None, why)
    if baseline is None:
        why = "Chưa có giá trị nào của chỉ tiêu."
        return _result(series, ProgressBand.INSUFFICIENT_DATA, None, None, None, None, why)
    direction, goal = _direction_and_goal(target, baseline.value)
    band, why, growth = _against_goal(target, direction, goal, baseline, latest)
    return _result(series, band, direction, baseline, latest, goal, why, growth=growth)


def _against_goal(
    target: Target,
    direction: Direction,
    goal: float,
    baseline: Observation,
    latest: Observation | None,
) -> tuple[ProgressBand, str, tuple[float, float, float | None] | None]:
    """The band of a figure target with a baseline, why, and the growth g, r, R when the method
    got as far as them."""
    current = latest or baseline
    if any(v < 0 for v in (baseline.value, current.value, goal)):
        why = "Có giá trị âm: phương pháp tốc độ tăng trưởng không áp dụng được."
        return ProgressBand.NOT_MEASURABLE, why, None
    if target.met_by(current.value, direction):
        why = (
            f"Giá trị {vn_number(current.value)} ngày {vn_date(current.on)} đã đạt mục tiêu "
            f"{_target_words(target)}."
        )
        return ProgressBand.ACHIEVED, why, None
    if latest is None:
        why = (
            f"Mới có một giá trị ({vn_number(baseline.value)} ngày {vn_date(baseline.on)}); "
            "cần ít nhất hai giá trị."
        )
        return ProgressBand.INSUFFICIENT_DATA, why, None
    years_to_target = _years(baseline.on, target.on)
    if years_to_target <= 0:
        why = f"Năm mục tiêu {target.year} không sau thời điểm gốc {vn_date(baseline.on)}."
        return ProgressBand.NOT_MEASURABLE, why, None

    y0, y, y_star = (_nonzero(v) for v in (baseline.value, latest.value, goal))
    observed = math.pow(y / y0, 1 / _years(baseline.on, latest.on)) - 1
    required = math.pow(y_star / y0, 1 / years_to_target) - 1
    toward = direction.sign * observed
    ratio = toward / abs(required) if required else None
    band = _band(ratio, toward)
    why = (
        f"Gốc {vn_number(baseline.value)} ({vn_date(baseline.on)}), mới nhất "
        f"{vn_number(latest.value)} ({vn_date(latest.on)}), mục tiêu {_target_words(target)} "
        f"năm {target.year}. Tăng trưởng thực tế g = {vn_percent(observed)}/năm, "
        f"cần r = {vn_percent(required)}/năm"
        + (f", R = {vn_number(ratio)}" if ratio is not None else "")
        + f": {band.label.lower()}."
    )
    if target.op == "range" and _beyond(target, latest.value, direction):
        why += " Giá trị đã vượt qua khoảng mục tiêu."
    return band, why, (observed, required, ratio)


def expected_value(series: IndicatorSeries, on: datetime.date) -> float | None:
    """The value the indicator should have at ``on`` to reach its target at the required
    growth r (the path drawn on charts); None when the target has no figure or no baseline."""
    path = _path_terms(series)
    if path is None:
        return None
    return _along(path, on)


def target_path(series: IndicatorSeries) -> tuple[Observation, ...]:
    """The path to the target for a chart: the baseline, each 31/12 after it, the target."""
    path = _path_terms(series)
    if path is None:
        return ()
    t0 = path[1]
    year_ends = (datetime.date(y, 12, 31) for y in range(t0.year, series.target.year + 1))
    days = sorted({t0, *(day for day in year_ends if day > t0)})
    return tuple(Observation(_along(path, day), day) for day in days)


def _along(path: tuple[float, datetime.date, float], day: datetime.date) -> float:
    y0, t0, required = path
    return y0 * math.pow(1 + required, _years(t0, day))


def _path_terms(series: IndicatorSeries) -> tuple[float, datetime.date, float] | None:
    target = series.target
    baseline, _ = _baseline_and_latest(series)
    if target.op is None or target.value is None or baseline is None:
        return None
    years_to_target = _years(baseline.on, target.on)
    _, goal = _direction_and_goal(target, baseline.value)
    if years_to_target <= 0 or baseline.value < 0 or goal < 0:
        return None
    y0 = _nonzero(baseline.value)
    required = math.pow(_nonzero(goal) / y0, 1 / years_to_target) - 1
    return y0, baseline.on, required


def _baseline_and_latest(
    series: IndicatorSeries,
) -> tuple[Observation | None, Observation | None]:
    values = sorted(series.values, key=lambda o: o.on)
    baseline = series.baseline or (values[0] if values else None)
    if baseline is None:
        return None, None
    later = [o for o in values if o.on > baseline.on]
    return baseline, (later[-1] if later else None)


def _direction_and_goal(target: Target, baseline: float) -> tuple[Direction, float]:
    """Which way the target asks the indicator to move, and the figure y* it aims at."""
    assert target.value is not None
    match target.op:
        case ">=" | ">":
            return Direction.INCREASE, target.value
        case "<=" | "<" | "rank_top":
            # A rank target is a decrease: 1st place is better than 20th.
            return Direction.DECREASE, target.value
        case "range":
            assert target.value_max is not None
            if baseline > target.value_max:
                return Direction.DECREASE, target.value_max
            return Direction.INCREASE, target.value
        case _:
            if target.value < baseline:
                return Direction.DECREASE, target.value
            return Direction.INCREASE, target.value


def _beyond(target: Target, value: float, direction: Direction) -> bool:
    """Whether a range target was overshot: passed its far bound in the direction of travel."""
    assert target.value is not None
    assert target.value_max is not None
    if direction is Direction.INCREASE:
        return value > target.value_max
    return value < target.value


def _band(ratio: float | None, toward: float) -> ProgressBand:
    if ratio is None:
        # The baseline sat exactly on the target figure (r = 0) yet the target is not met now:
        # any move away from it is a deterioration.
        return ProgressBand.DETERIORATING if toward < 0 else ProgressBand.SLOW
    if ratio >= ON_TRACK_RATIO:
        return ProgressBand.ON_TRACK
    if ratio >= MODERATE_RATIO:
        return ProgressBand.MODERATE
    if ratio >= 0:
        return ProgressBand.SLOW
    return ProgressBand.DETERIORATING


def _result(
    series: IndicatorSeries,
    band: ProgressBand,
    direction: Direction | None,
    baseline: Observation | None,
    latest: Observation | None,
    goal: float | None,
    why: str,
    *,
    growth: tuple[float, float, float | None] | None = None,
) -> IndicatorProgress:
    observed, required, ratio = growth or (None, None, None)
    return IndicatorProgress(
        band=band,
        direction=direction,
        baseline_value=baseline.value if baseline else None,
        baseline_on=baseline.on if baseline else None,
        latest_value=latest.value if latest else None,
        latest_on=latest.on if latest else None,
        target_value=goal,
        target_on=series.target.on,
        years_elapsed=_years(baseline.on, latest.on) if baseline and latest else None,
        years_to_target=_years(baseline.on, series.target.on) if baseline else None,
        observed_growth=observed,
        required_growth=required,
        ratio=ratio,
        why=why,
    )


def _target_words(target: Target) -> str:
    assert target.value is not None
    match target.op:
        case "range":
            assert target.value_max is not None
            return f"từ {vn_number(target.value)} đến {vn_number(target.value_max)}"
        case "rank_top":
            return f"thuộc nhóm {vn_number(target.value)} dẫn đầu"
        case ">=":
            return f"≥ {vn_number(target.value)}"
        case "<=":
            return f"≤ {vn_number(target.value)}"
        case "=":
            return vn_number(target.value)
        case _:
            return f"{target.op} {vn_number(target.value)}"


def _nonzero(value: float) -> float:
    return value or ZERO_STANDIN


def _years(start: datetime.date, end: datetime.date) -> float:
    return _decimal_year(end) - _decimal_year(start)


def _decimal_year(day: datetime.date) -> float:
    """The year and the share of it elapsed by the end of ``day``: 31/12/2025 is 2026.0, so
    two year-ends are a whole number of years apart, as a reader counting years expects."""
    days_in_year = 366 if calendar.isleap(day.year) else 365
    return day.year + day.timetuple().tm_yday / days_in_year
