"""An agency's score for a period (a round or a year) and its band (DESIGN.md, "Agency score").

Four components, each a weighted share between 0 and 1 times its points: on-time completion of
the tasks due (40), progress of the tasks in progress (20), reporting on time (20), indicator
progress (20). A task or indicator the agency leads (for an indicator: the agency responsible
for it) weighs 1.0, one it cooperates on 0.3. A component with nothing to judge in the period is
left out and the others are rescaled to 100, and the result says so. Every figure is
configurable per plan through :class:`ScoreConfig`.

An agency is scored only on what it was assigned and on what fell due in the period: a task due,
or a report (on a task or an indicator's figure) owed by a deadline. With nothing due it is not
ranked, whatever its indicators show: progress made by others, or not yet asked of it, is no
merit of its own to rank on. The result then says why.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from theodoi.evaluation.colour import Colour
from theodoi.evaluation.errors import EvaluationInputError
from theodoi.evaluation.progress import IndicatorProgress, ProgressBand
from theodoi.evaluation.status import TaskJudgement, TaskStatus
from theodoi.evaluation.wording import rounded, vn_date, vn_number, vn_percent


class Role(Enum):
    LEAD = ("lead", "Chủ trì")
    COOPERATING = ("cooperating", "Phối hợp")

    def __init__(self, code: str, label: str) -> None:
        self.code = code
        self.label = label


class Component(Enum):
    ON_TIME = ("on_time", "Hoàn thành đúng hạn các nhiệm vụ đến hạn")
    PROGRESS = ("progress", "Tiến độ các nhiệm vụ đang thực hiện")
    REPORTING = ("reporting", "Báo cáo đúng hạn")
    INDICATORS = ("indicators", "Tiến độ các chỉ tiêu")

    def __init__(self, code: str, label: str) -> None:
        self.code = code
        self.label = label


class ScoreBand(Enum):
    """Bands from the highest; a score belongs to the first whose ``minimum`` it reaches."""

    EXCELLENT = ("excellent", "Xuất sắc", 90, Colour.GREEN)
    GOOD = ("good", "Tốt", 80, Colour.GREEN)
    FAIR = ("fair", "Khá", 70, Colour.YELLOW)
    AVERAGE = ("average", "Trung bình", 50, Colour.YELLOW)
    WEAK = ("weak", "Yếu", 0, Colour.RED)

    def __init__(self, code: str, label: str, minimum: int, colour: Colour) -> None:
        self.code = code
        self.label = label
        self.minimum = minimum
        self.colour = colour

    @classmethod
    def of(cls, score: float) -> ScoreBand:
        """The band of ``score`` under DESIGN.md's default minimums."""
        return next(band for band in cls if score >= band.minimum)


# What a page shows instead of a band when an agency has no score in the period.
NOT_RANKED = "Chưa xếp hạng"


@dataclass(frozen=True)
class ScoreConfig:
    """Points per component, weights per role and the lowest score of each band but the last
    (weak, from 0); DESIGN.md's defaults."""

    on_time: float = 40
    progress: float = 20
    reporting: float = 20
    indicators: float = 20
    lead_weight: float = 1.0
    cooperating_weight: float = 0.3
    excellent: float = ScoreBand.EXCELLENT.minimum
    good: float = ScoreBand.GOOD.minimum
    fair: float = ScoreBand.FAIR.minimum
    average: float = ScoreBand.AVERAGE.minimum

    def __post_init__(self) -> None:
        figures = (
            ("điểm hoàn thành đúng hạn", self.on_time),
            ("điểm tiến độ nhiệm vụ", self.progress),
            ("điểm báo cáo đúng hạn", self.reporting),
            ("điểm tiến độ chỉ tiêu", self.indicators),
            ("trọng số chủ trì", self.lead_weight),
            ("trọng số phối hợp", self.cooperating_weight),
        )
        for name, value in figures:
            if value < 0:
                raise EvaluationInputError(f"Cấu hình chấm điểm: {name} không được âm ({value}).")
        if sum(self.points(c) for c in Component) <= 0:
            raise EvaluationInputError(
                "Cấu hình chấm điểm: tổng điểm các thành phần phải lớn hơn 0."
            )
        minimums = [self.minimum(band) for band in ScoreBand]
        if any(not 0 <= m <= 100 for m in minimums) or any(
            higher <= lower for higher, lower in itertools.pairwise(minimums)
        ):
            raise EvaluationInputError(
                "Cấu hình chấm điểm: ngưỡng các mức xếp loại phải giảm dần từ Xuất sắc đến Yếu, "
                "trong khoảng 0 đến 100."
            )

    def minimum(self, band: ScoreBand) -> float:
        """The lowest score of ``band`` under this configuration."""
        # The fields are named as the bands' codes (weak starts at 0): no mapping to build on
        # each of the thousands of calls of a national rebuild.
        if band is ScoreBand.WEAK:
            return 0.0
        lowest: float = getattr(self, band.code)
        return lowest

    def band_of(self, score: float) -> ScoreBand:
        """The first band, from the highest, whose minimum ``score`` reaches."""
        return next(band for band in ScoreBand if score >= self.minimum(band))

    def points(self, component: Component) -> float:
        # The fields are named as the components' codes.
        points: float = getattr(self, component.code)
        return points

    def weight(self, role: Role) -> float:
        return self.lead_weight if role is Role.LEAD else self.cooperating_weight


@dataclass(frozen=True)
class Period:
    """The days a score covers: a round (day after the previous cut-off to this cut-off) or a
    calendar year."""

    start: datetime.date
    end: datetime.date
    label: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise EvaluationInputError(
                f"Kỳ đánh giá '{self.label}' kết thúc ({vn_date(self.end)}) "
                f"trước khi bắt đầu ({vn_date(self.start)})."
            )

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), f"Năm {year}")


def _check_reports(due: int, on_time: int) -> None:
    if not 0 <= on_time <= due:
        raise EvaluationInputError(
            f"Số báo cáo đúng hạn ({on_time}) phải từ 0 đến số báo cáo phải nộp ({due})."
        )


@dataclass(frozen=True)
class AssignedTask:
    """One of the agency's tasks: its role, its judgement at the period's end, and how many
    reports on it were due in the period and how many came in by the deadline."""

    role: Role
    judgement: TaskJudgement
    reports_due: int = 0
    reports_on_time: int = 0

    def __post_init__(self) -> None:
        _check_reports(self.reports_due, self.reports_on_time)


@dataclass(frozen=True)
class AssignedIndicator:
    """One of the agency's indicators: its role (lead for the agency responsible for it), its
    progress, and how many of its figures the agency owed in the period and gave by the
    deadline (the responsible agency owes one a round)."""

    role: Role
    progress: IndicatorProgress
    reports_due: int = 0
    reports_on_time: int = 0

    def __post_init__(self) -> None:
        _check_reports(self.reports_due, self.reports_on_time)


@dataclass(frozen=True)
class ComponentScore:
    """One component: ``earned`` of ``possible`` (role-weighted), over ``counted`` items.

    ``share`` is earned/possible, None when nothing was there to judge; ``points`` is the
    share times the component's points after rescaling, None when left out.
    """

    component: Component
    configured_points: float
    counted: int
    earned: float
    possible: float
    share: float | None
    points: float | None


@dataclass(frozen=True)
class AgencyScore:
    agency: str
    period: Period
    score: float | None  # 0-100, one decimal; None when not ranked (``why`` says why)
    band: ScoreBand | None
    components: tuple[ComponentScore, ...]
    why: str

    @property
    def left_out(self) -> tuple[Component, ...]:
        return tuple(c.component for c in self.components if c.share is None)


def agency_score(
    agency: str,
    period: Period,
    tasks: Iterable[AssignedTask],
    indicators: Iterable[AssignedIndicator] = (),
    *,
    config: ScoreConfig | None = None,
) -> AgencyScore:
    """Score one agency for ``period`` from its tasks (judged at ``period.end``) and indicators;
    no score, with the reason, when nothing it was assigned fell due in the period."""
    config = config or ScoreConfig()
    tasks = tuple(tasks)
    indicators = tuple(indicators)
    tallies = {
        Component.ON_TIME: _on_time(tasks, period, config),
        Component.PROGRESS: _progress(tasks, config),
        Component.REPORTING: _reporting(tasks, indicators, config),
        Component.INDICATORS: _indicators(indicators, config),
    }
    judged_points = sum(config.points(c) for c, (_, _, possible) in tallies.items() if possible > 0)
    unranked = _not_ranked_because(tasks, indicators, tallies)
    if unranked is None and judged_points <= 0:
        unranked = "những việc đến hạn đều có điểm hoặc trọng số bằng 0 theo cấu hình"
    components = []
    for component, (counted, earned, possible) in tallies.items():
        share = earned / possible if possible > 0 else None
        points = (
            share * config.points(component) * 100 / judged_points
            if share is not None and unranked is None
            else None
        )
        components.append(
            ComponentScore(
                component=component,
                configured_points=config.points(component),
                counted=counted,
                earned=earned,
                possible=possible,
                share=share,
                points=points,
            )
        )
    if unranked is not None:
        return AgencyScore(
            agency,
            period,
            None,
            None,
            tuple(components),
            f"{period.label}: {NOT_RANKED.lower()} vì {unranked}.",
        )
    score = rounded(sum(c.points or 0 for c in components), 1)
    band = config.band_of(score)
    return AgencyScore(
        agency, period, score, band, tuple(components), _explain(score, band, components, period)
    )


def _not_ranked_because(
    tasks: tuple[AssignedTask, ...],
    indicators: tuple[AssignedIndicator, ...],
    tallies: dict[Component, Tally],
) -> str | None:
    """Why the agency has no rank in the period, or None when something fell due: a task due
    (the on-time component has one) or a report owed by a deadline."""
    due_tasks, _, _ = tallies[Component.ON_TIME]
    owed, _, _ = tallies[Component.REPORTING]
    if due_tasks or owed:
        return None
    if not tasks and not indicators:
        return "không được giao nhiệm vụ hay chỉ tiêu nào"
    assigned = []
    if tasks:
        assigned.append(f"{len(tasks)} nhiệm vụ")
    if indicators:
        assigned.append(f"{len(indicators)} chỉ tiêu")
    return (
        f"trong kỳ không có nhiệm vụ nào đến hạn và không có báo cáo nào phải nộp "
        f"(được giao {' và '.join(assigned)})"
    )


Tally = tuple[int, float, float]  # items counted, weighted earned, weighted possible


def counts_as_due(task: AssignedTask, period: Period) -> bool:
    """Due in the period, or due earlier and still not done: an overdue task weighs on every
    period until it is finished; one finished late weighs only on the period it fell due in."""
    judgement = task.judgement
    return (
        judgement.due_on is not None
        and judgement.due_on <= period.end
        and judgement.status is not TaskStatus.PAUSED
        and (judgement.due_on >= period.start or not judgement.status.done)
    )


def in_progress(task: AssignedTask) -> bool:
    return task.judgement.status in (TaskStatus.IN_PROGRESS, TaskStatus.IN_PROGRESS_LATE)


def judged_indicator(indicator: AssignedIndicator) -> bool:
    """An indicator whose progress can be judged (enough figures, a measurable target)."""
    return indicator.progress.band not in (
        ProgressBand.INSUFFICIENT_DATA,
        ProgressBand.NOT_MEASURABLE,
    )


def _on_time(tasks: tuple[AssignedTask, ...], period: Period, config: ScoreConfig) -> Tally:
    due = [t for t in tasks if counts_as_due(t, period)]
    earned = sum(
        config.weight(t.role) for t in due if t.judgement.status is TaskStatus.DONE_ON_TIME
    )
    return len(due), earned, sum(config.weight(t.role) for t in due)


def _progress(tasks: tuple[AssignedTask, ...], config: ScoreConfig) -> Tally:
    # A task in progress that reported no percentage has shown no measurable progress: 0.
    going = [t for t in tasks if in_progress(t)]
    earned = sum(config.weight(t.role) * (t.judgement.progress or 0) / 100 for t in going)
    return len(going), earned, sum(config.weight(t.role) for t in going)


def _reporting(
    tasks: tuple[AssignedTask, ...], indicators: tuple[AssignedIndicator, ...], config: ScoreConfig
) -> Tally:
    # Reports on tasks and indicators' figures alike: each is a report owed by a deadline.
    reports: tuple[AssignedTask | AssignedIndicator, ...] = (*tasks, *indicators)
    owed = [item for item in reports if item.reports_due > 0]
    earned = sum(config.weight(i.role) * i.reports_on_time for i in owed)
    return len(owed), earned, sum(config.weight(i.role) * i.reports_due for i in owed)


def _indicators(indicators: tuple[AssignedIndicator, ...], config: ScoreConfig) -> Tally:
    # Credit is the growth ratio R capped to [0, 1]: on track or met earns all, a fall nothing.
    judged = [i for i in indicators if judged_indicator(i)]
    earned = sum(config.weight(i.role) * credit(i.progress) for i in judged)
    return len(judged), earned, sum(config.weight(i.role) for i in judged)


def credit(progress: IndicatorProgress) -> float:
    """An indicator's share of credit: its growth ratio R capped to [0, 1]; met earns all."""
    if progress.band is ProgressBand.ACHIEVED:
        return 1.0
    return min(1.0, max(0.0, progress.ratio or 0.0))


def _explain(
    score: float, band: ScoreBand, components: list[ComponentScore], period: Period
) -> str:
    parts = [f"{period.label}: {vn_number(score, 1)} điểm, xếp loại {band.label}."]
    for c in components:
        if c.share is None or c.points is None:
            continue
        parts.append(
            f"{c.component.label}: {vn_percent(c.share)} ({vn_number(c.earned)}/"
            f"{vn_number(c.possible)}, {c.counted} mục) → {vn_number(c.points, 1)} điểm."
        )
    left_out = [c for c in components if c.share is None and c.configured_points > 0]
    if left_out:
        names = ", ".join(c.component.label.lower() for c in left_out)
        parts.append(
            f"Không có gì để đánh giá ở: {names}; các thành phần còn lại được quy đổi về thang 100."
        )
    return " ".join(parts)
