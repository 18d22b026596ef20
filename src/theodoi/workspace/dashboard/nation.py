"""The roll-up pages: a province's figures over all its plans (its former provinces' plans
included), and the national dashboard with the provinces side by side — a map coloured by
completion, a table and a ranking — for staff readers of the nation only.

The pages are kept whole like the dashboard (``workspace.views.cached``), under
``keys.rollup_key``: the reader's scope, every plan's version and latest snapshot digest and
the province asked for, so a rebuilt snapshot is a new key and nothing needs deleting."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.evaluation.rollup import CompletionBand, rank_scopes, roll_up_all, total
from theodoi.evaluation.wording import vn_sort_key
from theodoi.orgs.models import Organisation, OrganisationKind
from theodoi.plans.models import Plan
from theodoi.reporting.access import persona
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.dashboard.keys import rollup_key
from theodoi.workspace.dashboard.rollup import (
    current_provinces,
    plan_lines,
    rolled_up_plans,
    scope_named,
)
from theodoi.workspace.dashboard.vnmap import areas, outline
from theodoi.workspace.views.cached import whole_page
from theodoi.workspace.views.gates import reader_required

PROVINCE_PARAM = "tinh"
# Bands as the legend lists them, from the best.
LEGEND = (
    CompletionBand.TOP,
    CompletionBand.HIGH,
    CompletionBand.MIDDLE,
    CompletionBand.LOW,
    CompletionBand.NOT_EVALUATED,
    CompletionBand.NO_PLAN,
)


def _province_page(
    request: AuthenticatedRequest,
    scope: Organisation,
    today: datetime.date,
    *,
    national: bool,
    problems: list[str],
) -> HttpResponse:
    def render_page(layout: dict[str, Any]) -> HttpResponse:
        lines = plan_lines(request.user, rolled_up_plans(request.user, within=scope), today)
        rollup = roll_up_all([line.figures for line in lines], [scope.pk])[scope.pk]
        context = {"scope": scope, "rollup": rollup, "lines": lines, "national": national}
        # The body names no one: rendered without the request, the context processors (the
        # reader's unread notices among them, a statement) run once, for the layout.
        body = render_to_string("dashboard/_province_body.html", context)
        return render(
            request,
            "dashboard/rollup.html",
            {"body": body, "title": scope.name, "problems": problems, **layout},
        )

    what = ("province", scope.pk, national)
    key = None if problems else rollup_key(request.user, what, scope, today=today)
    return whole_page(request, key, render_page)


@reader_required
def province(request: AuthenticatedRequest) -> HttpResponse:
    """A province's (or ministry's) roll-up for its staff readers; the nation's readers are
    sent to the national dashboard."""
    found = persona(request.user)
    if found.scope_ids is None or found.scope is None:
        return redirect("dashboard:nation")
    return _province_page(request, found.scope, timezone.localdate(), national=False, problems=[])


def _asked_province(
    request: AuthenticatedRequest, today: datetime.date, problems: list[str]
) -> Organisation | None:
    """The province ``?tinh=`` names: None (with a problem) for a value that is not an id,
    404 for an id that names no province or ministry."""
    raw = request.GET.get(PROVINCE_PARAM, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 12:
        problems.append(
            _("Province: “%(value)s” is not a valid choice; the whole country is shown.")
            % {"value": raw[:40]}
        )
        return None
    scope = scope_named(int(raw), today)
    if scope is None:
        raise Http404
    return scope


@reader_required
def nation(request: AuthenticatedRequest) -> HttpResponse:
    """The provinces side by side, for staff readers of the nation; a province's staff are
    sent to their own province's roll-up. ``?tinh=<id>`` shows one province's roll-up (a
    former province's id shows its successor's)."""
    if persona(request.user).scope_ids is not None:
        return redirect("dashboard:province")
    today = timezone.localdate()
    problems: list[str] = []
    asked = _asked_province(request, today, problems)
    if asked is not None:
        return _province_page(request, asked, today, national=True, problems=problems)

    def render_page(layout: dict[str, Any]) -> HttpResponse:
        context = _nation_context(request, rolled_up_plans(request.user), today)
        body = render_to_string("dashboard/_nation_body.html", context)
        return render(
            request,
            "dashboard/rollup.html",
            {"body": body, "title": _("Nationwide"), "problems": problems, **layout},
        )

    key = None if problems else rollup_key(request.user, ("nation",), None, today=today)
    return whole_page(request, key, render_page)


def _nation_context(
    request: AuthenticatedRequest, plans: QuerySet[Plan], today: datetime.date
) -> dict[str, Any]:
    lines = plan_lines(request.user, plans, today)
    provinces = list(current_provinces())
    rollups = roll_up_all([line.figures for line in lines], [p.pk for p in provinces])
    scopes = {
        o.pk: o
        for o in Organisation.objects.filter(pk__in=rollups).only("pk", "name", "kind", "code")
    }
    names = {pk: o.name for pk, o in scopes.items()}
    ranking = rank_scopes(rollups.values(), names)
    drawn = areas({str(p.code): p.pk for p in provinces if p.code}, rollups)
    return {
        "outline": outline(),
        "areas": drawn,
        "legend": [(band, sum(a.band is band for a in drawn)) for band in LEGEND],
        "ranked": [r for r in ranking if r.rank is not None],
        "table": sorted(ranking, key=lambda r: vn_sort_key(r.name)),
        "ministries": {pk for pk, o in scopes.items() if o.kind == OrganisationKind.MINISTRY},
        "nation": total(rollups.values()),
        "as_of": today,
        "province_url": reverse("dashboard:nation"),
    }
