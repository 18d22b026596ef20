"""A task's deadline page (the plan's day, the granted day, the requests to extend it), the
request of the lead agency, the coordinator's decision, and the list of requests. Views
convert and show; theodoi.reporting.extensions decides."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.plans.models import AgencyRole, Task, TaskAgency
from theodoi.reporting.access import coordinates, get_task_for, is_coordinator
from theodoi.reporting.deadlines import deadline_of, deadlines_of
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.extensions import (
    decide_extension,
    get_extension_for,
    may_decide,
    may_request,
    request_extension,
    visible_extensions,
)
from theodoi.reporting.models import ExtensionState
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.reporting.change_forms import ExtensionDecisionForm, ExtensionRequestForm
from theodoi.workspace.views.gates import coordinator_action, staff_required
from theodoi.workspace.views.refusals import saved


def _task_page(
    request: AuthenticatedRequest,
    task: Task,
    *,
    request_form: ExtensionRequestForm | None = None,
    decision_form: ExtensionDecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    extensions = list(task.extensions.select_related("organisation", "requested_by", "decided_by"))
    asking = may_request(request.user, task)
    open_request = next((e for e in extensions if e.state == ExtensionState.OPEN), None)
    return render(
        request,
        "reporting/task_deadline.html",
        {
            "task": task,
            "deadline": deadline_of(task),
            "lead_agencies": task.agencies.filter(role=AgencyRole.LEAD),
            "extensions": extensions,
            "open_request": open_request,
            # A refused request is shown with its message, even when it was refused because
            # another one is open.
            "request_form": request_form
            or (ExtensionRequestForm() if asking and open_request is None else None),
            "decision_form": (decision_form or ExtensionDecisionForm())
            if open_request is not None and may_decide(request.user, open_request)
            else None,
        },
        status=status,
    )


@staff_required
def task_deadline(request: AuthenticatedRequest, task_id: int) -> HttpResponse:
    """The task's deadlines and requests; on a POST, the lead agency's request."""
    task = get_task_for(request.user, task_id)
    if request.method != "POST":
        return _task_page(request, task)
    if not may_request(request.user, task):
        raise PermissionDenied
    form = ExtensionRequestForm(request.POST)
    asked = saved(
        form,
        lambda: request_extension(
            task,
            by=request.user,
            proposed_on=form.cleaned_data["proposed_on"],
            reason=form.cleaned_data["reason"],
            now=timezone.now(),
        ),
        ReportingError,
    )
    if asked is None:
        return _task_page(request, task, request_form=form, status=400)
    messages.success(
        request,
        _("Your request to extend task %(code)s was sent to the coordinating agency.")
        % {"code": task.code},
    )
    return redirect("reporting:task_deadline", task_id=task.pk)


@coordinator_action
def extension_decide(request: AuthenticatedRequest, extension_id: int) -> HttpResponse:
    extension = get_extension_for(request.user, extension_id)
    task = get_task_for(request.user, extension.task_id)
    if not coordinates(request.user, task.plan):
        raise PermissionDenied
    form = ExtensionDecisionForm(request.POST)
    decided = saved(
        form,
        lambda: decide_extension(
            extension,
            by=request.user,
            grant=form.cleaned_data["decision"] == "grant",
            granted_on=form.cleaned_data["granted_on"],
            comment=form.cleaned_data["comment"],
            now=timezone.now(),
        ),
        ReportingError,
    )
    if decided is None:
        return _task_page(request, task, decision_form=form, status=400)
    if decided.state == ExtensionState.GRANTED and decided.granted_on is not None:
        messages.success(
            request,
            _("Task %(code)s is extended until %(day)s.")
            % {"code": task.code, "day": decided.granted_on.strftime("%d/%m/%Y")},
        )
    else:
        messages.success(
            request, _("The extension of task %(code)s is refused.") % {"code": task.code}
        )
    return redirect("reporting:task_deadline", task_id=task.pk)


@staff_required
def extension_list(request: AuthenticatedRequest) -> HttpResponse:
    """The requests awaiting a decision first, then the decided ones, within what the person
    reads (a reporter: its agency's)."""
    rows = visible_extensions(request.user).prefetch_related(
        Prefetch(
            "task__agencies",
            queryset=TaskAgency.objects.filter(role=AgencyRole.LEAD),
            to_attr="lead_agencies",
        )
    )
    waiting = list(rows.filter(state=ExtensionState.OPEN).order_by("requested_at", "pk"))
    decided = list(rows.exclude(state=ExtensionState.OPEN).order_by("-decided_at", "-pk")[:100])
    deadlines = deadlines_of({e.task_id: e.task for e in waiting + decided}.values())
    for extension in waiting + decided:
        extension.deadline = deadlines[extension.task_id]  # type: ignore[attr-defined]
    return render(
        request,
        "reporting/extension_list.html",
        {"waiting": waiting, "decided": decided, "is_coordinator": is_coordinator(request.user)},
    )
