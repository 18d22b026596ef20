"""What an agency's score is made of, item by item: the tasks that fell due and whether they
were done on time, the tasks in progress and how far they got, the reports owed and those in
by the deadline, the indicators judged and the credit each earned.

``agency_score`` gives the totals; :func:`score_lines` gives the same totals' items, selected
by the same predicates of ``score``, so the lines of a component add up to its ``earned`` and
``possible``. Each item carries the caller's key (a task's or an indicator's id) so a page can
name it.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from theodoi.evaluation.score import (
    AssignedIndicator,
    AssignedTask,
    Component,
    Period,
    ScoreConfig,
    counts_as_due,
    credit,
    in_progress,
    judged_indicator,
)
from theodoi.evaluation.status import TaskStatus
from theodoi.evaluation.wording import vn_date, vn_number

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class ScoreLine(Generic[K]):
    """One item of one component: ``earned`` of ``possible`` (role-weighted), and in words
    what the agency did (``note``)."""

    component: Component
    kind: str  # "task" or "indicator"
    key: K
    role: str  # the role's label: Chủ trì, Phối hợp
    earned: float
    possible: float
    met: bool  # earned all it could
    note: str


def score_lines(
    period: Period,
    tasks: Sequence[tuple[K, AssignedTask]],
    indicators: Sequence[tuple[K, AssignedIndicator]] = (),
    *,
    config: ScoreConfig | None = None,
) -> tuple[ScoreLine[K], ...]:
    """Every item behind an agency's score for ``period``, component by component in the
    components' order, each component's items in the order given."""
    config = config or ScoreConfig()
    lines: list[ScoreLine[K]] = []
    for key, task in tasks:
        if counts_as_due(task, period):
            lines.append(_due_line(key, task, config))
    for key, task in tasks:
        if in_progress(task):
            lines.append(_progress_line(key, task, config))
    for kind, items in (("task", tasks), ("indicator", indicators)):
        for key, item in items:
            if item.reports_due > 0:
                lines.append(_report_line(kind, key, item, config))
    for key, indicator in indicators:
        if judged_indicator(indicator):
            lines.append(_indicator_line(key, indicator, config))
    return tuple(lines)


def _due_line(key: K, task: AssignedTask, config: ScoreConfig) -> ScoreLine[K]:
    weight = config.weight(task.role)
    judgement = task.judgement
    done = judgement.status is TaskStatus.DONE_ON_TIME
    due = f"hạn {vn_date(judgement.due_on)}" if judgement.due_on else "không có hạn"
    if done:
        note = f"Hoàn thành đúng hạn ({due})."
    elif judgement.status is TaskStatus.DONE_LATE:
        note = f"Hoàn thành quá hạn {judgement.days_late or 0} ngày ({due})."
    else:
        note = f"Chưa hoàn thành, quá hạn {judgement.days_late or 0} ngày ({due})."
    return ScoreLine(
        Component.ON_TIME, "task", key, task.role.label, weight if done else 0.0, weight, done, note
    )


def _progress_line(key: K, task: AssignedTask, config: ScoreConfig) -> ScoreLine[K]:
    weight = config.weight(task.role)
    progress = task.judgement.progress
    earned = weight * (progress or 0) / 100
    note = (
        f"Đang thực hiện, tiến độ {progress}%."
        if progress is not None
        else "Đang thực hiện, chưa báo cáo tỷ lệ tiến độ: tính 0%."
    )
    return ScoreLine(
        Component.PROGRESS,
        "task",
        key,
        task.role.label,
        earned,
        weight,
        progress == 100,
        note,
    )


def _report_line(
    kind: str, key: K, item: AssignedTask | AssignedIndicator, config: ScoreConfig
) -> ScoreLine[K]:
    weight = config.weight(item.role)
    what = "báo cáo" if kind == "task" else "số liệu"
    note = f"Nộp {item.reports_on_time}/{item.reports_due} {what} đúng hạn."
    return ScoreLine(
        Component.REPORTING,
        kind,
        key,
        item.role.label,
        weight * item.reports_on_time,
        weight * item.reports_due,
        item.reports_on_time == item.reports_due,
        note,
    )


def _indicator_line(key: K, indicator: AssignedIndicator, config: ScoreConfig) -> ScoreLine[K]:
    weight = config.weight(indicator.role)
    progress = indicator.progress
    share = credit(progress)
    ratio = f", R = {vn_number(progress.ratio)}" if progress.ratio is not None else ""
    note = f"{progress.band.label}{ratio}: được {vn_number(share * 100, 1)}% số điểm."
    return ScoreLine(
        Component.INDICATORS,
        "indicator",
        key,
        indicator.role.label,
        weight * share,
        weight,
        share >= 1,
        note,
    )
