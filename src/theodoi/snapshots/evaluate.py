"""From a plan's records (``snapshots.records``) to the results a snapshot stores.

Plain Python: every judgement is ``theodoi.evaluation``'s; this module only hands each rule its
facts and writes its answer as JSON-ready data (ISO dates, codes with their Vietnamese labels
and the figures behind them), in a stable order so the same records give the same bytes.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from theodoi.evaluation import (
    AgencyScore,
    AssignedIndicator,
    AssignedTask,
    Colour,
    Dimension,
    IndicatorProgress,
    IndicatorSeries,
    Period,
    Role,
    ScoreConfig,
    StatusSummary,
    TaskFacts,
    TaskJudgement,
    TaskRecord,
    agency_score,
    indicator_progress,
    rank_agencies,
    summarise,
    summarise_by,
    target_path,
    task_status,
)
from theodoi.evaluation.explain import ScoreLine, score_lines
from theodoi.snapshots.results import (
    IndicatorResult,
    RankedAgency,
    RoundResult,
    ScoreLineResult,
    SnapshotResults,
    Summaries,
    SummaryResult,
    TaskResult,
)

WARNING_DAYS = 30


@dataclass(frozen=True)
class RoundFacts:
    id: int
    title: str
    period_start: datetime.date
    period_end: datetime.date
    deadline_passed: bool


@dataclass(frozen=True)
class TaskRow:
    """A task and its facts; agencies are today's bodies (successors of the ones written)."""

    id: int
    code: str
    group_id: int | None
    confidential: bool
    facts: TaskFacts
    lead: tuple[int, ...] = ()
    cooperating: tuple[int, ...] = ()
    # agency id -> (reports owed in the current round, reports submitted by its deadline)
    reports: dict[int, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator and its figures. The agency named first is the one responsible for it (it
    owes the figure each round); the others named help. None when the first name is of a body
    theodoi does not know: then nobody known is responsible."""

    id: int
    code: str
    series: IndicatorSeries
    agencies: tuple[int, ...] = ()
    responsible: int | None = None
    # agency id -> (figures owed in the current round, figures submitted by its deadline)
    reports: dict[int, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class PlanRecords:
    as_of: datetime.date
    round: RoundFacts | None
    agencies: dict[int, str]
    tasks: tuple[TaskRow, ...]
    indicators: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class Judged:
    """A plan's tasks and indicators judged at the records' date, and the period scored."""

    tasks: list[tuple[TaskRow, TaskJudgement]]
    indicators: list[tuple[IndicatorRow, IndicatorProgress]]
    period: Period


def judge(records: PlanRecords) -> Judged:
    return Judged(
        [
            (row, task_status(row.facts, today=records.as_of, warning_days=WARNING_DAYS))
            for row in records.tasks
        ],
        [(row, indicator_progress(row.series)) for row in records.indicators],
        _period(records),
    )


def plan_scores(
    records: PlanRecords, judged: Judged, config: ScoreConfig | None = None
) -> dict[int, tuple[AgencyScore, tuple[ScoreLine[int], ...]]]:
    """Each agency's score under ``config`` (the default when None) and the lines behind it,
    by the agency's id."""
    tasks = _assigned_tasks(judged.tasks)
    indicators = _assigned_indicators(judged.indicators)
    scores = {}
    for agency in sorted(records.agencies):
        mine, theirs = tasks.get(agency, []), indicators.get(agency, [])
        scores[agency] = (
            agency_score(
                records.agencies[agency],
                judged.period,
                [t for _, t in mine],
                [i for _, i in theirs],
                config=config,
            ),
            score_lines(judged.period, mine, theirs, config=config),
        )
    return scores


def evaluate_plan(records: PlanRecords, config: ScoreConfig | None = None) -> SnapshotResults:
    """The snapshot's results for ``records``, agencies scored under ``config``."""
    judgement = judge(records)
    judged, progress, period = judgement.tasks, judgement.indicators, judgement.period
    scored = plan_scores(records, judgement, config)
    ids = {records.agencies[agency]: agency for agency in records.agencies}
    lines = {score.agency: agency_lines for score, agency_lines in scored.values()}
    scores = [score for score, _ in scored.values()]
    return {
        "as_of": records.as_of.isoformat(),
        "round": _round(records.round),
        "period": {
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "tasks": [_task(row, judgement) for row, judgement in judged],
        "indicators": [_indicator(row, result) for row, result in progress],
        "ranking": [
            _ranked(ids[r.score.agency], r.rank, r.tied, r.score, lines[r.score.agency])
            for r in rank_agencies(scores)
        ],
        "summary": {
            # Every task; the figures of a reader who sees fewer are counted from the tasks
            # (snapshots.reading), so a task made confidential later is never counted.
            "all": _summaries(judged),
        },
        "indicator_bands": _band_counts(result for _, result in progress),
    }


def _period(records: PlanRecords) -> Period:
    current = records.round
    if current is not None:
        return Period(current.period_start, min(current.period_end, records.as_of), current.title)
    start = datetime.date(records.as_of.year, 1, 1)
    return Period(start, records.as_of, f"Năm {records.as_of.year}")


def _assigned_tasks(
    judged: list[tuple[TaskRow, TaskJudgement]],
) -> dict[int, list[tuple[int, AssignedTask]]]:
    """Each agency's tasks in the plan's order, by the agency's id: read in one pass over the
    tasks rather than once an agency (130 agencies a plan at national scale)."""
    assigned: dict[int, list[tuple[int, AssignedTask]]] = defaultdict(list)
    for row, judgement in judged:
        for agency in dict.fromkeys((*row.lead, *row.cooperating)):
            role = Role.LEAD if agency in row.lead else Role.COOPERATING
            owed, on_time = row.reports.get(agency, (0, 0))
            assigned[agency].append((row.id, AssignedTask(role, judgement, owed, on_time)))
    return assigned


def _assigned_indicators(
    progress: list[tuple[IndicatorRow, IndicatorProgress]],
) -> dict[int, list[tuple[int, AssignedIndicator]]]:
    assigned: dict[int, list[tuple[int, AssignedIndicator]]] = defaultdict(list)
    for row, result in progress:
        for agency in dict.fromkeys(row.agencies):
            role = Role.LEAD if agency == row.responsible else Role.COOPERATING
            item = AssignedIndicator(role, result, *row.reports.get(agency, (0, 0)))
            assigned[agency].append((row.id, item))
    return assigned


def _round(current: RoundFacts | None) -> RoundResult | None:
    if current is None:
        return None
    return {
        "id": current.id,
        "title": current.title,
        "period_start": current.period_start.isoformat(),
        "period_end": current.period_end.isoformat(),
    }


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def due_soon(judgement: TaskJudgement) -> bool:
    """Not done, not yet due, and inside the warning window (the rules coloured it yellow)."""
    return judgement.colour is Colour.YELLOW and judgement.days_left is not None


def _task(row: TaskRow, judgement: TaskJudgement) -> TaskResult:
    result: TaskResult = {
        "id": row.id,
        "code": row.code,
        "group": row.group_id,
        "confidential": row.confidential,
        "lead": list(row.lead),
        "cooperating": list(row.cooperating),
        "status": judgement.status.code,
        "status_label": judgement.status.label,
        "colour": judgement.colour.code,
        "due_on": _iso(judgement.due_on),
        "days_late": judgement.days_late,
        "days_left": judgement.days_left,
        "progress": judgement.progress,
        "overdue": judgement.overdue,
        "due_soon": due_soon(judgement),
        "why": judgement.why,
    }
    # Only an extended task carries the plan's own day: other tasks' results stay as they were.
    if judgement.original_due_on is not None:
        result["original_due_on"] = judgement.original_due_on.isoformat()
    return result


def _indicator(row: IndicatorRow, result: IndicatorProgress) -> IndicatorResult:
    values = sorted(row.series.values, key=lambda o: o.on)
    if row.series.baseline is not None:
        values = [row.series.baseline, *(o for o in values if o.on > row.series.baseline.on)]
    return {
        "id": row.id,
        "code": row.code,
        "agencies": list(row.agencies),
        "responsible": row.responsible,
        "band": result.band.code,
        "band_label": result.band.label,
        "colour": result.band.colour.code,
        "direction": result.direction.label if result.direction else None,
        "baseline_value": result.baseline_value,
        "baseline_on": _iso(result.baseline_on),
        "latest_value": result.latest_value,
        "latest_on": _iso(result.latest_on),
        "target_value": result.target_value,
        "target_on": result.target_on.isoformat(),
        "years_elapsed": result.years_elapsed,
        "years_to_target": result.years_to_target,
        "observed_growth": result.observed_growth,
        "required_growth": result.required_growth,
        "ratio": result.ratio,
        "why": result.why,
        "values": [[o.on.isoformat(), o.value] for o in values],
        "path": [[o.on.isoformat(), o.value] for o in target_path(row.series)],
    }


def _ranked(
    agency: int,
    rank: int | None,
    tied: bool,
    score: AgencyScore,
    lines: tuple[ScoreLine[int], ...],
) -> RankedAgency:
    return {
        "agency": agency,
        "name": score.agency,
        "rank": rank,
        "tied": tied,
        "score": score.score,
        "band": score.band.code if score.band else None,
        "band_label": score.band.label if score.band else None,
        "colour": score.band.colour.code if score.band else None,
        "components": [
            {
                "code": c.component.code,
                "label": c.component.label,
                "counted": c.counted,
                "share": c.share,
                "points": c.points,
            }
            for c in score.components
        ],
        "why": score.why,
        "lines": [_line(line) for line in lines],
    }


def _line(line: ScoreLine[int]) -> ScoreLineResult:
    return {
        "component": line.component.code,
        "kind": line.kind,
        "id": line.key,
        "role": line.role,
        "earned": line.earned,
        "possible": line.possible,
        "met": line.met,
        "note": line.note,
    }


def _summary(summary: StatusSummary) -> SummaryResult:
    return {
        "total": summary.total,
        "overdue": summary.overdue,
        "by_status": {status.code: n for status, n in summary.by_status.items()},
        "by_colour": {colour.code: n for colour, n in summary.by_colour.items()},
    }


def _summaries(judged: list[tuple[TaskRow, TaskJudgement]]) -> Summaries:
    """Per plan, per group, per lead agency and per (agency, group) for the matrix; JSON keys
    are strings, ``-`` standing for tasks outside any group."""
    records = [
        TaskRecord(j, "plan", group_key(row.group_id), lead=tuple(str(a) for a in row.lead))
        for row, j in judged
    ]
    cells: dict[str, list[TaskJudgement]] = {}
    for record in records:
        for agency in record.lead:
            cells.setdefault(f"{agency}:{record.group}", []).append(record.judgement)
    by_group = summarise_by(records, Dimension.GROUP)
    by_agency = summarise_by(records, Dimension.AGENCY)
    return {
        "plan": _summary(summarise(j for _, j in judged)),
        "groups": {str(key[1]): _summary(s) for key, s in by_group.items()},  # type: ignore[index]
        "agencies": {str(key): _summary(s) for key, s in by_agency.items()},
        "matrix": {key: _summary(summarise(js)) for key, js in sorted(cells.items())},
    }


def group_key(group_id: int | None) -> str:
    """A task's group as the summaries key it (JSON keys are strings)."""
    return "-" if group_id is None else str(group_id)


def _band_counts(results: Iterable[IndicatorProgress]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for result in results:
        counts[result.band.code] = counts.get(result.band.code, 0) + 1
    return dict(sorted(counts.items()))
