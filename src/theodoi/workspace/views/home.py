"""The first page after logging in: what this role has to do today, and the roles a person
holds to switch between."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.orgs.middleware import SESSION_KEY
from theodoi.orgs.roles import memberships_of
from theodoi.reporting.access import (
    indicators_of,
    listed_plans,
    persona,
    reporter_organisation,
    staged_drafts,
    visible_tasks,
)
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.views.gates import staff_required


def home(request: HttpRequest) -> HttpResponse:
    who = persona(request.user)
    if who.role is None:
        return render(request, "workspace/home_public.html")
    tasks = visible_tasks(who)
    plans = listed_plans(who)
    organisation = reporter_organisation(who)
    if organisation is not None:
        # A plan may give the agency indicators to report on and no task (60-CTr/TU).
        indicators = indicators_of(organisation)
        plans = plans.filter(Q(task_count__gt=0) | Q(pk__in=indicators.values("plan")))
    context = {
        "persona": who,
        "plans": plans,
        "task_count": tasks.count(),
        "drafts": staged_drafts(who),
        "memberships": memberships_of(request.user),  # type: ignore[arg-type]
    }
    return render(request, "workspace/home.html", context)


@staff_required
@require_POST
def choose_role(request: AuthenticatedRequest) -> HttpResponseBase:
    """Act in another of one's own memberships from the next page on."""
    held = {m.pk: m for m in memberships_of(request.user)}
    try:
        chosen = held[int(request.POST.get("membership", ""))]
    except (KeyError, ValueError):
        messages.error(request, _("Choose one of your own roles."))
        return redirect("workspace:home")
    request.session[SESSION_KEY] = chosen.pk
    messages.success(
        request,
        _("You now act as %(role)s, %(scope)s.")
        % {"role": chosen.get_role_display(), "scope": chosen.where()},
    )
    return redirect("workspace:home")
