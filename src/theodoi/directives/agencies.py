"""The agencies a plan's work can be sent to: the bodies its tasks and indicators name, as
they exist today."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from theodoi.orgs.models import Organisation
from theodoi.plans.models import Plan


def plan_agencies(plan: Plan, *, today: datetime.date) -> QuerySet[Organisation]:
    """The organisations named on the live tasks or indicators of ``plan``, each replaced by
    the body that carries its work on ``today`` (a former department by its successor): an
    agency of another province is never among them."""
    named = Organisation.objects.filter(
        Q(pk__in=plan.tasks.filter(archived_at__isnull=True).values("agencies__organisation"))
        | Q(
            pk__in=plan.indicators.filter(archived_at__isnull=True).values("agencies__organisation")
        )
    ).select_related("successor")
    current = {organisation.current(today).pk for organisation in named}
    return Organisation.objects.filter(pk__in=current).select_related("parent").order_by("name")
