"""The one reader of "the latest version": of every report, among some states, and the update
the rules judge a task by."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db.models import Q

from tests.builders import AFTER, DURING, LATER
from tests.reporting.conftest import DONE, IN_PROGRESS
from theodoi.plans.models import Task
from theodoi.reporting.models import ReportingRound, ReviewState, TaskUpdate
from theodoi.reporting.review import accept_update, return_update
from theodoi.reporting.updates import submit_update
from theodoi.reporting.versions import judged_updates, latest_by, latest_only
from theodoi.snapshots.records import end_of

pytestmark = pytest.mark.django_db


def test_latest_only_keeps_the_last_version_of_each_report_whatever_else_is_filtered(
    round_: ReportingRound, lead_task: Task, reporter: User, coordinator: User
) -> None:
    first = submit_update(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    returned = return_update(first, by=coordinator, reason="Thiếu minh chứng.", now=LATER)
    again = submit_update(round_, lead_task, DONE, by=reporter, based_on=2, now=LATER)
    thread = TaskUpdate.objects.filter(task=lead_task)
    assert list(latest_only(thread)) == [again]
    # The returned version is followed by a later one: it is no longer the latest.
    assert not latest_only(thread.filter(state=ReviewState.RETURNED)).exists()
    among = Q(state=ReviewState.RETURNED)
    assert list(latest_only(thread.filter(among), among=among)) == [returned]
    assert latest_by(TaskUpdate.objects.filter(round=round_), "task_id") == {lead_task.pk: again}


def test_a_task_is_judged_by_its_lead_agency_s_latest_accepted_update(
    round_: ReportingRound,
    lead_task: Task,
    cooperating_task: Task,
    reporter: User,
    coordinator: User,
) -> None:
    for task in (lead_task, cooperating_task):
        update = submit_update(round_, task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
        accept_update(update, by=coordinator, now=LATER)
    judged = judged_updates(round_.plan, before=end_of(AFTER.date()), fields=("progress",))
    assert judged == {lead_task.pk: {"task_id": lead_task.pk, "progress": 40}}
    # Accepted after the cut-off: not yet.
    assert judged_updates(round_.plan, before=DURING, fields=("progress",)) == {}
