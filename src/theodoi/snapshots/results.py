"""The shape of a snapshot's results: the JSON ``snapshots.evaluate`` writes and the dashboard,
the portal, the exports and the notices read by key. Dates are ISO strings; JSON object keys
are strings (a group's id, ``-`` for tasks outside any group; an agency's id)."""

from __future__ import annotations

from typing import NotRequired, TypedDict


class RoundResult(TypedDict):
    id: int
    title: str
    period_start: str
    period_end: str


class PeriodResult(TypedDict):
    label: str
    start: str
    end: str


class TaskResult(TypedDict):
    id: int
    code: str
    group: int | None
    confidential: bool
    lead: list[int]
    cooperating: list[int]
    status: str
    status_label: str
    colour: str
    due_on: str | None
    days_late: int | None
    days_left: int | None
    progress: int | None
    overdue: bool
    due_soon: bool
    why: str
    # The plan's own due day of a task granted an extension (``due_on`` is the granted one).
    original_due_on: NotRequired[str]


class IndicatorResult(TypedDict):
    id: int
    code: str
    agencies: list[int]
    responsible: int | None
    band: str
    band_label: str
    colour: str
    direction: str | None
    baseline_value: float | None
    baseline_on: str | None
    latest_value: float | None
    latest_on: str | None
    target_value: float | None
    target_on: str
    years_elapsed: float | None
    years_to_target: float | None
    observed_growth: float | None
    required_growth: float | None
    ratio: float | None
    why: str
    values: list[list[str | float]]  # each [ISO date, value]
    path: list[list[str | float]]


class ComponentResult(TypedDict):
    code: str
    label: str
    counted: int
    share: float | None
    points: float | None


class ScoreLineResult(TypedDict):
    component: str  # a Component's code
    kind: str  # "task" or "indicator"
    id: int
    role: str
    earned: float
    possible: float
    met: bool
    note: str


class RankingLine(TypedDict):
    """What a list of the ranking shows of an agency: not its components and score lines,
    most of a ranked agency's stored weight."""

    agency: int
    name: str
    rank: int | None
    tied: bool
    score: float | None
    band: str | None
    band_label: str | None
    colour: str | None


class RankedAgency(RankingLine):
    components: list[ComponentResult]
    why: str
    # What the score is made of (evaluation.explain); absent from results stored before it.
    lines: NotRequired[list[ScoreLineResult]]


class SummaryResult(TypedDict):
    total: int
    overdue: int
    by_status: dict[str, int]
    by_colour: dict[str, int]


class Summaries(TypedDict):
    plan: SummaryResult
    groups: dict[str, SummaryResult]
    agencies: dict[str, SummaryResult]
    matrix: dict[str, SummaryResult]  # "<agency id>:<group key>"


class SummaryScopes(TypedDict):
    all: Summaries


class SnapshotResults(TypedDict):
    as_of: str
    round: RoundResult | None
    period: PeriodResult
    tasks: list[TaskResult]
    indicators: list[IndicatorResult]
    ranking: list[RankedAgency]
    summary: SummaryScopes
    indicator_bands: dict[str, int]
