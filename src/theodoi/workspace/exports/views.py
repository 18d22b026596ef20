"""Downloads for coordinators and leaders (and IT staff): a round's consolidated report, a
plan's task and indicator tables. Thin: the files and who may have them are declared in
``theodoi.exports.registry``; these views only find the round or the plan."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from theodoi.exports.content import PlanReport, plan_report
from theodoi.exports.registry import Exporter
from theodoi.exports.serving import serves
from theodoi.reporting.access import get_plan_for
from theodoi.reporting.models import ReportingRound


@serves
def round_download(request: HttpRequest, exporter: Exporter[Any], round_id: int) -> PlanReport:
    round_ = get_object_or_404(ReportingRound, pk=round_id)
    plan = get_plan_for(request.user, round_.plan_id)
    return plan_report(plan, user=request.user, as_of=timezone.localdate(), round_=round_)


@serves
def plan_download(request: HttpRequest, exporter: Exporter[Any], plan_id: int) -> PlanReport:
    plan = get_plan_for(request.user, plan_id)
    return plan_report(plan, user=request.user, as_of=timezone.localdate())
