"""A task's status and colour at a date (DESIGN.md, "Task status").

The six statuses are the Government's; the colour adds the warning window: a task not done and
due within ``warning_days`` turns yellow whatever its status. Completion counts only when the
coordinator accepted the update and it carries evidence, so the caller hands in the latest
*accepted* update, never a draft.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from theodoi.evaluation.colour import Colour, Judgement
from theodoi.evaluation.due import Due, DueDate, due_date
from theodoi.evaluation.errors import EvaluationInputError
from theodoi.evaluation.wording import vn_date


class TaskStatus(Judgement):
    """The six statuses; ``colour`` is the status's own, before the warning window."""

    NOT_STARTED = ("not_started", "Chưa triển khai", Colour.GREY, "Chưa có báo cáo bắt đầu.")
    IN_PROGRESS = (
        "in_progress",
        "Đang thực hiện (trong hạn)",
        Colour.GREEN,
        "Đang thực hiện, chưa quá thời hạn hoàn thành.",
    )
    IN_PROGRESS_LATE = (
        "in_progress_late",
        "Đang thực hiện (quá hạn)",
        Colour.RED,
        "Đã quá thời hạn hoàn thành mà chưa hoàn thành.",
    )
    DONE_ON_TIME = (
        "done_on_time",
        "Hoàn thành đúng hạn",
        Colour.GREEN,
        "Hoàn thành, được tiếp nhận, có minh chứng, không muộn hơn thời hạn.",
    )
    DONE_LATE = (
        "done_late",
        "Hoàn thành quá hạn",
        Colour.RED,
        "Hoàn thành, được tiếp nhận, có minh chứng, nhưng sau thời hạn.",
    )
    PAUSED = ("paused", "Tạm dừng", Colour.GREY, "Tạm dừng thực hiện; không đánh giá tiến độ.")

    @property
    def done(self) -> bool:
        return self in (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE)

    @classmethod
    def from_code(cls, code: str) -> TaskStatus:
        for status in cls:
            if status.code == code:
                return status
        raise EvaluationInputError(f"Trạng thái nhiệm vụ không hợp lệ: {code!r}.")


class UpdateState(StrEnum):
    """What an agency reports about its task in an update (the reporting form's choices)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    PAUSED = "paused"


@dataclass(frozen=True)
class AcceptedUpdate:
    """The latest update the coordinator accepted for a task."""

    state: UpdateState
    progress: int | None = None  # per cent, as reported
    completed_on: datetime.date | None = None
    has_evidence: bool = False

    def __post_init__(self) -> None:
        if self.progress is not None and not 0 <= self.progress <= 100:
            raise EvaluationInputError(f"Tiến độ phải từ 0 đến 100%, nhận {self.progress}%.")
        if self.state == UpdateState.COMPLETED and self.completed_on is None:
            raise EvaluationInputError("Báo cáo hoàn thành phải có ngày hoàn thành.")


@dataclass(frozen=True)
class TaskFacts:
    """What the rules need to know about one task.

    ``reported_this_round`` matters for recurring tasks only: True or False while a round is
    being judged, None outside any round.
    """

    due: Due
    update: AcceptedUpdate | None = None
    reported_this_round: bool | None = None

    @property
    def recurring(self) -> bool:
        return self.due.kind == "recurring"


@dataclass(frozen=True)
class TaskJudgement:
    """A task's status at ``today`` with the figures it came from."""

    status: TaskStatus
    colour: Colour
    today: datetime.date
    due_on: datetime.date | None
    days_late: int | None  # past due: overdue now, or completed this many days late
    days_left: int | None  # not done and not yet due
    progress: int | None
    why: str
    # The plan's own due day when the task was granted an extension (``due_on`` is the
    # granted day): "đã gia hạn".
    original_due_on: datetime.date | None = None

    @property
    def extended(self) -> bool:
        return self.original_due_on is not None

    @property
    def overdue(self) -> bool:
        """Past due and not done: the dashboard's overdue list."""
        return self.days_late is not None and not self.status.done


def task_status(facts: TaskFacts, *, today: datetime.date, warning_days: int = 30) -> TaskJudgement:
    """Judge one task at ``today``; yellow when not done and due within ``warning_days``."""
    if warning_days < 0:
        raise EvaluationInputError(f"Số ngày cảnh báo không được âm ({warning_days}).")
    due = due_date(facts.due)
    update = facts.update
    state = update.state if update else UpdateState.NOT_STARTED
    progress = update.progress if update else None
    reasons = [due.why]
    finished = update.completed_on if update and state == UpdateState.COMPLETED else None
    if update and finished and not update.has_evidence:
        state, finished = UpdateState.IN_PROGRESS, None
        reasons.append("Báo cáo hoàn thành nhưng chưa có minh chứng: chưa tính là hoàn thành.")

    def judged(
        status: TaskStatus,
        colour: Colour,
        *,
        days_late: int | None = None,
        days_left: int | None = None,
        note: str | None = None,
    ) -> TaskJudgement:
        text = [*reasons, f"{status.label}."]
        if note:
            text.append(note)
        return TaskJudgement(
            status,
            colour,
            today,
            due.on,
            days_late,
            days_left,
            progress,
            " ".join(text),
            original_due_on=due.original_on,
        )

    if state == UpdateState.PAUSED:
        return judged(TaskStatus.PAUSED, Colour.GREY)

    if finished is not None:
        return _finished(judged, finished, due.on)
    started = state == UpdateState.IN_PROGRESS
    return _unfinished(judged, facts, due, started, today=today, warning_days=warning_days)


# ``judged`` is task_status's: it adds the reasons and the figures to what a branch decides.
Judged = Callable[..., TaskJudgement]


def _finished(
    judged: Judged, finished: datetime.date, due_on: datetime.date | None
) -> TaskJudgement:
    if due_on is None or finished <= due_on:
        return judged(
            TaskStatus.DONE_ON_TIME,
            Colour.GREEN,
            note=f"Hoàn thành ngày {vn_date(finished)}.",
        )
    late = (finished - due_on).days
    return judged(
        TaskStatus.DONE_LATE,
        Colour.RED,
        days_late=late,
        note=f"Hoàn thành ngày {vn_date(finished)}, chậm {late} ngày.",
    )


def _unfinished(
    judged: Judged,
    facts: TaskFacts,
    due: DueDate,
    started: bool,
    *,
    today: datetime.date,
    warning_days: int,
) -> TaskJudgement:
    status = TaskStatus.IN_PROGRESS if started else TaskStatus.NOT_STARTED

    if facts.recurring:
        # A recurring task has no end to be late against: each round asks only for a report.
        if facts.reported_this_round is True:
            return judged(status, Colour.GREEN, note="Đã báo cáo trong kỳ này.")
        if facts.reported_this_round is False:
            return judged(status, Colour.YELLOW, note="Chưa báo cáo trong kỳ này.")
        return judged(status, status.colour)

    if due.waiting:
        return judged(status, Colour.GREY)

    if due.on is None:
        return judged(status, status.colour)

    days = (due.on - today).days
    if days < 0:
        late_status = TaskStatus.IN_PROGRESS_LATE if started else TaskStatus.NOT_STARTED
        return judged(late_status, Colour.RED, days_late=-days, note=f"Quá hạn {-days} ngày.")
    colour = Colour.YELLOW if days <= warning_days else status.colour
    return judged(status, colour, days_left=days, note=f"Còn {days} ngày đến hạn.")
