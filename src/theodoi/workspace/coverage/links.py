"""A plan's links to the higher tasks its tasks carry out (issue 12, "Links to higher tasks"):
the suggestions with their basis, which the plan's coordinator confirms or rejects, a search
of the higher plans' tasks to choose one herself, and, for a plan that lower plans implement,
the roll-up of the lower tasks' progress onto each task. Staff readers of the plan's scope
read it; the coordinator of its scope writes."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.plans.errors import PlanError
from theodoi.plans.linking import confirm_task_link, link_task, reject_task_link
from theodoi.plans.models import LinkState, Plan, Task, TaskLink
from theodoi.reporting.access import (
    coordinates,
    get_plan_for,
    note_confidential_reads,
    visible_tasks,
)
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.coverage.reading import MAX_QUERY, LinkLine, find_higher, link_lines
from theodoi.workspace.views.gates import coordinated_plan, coordinator_action, reader_required
from theodoi.workspace.views.refusals import told

# The longest id read from a form or a query string.
MAX_ID = 12


def _to_decide(line: LinkLine) -> bool:
    return not line.confirmed and any(link.state == LinkState.SUGGESTED for link in line.links)


# The longest name of a filter read (the names are shorter).
MAX_FILTER = 20
# The tasks the page may be narrowed to (``?chi=``), each counted in the figures at its top.
FILTERS: dict[str, Callable[[LinkLine], bool]] = {
    "da-lien-ket": lambda line: line.confirmed,
    "cho-quyet-dinh": _to_decide,
    "cap-duoi": lambda line: bool(line.roll_up.below),
}


def _id(raw: str | None) -> int | None:
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) <= MAX_ID else None


@reader_required
def plan_links(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for(request.user, plan_id)
    lines = link_lines(request.user, plan, as_of=timezone.localdate())
    note_confidential_reads(
        request.user,
        [line.task for line in lines]
        + [taken.task for line in lines for taken in line.roll_up.below],
    )
    shown = request.GET.get("chi", "")[:MAX_FILTER]
    problems = []
    if shown and shown not in FILTERS:
        problems.append(_("Show: “%(value)s” is not a valid choice.") % {"value": shown})
        shown = ""
    listed = [line for line in lines if FILTERS[shown](line)] if shown else lines
    searched = _id(request.GET.get("nhiem_vu"))
    query = request.GET.get("tim", "")[:MAX_QUERY].strip()
    found = find_higher(plan, query) if searched is not None and query else []
    return render(
        request,
        "coverage/plan_links.html",
        {
            "plan": plan,
            "higher_plans": list(plan.implements.order_by("pk")),
            "lower_count": plan.implemented_by.count(),
            "lines": listed,
            "shown": shown,
            "problems": problems,
            "linked": sum(1 for line in lines if FILTERS["da-lien-ket"](line)),
            "suggested": sum(1 for line in lines if FILTERS["cho-quyet-dinh"](line)),
            "rolled_up": sum(1 for line in lines if FILTERS["cap-duoi"](line)),
            "may_write": coordinates(request.user, plan),
            "searched": searched,
            "query": query,
            "found": found,
            "max_query": MAX_QUERY,
        },
    )


def _back(plan: Plan, task_id: int | None = None) -> HttpResponseRedirect:
    url = reverse("coverage:plan_links", args=[plan.pk])
    return HttpResponseRedirect(f"{url}#task-{task_id}" if task_id else url)


@coordinator_action
def link_decide(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    """Confirm or reject one link of a task of the plan."""
    plan = coordinated_plan(request, plan_id)
    link_id = _id(request.POST.get("link"))
    link = (
        TaskLink.objects.filter(pk=link_id, task__plan=plan, task__in=visible_tasks(request.user))
        .select_related("task", "task__plan", "higher")
        .first()
        if link_id is not None
        else None
    )
    if link is None:
        raise Http404
    action = request.POST.get("action", "")
    if action not in ("confirm", "reject"):
        messages.error(
            request,
            _("Decision: “%(value)s” is neither confirm nor reject.") % {"value": action[:20]},
        )
        return _back(plan, link.task_id)
    decide = confirm_task_link if action == "confirm" else reject_task_link
    done = _("Link confirmed: %(task)s carries out %(higher)s.")
    if action == "reject":
        done = _("Suggestion rejected: %(task)s does not carry out %(higher)s.")
    done %= {"task": link.task.code, "higher": link.higher.code}
    told(request, partial(decide, link, by=request.user, now=timezone.now()), PlanError, done)
    return _back(plan, link.task_id)


@coordinator_action
def link_choose(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    """Link a task of the plan to a higher task the coordinator chose."""
    plan = coordinated_plan(request, plan_id)
    task_id = _id(request.POST.get("task"))
    task: Task | None = (
        visible_tasks(request.user).filter(pk=task_id, plan=plan).select_related("plan").first()
        if task_id is not None
        else None
    )
    if task is None:
        raise Http404
    raw = request.POST.get("higher", "")
    higher_id = _id(raw)
    higher = (
        visible_tasks(request.user).filter(pk=higher_id).first() if higher_id is not None else None
    )
    if higher is None:
        messages.error(
            request,
            _("Higher task: “%(value)s” is not a task you may choose.") % {"value": raw[:MAX_ID]},
        )
        return _back(plan, task.pk)
    told(
        request,
        partial(link_task, task, higher, by=request.user, now=timezone.now()),
        PlanError,
        _("Link confirmed: %(task)s carries out %(higher)s.")
        % {"task": task.code, "higher": higher.code},
    )
    return _back(plan, task.pk)
