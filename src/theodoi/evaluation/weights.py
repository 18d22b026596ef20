"""A plan's scoring settings as a coordinator writes them, checked before anything is stored,
and how a ranking would move under them.

The settings are :class:`ScoreConfig`'s figures, declared once in :data:`SETTINGS` (name,
Vietnamese label, default, what kind of figure): the form, the model, the preview and the audit
entry read them from here. The rules a coordinator's figures must keep (DESIGN.md, "Agency
score"): the four components' points are not negative and add up to 100; a role's weight is
between 0 and 1; each band's lowest score is between 0 and 100 and lower than the band above.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from theodoi.evaluation.ranking import RankedAgency
from theodoi.evaluation.score import ScoreConfig
from theodoi.evaluation.wording import vn_number

TOTAL_POINTS = 100


class Kind(Enum):
    POINTS = "points"  # a component's points, the four add up to 100
    WEIGHT = "weight"  # a role's weight, 0 to 1
    BAND = "band"  # the lowest score of a band, 0 to 100, falling from the first band


@dataclass(frozen=True)
class Setting:
    name: str  # ScoreConfig's field
    label: str
    kind: Kind

    @property
    def default(self) -> float:
        return float(getattr(ScoreConfig(), self.name))


SETTINGS: tuple[Setting, ...] = (
    Setting("on_time", "Điểm hoàn thành đúng hạn các nhiệm vụ đến hạn", Kind.POINTS),
    Setting("progress", "Điểm tiến độ các nhiệm vụ đang thực hiện", Kind.POINTS),
    Setting("reporting", "Điểm báo cáo đúng hạn", Kind.POINTS),
    Setting("indicators", "Điểm tiến độ các chỉ tiêu", Kind.POINTS),
    Setting("lead_weight", "Trọng số nhiệm vụ chủ trì", Kind.WEIGHT),
    Setting("cooperating_weight", "Trọng số nhiệm vụ phối hợp", Kind.WEIGHT),
    Setting("excellent", "Điểm tối thiểu mức Xuất sắc", Kind.BAND),
    Setting("good", "Điểm tối thiểu mức Tốt", Kind.BAND),
    Setting("fair", "Điểm tối thiểu mức Khá", Kind.BAND),
    Setting("average", "Điểm tối thiểu mức Trung bình", Kind.BAND),
)
NAMES = tuple(s.name for s in SETTINGS)
LABELS = {s.name: s.label for s in SETTINGS}


def defaults() -> dict[str, float]:
    return {s.name: s.default for s in SETTINGS}


def settings_problems(values: Mapping[str, float | None]) -> dict[str, str]:
    """What is wrong with ``values``, by setting name (empty when nothing is): a missing or
    negative figure, a weight above 1, points that do not add up to 100, a band's minimum out
    of 0-100 or not lower than the band above. Each message names its field."""
    problems: dict[str, str] = {}
    for setting in SETTINGS:
        value = values.get(setting.name)
        label = setting.label
        if value is None:
            problems[setting.name] = f"{label}: chưa nhập."
        elif value < 0:
            problems[setting.name] = f"{label}: không được âm ({vn_number(value)})."
        elif setting.kind is Kind.WEIGHT and value > 1:
            problems[setting.name] = f"{label}: phải từ 0 đến 1 ({vn_number(value)})."
        elif setting.kind is not Kind.WEIGHT and value > TOTAL_POINTS:
            problems[setting.name] = f"{label}: phải từ 0 đến 100 ({vn_number(value)})."
    points = [s for s in SETTINGS if s.kind is Kind.POINTS]
    if not any(s.name in problems for s in points):
        total = sum(values[s.name] or 0 for s in points)
        if abs(total - TOTAL_POINTS) > 1e-9:
            problems[points[0].name] = (
                f"Tổng điểm của bốn thành phần phải bằng 100 (đang là {vn_number(total)}): "
                + ", ".join(s.label.lower() for s in points)
                + "."
            )
    bands = [s for s in SETTINGS if s.kind is Kind.BAND]
    for higher, lower in itertools.pairwise(bands):
        if higher.name in problems or lower.name in problems:
            continue
        high, low = values[higher.name] or 0, values[lower.name] or 0
        if low >= high:
            problems[lower.name] = (
                f"{lower.label} ({vn_number(low)}) phải thấp hơn "
                f"{higher.label.lower()} ({vn_number(high)})."
            )
    return problems


def config_of(values: Mapping[str, float]) -> ScoreConfig:
    """The configuration of settings that have no problem (``settings_problems`` empty)."""
    return ScoreConfig(**{name: float(values[name]) for name in NAMES})


def values_of(config: ScoreConfig) -> dict[str, float]:
    return {name: float(getattr(config, name)) for name in NAMES}


@dataclass(frozen=True)
class RankShift:
    """One agency's place now and under the proposed settings."""

    agency: str
    rank_before: int | None
    rank_after: int | None
    score_before: float | None
    score_after: float | None
    band_before: str | None
    band_after: str | None

    @property
    def moved(self) -> int | None:
        """Places gained (positive) or lost; None when either side is unranked."""
        if self.rank_before is None or self.rank_after is None:
            return None
        return self.rank_before - self.rank_after

    @property
    def movement(self) -> str:
        """In words: ``Lên 2 bậc``, ``Xuống 1 bậc``, ``Giữ nguyên``, ``Chưa xếp hạng``."""
        moved = self.moved
        if moved is None:
            if self.rank_after is None and self.rank_before is None:
                return "Chưa xếp hạng"
            return "Được xếp hạng" if self.rank_after is not None else "Không còn được xếp hạng"
        if moved > 0:
            return f"Lên {moved} bậc"
        if moved < 0:
            return f"Xuống {-moved} bậc"
        return "Giữ nguyên"


def compare_rankings(
    before: Iterable[RankedAgency], after: Iterable[RankedAgency]
) -> tuple[RankShift, ...]:
    """Each agency's shift from ``before`` to ``after`` (two rankings of the same agencies), in
    the order of ``after``; an agency in only one of them is unranked in the other."""
    previous = {r.score.agency: r for r in before}
    shifts = []
    for now in after:
        then = previous.pop(now.score.agency, None)
        shifts.append(_shift(now.score.agency, then, now))
    shifts.extend(_shift(name, then, None) for name, then in previous.items())
    return tuple(shifts)


def _shift(agency: str, then: RankedAgency | None, now: RankedAgency | None) -> RankShift:
    return RankShift(
        agency=agency,
        rank_before=then.rank if then else None,
        rank_after=now.rank if now else None,
        score_before=then.score.score if then else None,
        score_after=now.score.score if now else None,
        band_before=then.score.band.label if then and then.score.band else None,
        band_after=now.score.band.label if now and now.score.band else None,
    )
