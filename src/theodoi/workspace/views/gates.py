"""Which people may open a workspace page, as decorators over theodoi.reporting.access's
predicates (which rows they see is that module's job too), and the plan a coordinator's page
writes to (``coordinated_plan``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.views.decorators.http import require_POST

from theodoi.plans.models import Plan
from theodoi.reporting.access import (
    coordinates,
    get_plan_for,
    has_role,
    is_coordinator,
    is_leader,
    is_staff_reader,
)
from theodoi.users import AnyUser, AuthenticatedRequest

# A gated view takes an AuthenticatedRequest: the gate lets only signed-in people through.
View = Callable[..., HttpResponseBase]


def _gate(allowed: Callable[[AnyUser], bool]) -> Callable[[View], View]:
    """Anonymous visitors are sent to the login page; a signed-in person not allowed gets 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return gated

    return decorate


staff_required = _gate(has_role)
coordinator_required = _gate(is_coordinator)
reader_required = _gate(is_staff_reader)


def coordinator_action(view: View) -> View:
    """A coordinator's action on a round: POST only. Any staff member hears 405 for another
    method before a role other than the coordinator's hears 403."""
    return staff_required(require_POST(coordinator_required(view)))


def reads_audit(who: AnyUser) -> bool:
    """Coordinators (IT staff too) and leaders read the audit log of their scope."""
    return is_coordinator(who) or is_leader(who)


audit_reader_required = _gate(reads_audit)


def coordinated_plan(request: AuthenticatedRequest, plan_id: int) -> Plan:
    """The plan, when the person coordinates it: 404 beyond their scope, 403 within it (a
    national plan a province's coordinator reads)."""
    plan = get_plan_for(request.user, plan_id)
    if not coordinates(request.user, plan):
        raise PermissionDenied
    return plan
