"""The first page after logging in: what this role has to do today."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from theodoi.orgs.models import Role
from theodoi.orgs.roles import persona_of
from theodoi.plans.access import listed_plans, may_import, visible_tasks
from theodoi.plans.models import DraftStatus, ImportDraft, Indicator


def home(request: HttpRequest) -> HttpResponse:
    persona = persona_of(request.user)
    if persona.role is None:
        return render(request, "workspace/home_public.html")
    tasks = visible_tasks(request.user)
    plans = listed_plans(request.user)
    if persona.role == Role.REPORTER:
        # A plan may give the agency indicators to report on and no task (60-CTr/TU).
        lineage = persona.organisation.lineage_ids() if persona.organisation else []
        indicators = Indicator.objects.filter(
            archived_at__isnull=True, agencies__organisation_id__in=lineage
        )
        plans = plans.filter(Q(task_count__gt=0) | Q(pk__in=indicators.values("plan")))
    context = {
        "persona": persona,
        "plans": plans,
        "task_count": tasks.count(),
        "drafts": (
            ImportDraft.objects.filter(status=DraftStatus.STAGED)
            if may_import(request.user)
            else ImportDraft.objects.none()
        ),
    }
    return render(request, "workspace/home.html", context)
