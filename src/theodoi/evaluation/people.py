"""A person's figures over the tasks they answer for (seed 000 §1d: "đánh giá ... mức độ hoàn
thành ... của cơ quan nhà nước, người đứng đầu và cán bộ, công chức").

The head of an agency answers for the tasks the agency leads; an officer or a leader in charge
for the assignments that name them. Each task is counted as the rules judged it (its status,
whether it is overdue, its due day); nothing is judged again here. A task the rules have not
judged yet (its plan has no evaluation) is counted in ``tasks`` and ``unjudged`` only.

- ``tasks``: every task counted; ``due``: those whose due day is on or before the day of the
  figures; ``done``: completed (accepted, with evidence), on time or late; ``on_time``:
  completed on time; ``overdue``: past due and not completed;
- ``completion``: the share of the tasks due that are done, None with nothing due (a task done
  before it falls due is counted in ``done`` but cannot lift the share above 100 %).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from theodoi.evaluation.status import TaskStatus


@dataclass(frozen=True)
class JudgedTask:
    """What the figures read of one task's judgement."""

    status: TaskStatus | None  # None: not judged yet
    overdue: bool = False
    due_on: datetime.date | None = None


@dataclass(frozen=True)
class PersonFigures:
    tasks: int
    due: int
    done: int
    on_time: int
    overdue: int
    done_of_due: int
    unjudged: int = 0

    @property
    def completion(self) -> float | None:
        return self.done_of_due / self.due if self.due else None


def person_figures(tasks: Iterable[JudgedTask], *, as_of: datetime.date) -> PersonFigures:
    total = due = done = on_time = overdue = done_of_due = unjudged = 0
    for task in tasks:
        total += 1
        if task.status is None:
            unjudged += 1
            continue
        is_due = task.due_on is not None and task.due_on <= as_of
        due += is_due
        done += task.status.done
        on_time += task.status is TaskStatus.DONE_ON_TIME
        overdue += task.overdue
        done_of_due += is_due and task.status.done
    return PersonFigures(total, due, done, on_time, overdue, done_of_due, unjudged)
