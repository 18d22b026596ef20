"""Who is owed a notice: reporters by organisation, coordinators and the plans they follow,
and which tasks an agency has not reported on in a round."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.auth.models import User
from django.db.models import Q

from theodoi.orgs.models import Membership, Organisation, Role
from theodoi.plans.models import AgencyRole, Plan, PlanStatus, Task, TaskAgency
from theodoi.reporting.access import round_tasks_of
from theodoi.reporting.models import ReportingRound, ReviewState, TaskUpdate
from theodoi.reporting.versions import latest_only

# A report that is in: waiting for review or accepted. A draft or a returned one is not.
IN_STATES = frozenset({ReviewState.SUBMITTED, ReviewState.ACCEPTED})


def reporters_by_organisation() -> dict[int, list[User]]:
    """Active reporters, grouped by the organisation they act for."""
    people: dict[int, list[User]] = defaultdict(list)
    for membership in (
        Membership.objects.filter(role=Role.REPORTER, user__is_active=True)
        .select_related("user")
        .order_by("user__username")
    ):
        if membership.organisation_id is not None:
            people[membership.organisation_id].append(membership.user)
    return people


def reporters_and_agencies() -> tuple[dict[int, list[User]], dict[int, Organisation]]:
    """``reporters_by_organisation`` and the organisations it names, by id."""
    reporters = reporters_by_organisation()
    return reporters, Organisation.objects.in_bulk(list(reporters))


def coordinators() -> list[Membership]:
    return list(
        Membership.objects.filter(role=Role.COORDINATOR, user__is_active=True)
        .select_related("user", "scope")
        .order_by("user__username")
    )


def plans_followed(membership: Membership) -> list[Plan]:
    """The published plans of the coordinator's scope: its province as it is today and every
    body it succeeded (a plan of Tiền Giang is Đồng Tháp's since the merger); every published
    plan for a coordinator of the nation."""
    plans = Plan.objects.filter(status=PlanStatus.PUBLISHED).select_related("province")
    if membership.scope is None:
        return list(plans)
    return list(plans.filter(province_id__in=membership.scope.lineage_ids()))


def latest_states(round_: ReportingRound) -> dict[tuple[int, int], str]:
    """(task, organisation) -> the review state of the latest version of its update."""
    return {
        (task_id, organisation_id): state
        for task_id, organisation_id, state in latest_only(
            TaskUpdate.objects.filter(round=round_)
        ).values_list("task_id", "organisation_id", "state")
    }


def missing_tasks(
    round_: ReportingRound, organisation: Organisation, states: dict[tuple[int, int], str]
) -> list[Task]:
    """The live tasks of the round the organisation (or a body it succeeded) leads or
    cooperates on (``round_tasks_of``), whose update is not in yet."""
    tasks = round_tasks_of(round_, organisation).order_by("position", "pk")
    return [task for task in tasks if states.get((task.pk, organisation.pk)) not in IN_STATES]


def people_in_charge(
    plan_id: int, today: datetime.date, *, lead_only: bool = False
) -> list[tuple[User, Organisation, Task]]:
    """(person, agency, task) for each active officer or leader in charge named on a live
    task's assignment in the plan (lead assignments only with ``lead_only``), the agency as
    it is on ``today`` (the body the updates are recorded for), in the plan's order."""
    assignments = (
        TaskAgency.objects.filter(
            task__plan_id=plan_id, task__archived_at__isnull=True, organisation__isnull=False
        )
        .filter(Q(officer__is_active=True) | Q(leader__is_active=True))
        .select_related("task", "organisation", "officer", "leader")
        .order_by("task__position", "task_id", "role", "position")
    )
    if lead_only:
        assignments = assignments.filter(role=AgencyRole.LEAD)
    found: list[tuple[User, Organisation, Task]] = []
    currents: dict[int, Organisation] = {}
    for assignment in assignments:
        assert assignment.organisation is not None  # filtered above
        agency = currents.setdefault(
            assignment.organisation.pk, assignment.organisation.current(today)
        )
        for person in (assignment.officer, assignment.leader):
            if person is not None and person.is_active:
                found.append((person, agency, assignment.task))
    return found
