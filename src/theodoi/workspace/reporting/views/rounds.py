"""Rounds: the list, opening one for a plan, reopening it for an agency, closing it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.orgs.models import Role
from theodoi.orgs.roles import persona_of
from theodoi.plans.access import get_plan_for, visible_plans
from theodoi.plans.models import Plan, PlanStatus
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.rounds import close_round, open_round, reopen_round_for
from theodoi.reporting.schedule import propose_round
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.reporting.forms import OpenRoundForm, ReopenForm, start_of
from theodoi.workspace.reporting.views.access import (
    is_coordinator,
    plan_organisations,
    require_coordinator,
    round_for,
)
from theodoi.workspace.views.gates import staff_required


@staff_required
def round_list(request: AuthenticatedRequest) -> HttpResponse:
    plans = visible_plans(request.user).filter(status=PlanStatus.PUBLISHED)
    rounds = ReportingRound.objects.filter(plan__in=plans).select_related("plan")
    return render(
        request,
        "reporting/round_list.html",
        {
            "rounds": rounds,
            "plans": plans.select_related("reporting_schedule") if is_coordinator(request) else [],
            "is_coordinator": is_coordinator(request),
            "is_reporter": persona_of(request.user).role == Role.REPORTER,
            "now": timezone.now(),
        },
    )


@staff_required
def round_open(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    require_coordinator(request)
    plan: Plan = get_plan_for(request.user, plan_id)
    now = timezone.now()
    if request.method == "POST":
        form = OpenRoundForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                round_ = open_round(
                    plan,
                    title=data["title"],
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    cut_off=data["cut_off"],
                    deadline=start_of(data["deadline"]),
                    reminder_days=data["reminder_days"],
                    by=request.user,
                    now=now,
                )
            except ReportingError as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("The round “%(round)s” is open.") % {"round": round_})
                return redirect("reporting:review", round_id=round_.pk)
    else:
        schedule = getattr(plan, "reporting_schedule", None)
        initial: dict[str, Any] = {"reminder_days": "7, 3, 1"}
        if schedule is not None:
            proposed = propose_round(
                schedule.as_schedule(), today=timezone.localdate(now), anchor=plan.issued_on
            )
            initial.update(
                title=_("Report due before %(date)s")
                % {"date": proposed.deadline.strftime("%d/%m/%Y")},
                period_start=proposed.period_start,
                period_end=proposed.period_end,
                cut_off=proposed.cut_off,
                deadline=proposed.deadline,
            )
        form = OpenRoundForm(initial=initial)
    return render(
        request,
        "reporting/round_open.html",
        {"form": form, "plan": plan, "schedule": getattr(plan, "reporting_schedule", None)},
    )


@staff_required
@require_POST
def round_reopen(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    require_coordinator(request)
    round_ = round_for(request, round_id)
    form = ReopenForm(request.POST, organisations=plan_organisations(round_))
    if form.is_valid():
        try:
            reopen_round_for(
                round_,
                form.cleaned_data["organisation"],
                by=request.user,
                until=form.until_moment(),
                now=timezone.now(),
            )
        except ReportingError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _("The round is reopened for %(organisation)s.")
                % {"organisation": form.cleaned_data["organisation"]},
            )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("reporting:review", round_id=round_.pk)


@staff_required
@require_POST
def round_close(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    require_coordinator(request)
    round_ = round_for(request, round_id)
    try:
        close_round(round_, by=request.user, now=timezone.now())
    except ReportingError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("The round “%(round)s” is closed.") % {"round": round_})
    return redirect("reporting:review", round_id=round_.pk)
