"""An agency's update on one task in a round: saved as a draft or submitted for review.

A save carries the version it started from (``based_on``, 0 for a first save); when someone
saved the same update since, it is refused with :class:`StaleVersionError`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TypedDict, Unpack

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.evaluation.status import TaskStatus
from theodoi.plans.models import Task
from theodoi.reporting.access import asks_for, require_accepting, require_reporter, task_role
from theodoi.reporting.errors import ReportingError, StaleVersionError
from theodoi.reporting.fields import UpdateContent, stored
from theodoi.reporting.models import ReportingRound, ReviewState, TaskUpdate
from theodoi.reporting.versions import (
    audit_version,
    insert_version,
    latest_version,
    stale_message,
)
from theodoi.users import User


@dataclass(frozen=True)
class Problem:
    """What is wrong with one field of an update; the message names the field."""

    field: str
    message: str

    def __str__(self) -> str:
        return self.message


def content_problems(content: UpdateContent, *, today: datetime.date) -> list[Problem]:
    """What is wrong with an update's content: the same rules for the form, the workbook and
    any other way in, each problem with the field it is about."""
    problems = []
    try:
        status = TaskStatus.from_code(content.status)
    except ValueError:
        return [
            Problem(
                "status",
                _("Status: “%(value)s” is not one of the six statuses.")
                % {"value": content.status},
            )
        ]
    if not 0 <= content.progress <= 100:
        problems.append(
            Problem(
                "progress",
                _("Progress: %(value)s%% is not between 0 and 100%%.")
                % {"value": content.progress},
            )
        )
    elif status is TaskStatus.NOT_STARTED and content.progress != 0:
        problems.append(
            Problem(
                "progress",
                _(
                    "Progress: a task not started is at 0%%; %(value)s%% means it has started, "
                    "so choose an “in progress” status."
                )
                % {"value": content.progress},
            )
        )
    if status.done:
        if content.completed_on is None:
            problems.append(
                Problem(
                    "completed_on", _("Completed on: a completed task needs its completion date.")
                )
            )
        if content.progress != 100:
            problems.append(Problem("progress", _("Progress: a completed task is at 100%.")))
    elif content.completed_on is not None:
        problems.append(
            Problem("completed_on", _("Completed on: only a completed task has a completion date."))
        )
    if content.completed_on is not None and content.completed_on > today:
        problems.append(Problem("completed_on", _("Completed on: the date is in the future.")))
    return problems


def _save_update(
    round_: ReportingRound,
    task: Task,
    content: UpdateContent,
    *,
    state: ReviewState,
    by: User,
    based_on: int,
    now: datetime.datetime,
) -> TaskUpdate:
    organisation = require_reporter(by)
    if task.plan_id != round_.plan_id:
        raise ReportingError(_("This task is not part of the round's plan."))
    role = task_role(task, organisation)
    if role is None:
        raise ReportingError(
            _("%(organisation)s neither leads nor cooperates on task %(task)s.")
            % {"organisation": organisation, "task": task.code}
        )
    require_accepting(round_, organisation, now)
    if not asks_for(round_, task):
        raise ReportingError(
            _("Task %(task)s is not asked for in the ad-hoc round “%(round)s”.")
            % {"task": task.code, "round": round_}
        )
    problems = content_problems(content, today=timezone.localdate(now))
    if problems:
        raise ReportingError(" ".join(map(str, problems)))
    # The rows themselves, not their ids: the audit entry names the task and the agency.
    thread = {"round": round_, "task": task, "organisation": organisation}
    previous = latest_version(TaskUpdate, **thread)
    if previous is not None and previous.state in {ReviewState.SUBMITTED, ReviewState.ACCEPTED}:
        if previous.version != based_on:
            raise StaleVersionError(stale_message(), previous)
        raise ReportingError(
            _("This update was %(state)s; it can no longer be changed in this round.")
            % {"state": previous.get_state_display()}
        )
    update = insert_version(
        TaskUpdate,
        previous,
        based_on,
        thread,
        {
            "role": role,
            "state": state,
            "created_at": now,
            "created_by": by,
            **stored(content),
        },
    )
    audit_version(
        Action.UPDATE_SUBMITTED if state == ReviewState.SUBMITTED else Action.UPDATE_SAVED,
        update,
        previous,
        by=by,
        now=now,
    )
    return update


class Write(TypedDict):
    """Who saves an update, from which version, when."""

    by: User
    based_on: int
    now: datetime.datetime


@transaction.atomic
def save_draft(
    round_: ReportingRound, task: Task, content: UpdateContent, **write: Unpack[Write]
) -> TaskUpdate:
    """Keep what the reporter typed, to come back to; the coordinator does not see it yet."""
    return _save_update(round_, task, content, state=ReviewState.DRAFT, **write)


@transaction.atomic
def submit_update(
    round_: ReportingRound, task: Task, content: UpdateContent, **write: Unpack[Write]
) -> TaskUpdate:
    """Send the update to the coordinator for review; it cannot be changed until returned."""
    return _save_update(round_, task, content, state=ReviewState.SUBMITTED, **write)
