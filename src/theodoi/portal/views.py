"""Public pages: thin views over ``portal.pages`` and ``portal.opendata``, cached per plan."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from theodoi.exports.registry import Exporter
from theodoi.exports.serving import serves
from theodoi.exports.tabular import OpenData
from theodoi.limits.counters import source_of
from theodoi.plans.models import PLAN_DOCUMENTS, Plan, PlanStatus
from theodoi.portal import pages
from theodoi.portal.cache import cached_front, cached_per_plan
from theodoi.portal.errors import FeedbackError
from theodoi.portal.feedback import submit_feedback
from theodoi.portal.forms import FeedbackForm
from theodoi.portal.handling import published_questions
from theodoi.portal.opendata import DATASETS
from theodoi.proxies import client_address
from theodoi.reporting.access import visible_tasks
from theodoi.snapshots.explaining import explain_row, find_row
from theodoi.snapshots.reading import counted_summaries
from theodoi.snapshots.services import latest_snapshots


@cached_front
def plan_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    plans = Plan.objects.filter(status=PlanStatus.PUBLISHED).defer(*PLAN_DOCUMENTS)
    shown = pages.public_task_ids()
    latest = latest_snapshots(plans, as_of=today)
    # Four statements for any number of plans, not two a plan (200 for the country's).
    judged = counted_summaries(
        [snapshot for snapshot, _digest in latest.values()], set().union(*shown.values())
    )
    rows = []
    for plan in plans.select_related("province"):
        _as_of, summary = judged.get(plan.pk, (None, None))
        rows.append((plan, len(shown.get(plan.pk, ())), summary))
    return render(request, "portal/plan_list.html", {"rows": rows})


@cached_per_plan
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = pages.public_plan(plan_id)
    results = pages.public_results(plan, timezone.localdate())
    lines = pages.task_lines(pages.with_lead_mentions(pages.public_tasks(plan)), results)
    shown = {line.task.pk for line in lines}
    groups = [
        (
            group,
            group_lines,
            results.summary(among=shown, group=str(group.pk)) if results and group else None,
        )
        for group, group_lines in pages.grouped(plan, lines)
    ]
    return render(
        request,
        "portal/plan_detail.html",
        {
            "plan": plan,
            "results": results,
            "summary": results.summary(among=shown) if results else None,
            "groups": groups,
            "indicators": pages.indicator_lines(plan, results),
            "bands": [(band, n) for band, n in results.band_counts() if n] if results else [],
            "agency_pages": pages.agency_pages(lines, results),
            "agency_links": pages.agency_links(plan, results),
            "agencies": pages.agencies_by_name(results),
            "ranking": pages.published_ranking(plan),
            "datasets": DATASETS.values(),
            "amendments": pages.public_amendments(plan),
            "questions": published_questions(plan),
        },
    )


@cached_per_plan
def indicator_detail(request: HttpRequest, plan_id: int, indicator_id: int) -> HttpResponse:
    plan = pages.public_plan(plan_id)
    results = pages.public_results(plan, timezone.localdate())
    indicator = pages.public_indicator(plan, indicator_id)
    result: Mapping[str, Any] = results.indicators.get(indicator.pk, {}) if results else {}
    return render(
        request,
        "portal/indicator_detail.html",
        {"plan": plan, "results": results, "indicator": indicator, "result": result},
    )


@cached_per_plan
def agency_detail(request: HttpRequest, plan_id: int, agency_id: int) -> HttpResponse:
    plan = pages.public_plan(plan_id)
    results = pages.public_results(plan, timezone.localdate())
    lines = pages.agency_lines(plan, results, agency_id)
    assert results is not None  # agency_lines raised Http404 otherwise
    publication = pages.published_ranking(plan)
    ranked = (
        next((r for r in publication.ranking if r["agency"] == agency_id), None)
        if publication
        else None
    )
    return render(
        request,
        "portal/agency_detail.html",
        {
            "plan": plan,
            "results": results,
            "agency": results.agencies[agency_id],
            "agency_id": agency_id,
            "groups": pages.grouped(plan, lines),
            # The tasks listed, led or cooperated on alike: the figures count the list.
            "summary": results.summary(among={line.task.pk for line in lines}),
            "publication": publication,
            "ranked": ranked,
        },
    )


@cached_per_plan
def ranking(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = pages.public_plan(plan_id)
    return render(
        request,
        "portal/ranking.html",
        {"plan": plan, "publication": pages.published_ranking(plan)},
    )


@cached_per_plan
def score_explanation(request: HttpRequest, plan_id: int, agency_id: int) -> HttpResponse:
    """An agency's published score item by item; its public tasks named, confidential ones
    counted only. Nothing before the coordinator publishes the ranking."""
    plan = pages.public_plan(plan_id)
    publication = pages.published_ranking(plan)
    row = find_row(publication.ranking, agency_id) if publication else None
    if publication is not None and row is None:
        raise Http404
    shown = set(visible_tasks(AnonymousUser()).filter(plan=plan).values_list("pk", flat=True))
    return render(
        request,
        "portal/score_explanation.html",
        {
            "plan": plan,
            "publication": publication,
            "explanation": explain_row(row, plan, shown_tasks=shown) if row else None,
        },
    )


@cached_per_plan
@serves
def open_data(
    request: HttpRequest, exporter: Exporter[Any], plan_id: int, dataset: str
) -> OpenData:
    if dataset not in DATASETS:
        raise Http404
    plan = pages.public_plan(plan_id)
    results = pages.public_results(plan, timezone.localdate())
    chosen = DATASETS[dataset]
    return OpenData(chosen, plan, results, chosen.rows(plan, results))


def feedback(request: HttpRequest) -> HttpResponse:
    """Kiến nghị, phản ánh, sáng kiến: a form anyone may send (CSRF-protected, limited per
    sender by ``submit_feedback``)."""
    form = FeedbackForm(request.POST or None, initial={"plan": request.GET.get("ke_hoach")})
    sent = False
    if request.method == "POST" and form.is_valid():
        try:
            submit_feedback(
                **form.cleaned_data,
                source=source_of(client_address(request)),
                now=timezone.now(),
            )
        except FeedbackError as error:
            form.add_error(None, str(error))
        else:
            sent, form = True, FeedbackForm()
    return render(request, "portal/feedback.html", {"form": form, "sent": sent})


def data_dictionary(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/data_dictionary.html", {"datasets": DATASETS.values()})
