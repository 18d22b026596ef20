"""Rounds: the list, opening one for a plan, reopening it for an agency, closing it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.plans.models import PLAN_DOCUMENTS, Plan, PlanStatus, documents_of
from theodoi.reporting.access import (
    get_plan_for,
    get_round_for,
    is_coordinator,
    is_reporter,
    visible_plans,
    visible_rounds,
)
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.rounds import close_round, open_round, reopen_round_for
from theodoi.reporting.schedule import propose_round
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.paging import page_of
from theodoi.workspace.picking import SEARCH_PARAMETER, kept, searching
from theodoi.workspace.reporting.forms import OpenRoundForm, ReopenForm, start_of
from theodoi.workspace.reporting.views.outcome import back_to_review
from theodoi.workspace.reporting.views.reopening import reopening
from theodoi.workspace.reporting.views.review import review_page
from theodoi.workspace.views.gates import coordinator_action, coordinator_required, staff_required
from theodoi.workspace.views.refusals import saved

# Every plan of the scope has a round a month: thousands for a national reader.
PAGE_LENGTH = 50


@staff_required
def round_list(request: AuthenticatedRequest) -> HttpResponse:
    plans = visible_plans(request.user).filter(status=PlanStatus.PUBLISHED)
    rounds = (
        visible_rounds(request.user)
        .filter(plan__status=PlanStatus.PUBLISHED)
        .select_related("plan")
        .defer(*documents_of("plan__"))
        .order_by("-deadline", "-pk")
    )
    page = page_of(request, rounds, PAGE_LENGTH)
    return render(
        request,
        "reporting/round_list.html",
        {
            "rounds": page.rows,
            "page": page,
            "plans": plans.select_related("reporting_schedule").defer(*PLAN_DOCUMENTS)
            if is_coordinator(request.user)
            else [],
            "is_coordinator": is_coordinator(request.user),
            "is_reporter": is_reporter(request.user),
            "now": timezone.now(),
        },
    )


@coordinator_required
def round_open(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan: Plan = get_plan_for(request.user, plan_id)
    now = timezone.now()
    if request.method == "POST":
        form = OpenRoundForm(request.POST)
        round_ = saved(
            form,
            lambda: open_round(
                plan,
                **form.dates(),
                deadline=start_of(form.cleaned_data["deadline"]),
                by=request.user,
                now=now,
            ),
            ReportingError,
        )
        if round_ is not None:
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


@coordinator_action
def round_reopen(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    round_ = get_round_for(request.user, round_id)
    if searching(request):
        # The search button: the review page again, with the matches to tick; nothing saved.
        return review_page(
            request,
            round_,
            reopen=reopening(
                ReopenForm,
                round_,
                initial=kept(request.POST, ReopenForm.base_fields),
                query=request.POST.get(SEARCH_PARAMETER, ""),
            ),
        )
    form, picked = reopening(ReopenForm, round_, request.POST)
    if not form.is_valid():
        return review_page(request, round_, reopen=(form, picked), status=400)
    organisation = form.cleaned_data["organisation"]
    return back_to_review(
        request,
        round_,
        lambda: reopen_round_for(
            round_, organisation, by=request.user, until=form.until_moment(), now=timezone.now()
        ),
        _("The round is reopened for %(organisation)s.") % {"organisation": organisation},
    )


@coordinator_action
def round_close(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    round_ = get_round_for(request.user, round_id)
    return back_to_review(
        request,
        round_,
        lambda: close_round(round_, by=request.user, now=timezone.now()),
        _("The round “%(round)s” is closed.") % {"round": round_},
    )
