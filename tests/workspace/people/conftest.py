"""Seed 004 with people in charge: Sở KH&CN's officer on two tasks due in 2025, its deputy
director the leader in charge of one of them, which is done (late, with evidence)."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User

from tests.builders import AS_OF, DURING, REVIEWED, make_persona, org
from theodoi.orgs.models import Organisation, Role
from theodoi.plans.models import AgencyRole, Plan, TaskAgency
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.reporting.people import set_people_in_charge
from theodoi.reporting.updates import UpdateContent
from theodoi.snapshots.models import PlanSnapshot
from theodoi.snapshots.services import rebuild_snapshot

DONE = UpdateContent(
    status="done_on_time",
    progress=100,
    completed_on=datetime.date(2026, 5, 15),
    results="Đã ban hành kế hoạch.",
)


def named(username: str, first: str, last: str, role: Role, code: str) -> User:
    person = make_persona(username, role, org(code))
    person.first_name, person.last_name = first, last
    person.save(update_fields=["first_name", "last_name"])
    return person


@pytest.fixture
def officer(orgs: None) -> User:
    return named(
        "canbo.khcn", "Nguyễn Văn", "An", Role.REPORTER, "dong-thap--so-khoa-hoc-cong-nghe"
    )


@pytest.fixture
def deputy(orgs: None) -> User:
    return named("pgd.khcn", "Trần Thị", "Bình", Role.LEADER, "dong-thap--so-khoa-hoc-cong-nghe")


def assignment_of(plan: Plan, code: str, agency: Organisation) -> TaskAgency:
    return TaskAgency.objects.get(
        task__plan=plan,
        task__code=code,
        role=AgencyRole.LEAD,
        organisation_id__in=agency.lineage_ids(),
    )


@pytest.fixture
def people_named(
    round_: ReportingRound,
    reporter: User,
    reporter_org: Organisation,
    officer: User,
    deputy: User,
    report_task: Callable[..., TaskUpdate],
) -> PlanSnapshot:
    """PL2.29 (done late) and PL2.35 (overdue), both due 31/12/2025; evaluated at AS_OF."""
    plan = round_.plan
    first = assignment_of(plan, "PL2.29", reporter_org)
    second = assignment_of(plan, "PL2.35", reporter_org)
    set_people_in_charge(first, officer=officer, leader=deputy, by=reporter, now=DURING)
    set_people_in_charge(second, officer=officer, leader=None, by=reporter, now=DURING)
    report_task(first.task, DONE, evidence=True)
    return rebuild_snapshot(plan, as_of=AS_OF, now=REVIEWED)
