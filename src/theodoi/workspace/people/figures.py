"""Who answers for which tasks a reader may see, and their figures from the plans' latest
evaluations (issue 12, "People"; seed 000 §1d).

Three capacities: the head of an agency (a leader's membership of that agency) answers for the
tasks the agency, or a body it succeeded, leads; the leader in charge and the officer in charge
for the assignments that name them. Only tasks the reader may see are counted
(``visible_tasks``: the reader's scope, confidential tasks as the reader may read them), so a
coordinator of another province finds nobody of this one."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import Enum

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from theodoi.evaluation.people import JudgedTask, PersonFigures, person_figures
from theodoi.evaluation.status import TaskStatus
from theodoi.orgs.models import Membership, Organisation, Role
from theodoi.orgs.people import name_of
from theodoi.plans.models import AgencyRole, Plan, PlanStatus, Task, TaskAgency
from theodoi.reporting.access import Who, visible_tasks
from theodoi.snapshots.reading import Results
from theodoi.snapshots.results import TaskResult
from theodoi.snapshots.services import latest_snapshot
from theodoi.users import User


class Capacity(Enum):
    HEAD = ("head", _("Head of the agency"))
    LEADER = ("leader", _("Leader in charge"))
    OFFICER = ("officer", _("Officer in charge"))

    def __init__(self, code: str, label: Promise) -> None:
        self.code = code
        self.label = label


@dataclass
class PersonRow:
    person: User
    capacity: Capacity
    agency: Organisation
    task_ids: list[int]
    figures: PersonFigures | None = None
    counted: set[int] = field(default_factory=set)

    @property
    def name(self) -> str:
        return name_of(self.person)


def _results(plan_ids: set[int], as_of: datetime.date) -> dict[int, TaskResult]:
    """Every task's result in the latest evaluation (up to ``as_of``) of its plan."""
    judged: dict[int, TaskResult] = {}
    for plan in Plan.objects.filter(pk__in=plan_ids).only("pk"):
        snapshot = latest_snapshot(plan, as_of=as_of)
        if snapshot is not None:
            judged.update(Results.of(snapshot).tasks)
    return judged


def _judged(result: TaskResult | None) -> JudgedTask:
    if result is None:
        return JudgedTask(None)
    due_on = result["due_on"]
    return JudgedTask(
        TaskStatus.from_code(result["status"]),
        bool(result["overdue"]),
        datetime.date.fromisoformat(due_on) if due_on else None,
    )


def _led(tasks: QuerySet[Task]) -> tuple[list[tuple[int, int]], dict[int, set[int]]]:
    """The (task, lead body) pairs of ``tasks`` in the plans' order, and for each lead body
    the bodies whose heads lead its tasks: it and every body that succeeded it (the bodies
    whose ``lineage_ids`` hold it), read for every body at once, so that a page costs the
    same number of statements however many leaders the country has."""
    led = list(
        TaskAgency.objects.filter(
            task__in=tasks.values("pk"), role=AgencyRole.LEAD, organisation__isnull=False
        )
        .order_by("task__plan_id", "task__position")
        .values_list("task_id", "organisation_id")
    )
    successor: dict[int, int] = dict(
        Organisation.objects.filter(successor__isnull=False).values_list("pk", "successor_id")
    )
    carried_by: dict[int, set[int]] = {}
    for _task, body in led:
        if body not in carried_by:
            chain: set[int] = set()
            at: int | None = body
            while at is not None and at not in chain:
                chain.add(at)
                at = successor.get(at)
            carried_by[body] = chain
    return led, carried_by


def people_in_charge(
    reader: Who, *, as_of: datetime.date, person_id: int | None = None
) -> list[PersonRow]:
    """The people answering for tasks ``reader`` may see, each capacity and agency a row, with
    their figures; by agency, capacity, then name. With ``person_id``, that person's rows only
    (a person's page need not count everybody)."""
    readable_rows = visible_tasks(reader).filter(plan__status=PlanStatus.PUBLISHED)
    readable = dict(readable_rows.values_list("pk", "plan_id"))
    rows: dict[tuple[int, str, int], PersonRow] = {}

    def add(person: User, capacity: Capacity, agency: Organisation, task_id: int) -> None:
        if person_id is not None and person.pk != person_id:
            return  # the other person named on the same assignment
        row = rows.setdefault(
            (person.pk, capacity.code, agency.pk), PersonRow(person, capacity, agency, [])
        )
        if task_id not in row.counted:
            row.counted.add(task_id)
            row.task_ids.append(task_id)

    assignments = (
        TaskAgency.objects.filter(task__in=readable_rows.values("pk"), organisation__isnull=False)
        .filter(
            Q(officer__isnull=False) | Q(leader__isnull=False)
            if person_id is None
            else Q(officer_id=person_id) | Q(leader_id=person_id)
        )
        .select_related("organisation", "officer", "leader")
        .order_by("task__plan_id", "task__position", "pk")
    )
    currents: dict[int, Organisation] = {}
    for assignment in assignments:
        assert assignment.organisation is not None  # filtered above
        agency = currents.setdefault(
            assignment.organisation.pk, assignment.organisation.current(as_of)
        )
        if assignment.officer is not None:
            add(assignment.officer, Capacity.OFFICER, agency, assignment.task_id)
        if assignment.leader is not None:
            add(assignment.leader, Capacity.LEADER, agency, assignment.task_id)

    led, carried_by = _led(readable_rows)
    heads = Membership.objects.filter(
        role=Role.LEADER,
        user__is_active=True,
        organisation_id__in=set().union(*carried_by.values()),
    ).select_related("user", "organisation")
    if person_id is not None:
        heads = heads.filter(user_id=person_id)
    for membership in heads:
        head_of = membership.organisation
        assert head_of is not None  # filtered above
        for task_id, body in led:
            if head_of.pk in carried_by[body]:
                add(membership.user, Capacity.HEAD, head_of, task_id)

    judged = _results({readable[t] for row in rows.values() for t in row.task_ids}, as_of)
    order = list(Capacity)
    found = sorted(
        rows.values(), key=lambda r: (r.agency.name, order.index(r.capacity), r.name, r.person.pk)
    )
    for row in found:
        row.figures = person_figures((_judged(judged.get(t)) for t in row.task_ids), as_of=as_of)
    return found
