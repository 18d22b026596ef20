"""A plan is evaluated one way: the snapshot, the exports and the notices give the same
judgement of each task on the same records and day."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User

from tests.conftest import NOW
from theodoi.exports.content import plan_report
from theodoi.notify.services import judged_tasks
from theodoi.plans.models import Plan
from theodoi.snapshots.records import evaluate_plan_at
from theodoi.snapshots.services import rebuild_snapshot

pytestmark = pytest.mark.django_db
DAY = datetime.date(2031, 1, 15)  # past most of the plan's times: overdue tasks to compare


def test_snapshot_exports_and_notices_judge_each_task_alike(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    stored = rebuild_snapshot(tien_giang_plan, as_of=DAY, now=NOW).results
    assert evaluate_plan_at(tien_giang_plan, DAY) == stored
    assert judged_tasks(tien_giang_plan, DAY) == stored["tasks"]
    report = plan_report(tien_giang_plan, user=coordinator, as_of=DAY)
    statuses = {(t.code, t.status, t.overdue) for t in report.tasks}
    assert statuses == {(t["code"], t["status"], t["overdue"]) for t in stored["tasks"]}
    assert any(t["overdue"] for t in stored["tasks"])
