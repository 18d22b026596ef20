"""The national plan shipped with theodoi, and links from a province's tasks to it (issue 12)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from theodoi.audit.models import AuditEntry
from theodoi.plans.errors import PlanError
from theodoi.plans.linking import (
    confirm_task_link,
    link_task,
    reject_task_link,
    suggest_task_links,
)
from theodoi.plans.models import LinkBasis, LinkState, Plan, Task, TaskLink
from theodoi.reporting.models import ReportingSchedule
from theodoi.reporting.national import load_national_plan, national_plan

NOW = datetime.datetime(2026, 11, 22, 9, 0, tzinfo=datetime.UTC)
PLATFORM = "nền tảng đào tạo trực tuyến mở đại trà"


@pytest.fixture
def national(orgs: None) -> Plan:
    return load_national_plan(by=None, now=NOW)


def _national_number(task: Task) -> str:
    return task.code.rsplit(".", 1)[-1]


def test_the_national_plan_has_its_140_tasks_and_its_reporting_dates(national: Plan) -> None:
    assert national.province is None
    assert national.tasks.count() == 140
    assert national.indicators.count() > 40
    schedule = ReportingSchedule.objects.get(plan=national)
    assert schedule.dates == [[15, 6], [1, 12]]


def test_loading_the_national_plan_twice_changes_nothing(national: Plan) -> None:
    call_command("load_national", stdout=io.StringIO())
    assert Plan.objects.filter(number="03/NQ-CP").count() == 1
    assert national_plan() == national


def test_a_province_plan_published_after_the_national_one_gets_suggestions(
    national: Plan, tien_giang_plan: Plan
) -> None:
    platform = tien_giang_plan.tasks.get(title__contains=PLATFORM)
    suggested = TaskLink.objects.filter(task=platform, state=LinkState.SUGGESTED)
    assert _national_number(suggested.order_by("-score").first().higher) == "11"  # type: ignore[union-attr]
    assert suggested.first().basis == LinkBasis.TITLE  # type: ignore[union-attr]
    # Most of Tiền Giang's tasks take up a national task; not every one does.
    linked = TaskLink.objects.filter(task__plan=tien_giang_plan).values("task").distinct()
    assert 30 <= linked.count() < tien_giang_plan.tasks.count()


def test_a_national_plan_published_later_suggests_for_the_plans_already_there(
    import_gold: Callable[..., Plan],
) -> None:
    province_plan = import_gold("004_aea82470e0b2daef.json")
    assert not TaskLink.objects.exists()
    load_national_plan(by=None, now=NOW)
    assert TaskLink.objects.filter(task__plan=province_plan).exists()


def test_suggesting_again_makes_nothing_new_and_keeps_decisions(
    national: Plan, tien_giang_plan: Plan, coordinator: User
) -> None:
    link = TaskLink.objects.filter(task__plan=tien_giang_plan).first()
    assert link is not None
    reject_task_link(link, by=coordinator, now=NOW)
    count = TaskLink.objects.count()
    assert suggest_task_links(tien_giang_plan, now=NOW) == 0
    assert TaskLink.objects.count() == count
    link.refresh_from_db()
    assert link.state == LinkState.REJECTED


def test_confirming_a_link_is_audited_with_who_and_when(
    national: Plan, tien_giang_plan: Plan, coordinator: User
) -> None:
    link = TaskLink.objects.filter(task__plan=tien_giang_plan).first()
    assert link is not None
    confirm_task_link(link, by=coordinator, now=NOW)
    link.refresh_from_db()
    assert (link.state, link.decided_by, link.decided_at) == (LinkState.CONFIRMED, coordinator, NOW)
    entry = AuditEntry.objects.get(action="plans.link.confirmed")
    assert entry.after["higher"] == link.higher.code


def test_the_coordinator_links_a_task_herself(
    national: Plan, tien_giang_plan: Plan, coordinator: User
) -> None:
    task = tien_giang_plan.tasks.get(title__contains=PLATFORM)
    higher = national.tasks.get(code__endswith=".140")
    link = link_task(task, higher, by=coordinator, now=NOW)
    assert (link.state, link.basis) == (LinkState.CONFIRMED, LinkBasis.CHOSEN)


def test_a_task_cannot_be_linked_to_a_plan_its_plan_does_not_implement(
    national: Plan, tien_giang_plan: Plan, coordinator: User
) -> None:
    task = national.tasks.first()
    higher = tien_giang_plan.tasks.first()
    assert task is not None
    assert higher is not None
    with pytest.raises(PlanError, match=r"thuộc một kế hoạch mà .* không thực hiện"):
        link_task(task, higher, by=coordinator, now=NOW)
    assert not TaskLink.objects.filter(task=task).exists()


def test_a_suggestion_is_not_confirmed_once_the_plan_no_longer_implements_the_higher_plan(
    national: Plan, tien_giang_plan: Plan, coordinator: User
) -> None:
    link = TaskLink.objects.filter(task__plan=tien_giang_plan).first()
    assert link is not None
    tien_giang_plan.implements.remove(national)
    with pytest.raises(PlanError, match=r"thuộc một kế hoạch mà .* không thực hiện"):
        confirm_task_link(link, by=coordinator, now=NOW)
    link.refresh_from_db()
    assert link.state == LinkState.SUGGESTED
    assert not AuditEntry.objects.filter(action="plans.link.confirmed").exists()
