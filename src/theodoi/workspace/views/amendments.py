"""A published plan amended by its coordinator: the amendments page (every amendment with
what it changed, and the reports of archived tasks, still readable), the forms that change a
task, add one, archive one, set an indicator's agencies, baseline and official figure, and
withdraw the plan. Each form calls one service of ``plans.amending``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.orgs.resolve import Resolver
from theodoi.plans.amending import (
    TaskFields,
    add_task,
    amend_indicator,
    amend_task,
    archive_task,
    withdraw_plan,
)
from theodoi.plans.amendment_fields import label_of
from theodoi.plans.errors import PlanError
from theodoi.plans.models import DueKind, Indicator, Plan, PlanAmendment, PlanStatus, Task
from theodoi.reporting.access import (
    coordinates,
    get_plan_for,
    get_task_for,
    reads_confidential,
)
from theodoi.reporting.models import TaskUpdate
from theodoi.reporting.versions import latest_only
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.amend_forms import (
    AddTaskForm,
    AmendmentForm,
    ArchiveForm,
    IndicatorForm,
    TaskForm,
    WithdrawForm,
)
from theodoi.workspace.views.gates import coordinated_plan, coordinator_required, reader_required
from theodoi.workspace.views.refusals import Written, saved


def amendment_lines(amendments: list[PlanAmendment]) -> list[dict[str, Any]]:
    """Each amendment with its changes labelled, for a page."""
    return [
        {
            "amendment": amendment,
            "changes": [
                {**change, "label": label_of(change["field"])} for change in amendment.changes
            ],
        }
        for amendment in amendments
    ]


def _plan_task(request: AuthenticatedRequest, plan: Plan, task_id: int) -> Task:
    """A live task of this plan: a task of another plan, or archived, is not found here."""
    task = get_task_for(request.user, task_id)
    if task.plan_id != plan.pk:
        raise Http404
    return task  # written by the plan's coordinator, as _coordinated_plan checked


def _resolver(plan: Plan) -> Resolver:
    return Resolver(plan.province, as_of=timezone.localdate())


def _amending(
    request: AuthenticatedRequest,
    plan: Plan,
    form: AmendmentForm,
    write: Callable[[], Written],
    done: Callable[[Written], str],
    **context: Any,
) -> HttpResponse:
    """The amendment's form page; once a POST is written (``write``), back to the plan's
    amendments page with ``done``'s message. A refusal of the service stays on the form."""
    if request.method == "POST":
        written = saved(form, write, PlanError)
        if written is not None:
            messages.success(request, done(written))
            return redirect("workspace:plan_amendments", plan.pk)
    return render(request, "workspace/amend_form.html", {"plan": plan, "form": form, **context})


@reader_required
def plan_amendments(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = get_plan_for(request.user, plan_id)
    archived = list(
        plan.tasks.filter(archived_at__isnull=False)
        .prefetch_related(
            Prefetch(
                "updates",
                queryset=latest_only(TaskUpdate.objects.all())
                .select_related("round", "organisation")
                .order_by("round__deadline", "organisation__name"),
                to_attr="reports",
            )
        )
        .order_by("position", "pk")
    )
    if not reads_confidential(request.user):
        # Confidential archived tasks stay as hidden as live ones (a reader not granted them).
        archived = [task for task in archived if not task.confidential]
    return render(
        request,
        "workspace/plan_amendments.html",
        {
            "plan": plan,
            "lines": amendment_lines(list(plan.amendments.select_related("created_by"))),
            "archived": archived,
            "amends": coordinates(request.user, plan) and plan.status == PlanStatus.PUBLISHED,
        },
    )


@coordinator_required
def task_amend(request: AuthenticatedRequest, plan_id: int, task_id: int) -> HttpResponse:
    plan = coordinated_plan(request, plan_id)
    task = _plan_task(request, plan, task_id)
    old = TaskFields.of(task)
    form = TaskForm(
        request.POST or None,
        today=timezone.localdate(),
        resolver=_resolver(plan),
        old=old,
        waits_for_condition=task.due_kind == DueKind.CONDITIONAL or bool(task.due_condition),
    )
    return _amending(
        request,
        plan,
        form,
        lambda: amend_task(
            task, form.task_fields(), form.amendment(), by=request.user, now=timezone.now()
        ),
        lambda amendment: (
            _("Task %(code)s was amended (amendment %(number)s).")
            % {"code": task.code, "number": amendment.number}
        ),
        task=task,
        heading=_("Amend task %(code)s") % {"code": task.code},
        action=_("Save the amendment"),
    )


@coordinator_required
def task_add(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = coordinated_plan(request, plan_id)
    form = AddTaskForm(
        request.POST or None,
        today=timezone.localdate(),
        resolver=_resolver(plan),
        groups=plan.groups.all(),
    )
    return _amending(
        request,
        plan,
        form,
        lambda: add_task(
            plan,
            title=form.cleaned_data["title"],
            code=form.cleaned_data["code"],
            group=form.cleaned_data["group"],
            new=form.task_fields(),
            amendment=form.amendment(),
            by=request.user,
            now=timezone.now(),
        ),
        lambda task: _("Task %(code)s was added.") % {"code": task.code},
        heading=_("Add a task to the plan"),
        action=_("Add the task"),
    )


@coordinator_required
def task_archive(request: AuthenticatedRequest, plan_id: int, task_id: int) -> HttpResponse:
    plan = coordinated_plan(request, plan_id)
    task = _plan_task(request, plan, task_id)
    form = ArchiveForm(request.POST or None, today=timezone.localdate())
    return _amending(
        request,
        plan,
        form,
        lambda: archive_task(task, form.amendment(), by=request.user, now=timezone.now()),
        lambda _written: (
            _("Task %(code)s was archived; its reports are kept.") % {"code": task.code}
        ),
        task=task,
        heading=_("Archive task %(code)s") % {"code": task.code},
        intro=_(
            "The task leaves the plan: it is no longer judged, asked for reports or shown on "
            "the portal. The reports already filed on it are kept and listed on the "
            "amendments page."
        ),
        action=_("Archive the task"),
    )


@coordinator_required
def indicator_amend(request: AuthenticatedRequest, plan_id: int, indicator_id: int) -> HttpResponse:
    plan = coordinated_plan(request, plan_id)
    indicator = Indicator.objects.filter(
        pk=indicator_id, plan=plan, archived_at__isnull=True
    ).first()
    if indicator is None:
        raise Http404
    form = IndicatorForm(
        request.POST or None,
        today=timezone.localdate(),
        indicator=indicator,
        resolver=_resolver(plan),
    )
    return _amending(
        request,
        plan,
        form,
        lambda: amend_indicator(
            indicator,
            form.indicator_fields(),
            form.figure(),
            form.amendment(),
            by=request.user,
            now=timezone.now(),
        ),
        lambda _written: _("Indicator %(code)s was amended.") % {"code": indicator.code},
        indicator=indicator,
        heading=_("Amend indicator %(code)s") % {"code": indicator.code},
        action=_("Save the amendment"),
    )


@coordinator_required
def plan_withdraw(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = coordinated_plan(request, plan_id)
    form = WithdrawForm(request.POST or None, today=timezone.localdate())
    return _amending(
        request,
        plan,
        form,
        lambda: withdraw_plan(plan, form.amendment(), by=request.user, now=timezone.now()),
        lambda _written: _("The plan was withdrawn from the portal."),
        heading=_("Withdraw the plan"),
        intro=_(
            "A withdrawn plan leaves the public portal and reporting; it stays here, marked "
            "withdrawn, with every report filed on it."
        ),
        action=_("Withdraw the plan"),
    )
