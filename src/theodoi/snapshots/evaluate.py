"""From a plan's records (``snapshots.records``) to the results a snapshot stores.

Plain Python: every judgement is ``theodoi.evaluation``'s; this module only hands each rule its
facts and writes its answer as JSON-ready data (ISO dates, codes with their Vietnamese labels
and the figures behind them), in a stable order so the same records give the same bytes.
"""

from __future__ import annotations

import datetime
import functools
import json
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
    Observation,
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


# A plan evaluated again after one accepted update has the same facts for all but a few of
# its tasks and agencies. Each rule below is a pure function of frozen, hashable facts, so its
# answer is kept for those facts: a rebuild judges again only what changed, and gives the same
# bytes as judging everything (issue 15: after an accept, the snapshot current within 100 ms).
# The answers are immutable (frozen dataclasses and tuples). Keyed by content, not by plan,
# they stay right whatever changed meanwhile and in whichever worker. Bounded to about the
# latest eight plans a worker evaluated at national scale (a plan of 150 tasks, 50 indicators
# and 140 agencies): 20 MB of a worker's 300 once every plan of synth --scale 10 was evaluated.
_PLANS_KEPT = 8
_TASKS, _INDICATORS, _AGENCIES = 150 * _PLANS_KEPT, 50 * _PLANS_KEPT, 140 * _PLANS_KEPT


@functools.lru_cache(maxsize=_TASKS)
def _task_status(facts: TaskFacts, today: datetime.date) -> TaskJudgement:
    return task_status(facts, today=today, warning_days=WARNING_DAYS)


@functools.lru_cache(maxsize=_INDICATORS)
def _progress(series: IndicatorSeries) -> tuple[IndicatorProgress, tuple[Observation, ...]]:
    """An indicator's progress and the path to its target (``target_path``)."""
    return indicator_progress(series), target_path(series)


@functools.lru_cache(maxsize=_AGENCIES)
def _scored(
    agency: str,
    period: Period,
    tasks: tuple[tuple[int, AssignedTask], ...],
    indicators: tuple[tuple[int, AssignedIndicator], ...],
    config: ScoreConfig | None,
) -> tuple[AgencyScore, tuple[ScoreLine[int], ...]]:
    return (
        agency_score(
            agency, period, [t for _, t in tasks], [i for _, i in indicators], config=config
        ),
        score_lines(period, tasks, indicators, config=config),
    )


def forget_judgements() -> None:
    """Drop the answers kept: the next evaluation judges everything (a test that compares a
    rebuild with a full evaluation; the bench, for a worker's first evaluation)."""
    for kept in (_task_status, _progress, _scored):
        kept.cache_clear()
    _TEXTS.clear()


def judge(records: PlanRecords) -> Judged:
    return Judged(
        [(row, _task_status(row.facts, records.as_of)) for row in records.tasks],
        [(row, _progress(row.series)[0]) for row in records.indicators],
        _period(records),
    )


def plan_scores(
    records: PlanRecords, judged: Judged, config: ScoreConfig | None = None
) -> dict[int, tuple[AgencyScore, tuple[ScoreLine[int], ...]]]:
    """Each agency's score under ``config`` (the default when None) and the lines behind it,
    by the agency's id."""
    tasks = _assigned_tasks(judged.tasks)
    indicators = _assigned_indicators(judged.indicators)
    return {
        agency: _scored(
            records.agencies[agency],
            judged.period,
            tuple(tasks.get(agency, ())),
            tuple(indicators.get(agency, ())),
            config,
        )
        for agency in sorted(records.agencies)
    }


def evaluate_plan(records: PlanRecords, config: ScoreConfig | None = None) -> SnapshotResults:
    """The snapshot's results for ``records``, agencies scored under ``config``."""
    return _evaluate(records, config, None)


def evaluate_plan_text(
    records: PlanRecords, config: ScoreConfig | None = None
) -> tuple[SnapshotResults, str]:
    """:func:`evaluate_plan`, and its results as :func:`encoded` writes them, each indicator's
    and each ranked agency's text written again only when its answer changed."""
    texts: dict[str, list[str]] = {"indicators": [], "ranking": []}
    results = _evaluate(records, config, texts)
    parts = {
        key: f"[{','.join(texts[key])}]" if key in texts else encoded(value)
        for key, value in results.items()
    }
    return results, "{" + ",".join(f"{encoded(key)}:{parts[key]}" for key in sorted(parts)) + "}"


def encoded(value: object) -> str:
    """Results as a snapshot stores them and its digest is taken of: keys sorted, Vietnamese as
    written (not six bytes of ``\\uXXXX`` a letter), no spaces."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


# The text of a part of the results written from a kept answer (above), by the answer's
# identity and what else the part shows: the entry holds the answer, so no other object
# takes its id while the text is kept.
_TEXTS: dict[tuple[object, ...], tuple[object, str]] = {}


def _written(answer: object, key: tuple[object, ...], part: object) -> str:
    """The text of ``part``, a pure function of ``answer`` and ``key``."""
    found = _TEXTS.get((id(answer), *key))
    if found is not None and found[0] is answer:
        return found[1]
    if len(_TEXTS) >= _INDICATORS + _AGENCIES:
        _TEXTS.clear()
    text = encoded(part)
    _TEXTS[(id(answer), *key)] = (answer, text)
    return text


def _evaluate(
    records: PlanRecords, config: ScoreConfig | None, texts: dict[str, list[str]] | None
) -> SnapshotResults:
    """The results; with ``texts``, also each indicator's and ranked agency's text, in order."""
    judgement = judge(records)
    judged, progress, period = judgement.tasks, judgement.indicators, judgement.period
    scored = plan_scores(records, judgement, config)
    ids = {records.agencies[agency]: agency for agency in records.agencies}
    indicators = []
    for row, result in progress:
        indicators.append(_indicator(row, result))
        if texts is not None:
            row_shown = (row.id, row.code, row.agencies, row.responsible)
            texts["indicators"].append(_written(_progress(row.series), row_shown, indicators[-1]))
    ranking = []
    for r in rank_agencies(score for score, _ in scored.values()):
        agency = ids[r.score.agency]
        ranking.append(_ranked(agency, r.rank, r.tied, r.score, scored[agency][1]))
        if texts is not None:
            rank_shown = (agency, r.rank, r.tied)
            texts["ranking"].append(_written(scored[agency], rank_shown, ranking[-1]))
    return {
        "as_of": records.as_of.isoformat(),
        "round": _round(records.round),
        "period": {
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "tasks": [_task(row, judgement) for row, judgement in judged],
        "indicators": indicators,
        "ranking": ranking,
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
        "path": [[o.on.isoformat(), o.value] for o in _progress(row.series)[1]],
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
