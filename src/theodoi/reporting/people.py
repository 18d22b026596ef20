"""Naming the people in charge of a task's assignment to an agency (seed 000 §1d: the agency,
its head and its officials are each judged on how far their tasks have come).

The agency's reporter or the plan's coordinator names, within the agency, the officer in
charge (cán bộ phụ trách) and the leader in charge (lãnh đạo phụ trách); each change is audited
and either may be left empty."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.orgs.people import name_of, people_of
from theodoi.plans.models import TaskAgency
from theodoi.reporting.access import may_name_people
from theodoi.reporting.errors import ReportingError
from theodoi.users import AnyUser, User


def _named(assignment: TaskAgency) -> dict[str, object]:
    return {
        "agency": assignment.name,
        "officer_id": assignment.officer_id,
        "officer": name_of(assignment.officer) if assignment.officer else None,
        "leader_id": assignment.leader_id,
        "leader": name_of(assignment.leader) if assignment.leader else None,
    }


@transaction.atomic
def set_people_in_charge(
    assignment: TaskAgency,
    *,
    officer: User | None,
    leader: User | None,
    by: AnyUser,
    now: datetime.datetime,
) -> TaskAgency:
    """Name ``officer`` and ``leader`` in charge of ``assignment`` (None clears either).

    Refused, with the reason, unless ``by`` is the plan's
    coordinator or a reporter of the agency, and each person is a member of the agency (or of
    the body carrying its work today)."""
    assignment = (
        TaskAgency.objects.select_for_update(of=("self",))
        .select_related("task__plan", "organisation", "officer", "leader")
        .get(pk=assignment.pk)
    )
    if not may_name_people(by, assignment):
        raise ReportingError(
            _(
                "Only a reporter of %(agency)s or the plan's coordinating agency can name its "
                "people in charge."
            )
            % {"agency": assignment.name}
        )
    if assignment.organisation is None:
        raise ReportingError(
            _(
                "“%(agency)s” is not an organisation theodoi knows: nobody can be put in "
                "charge for it."
            )
            % {"agency": assignment.name}
        )
    members = people_of(assignment.organisation, timezone.localdate(now))
    for person, field in ((officer, _("Officer in charge")), (leader, _("Leader in charge"))):
        if person is not None and not members.filter(pk=person.pk).exists():
            raise ReportingError(
                _("%(field)s: %(person)s is not a member of %(agency)s.")
                % {
                    "field": field,
                    "person": name_of(person),
                    "agency": assignment.organisation.name,
                }
            )
    before = _named(assignment)
    if (assignment.officer_id, assignment.leader_id) == (
        officer.pk if officer else None,
        leader.pk if leader else None,
    ):
        return assignment
    assignment.officer = officer
    assignment.leader = leader
    assignment.save(update_fields=["officer", "leader"])
    record(
        Action.TASK_PEOPLE_SET,
        assignment.task,
        by=by,
        now=now,
        before=before,
        after=_named(assignment),
    )
    return assignment
