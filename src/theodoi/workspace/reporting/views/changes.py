"""A round's changes (its dates, a later deadline, an early lock, a reopening for chosen
agencies) and ad-hoc rounds. Views convert and show; theodoi.reporting.round_changes decides."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.orgs.models import Organisation
from theodoi.plans.models import Plan, PlanStatus
from theodoi.reporting.access import get_plan_for, get_round_for
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import AdHocRound, ReportingRound
from theodoi.reporting.round_changes import (
    ad_hoc_agencies,
    edit_round,
    extend_round,
    lock_round_early,
    open_ad_hoc_round,
    reopen_round_for_agencies,
)
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.picking import (
    SEARCH_PARAMETER,
    TASK_PURPOSES,
    TASK_SEARCH_PARAMETER,
    Offered,
    OfferedTasks,
    kept,
    offered,
    offered_tasks,
    searching,
    sent_ids,
)
from theodoi.workspace.reporting.change_forms import (
    AdHocRoundForm,
    EditRoundForm,
    ExtendRoundForm,
    ReopenAgenciesForm,
)
from theodoi.workspace.reporting.views.reopening import reopening
from theodoi.workspace.views.gates import coordinator_action, coordinator_required
from theodoi.workspace.views.refusals import saved, told


def _manage_page(
    request: AuthenticatedRequest,
    round_: ReportingRound,
    *,
    edit: EditRoundForm | None = None,
    extend: ExtendRoundForm | None = None,
    reopen: tuple[ReopenAgenciesForm, Offered] | None = None,
    status: int = 200,
) -> HttpResponse:
    reopen_form, reopen_picked = reopen or reopening(ReopenAgenciesForm, round_)
    initial = {
        "title": round_.title,
        "period_start": round_.period_start,
        "period_end": round_.period_end,
        "cut_off": round_.cut_off,
        "reminder_days": ", ".join(str(day) for day in round_.reminder_days),
    }
    return render(
        request,
        "reporting/round_manage.html",
        {
            "round": round_,
            "ad_hoc": AdHocRound.objects.filter(round=round_).first(),
            "edit_form": edit or EditRoundForm(initial=initial),
            "extend_form": extend or ExtendRoundForm(),
            "reopen_form": reopen_form,
            "reopen_picked": reopen_picked,
            "changes": round_.changes.select_related("by"),
            "reopenings": round_.reopenings.select_related("organisation"),
            "now": timezone.now(),
        },
        status=status,
    )


@coordinator_required
def round_manage(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    """The round's dates, on a GET; their correction, on a POST."""
    round_ = get_round_for(request.user, round_id)
    if request.method != "POST":
        return _manage_page(request, round_)
    form = EditRoundForm(request.POST)
    edited = saved(
        form,
        lambda: edit_round(round_, **form.dates(), by=request.user, now=timezone.now()),
        ReportingError,
    )
    if edited is None:
        return _manage_page(request, round_, edit=form, status=400)
    messages.success(
        request,
        _("The dates of the round “%(round)s” are saved.") % {"round": form.cleaned_data["title"]},
    )
    return redirect("reporting:round_manage", round_id=round_.pk)


@coordinator_action
def round_extend(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    round_ = get_round_for(request.user, round_id)
    form = ExtendRoundForm(request.POST)
    extend = partial(extend_round, round_, by=request.user, now=timezone.now())
    if saved(form, lambda: extend(deadline=form.deadline_moment()), ReportingError) is None:
        return _manage_page(request, round_, extend=form, status=400)
    messages.success(
        request,
        _("The round is extended: reports are due before %(day)s.")
        % {"day": form.cleaned_data["deadline"].strftime("%d/%m/%Y")},
    )
    return redirect("reporting:round_manage", round_id=round_.pk)


@coordinator_action
def round_lock(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    round_ = get_round_for(request.user, round_id)
    told(
        request,
        partial(lock_round_early, round_, by=request.user, now=timezone.now()),
        ReportingError,
        _("The round “%(round)s” is locked.") % {"round": round_},
    )
    return redirect("reporting:round_manage", round_id=round_.pk)


@coordinator_action
def round_reopen_agencies(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    round_ = get_round_for(request.user, round_id)
    if searching(request):
        # The search button: the form again, with the matches to tick; nothing is saved.
        return _manage_page(
            request,
            round_,
            reopen=reopening(
                ReopenAgenciesForm,
                round_,
                initial=kept(
                    request.POST, ReopenAgenciesForm.base_fields, lists=("organisations",)
                ),
                query=request.POST.get(SEARCH_PARAMETER, ""),
            ),
        )
    form, picked = reopening(ReopenAgenciesForm, round_, request.POST)
    reopen = partial(reopen_round_for_agencies, round_, by=request.user, now=timezone.now())
    reopenings = saved(
        form,
        lambda: reopen(list(form.cleaned_data["organisations"]), until=form.until_moment()),
        ReportingError,
    )
    if reopenings is None:
        return _manage_page(request, round_, reopen=(form, picked), status=400)
    chosen: list[Organisation] = list(form.cleaned_data["organisations"])
    messages.success(
        request,
        _("The round is reopened for %(agencies)s.")
        % {"agencies": ", ".join(o.name for o in chosen)},
    )
    return redirect("reporting:round_manage", round_id=round_.pk)


def _ad_hoc_form(
    request: AuthenticatedRequest,
    plan: Plan,
    data: Any = None,
    *,
    initial: dict[str, Any] | None = None,
    query: str = "",
    task_query: str = "",
) -> tuple[AdHocRoundForm, Offered, OfferedTasks]:
    """The form, listing of the plan's tasks and agencies only those sent (the plan's among
    them: a forged id is refused by the form) and those the searches find."""
    tasks = offered_tasks(
        TASK_PURPOSES["dot-xuat"].tasks(request.user, plan),
        sent_ids(data, initial, "tasks"),
        task_query,
    )
    agencies = offered(ad_hoc_agencies(plan), sent_ids(data, initial, "organisations"), query)
    form = AdHocRoundForm(
        data, initial=initial, tasks=tasks.choices(), organisations=agencies.choices()
    )
    return form, agencies, tasks


@coordinator_required
def round_ad_hoc(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    """Open a round on request (đột xuất khi có yêu cầu) for chosen tasks or agencies."""
    plan = get_plan_for(request.user, plan_id)
    status = 200
    if searching(request):
        form, picked, picked_tasks = _ad_hoc_form(
            request,
            plan,
            initial=kept(
                request.POST, AdHocRoundForm.base_fields, lists=("tasks", "organisations")
            ),
            query=request.POST.get(SEARCH_PARAMETER, ""),
            task_query=request.POST.get(TASK_SEARCH_PARAMETER, ""),
        )
    elif request.method == "POST":
        form, picked, picked_tasks = _ad_hoc_form(request, plan, request.POST)
        round_ = saved(
            form,
            lambda: open_ad_hoc_round(
                plan,
                title=form.cleaned_data["title"],
                reason=form.cleaned_data["reason"],
                tasks=form.cleaned_data["tasks"],
                organisations=form.cleaned_data["organisations"],
                deadline=form.deadline_moment(),
                by=request.user,
                now=timezone.now(),
            ),
            ReportingError,
        )
        if round_ is not None:
            messages.success(
                request, _("The ad-hoc round “%(round)s” is open.") % {"round": round_}
            )
            return redirect("reporting:round_manage", round_id=round_.pk)
        status = 400
    else:
        form, picked, picked_tasks = _ad_hoc_form(request, plan)
    return render(
        request,
        "reporting/round_ad_hoc.html",
        {
            "form": form,
            "picked": picked,
            "picked_tasks": picked_tasks,
            "plan": plan,
            "published": plan.status == PlanStatus.PUBLISHED,
        },
        status=status,
    )
