import datetime

import pytest
from django.contrib.auth.models import User

from tests.builders import NOW
from theodoi.audit.log import entries_for
from theodoi.plans.errors import PlanError
from theodoi.plans.models import DueKind, Plan
from theodoi.plans.services import set_condition_met, set_external_id, set_task_confidential


def test_marking_a_task_confidential_is_recorded(tien_giang_plan: Plan, coordinator: User) -> None:
    task = tien_giang_plan.tasks.first()
    set_task_confidential(task, True, by=coordinator, now=NOW)
    task.refresh_from_db()
    assert task.confidential
    entry = entries_for(task).get(action="plans.task.confidentiality_set")
    assert (entry.before, entry.after) == ({"confidential": False}, {"confidential": True})


def test_the_condition_of_a_conditional_task_can_be_met(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    task = tien_giang_plan.tasks.filter(due_kind=DueKind.CONDITIONAL).first()
    assert task is not None, "seed 004 has conditional tasks (sau khi có Quyết định ...)"
    set_condition_met(task, datetime.date(2026, 3, 1), by=coordinator, now=NOW)
    task.refresh_from_db()
    assert task.condition_met_on == datetime.date(2026, 3, 1)


def test_a_task_without_a_condition_refuses_a_condition_date(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    task = tien_giang_plan.tasks.filter(due_kind=DueKind.RECURRING, due_condition="").first()
    with pytest.raises(PlanError, match=task.code):
        set_condition_met(task, datetime.date(2026, 3, 1), by=coordinator, now=NOW)


def test_a_condition_cannot_be_met_in_the_future(tien_giang_plan: Plan, coordinator: User) -> None:
    task = tien_giang_plan.tasks.filter(due_kind=DueKind.CONDITIONAL).first()
    with pytest.raises(PlanError, match="tương lai"):
        set_condition_met(task, datetime.date(2027, 1, 1), by=coordinator, now=NOW)


def test_a_task_is_linked_to_the_national_system_and_unlinked(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    task = tien_giang_plan.tasks.first()
    set_external_id(task, "he_thong_quoc_gia", " NV-2025-0123 ", by=coordinator, now=NOW)
    task.refresh_from_db()
    assert task.external_ids == {"he_thong_quoc_gia": "NV-2025-0123"}
    set_external_id(task, "he_thong_quoc_gia", "", by=coordinator, now=NOW)
    task.refresh_from_db()
    assert task.external_ids == {}


def test_an_archived_task_cannot_be_changed(tien_giang_plan: Plan, coordinator: User) -> None:
    task = tien_giang_plan.tasks.first()
    task.archived_at = NOW
    task.save()
    with pytest.raises(PlanError):
        set_task_confidential(task, True, by=coordinator, now=NOW)
