"""The database keeps the plans' invariants even when a write skips the services."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from tests.builders import NOW, org
from theodoi.plans.models import Comparator, DueKind, Indicator, Plan, PlanStatus, Task


@pytest.fixture
def plan(orgs: None) -> Plan:
    return Plan.objects.create(
        number="69/KH-UBND", kind="ke_hoach", title="Kế hoạch", province=org("tien-giang")
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"due_kind": DueKind.RANGE, "due_start_year": 2030, "due_end_year": 2025},
        {"due_kind": DueKind.MONTH, "due_month": 13, "due_start_year": 2025},
        {"due_kind": DueKind.MONTH, "due_month": None},
        {"due_kind": DueKind.QUARTER, "due_quarter": 5},
        {"due_kind": DueKind.DATE, "due_date": None},
        {"due_kind": "someday"},
    ],
)
def test_a_task_with_an_impossible_time_is_refused(plan: Plan, fields: dict) -> None:
    with pytest.raises(IntegrityError):
        Task.objects.create(plan=plan, key="1", code="1", title="Nhiệm vụ", **fields)


def test_a_task_key_is_unique_within_its_plan(plan: Plan) -> None:
    Task.objects.create(plan=plan, key="II.3.a", code="II.3.a", title="Một")
    with pytest.raises(IntegrityError):
        Task.objects.create(plan=plan, key="II.3.a", code="II.3.a", title="Hai")


def test_a_range_target_needs_both_bounds_in_order(plan: Plan) -> None:
    with pytest.raises(IntegrityError):
        Indicator.objects.create(
            plan=plan,
            key="1",
            code="1",
            name="Tỷ lệ",
            comparator=Comparator.RANGE,
            target=10,
            target_max=8,
        )


def test_a_baseline_after_the_target_year_is_refused(plan: Plan) -> None:
    with pytest.raises(IntegrityError):
        Indicator.objects.create(
            plan=plan, key="1", code="1", name="Tỷ lệ", year=2025, baseline_year=2030
        )


def test_two_plans_of_one_number_in_one_province_are_refused(plan: Plan) -> None:
    with pytest.raises(IntegrityError):
        Plan.objects.create(number="69/KH-UBND", kind="ke_hoach", province=org("tien-giang"))


def test_plans_without_a_number_may_be_many(db: None) -> None:
    Plan.objects.create(kind="tin_bai")
    Plan.objects.create(kind="tin_bai")
    assert Plan.objects.count() == 2


def test_a_published_plan_has_a_publication_time(plan: Plan) -> None:
    plan.status = PlanStatus.PUBLISHED
    with pytest.raises(IntegrityError), transaction.atomic():
        plan.save()
    plan.published_at = NOW
    plan.issued_on = datetime.date(2025, 2, 25)
    plan.save()
