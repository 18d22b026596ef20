"""The first page after logging in: what this role has to do today."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from theodoi.orgs.models import Role
from theodoi.orgs.roles import persona_of
from theodoi.plans.access import may_import, visible_plans, visible_tasks
from theodoi.plans.models import DraftStatus, ImportDraft


def home(request: HttpRequest) -> HttpResponse:
    persona = persona_of(request.user)
    if persona.role is None:
        return render(request, "workspace/home_public.html")
    tasks = visible_tasks(request.user)
    plans = visible_plans(request.user).annotate(
        task_count=Count("tasks", filter=Q(tasks__in=tasks), distinct=True)
    )
    if persona.role == Role.REPORTER:
        plans = plans.filter(task_count__gt=0)
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
