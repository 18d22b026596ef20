"""Evaluation rules: task status, indicator progress, agency scores, rankings, summaries.

Plain Python with no Django import (a test enforces it): small frozen dataclasses in, results
out, and every result carries the figures it came from and a Vietnamese ``why`` so a page can
explain it. Time is a parameter (``today``, a :class:`Period`); nothing reads the clock. Facts
that contradict themselves raise :class:`EvaluationInputError` with a Vietnamese message.

Tasks (``due``, ``status``)
    ``due_date(Due) -> DueDate``: the day a task falls due (year, month, quarter: last day of
    the period; range: 31/12 of its last year; conditional: only once its condition is met).
    ``task_status(TaskFacts, *, today, warning_days=30) -> TaskJudgement``: one of the six
    :class:`TaskStatus` values and a :class:`Colour`, with due day and days late or left.
    ``TaskFacts`` holds the ``Due``, the latest *accepted* :class:`AcceptedUpdate` and, for a
    recurring task, whether it was reported in the round being judged.

Indicators (``progress``)
    ``indicator_progress(IndicatorSeries) -> IndicatorProgress``: the Open SDG band
    (:class:`ProgressBand`) with y0, t0, y, t, y*, T, g, r and R.
    ``expected_value(series, on)`` and ``target_path(series)``: the path to the target, for
    charts.

Agencies (``score``, ``ranking``)
    ``agency_score(agency, Period, [AssignedTask], [AssignedIndicator], config=ScoreConfig())
    -> AgencyScore``: the four components, the score out of 100 and its :class:`ScoreBand`.
    A round is ``Period(start, cut_off, label)``, a year ``Period.year(2025)``; the tasks are
    judged at the period's end.
    ``rank_agencies([AgencyScore]) -> (RankedAgency, ...)``: 1, 2, 2, 4; ties by name.

Dashboards (``summary``)
    ``summarise(judgements) -> StatusSummary`` and ``summarise_by([TaskRecord], Dimension)``:
    counts and shares by status and colour per plan, group, agency or province.
"""

from theodoi.evaluation.colour import Colour
from theodoi.evaluation.due import Due, DueDate, due_date
from theodoi.evaluation.errors import EvaluationInputError
from theodoi.evaluation.progress import (
    Direction,
    IndicatorProgress,
    IndicatorSeries,
    Observation,
    ProgressBand,
    Target,
    expected_value,
    indicator_progress,
    target_path,
)
from theodoi.evaluation.ranking import RankedAgency, rank_agencies
from theodoi.evaluation.score import (
    AgencyScore,
    AssignedIndicator,
    AssignedTask,
    Component,
    ComponentScore,
    Period,
    Role,
    ScoreBand,
    ScoreConfig,
    agency_score,
)
from theodoi.evaluation.status import (
    AcceptedUpdate,
    TaskFacts,
    TaskJudgement,
    TaskStatus,
    UpdateState,
    task_status,
)
from theodoi.evaluation.summary import (
    Dimension,
    StatusSummary,
    TaskRecord,
    summarise,
    summarise_by,
)

__all__ = [
    "AcceptedUpdate",
    "AgencyScore",
    "AssignedIndicator",
    "AssignedTask",
    "Colour",
    "Component",
    "ComponentScore",
    "Dimension",
    "Direction",
    "Due",
    "DueDate",
    "EvaluationInputError",
    "IndicatorProgress",
    "IndicatorSeries",
    "Observation",
    "Period",
    "ProgressBand",
    "RankedAgency",
    "Role",
    "ScoreBand",
    "ScoreConfig",
    "StatusSummary",
    "Target",
    "TaskFacts",
    "TaskJudgement",
    "TaskRecord",
    "TaskStatus",
    "UpdateState",
    "agency_score",
    "due_date",
    "expected_value",
    "indicator_progress",
    "rank_agencies",
    "summarise",
    "summarise_by",
    "target_path",
    "task_status",
]
