"""A person's figures over the tasks they answer for, from the rules' judgements."""

from __future__ import annotations

import datetime

from theodoi.evaluation.people import JudgedTask, person_figures
from theodoi.evaluation.status import TaskStatus

DAY = datetime.date(2026, 6, 30)
PAST = datetime.date(2025, 12, 31)
LATER = datetime.date(2026, 12, 31)


def test_no_task_gives_no_completion_rather_than_zero() -> None:
    figures = person_figures([], as_of=DAY)
    assert (figures.tasks, figures.due, figures.completion) == (0, 0, None)


def test_completion_is_the_share_of_tasks_due_that_are_done() -> None:
    figures = person_figures(
        [
            JudgedTask(TaskStatus.DONE_ON_TIME, False, PAST),
            JudgedTask(TaskStatus.DONE_LATE, False, PAST),
            JudgedTask(TaskStatus.IN_PROGRESS_LATE, True, PAST),
            JudgedTask(TaskStatus.NOT_STARTED, True, PAST),
            JudgedTask(TaskStatus.IN_PROGRESS, False, LATER),
        ],
        as_of=DAY,
    )
    assert (figures.tasks, figures.due, figures.done, figures.on_time, figures.overdue) == (
        5,
        4,
        2,
        1,
        2,
    )
    assert figures.completion == 0.5


def test_a_task_done_before_it_falls_due_counts_as_done_but_not_above_a_full_share() -> None:
    figures = person_figures(
        [
            JudgedTask(TaskStatus.DONE_ON_TIME, False, PAST),
            JudgedTask(TaskStatus.DONE_ON_TIME, False, LATER),
        ],
        as_of=DAY,
    )
    assert (figures.due, figures.done, figures.on_time) == (1, 2, 2)
    assert figures.completion == 1.0


def test_a_task_due_on_the_day_of_the_figures_is_due() -> None:
    figures = person_figures([JudgedTask(TaskStatus.IN_PROGRESS, False, DAY)], as_of=DAY)
    assert (figures.due, figures.completion) == (1, 0.0)


def test_recurring_and_conditional_tasks_without_a_due_day_are_never_due() -> None:
    figures = person_figures(
        [JudgedTask(TaskStatus.IN_PROGRESS, False, None), JudgedTask(TaskStatus.PAUSED)],
        as_of=DAY,
    )
    assert (figures.tasks, figures.due, figures.overdue, figures.completion) == (2, 0, 0, None)


def test_a_task_not_judged_yet_is_counted_apart() -> None:
    figures = person_figures(
        [JudgedTask(None), JudgedTask(TaskStatus.DONE_LATE, False, PAST)], as_of=DAY
    )
    assert (figures.tasks, figures.unjudged, figures.due, figures.done) == (2, 1, 1, 1)
