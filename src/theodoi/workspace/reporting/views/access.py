"""Who a reporting page serves and which round it is about: a coordinator, a reporter of an
agency, a round of a plan the person may see (else 404)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest

from theodoi.orgs.models import Organisation, Role
from theodoi.orgs.roles import persona_of
from theodoi.plans.access import visible_plans
from theodoi.reporting.models import ReportingRound


def is_coordinator(request: HttpRequest) -> bool:
    return persona_of(request.user).role in {Role.ADMIN, Role.COORDINATOR}


def require_coordinator(request: HttpRequest) -> None:
    if not is_coordinator(request):
        raise PermissionDenied


def reporter_organisation(request: HttpRequest) -> Organisation:
    persona = persona_of(request.user)
    if persona.role != Role.REPORTER or persona.organisation is None:
        raise PermissionDenied
    return persona.organisation


def round_for(request: HttpRequest, round_id: int) -> ReportingRound:
    """The round, if its plan is one the person may see (else 404)."""
    round_ = (
        ReportingRound.objects.filter(pk=round_id, plan__in=visible_plans(request.user))
        .select_related("plan")
        .first()
    )
    if round_ is None:
        raise Http404
    return round_


def plan_organisations(round_: ReportingRound) -> Any:
    return Organisation.objects.filter(
        Q(pk__in=round_.plan.tasks.values("agencies__organisation"))
        | Q(pk__in=round_.plan.indicators.values("agencies__organisation"))
    ).order_by("name")
