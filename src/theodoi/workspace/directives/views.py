"""Directives: the list, a leader's new directive on a plan's task or agency, and the agency's
answer. Thin views over ``theodoi.directives.services``, which decides who sees and does what."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.directives.agencies import plan_agencies
from theodoi.directives.errors import DirectiveError
from theodoi.directives.models import Directive, DirectiveState
from theodoi.directives.services import (
    answer_directive,
    answers_for,
    get_directive_for,
    issue_directive,
    may_direct,
    visible_directives,
)
from theodoi.plans.models import Plan, PlanStatus, Task
from theodoi.reporting.access import get_plan_for, visible_plans
from theodoi.snapshots.reading import task_colours
from theodoi.snapshots.services import latest_snapshot
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.directives.forms import AnswerForm, DirectiveForm
from theodoi.workspace.picking import (
    SEARCH_PARAMETER,
    TASK_PURPOSES,
    TASK_SEARCH_PARAMETER,
    OfferedTasks,
    kept,
    offered,
    offered_tasks,
    searching,
)
from theodoi.workspace.views.gates import staff_required
from theodoi.workspace.views.refusals import saved

STATE_PARAMETER = "trang_thai"


@staff_required
def directive_list(request: AuthenticatedRequest) -> HttpResponse:
    rows = visible_directives(request.user)
    chosen = request.GET.get(STATE_PARAMETER, "")
    if chosen in DirectiveState.values:
        rows = rows.filter(state=chosen)
    else:
        chosen = ""
    plans = [
        plan
        for plan in visible_plans(request.user).filter(status=PlanStatus.PUBLISHED)
        if may_direct(request.user, plan)
    ]
    return render(
        request,
        "directives/list.html",
        {
            "directives": rows.order_by("state", "due", "pk")[:200],
            "states": DirectiveState.choices,
            "chosen": chosen,
            "plans": plans,
            "today": timezone.localdate(),
        },
    )


def _red_tasks(plan: Plan, among: list[Task]) -> set[int]:
    """Which of ``among`` the plan's latest results show red: the results' tasks alone are
    read, and nothing when no task is listed."""
    if not among:
        return set()
    snapshot = latest_snapshot(plan, as_of=timezone.localdate())
    if snapshot is None:
        return set()
    return task_colours(snapshot, {task.pk for task in among}, colour="red")


def _tasks(plan: Plan, picked: OfferedTasks) -> list[tuple[Task, bool]]:
    """The tasks listed (the one chosen, then those found), red ones first."""
    red = _red_tasks(plan, picked.listed)
    return sorted(((t, t.pk in red) for t in picked.listed), key=lambda pair: not pair[1])


@staff_required
def directive_new(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for(request.user, plan_id)
    if not may_direct(request.user, plan):
        raise PermissionDenied
    chosen_task = request.GET.get("nhiem_vu", "")
    query = ""
    posted = request.method == "POST" and not searching(request)
    if searching(request):
        initial = kept(request.POST, DirectiveForm.base_fields)
        query = request.POST.get(SEARCH_PARAMETER, "")
        form = DirectiveForm(initial=initial)
    else:
        initial = {"task": chosen_task if chosen_task.isdigit() else None}
        form = DirectiveForm(request.POST or None, initial=initial)
    sent = (request.POST if posted else initial).get("agency") or ""
    picked = offered(plan_agencies(plan, today=timezone.localdate()), [sent], query)
    sent_task = (request.POST if posted else initial).get("task") or ""
    task_query = request.POST.get(TASK_SEARCH_PARAMETER, "") if searching(request) else ""
    tasks = offered_tasks(
        TASK_PURPOSES["chi-dao"].tasks(request.user, plan), [sent_task], task_query
    )
    form.offer(_tasks(plan, tasks), [*picked.chosen, *picked.found])
    directive = None
    if posted:
        directive = saved(
            form,
            lambda: issue_directive(
                plan,
                task=form.cleaned_data["task"],
                agency=form.cleaned_data["agency"],
                text=form.cleaned_data["text"],
                due=form.cleaned_data["due"],
                by=request.user,
                now=timezone.now(),
            ),
            DirectiveError,
        )
    if directive is not None:
        messages.success(
            request, _("The directive was sent to %(agency)s.") % {"agency": directive.agency.name}
        )
        return redirect("directives:detail", directive_id=directive.pk)
    status = 400 if posted else 200
    return render(
        request,
        "directives/new.html",
        {"plan": plan, "form": form, "picked": picked, "picked_tasks": tasks},
        status=status,
    )


def _detail(
    request: AuthenticatedRequest, directive: Directive, form: AnswerForm | None = None
) -> HttpResponse:
    return render(
        request,
        "directives/detail.html",
        {
            "directive": directive,
            "can_answer": answers_for(request.user, directive) and directive.is_open,
            "form": form or AnswerForm(),
            "today": timezone.localdate(),
        },
        status=200 if form is None else 400,
    )


@staff_required
def detail(request: AuthenticatedRequest, directive_id: int) -> HttpResponse:
    return _detail(request, get_directive_for(request.user, directive_id))


@staff_required
@require_POST
def answer(request: AuthenticatedRequest, directive_id: int) -> HttpResponse:
    directive = get_directive_for(request.user, directive_id)
    if not answers_for(request.user, directive):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    write = partial(answer_directive, directive, by=request.user, now=timezone.now())
    if saved(form, lambda: write(text=form.cleaned_data["answer"]), DirectiveError) is None:
        return _detail(request, directive, form)
    messages.success(request, _("Your answer to the directive was sent."))
    return redirect("directives:detail", directive_id=directive.pk)
