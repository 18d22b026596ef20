"""Who answers for which tasks a reader may see, and their figures from the plans' latest
evaluations (issue 12, "People"; seed 000 §1d).

Three capacities: the head of an agency (a leader's membership of that agency) answers for the
tasks the agency, or a body it succeeded, leads; the leader in charge and the officer in charge
for the assignments that name them. Only tasks the reader may see are counted
(``visible_tasks``: the reader's scope, confidential tasks as the reader may read them), so a
coordinator of another province finds nobody of this one."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from theodoi.caching import fetch, keep
from theodoi.evaluation.people import JudgedTask, PersonFigures, person_figures
from theodoi.evaluation.status import TaskStatus
from theodoi.orgs.models import Membership, Organisation, Role
from theodoi.orgs.people import name_of
from theodoi.plans.models import AgencyRole, Plan, PlanStatus, Task, TaskAgency
from theodoi.reporting.access import Who, visible_tasks
from theodoi.snapshots.models import PlanSnapshot
from theodoi.snapshots.reading import Results
from theodoi.snapshots.results import TaskResult
from theodoi.snapshots.services import latest_snapshots
from theodoi.users import User

UNJUDGED = JudgedTask(None)  # a task whose plan has no evaluation yet


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


def _judged(result: TaskResult) -> JudgedTask:
    due_on = result["due_on"]
    return JudgedTask(
        TaskStatus.from_code(result["status"]),
        bool(result["overdue"]),
        datetime.date.fromisoformat(due_on) if due_on else None,
    )


def _judgements(plan_ids: set[int], as_of: datetime.date) -> dict[int, JudgedTask]:
    """Every task's judgement in the latest evaluation (up to ``as_of``) of its plan. Kept
    per snapshot digest, which never changes meaning: a page that counts the same evaluations
    again reads two columns of each snapshot, not its whole JSON."""
    judged: dict[int, JudgedTask] = {}
    for pk, digest in latest_snapshots(Plan.objects.filter(pk__in=plan_ids), as_of=as_of).values():
        key = f"people-judged:{digest}"
        found: dict[int, JudgedTask] | None = fetch(key)
        if found is None:
            snapshot = PlanSnapshot.objects.only("results").get(pk=pk)
            found = {t: _judged(result) for t, result in Results.of(snapshot).tasks.items()}
            keep(key, found)
        judged.update(found)
    return judged


def _heads(
    tasks: QuerySet[Task], person_id: int | None
) -> Iterator[tuple[User, Organisation, int]]:
    """(head, agency, task) for each of ``tasks`` led by the agency the head leads or by a body
    it succeeded, in the plans' order: each lead assignment goes to the heads of its agency and
    of every body that succeeded it, found in three statements whatever the number of heads."""
    led = list(
        TaskAgency.objects.filter(
            task__in=tasks.values("pk"), role=AgencyRole.LEAD, organisation__isnull=False
        )
        .order_by("task__plan_id", "task__position")
        .values_list("task_id", "organisation_id")
    )
    heirs = Organisation.heirs_of({agency for _task, agency in led})
    led_by: dict[int, list[int]] = {}
    for task_id, agency_id in led:
        for head_of in heirs[agency_id]:
            led_by.setdefault(head_of, []).append(task_id)
    heads = Membership.objects.filter(
        role=Role.LEADER, user__is_active=True, organisation_id__in=led_by
    ).select_related("user", "organisation")
    if person_id is not None:
        heads = heads.filter(user_id=person_id)
    for membership in heads:
        assert membership.organisation is not None  # filtered above
        for task_id in led_by[membership.organisation.pk]:
            yield membership.user, membership.organisation, task_id


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

    for person, head_of, task_id in _heads(readable_rows, person_id):
        add(person, Capacity.HEAD, head_of, task_id)

    judged = _judgements({readable[t] for row in rows.values() for t in row.task_ids}, as_of)
    order = list(Capacity)
    found = sorted(
        rows.values(), key=lambda r: (r.agency.name, order.index(r.capacity), r.name, r.person.pk)
    )
    for row in found:
        row.figures = person_figures((judged.get(t, UNJUDGED) for t in row.task_ids), as_of=as_of)
    return found
