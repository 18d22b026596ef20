"""The Word and Excel reports read a task's time from the report's content: an extended task
says its granted day and the plan's own."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User

from tests.builders import AS_OF, DURING, lead_tasks
from theodoi.exports.content import plan_report
from theodoi.plans.models import Plan
from theodoi.reporting.deadlines import deadline_of
from theodoi.reporting.extensions import decide_extension, request_extension


def test_an_extended_task_s_time_names_both_days(
    tien_giang_plan: Plan, reporter: User, coordinator: User
) -> None:
    task = next(
        t
        for t in lead_tasks(tien_giang_plan, reporter)
        if (on := deadline_of(t).on) is not None and on.year == 2030
    )
    extension = request_extension(
        task,
        by=reporter,
        proposed_on=datetime.date(2031, 3, 31),
        reason="Chờ hướng dẫn của Bộ.",
        now=DURING,
    )
    decide_extension(extension, by=coordinator, grant=True, now=DURING)
    report = plan_report(tien_giang_plan, user=coordinator, as_of=AS_OF)
    lines = {line.code: line for group in report.groups for line in group.tasks}
    assert lines[task.code].due_text == (
        f"{task.due_text} (đã gia hạn đến ngày 31/03/2031, hạn ban đầu 31/12/2030)"
    )
    others = [line for code, line in lines.items() if code != task.code]
    assert all("gia hạn" not in line.due_text for line in others)
