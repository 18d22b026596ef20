"""The first page after logging in: what this role has to do today."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from theodoi.reporting.access import (
    indicators_of,
    listed_plans,
    persona,
    reporter_organisation,
    staged_drafts,
    visible_tasks,
)


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
    }
    return render(request, "workspace/home.html", context)
