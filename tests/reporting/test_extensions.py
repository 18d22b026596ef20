"""Deadline extensions through the real services: the lead agency asks, the coordinator of the
plan's scope grants or refuses; each step audited and told; a refusal stores nothing; the task
is judged on the granted day and keeps the plan's own."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.builders import DURING, REVIEWED, agency_of, lead_tasks, report_task
from theodoi.audit.actions import Action
from theodoi.audit.models import AuditEntry
from theodoi.notify.models import Notice
from theodoi.plans.models import Plan, Task
from theodoi.reporting.deadlines import deadline_of
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.extensions import decide_extension, request_extension
from theodoi.reporting.models import DeadlineExtension, ExtensionState, ReportingRound
from theodoi.reporting.updates import UpdateContent
from theodoi.snapshots.records import evaluate_plan_at

REASON = "Chờ Bộ Khoa học và Công nghệ ban hành hướng dẫn kỹ thuật về nền tảng số."
ASKED = DURING
DECIDED = DURING + datetime.timedelta(days=1)


def dated_lead_task(plan: Plan, reporter: User) -> Task:
    """The first task the reporter's agency leads that falls due on a day."""
    return next(t for t in lead_tasks(plan, reporter) if deadline_of(t).on is not None)


@pytest.fixture
def task(tien_giang_plan: Plan, reporter: User) -> Task:
    return dated_lead_task(tien_giang_plan, reporter)


def later(task: Task, days: int) -> datetime.date:
    on = deadline_of(task).on
    assert on is not None
    return on + datetime.timedelta(days=days)


def ask(task: Task, by: User, days: int = 90, reason: str = REASON) -> DeadlineExtension:
    return request_extension(task, by=by, proposed_on=later(task, days), reason=reason, now=ASKED)


def test_the_lead_agency_asks_and_the_coordinator_hears_of_it(
    task: Task, reporter: User, coordinator: User, django_capture_on_commit_callbacks: Any
) -> None:
    planned = deadline_of(task).on
    with django_capture_on_commit_callbacks(execute=True):
        extension = ask(task, reporter)
    extension.refresh_from_db()
    assert extension.state == ExtensionState.OPEN
    assert extension.current_on == planned
    assert extension.organisation == agency_of(reporter)
    entry = AuditEntry.objects.get(action=Action.EXTENSION_REQUESTED)
    assert entry.by == reporter
    assert entry.after["proposed_on"] == later(task, 90).isoformat()
    notice = Notice.objects.get(recipient=coordinator)
    assert notice.subject == f"Đề nghị gia hạn nhiệm vụ {task.code}"
    assert REASON in notice.body
    assert notice.link == reverse("reporting:task_deadline", args=[task.pk])
    # Nothing moves before the decision.
    assert deadline_of(task).on == planned
    assert not deadline_of(task).extended


def test_a_grant_moves_the_deadline_keeps_the_original_and_tells_the_agency(
    task: Task, reporter: User, coordinator: User, django_capture_on_commit_callbacks: Any
) -> None:
    planned = deadline_of(task).on
    granted = later(task, 60)
    extension = ask(task, reporter)
    with django_capture_on_commit_callbacks(execute=True):
        decide_extension(
            extension,
            by=coordinator,
            grant=True,
            granted_on=granted,
            comment="Đồng ý gia hạn 60 ngày.",
            now=DECIDED,
        )
    extension.refresh_from_db()
    assert (extension.state, extension.granted_on) == (ExtensionState.GRANTED, granted)
    deadline = deadline_of(task)
    assert deadline.extended
    assert deadline.original_on == planned
    assert deadline.on == extension.granted_on
    entry = AuditEntry.objects.get(action=Action.EXTENSION_GRANTED)
    assert entry.before["state"] == "open"
    assert entry.after["granted_on"] == extension.granted_on.isoformat()
    notice = Notice.objects.get(recipient=reporter, key__startswith="extension:decided")
    assert notice.subject == (
        f"Nhiệm vụ {task.code} được gia hạn đến ngày {extension.granted_on:%d/%m/%Y}"
    )
    assert "Đồng ý gia hạn 60 ngày." in notice.body


def test_a_grant_without_a_day_grants_the_day_asked_for(
    task: Task, reporter: User, coordinator: User
) -> None:
    asked_for = later(task, 90)
    extension = decide_extension(ask(task, reporter), by=coordinator, grant=True, now=DECIDED)
    assert extension.granted_on == asked_for
    assert deadline_of(task).on == asked_for


def test_a_refusal_keeps_the_deadline_and_says_why(
    task: Task, reporter: User, coordinator: User, django_capture_on_commit_callbacks: Any
) -> None:
    planned = deadline_of(task).on
    extension = ask(task, reporter)
    with django_capture_on_commit_callbacks(execute=True):
        decide_extension(
            extension, by=coordinator, grant=False, comment="Không có căn cứ.", now=DECIDED
        )
    extension.refresh_from_db()
    assert extension.state == ExtensionState.REFUSED
    assert deadline_of(task).on == planned
    notice = Notice.objects.get(recipient=reporter, key__startswith="extension:decided")
    assert notice.subject == f"Không chấp thuận gia hạn nhiệm vụ {task.code}"
    assert "Không có căn cứ." in notice.body


def test_the_task_is_judged_on_the_granted_day_and_marked_extended(
    round_: ReportingRound, reporter: User, coordinator: User
) -> None:
    """Seed 004's task due in 2025, done 20 days after its own day, within the granted one:
    on time."""
    task = next(
        t
        for t in lead_tasks(round_.plan, reporter)
        if (on := deadline_of(t).on) is not None
        and on < DURING.date() - datetime.timedelta(days=30)
    )
    planned = deadline_of(task).on
    assert planned is not None
    finished = planned + datetime.timedelta(days=20)
    extension = ask(task, reporter, days=30)
    decide_extension(extension, by=coordinator, grant=True, now=DECIDED)
    content = UpdateContent(status="done_on_time", progress=100, completed_on=finished)
    report_task(round_, task, content, by=reporter, reviewer=coordinator, evidence=True)
    as_of = max(finished, REVIEWED.date()) + datetime.timedelta(days=1)
    judged = next(t for t in evaluate_plan_at(round_.plan, as_of)["tasks"] if t["id"] == task.pk)
    assert judged["status"] == "done_on_time"
    assert judged["due_on"] == extension.proposed_on.isoformat()
    assert judged["original_due_on"] == planned.isoformat()
    assert "Đã gia hạn đến ngày" in judged["why"]
    # Before the decision the plan's own day counted: the same records judged then are late.
    before = next(
        t
        for t in evaluate_plan_at(round_.plan, DURING.date() - datetime.timedelta(days=1))["tasks"]
        if t["id"] == task.pk
    )
    assert "original_due_on" not in before


def refused(call: Any) -> str:
    before = (DeadlineExtension.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ReportingError) as caught:
        call()
    assert (DeadlineExtension.objects.count(), AuditEntry.objects.count()) == before
    return str(caught.value)


def test_a_day_not_after_the_deadline_is_refused_and_nothing_stored(
    task: Task, reporter: User
) -> None:
    message = refused(lambda: ask(task, reporter, days=0))
    assert "phải sau thời hạn hiện hành" in message
    assert "phải sau" in refused(lambda: ask(task, reporter, days=-10))


def test_an_empty_reason_is_refused(task: Task, reporter: User) -> None:
    assert "Nêu lý do đề nghị gia hạn." in refused(lambda: ask(task, reporter, reason="  "))


def test_a_second_open_request_is_refused(task: Task, reporter: User) -> None:
    ask(task, reporter)
    message = refused(lambda: ask(task, reporter, days=120))
    assert "đã có một đề nghị gia hạn đang chờ xử lý" in message


def test_after_a_decision_another_request_may_be_made_from_the_granted_day(
    task: Task, reporter: User, coordinator: User
) -> None:
    first = decide_extension(ask(task, reporter, days=30), by=coordinator, grant=True, now=DECIDED)
    assert first.granted_on is not None
    between = first.granted_on - datetime.timedelta(days=10)
    message = refused(
        lambda: request_extension(task, by=reporter, proposed_on=between, reason=REASON, now=ASKED)
    )
    assert f"phải sau thời hạn hiện hành là ngày {first.granted_on:%d/%m/%Y}" in message
    second = ask(task, reporter, days=60)
    assert second.current_on == first.granted_on
    assert second.proposed_on == first.granted_on + datetime.timedelta(days=60)


def test_a_cooperating_or_other_agency_cannot_ask(
    task: Task, other_reporter: User, coordinator: User, leader: User
) -> None:
    assert "cơ quan chủ trì" in refused(lambda: ask(task, other_reporter))
    assert "Chỉ cán bộ báo cáo của đơn vị thực hiện" in refused(lambda: ask(task, coordinator))
    assert "Chỉ cán bộ báo cáo" in refused(lambda: ask(task, leader))


def test_only_the_coordinator_of_the_plan_s_scope_decides(
    task: Task,
    reporter: User,
    other_coordinator: User,
    inspector: User,
    leader: User,
) -> None:
    extension = ask(task, reporter)
    for person in (other_coordinator, inspector, leader, reporter):
        message = refused(
            lambda person=person: decide_extension(extension, by=person, grant=True, now=DECIDED)
        )
        assert message == "Chỉ cơ quan đầu mối được thực hiện việc này."
    extension.refresh_from_db()
    assert extension.state == ExtensionState.OPEN


def test_a_decided_request_cannot_be_decided_again(
    task: Task, reporter: User, coordinator: User
) -> None:
    extension = decide_extension(
        ask(task, reporter), by=coordinator, grant=False, comment="Không.", now=DECIDED
    )
    message = refused(lambda: decide_extension(extension, by=coordinator, grant=True, now=DECIDED))
    assert "đã được xử lý: không chấp thuận" in message


def test_a_bad_grant_or_a_refusal_without_reason_is_refused(
    task: Task, reporter: User, coordinator: User
) -> None:
    extension = ask(task, reporter)
    message = refused(
        lambda: decide_extension(
            extension, by=coordinator, grant=True, granted_on=later(task, 0), now=DECIDED
        )
    )
    assert "Thời hạn được gia hạn" in message
    message = refused(lambda: decide_extension(extension, by=coordinator, grant=False, now=DECIDED))
    assert message == "Nêu lý do không chấp thuận gia hạn."
    extension.refresh_from_db()
    assert extension.state == ExtensionState.OPEN


def test_a_task_with_no_due_day_cannot_be_extended(tien_giang_plan: Plan, reporter: User) -> None:
    recurring = next((t for t in tien_giang_plan.tasks.all() if deadline_of(t).on is None), None)
    assert recurring is not None
    recurring.agencies.create(
        name="Sở Khoa học và Công nghệ", organisation=agency_of(reporter), role="lead"
    )
    message = refused(
        lambda: request_extension(
            recurring, by=reporter, proposed_on=datetime.date(2030, 1, 1), reason=REASON, now=ASKED
        )
    )
    assert "không có thời hạn để gia hạn" in message
