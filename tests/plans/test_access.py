"""Who sees and edits which plans and tasks, for every role."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.builders import NOW, org
from theodoi.orgs.models import Role
from theodoi.plans.access import (
    get_plan_for,
    get_task_for,
    may_import,
    visible_plans,
    visible_tasks,
)
from theodoi.plans.models import AgencyRole, Plan, PlanStatus, Task

pytestmark = pytest.mark.usefixtures("orgs")
SO_KHCN = "dong-thap--so-khoa-hoc-cong-nghe"


def own_task(plan: Plan) -> Task:
    """A task of seed 004 that Sở Thông tin và Truyền thông leads: today Sở KH&CN's."""
    return plan.tasks.filter(
        agencies__organisation=org(SO_KHCN), agencies__role=AgencyRole.LEAD
    ).first()


def foreign_task(plan: Plan) -> Task:
    return plan.tasks.exclude(agencies__organisation=org(SO_KHCN)).first()


def test_a_reporter_sees_only_the_tasks_its_organisation_leads_or_cooperates_on(
    tien_giang_plan: Plan, reporter: User
) -> None:
    seen = visible_tasks(reporter)
    expected = tien_giang_plan.tasks.filter(agencies__organisation=org(SO_KHCN)).distinct()
    assert set(seen) == set(expected)
    assert 0 < seen.count() < tien_giang_plan.tasks.count()


def test_a_reporter_of_another_agency_sees_other_tasks(
    tien_giang_plan: Plan, reporter: User, other_reporter: User
) -> None:
    assert not set(visible_tasks(reporter)) & set(visible_tasks(other_reporter)) - set(
        tien_giang_plan.tasks.filter(agencies__organisation=org(SO_KHCN))
    )
    with pytest.raises(Http404):
        get_task_for(other_reporter, own_task(tien_giang_plan).pk)


def test_a_reporter_of_a_former_body_sees_the_tasks_of_its_successor(
    tien_giang_plan: Plan, make_user: Callable[..., User]
) -> None:
    # Tasks were resolved to today's Sở KH&CN; a successor recorded later still reaches them.
    body = org(SO_KHCN)
    assert org("tien-giang--so-thong-tin-truyen-thong").pk in body.lineage_ids()
    user = make_user("cu", Role.REPORTER, body)
    assert get_task_for(user, own_task(tien_giang_plan).pk, write=True)


@pytest.mark.parametrize("persona", ["coordinator", "leader", "admin_persona"])
def test_staff_readers_see_every_task(
    persona: str, request: pytest.FixtureRequest, tien_giang_plan: Plan
) -> None:
    user = request.getfixturevalue(persona)
    assert visible_tasks(user).count() == tien_giang_plan.tasks.count()


def test_the_public_sees_published_tasks_but_not_confidential_ones(
    tien_giang_plan: Plan, public: AnonymousUser
) -> None:
    secret = foreign_task(tien_giang_plan)
    secret.confidential = True
    secret.save()
    seen = visible_tasks(public)
    assert seen.count() == tien_giang_plan.tasks.count() - 1
    with pytest.raises(Http404):
        get_task_for(public, secret.pk)


def test_a_confidential_task_is_hidden_from_other_agencies_but_not_its_own(
    tien_giang_plan: Plan, reporter: User, other_reporter: User, leader: User
) -> None:
    secret = own_task(tien_giang_plan)
    secret.confidential = True
    secret.save()
    assert get_task_for(reporter, secret.pk) == secret
    assert get_task_for(leader, secret.pk) == secret
    with pytest.raises(Http404):
        get_task_for(other_reporter, secret.pk)


def test_a_reporter_may_write_its_own_task(tien_giang_plan: Plan, reporter: User) -> None:
    task = own_task(tien_giang_plan)
    assert get_task_for(reporter, task.pk, write=True) == task


@pytest.mark.parametrize("persona", ["leader", "public"])
def test_read_only_roles_may_not_write(
    persona: str, request: pytest.FixtureRequest, tien_giang_plan: Plan
) -> None:
    user = request.getfixturevalue(persona)
    task = foreign_task(tien_giang_plan)
    with pytest.raises(PermissionDenied):
        get_task_for(user, task.pk, write=True)


@pytest.mark.parametrize("persona", ["coordinator", "admin_persona"])
def test_the_coordinator_and_admin_may_write_any_task(
    persona: str, request: pytest.FixtureRequest, tien_giang_plan: Plan
) -> None:
    user = request.getfixturevalue(persona)
    task = foreign_task(tien_giang_plan)
    assert get_task_for(user, task.pk, write=True) == task


def test_an_archived_task_is_seen_by_nobody(tien_giang_plan: Plan, coordinator: User) -> None:
    task = foreign_task(tien_giang_plan)
    task.archived_at = NOW
    task.save()
    with pytest.raises(Http404):
        get_task_for(coordinator, task.pk)


def test_a_draft_plan_is_seen_only_by_staff_readers(
    tien_giang_plan: Plan, coordinator: User, leader: User, reporter: User, public: AnonymousUser
) -> None:
    Plan.objects.filter(pk=tien_giang_plan.pk).update(status=PlanStatus.DRAFT, published_at=None)
    assert get_plan_for(coordinator, tien_giang_plan.pk)
    assert get_plan_for(leader, tien_giang_plan.pk)
    for outsider in (reporter, public):
        assert not visible_plans(outsider).exists()
        assert not visible_tasks(outsider).exists()
        with pytest.raises(Http404):
            get_plan_for(outsider, tien_giang_plan.pk)


def test_a_signed_in_user_without_a_role_is_the_public(
    tien_giang_plan: Plan, make_user: Callable[..., User]
) -> None:
    nobody = make_user("khach", None)
    assert visible_tasks(nobody).count() == tien_giang_plan.tasks.count()
    assert not may_import(nobody)
    with pytest.raises(PermissionDenied):
        get_task_for(nobody, foreign_task(tien_giang_plan).pk, write=True)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("coordinator", True),
        ("admin_persona", True),
        ("leader", False),
        ("reporter", False),
        ("public", False),
    ],
)
def test_only_the_coordinator_and_admin_import_plans(
    persona: str, allowed: bool, request: pytest.FixtureRequest
) -> None:
    assert may_import(request.getfixturevalue(persona)) is allowed
