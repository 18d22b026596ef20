"""Reminders and overdue warnings reach the officer and the leader in charge of a task's
assignment, besides the agency's reporters, and nobody twice."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User

from tests.builders import DURING, NOW, lead_tasks, make_persona, org
from theodoi.notify.services import due_reminders, overdue_notices
from theodoi.orgs.models import Role
from theodoi.plans.models import AgencyRole, Task, TaskAgency
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.people import set_people_in_charge
from theodoi.reporting.updates import UpdateContent, submit_update

SEVEN_DAYS_BEFORE = datetime.date(2026, 5, 25)  # the round's deadline is 1/6/2026, 00:00
ONE_DAY_BEFORE = datetime.date(2026, 5, 31)


@pytest.fixture
def deputy(orgs: None) -> User:
    """A deputy director of Sở KH&CN, who reports on nothing herself."""
    person = make_persona("pgd.khcn", Role.LEADER, org("dong-thap--so-khoa-hoc-cong-nghe"))
    person.first_name, person.last_name = "Trần Thị", "Bình"
    person.save(update_fields=["first_name", "last_name"])
    return person


@pytest.fixture
def task(round_: ReportingRound, reporter: User) -> Task:
    """A task Sở KH&CN leads that falls due on a day (not after a condition)."""
    return next(t for t in lead_tasks(round_.plan, reporter) if t.due_kind != "conditional")


@pytest.fixture
def in_charge(task: Task, reporter: User, deputy: User) -> TaskAgency:
    """The reporter is the officer in charge of the task, the deputy its leader in charge."""
    lineage = reporter.memberships.get().organisation.lineage_ids()
    assignment = TaskAgency.objects.get(
        task=task, role=AgencyRole.LEAD, organisation_id__in=lineage
    )
    return set_people_in_charge(assignment, officer=reporter, leader=deputy, by=reporter, now=NOW)


def test_the_leader_in_charge_is_reminded_of_the_tasks_she_is_in_charge_of(
    round_: ReportingRound, in_charge: TaskAgency, task: Task, deputy: User
) -> None:
    planned = [p for p in due_reminders(SEVEN_DAYS_BEFORE) if p.recipient == deputy]

    assert len(planned) == 1
    notice = planned[0]
    agency = org("dong-thap--so-khoa-hoc-cong-nghe")
    assert notice.key == f"reminder:{round_.pk}:{agency.pk}:7:{deputy.pk}"
    assert "1 nhiệm vụ do bạn phụ trách" in notice.body
    assert f"- {task.code}. " in notice.body


def test_an_officer_who_is_the_agency_s_reporter_gets_the_agency_s_reminder_once(
    round_: ReportingRound, in_charge: TaskAgency, reporter: User
) -> None:
    planned = [p for p in due_reminders(SEVEN_DAYS_BEFORE) if p.recipient == reporter]
    assert len(planned) == 1
    assert "do bạn phụ trách" not in planned[0].body


def test_no_reminder_once_the_task_s_update_is_in(
    round_: ReportingRound, in_charge: TaskAgency, task: Task, reporter: User, deputy: User
) -> None:
    content = UpdateContent(status="in_progress", progress=30, results="Đang làm.")
    submit_update(round_, task, content, by=reporter, based_on=0, now=DURING)
    assert not [p for p in due_reminders(ONE_DAY_BEFORE) if p.recipient == deputy]


def test_nobody_in_charge_means_no_reminder_for_the_deputy(
    round_: ReportingRound, deputy: User
) -> None:
    assert not [p for p in due_reminders(SEVEN_DAYS_BEFORE) if p.recipient == deputy]


def test_an_overdue_task_warns_its_people_in_charge_each_once(
    round_: ReportingRound, in_charge: TaskAgency, task: Task, reporter: User, deputy: User
) -> None:
    later = datetime.date(2031, 1, 15)  # every task of the plan is past due by then
    planned = [p for p in overdue_notices(later) if p.key.startswith(f"overdue:{task.pk}:")]
    assert sorted(p.recipient.username for p in planned) == sorted(
        [reporter.username, deputy.username]
    )
    assert len({p.key for p in planned}) == len(planned)
