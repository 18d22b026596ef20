"""A plan's scoring page (its weights and bands, the ranking now, a preview under new figures,
its published rankings) and an agency's score explained. Thin: the rules are
``evaluation.weights`` and ``evaluation.explain``, the writes ``snapshots.ranking`` and
``snapshots.services``. Readers of the plan's scope read; only its coordinator writes."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.plans.models import Plan
from theodoi.reporting.access import coordinates, get_plan_for, in_scope, visible_tasks
from theodoi.snapshots.errors import SnapshotError
from theodoi.snapshots.explaining import explain_row, find_row
from theodoi.snapshots.models import RankingPublication
from theodoi.snapshots.ranking import (
    Preview,
    ScoringSettingsError,
    live_publication,
    preview_values,
    save_scoring_settings,
    withdraw_ranking,
)
from theodoi.snapshots.reading import Ranking, Results
from theodoi.snapshots.scoring import scoring_values
from theodoi.snapshots.services import latest_snapshot, publish_ranking
from theodoi.users import AuthenticatedRequest
from theodoi.workspace.paging import page_of
from theodoi.workspace.scoring.forms import ScoringSettingsForm, WithdrawForm, initial_of
from theodoi.workspace.views.gates import coordinator_action, reader_required
from theodoi.workspace.views.refusals import told

# The ranking now, this many agencies to a page (a ministry's plan ranks some 130), as the
# dashboard's list of agencies.
RANKING_PAGE_LENGTH = 50


def _plan_of_scope(request: AuthenticatedRequest, plan_id: int) -> Plan:
    """The plan, for a staff reader of its scope (404 otherwise: a national plan a province
    reads is not its to score)."""
    plan = get_plan_for(request.user, plan_id)
    if not in_scope(request.user, plan.province_id):
        raise Http404
    return plan


def _coordinated(request: AuthenticatedRequest, plan_id: int) -> Plan:
    plan = _plan_of_scope(request, plan_id)
    if not coordinates(request.user, plan):
        raise PermissionDenied
    return plan


def _page(
    request: AuthenticatedRequest,
    plan: Plan,
    *,
    form: ScoringSettingsForm | None = None,
    preview: Preview | None = None,
    status: int = 200,
) -> HttpResponse:
    snapshot = latest_snapshot(plan, as_of=timezone.localdate())
    # The page's agencies alone, their shown fields alone: not the whole stored results.
    results = Ranking(snapshot) if snapshot else None
    page = page_of(request, results if results else [], RANKING_PAGE_LENGTH)
    context: dict[str, Any] = {
        "plan": plan,
        "form": form or ScoringSettingsForm(initial=initial_of(scoring_values(plan))),
        "writes": coordinates(request.user, plan),
        "results": results,
        "ranking": page.rows,
        "page": page,
        "preview": preview,
        "live": live_publication(plan),
        "publications": plan.ranking_publications.select_related("round").order_by(
            "-published_at", "-pk"
        )[:20],
        "withdraw_form": WithdrawForm(),
    }
    return render(request, "scoring/settings.html", context, status=status)


@reader_required
def settings_page(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    return _page(request, _plan_of_scope(request, plan_id))


def _figures(form: ScoringSettingsForm) -> dict[str, float]:
    """The figures typed; ScoringSettingsError (no problem of its own) when the form has
    errors, which it then shows by their fields."""
    if not form.is_valid():
        raise ScoringSettingsError({})
    return form.values()


def _refused(
    request: AuthenticatedRequest,
    plan: Plan,
    form: ScoringSettingsForm,
    refused: ScoringSettingsError,
) -> HttpResponse:
    for name, message in refused.problems.items():
        form.add_error(name, message)
    return _page(request, plan, form=form, status=400)


@coordinator_action
def preview(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    """The ranking under the figures typed, beside the ranking now; nothing is stored."""
    plan = _coordinated(request, plan_id)
    form = ScoringSettingsForm(request.POST)
    try:
        shown = preview_values(plan, _figures(form), as_of=timezone.localdate())
    except ScoringSettingsError as refused:
        return _refused(request, plan, form, refused)
    return _page(request, plan, form=form, preview=shown)


@coordinator_action
def save(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = _coordinated(request, plan_id)
    form = ScoringSettingsForm(request.POST)
    try:
        save_scoring_settings(plan, _figures(form), by=request.user, now=timezone.now())
    except ScoringSettingsError as refused:
        return _refused(request, plan, form, refused)
    messages.success(request, _("The scoring settings are saved; the ranking is recalculated."))
    return redirect("scoring:settings", plan_id=plan.pk)


@coordinator_action
def publish(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    plan = _coordinated(request, plan_id)
    write = partial(publish_ranking, plan, by=request.user, now=timezone.now())
    told(request, write, SnapshotError, _("The ranking is published on the public portal."))
    return redirect("scoring:settings", plan_id=plan.pk)


@coordinator_action
def withdraw(request: AuthenticatedRequest, plan_id: int, publication_id: int) -> HttpResponse:
    plan = _coordinated(request, plan_id)
    publication = get_object_or_404(RankingPublication, pk=publication_id, plan=plan)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(m) for m in form.errors.get("reason", [])))
        return redirect("scoring:settings", plan_id=plan.pk)
    write = partial(
        withdraw_ranking,
        publication,
        reason=form.cleaned_data["reason"],
        by=request.user,
        now=timezone.now(),
    )
    told(request, write, SnapshotError, _("The ranking is withdrawn from the public portal."))
    return redirect("scoring:settings", plan_id=plan.pk)


@reader_required
def explanation(request: AuthenticatedRequest, plan_id: int, agency_id: int) -> HttpResponse:
    """An agency's score in the plan's latest results, item by item."""
    plan = _plan_of_scope(request, plan_id)
    snapshot = latest_snapshot(plan, as_of=timezone.localdate())
    if snapshot is None:
        raise Http404
    results = Results.of(snapshot)
    row = find_row(results.ranking, agency_id)
    if row is None:
        raise Http404
    shown = set(visible_tasks(request.user).filter(plan=plan).values_list("pk", flat=True))
    return render(
        request,
        "scoring/explanation.html",
        {
            "plan": plan,
            "period": results.period,
            "as_of": results.as_of,
            "explanation": explain_row(row, plan, shown_tasks=shown),
        },
    )
