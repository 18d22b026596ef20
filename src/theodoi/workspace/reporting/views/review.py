"""The coordinator's review queue: accept, return with a reason, accept several at once."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.reporting.access import get_round_for
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import Evidence, IndicatorValue, ReportingRound, TaskUpdate
from theodoi.reporting.review import accept_update, bulk_accept, return_update
from theodoi.reporting.worklist import review_queue
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.picking import Offered
from theodoi.workspace.reporting.forms import ReopenForm, ReturnForm
from theodoi.workspace.reporting.views.outcome import back_to_review
from theodoi.workspace.reporting.views.reopening import reopening
from theodoi.workspace.views.gates import coordinator_action, coordinator_required

REPORT_KINDS: dict[str, type[TaskUpdate] | type[IndicatorValue]] = {
    "nhiem-vu": TaskUpdate,
    "chi-tieu": IndicatorValue,
}


def review_page(
    request: AuthenticatedRequest,
    round_: ReportingRound,
    *,
    reopen: tuple[ReopenForm, Offered] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The review page, its reopening form as sent (``reopen``) or empty."""
    reopen_form, reopen_picked = reopen or reopening(ReopenForm, round_)
    queued, values = review_queue(round_)
    # Completion counts only with evidence (DESIGN.md): the reviewer sees the files.
    evidence: dict[tuple[int, int], list[Evidence]] = {}
    for item in Evidence.objects.filter(round=round_):
        evidence.setdefault((item.task_id, item.organisation_id), []).append(item)
    updates = list(queued)
    for update in updates:
        update.evidence_files = evidence.get((update.task_id, update.organisation_id), [])  # type: ignore[attr-defined]
    return render(
        request,
        "reporting/review.html",
        {
            "round": round_,
            "updates": updates,
            "values": values,
            "reopen_form": reopen_form,
            "reopen_picked": reopen_picked,
            "reopenings": round_.reopenings.select_related("organisation__parent"),
            "now": timezone.now(),
        },
        status=status,
    )


@coordinator_required
def review(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    return review_page(request, get_round_for(request.user, round_id))


def kind_of(report: TaskUpdate | IndicatorValue) -> str:
    return next(kind for kind, model in REPORT_KINDS.items() if isinstance(report, model))


def _report(round_: ReportingRound, kind: str, report_id: int) -> TaskUpdate | IndicatorValue:
    model = REPORT_KINDS.get(kind)
    if model is None:
        raise Http404
    # mypy joins the two models' types to their base; the row is of ``model``.
    return cast(TaskUpdate | IndicatorValue, get_object_or_404(model, pk=report_id, round=round_))


def _round_report(
    request: AuthenticatedRequest, round_id: int, kind: str, report_id: int
) -> tuple[ReportingRound, TaskUpdate | IndicatorValue]:
    """The round the person reads, and its report of ``kind`` (404 for either not found)."""
    round_ = get_round_for(request.user, round_id)
    return round_, _report(round_, kind, report_id)


@coordinator_action
def review_accept(
    request: AuthenticatedRequest, round_id: int, kind: str, report_id: int
) -> HttpResponse:
    round_, report = _round_report(request, round_id, kind, report_id)
    return back_to_review(
        request,
        round_,
        lambda: accept_update(report, by=request.user, now=timezone.now()),
        _("The report was accepted."),
    )


@coordinator_action
def review_return(
    request: AuthenticatedRequest, round_id: int, kind: str, report_id: int
) -> HttpResponse:
    round_, report = _round_report(request, round_id, kind, report_id)
    form = ReturnForm(request.POST)

    def write() -> None:
        if not form.is_valid():
            raise ReportingError(" ".join(str(e) for e in form.errors["reason"]))
        return_update(
            report, by=request.user, reason=form.cleaned_data["reason"], now=timezone.now()
        )

    done = _("The report was returned to %(organisation)s.") % {"organisation": report.organisation}
    return back_to_review(request, round_, write, done)


@coordinator_action
def review_bulk_accept(request: AuthenticatedRequest, round_id: int) -> HttpResponse:
    round_ = get_round_for(request.user, round_id)
    chosen = []
    for entry in request.POST.getlist("report"):
        kind, _sep, raw_id = entry.partition(":")
        if not raw_id.isdigit():
            raise Http404
        chosen.append(_report(round_, kind, int(raw_id)))
    if not chosen:
        messages.error(request, _("Tick the reports to accept."))
        return redirect("reporting:review", round_id=round_.pk)
    if request.POST.get("confirmed") != "1":
        # Accepting counts the reports in the evaluation: the coordinator sees the list and
        # confirms it, with or without JavaScript.
        return render(
            request,
            "reporting/bulk_accept_confirm.html",
            {
                "round": round_,
                "chosen": [(kind_of(report), report) for report in chosen],
            },
        )
    try:
        accepted = bulk_accept(chosen, by=request.user, now=timezone.now())
    except ReportingError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("%(count)s reports were accepted.") % {"count": len(accepted)})
    return redirect("reporting:review", round_id=round_.pk)
