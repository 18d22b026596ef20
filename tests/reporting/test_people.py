"""Naming the officer and the leader in charge of a task's assignment to an agency: who may,
whom they may name, and the audit of each change."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests.builders import NOW, make_persona, org
from theodoi.audit.actions import Action
from theodoi.audit.log import entries_for
from theodoi.orgs.models import Organisation, Role
from theodoi.plans.models import AgencyRole, Plan, TaskAgency
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.people import set_people_in_charge


def lead_assignment(plan: Plan, agency: Organisation) -> TaskAgency:
    """The first assignment of ``plan`` that ``agency`` (or a body it succeeded) leads."""
    found = (
        TaskAgency.objects.filter(
            task__plan=plan, role=AgencyRole.LEAD, organisation_id__in=agency.lineage_ids()
        )
        .order_by("task__position", "pk")
        .first()
    )
    assert found is not None
    return found


def officer_of(code: str, username: str, last_name: str, role: Role = Role.REPORTER) -> User:
    person = make_persona(username, role, org(code))
    person.first_name, person.last_name = last_name.split(" ", 1)
    person.save(update_fields=["first_name", "last_name"])
    return person


@pytest.fixture
def assignment(tien_giang_plan: Plan, reporter_org: Organisation) -> TaskAgency:
    """A task Tiền Giang's Sở Thông tin và Truyền thông led: Đồng Tháp's Sở KH&CN's today."""
    return lead_assignment(tien_giang_plan, reporter_org)


@pytest.fixture
def officer(orgs: None) -> User:
    return officer_of("dong-thap--so-khoa-hoc-cong-nghe", "canbo.khcn", "Nguyễn Văn An")


@pytest.fixture
def deputy(orgs: None) -> User:
    """A deputy director of Sở KH&CN: a leader's membership of the agency."""
    return officer_of(
        "dong-thap--so-khoa-hoc-cong-nghe", "pgd.khcn", "Trần Thị Bình", role=Role.LEADER
    )


def test_the_agency_s_reporter_names_its_officer_and_leader_and_it_is_audited(
    assignment: TaskAgency, reporter: User, officer: User, deputy: User
) -> None:
    set_people_in_charge(assignment, officer=officer, leader=deputy, by=reporter, now=NOW)

    assignment.refresh_from_db()
    assert (assignment.officer, assignment.leader) == (officer, deputy)
    entry = entries_for(assignment.task).get(action=Action.TASK_PEOPLE_SET)
    assert entry.by == reporter
    assert entry.before["officer"] is None
    assert entry.after["officer"] == "Nguyễn Văn An"
    assert entry.after["leader_id"] == deputy.pk


def test_the_plan_s_coordinator_names_them_and_may_clear_them(
    assignment: TaskAgency, coordinator: User, officer: User
) -> None:
    set_people_in_charge(assignment, officer=officer, leader=None, by=coordinator, now=NOW)
    set_people_in_charge(assignment, officer=None, leader=None, by=coordinator, now=NOW)

    assignment.refresh_from_db()
    assert assignment.officer is None
    assert entries_for(assignment.task).filter(action=Action.TASK_PEOPLE_SET).count() == 2


def test_naming_the_same_people_again_changes_nothing(
    assignment: TaskAgency, reporter: User, officer: User
) -> None:
    for _ in range(2):
        set_people_in_charge(assignment, officer=officer, leader=None, by=reporter, now=NOW)
    assert entries_for(assignment.task).filter(action=Action.TASK_PEOPLE_SET).count() == 1


def test_an_officer_of_another_agency_is_refused_with_the_person_and_the_agency_named(
    assignment: TaskAgency, reporter: User, other_reporter: User
) -> None:
    with pytest.raises(ReportingError) as refused:
        set_people_in_charge(assignment, officer=other_reporter, leader=None, by=reporter, now=NOW)
    assert str(refused.value) == (
        "Cán bộ phụ trách: soyte không phải là người của Sở Khoa học và Công nghệ."
    )
    assignment.refresh_from_db()
    assert assignment.officer is None
    assert not entries_for(assignment.task).filter(action=Action.TASK_PEOPLE_SET).exists()


def test_a_leader_of_another_agency_is_refused_too(
    assignment: TaskAgency, reporter: User, officer: User, orgs: None
) -> None:
    health = officer_of("dong-thap--so-y-te", "gd.yte", "Lê Văn Cường", role=Role.LEADER)
    with pytest.raises(ReportingError, match=r"^Lãnh đạo phụ trách: Lê Văn Cường không phải"):
        set_people_in_charge(assignment, officer=officer, leader=health, by=reporter, now=NOW)
    assignment.refresh_from_db()
    assert (assignment.officer, assignment.leader) == (None, None)


def test_a_deactivated_member_cannot_be_named(
    assignment: TaskAgency, reporter: User, officer: User
) -> None:
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    with pytest.raises(ReportingError, match="không phải là người của"):
        set_people_in_charge(assignment, officer=officer, leader=None, by=reporter, now=NOW)


@pytest.mark.parametrize("who", ["other_reporter", "other_coordinator", "leader", "inspector"])
def test_only_the_agency_s_reporter_or_the_plan_s_coordinator_may_name_them(
    who: str, assignment: TaskAgency, officer: User, request: pytest.FixtureRequest
) -> None:
    person = request.getfixturevalue(who)
    with pytest.raises(ReportingError, match=r"Chỉ người báo cáo của .* hoặc cơ quan đầu mối"):
        set_people_in_charge(assignment, officer=officer, leader=None, by=person, now=NOW)
    assignment.refresh_from_db()
    assert assignment.officer is None
