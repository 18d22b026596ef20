"""The ranking a snapshot stores: each agency scored on what it was assigned and what fell due,
an indicator counted for the agency responsible for it (the one the plan names first)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User

from tests.builders import AS_OF, org
from theodoi.plans.models import AgencyRole, Indicator, Plan
from theodoi.reporting.models import ReportingRound
from theodoi.snapshots.services import rebuild_snapshot

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 5, 26, 9, 0, tzinfo=datetime.UTC)
AFTER_DEADLINE = datetime.date(2026, 6, 2)


def tfp(plan: Plan) -> Indicator:
    """Seed 004's indicator 5 (TFP), of Sở Khoa học và Công nghệ and then Cục Thống kê, which
    has no task in the plan."""
    return plan.indicators.get(code="5")


def ranked(results: dict[str, Any], code: str) -> dict[str, Any]:
    return next(r for r in results["ranking"] if r["agency"] == org(code).pk)


STATISTICS = "dong-thap--thong-ke"
SCIENCE = "dong-thap--so-khoa-hoc-cong-nghe"


def test_an_agency_named_second_on_an_indicator_is_not_ranked_on_the_first_one_s_figures(
    round_: ReportingRound, report_value: Callable[..., Any]
) -> None:
    # Sở KH&CN gives the baseline and a figure well on the way to the target (>= 55 % by 2030).
    report_value(tfp(round_.plan), 40, datetime.date(2024, 12, 31), baseline=True)
    report_value(tfp(round_.plan), 46, datetime.date(2026, 5, 15))
    results = rebuild_snapshot(round_.plan, as_of=AS_OF, now=NOW).results
    indicator = next(i for i in results["indicators"] if i["id"] == tfp(round_.plan).pk)
    assert indicator["band"] in {"on_track", "achieved"}

    statistics = ranked(results, STATISTICS)
    assert (statistics["rank"], statistics["score"], statistics["band"]) == (None, None, None)
    assert "chưa xếp hạng vì trong kỳ không có nhiệm vụ nào đến hạn" in statistics["why"]
    assert results["ranking"][0]["agency"] != org(STATISTICS).pk
    assert indicator["responsible"] == org(SCIENCE).pk
    # The agency responsible for it is scored on it as its lead.
    science = ranked(results, SCIENCE)
    assert science["rank"] is not None
    indicators = next(c for c in science["components"] if c["code"] == "indicators")
    assert (indicators["counted"], indicators["share"]) == (1, 1.0)


def test_after_the_deadline_the_responsible_agency_owes_a_figure_for_each_indicator(
    round_: ReportingRound, report_value: Callable[..., Any], reporter: User
) -> None:
    report_value(tfp(round_.plan), 40, datetime.date(2024, 12, 31), baseline=True)
    report_value(tfp(round_.plan), 46, datetime.date(2026, 5, 15))
    results = rebuild_snapshot(round_.plan, as_of=AFTER_DEADLINE, now=NOW).results
    plan = round_.plan
    lineage = reporter.memberships.get().organisation.lineage_ids()
    responsible_for = {
        i.pk
        for i in plan.indicators.all()
        if (first := i.agencies.order_by("position").first()) and first.organisation_id in lineage
    }
    named = plan.tasks.filter(agencies__organisation_id__in=lineage)
    led = set(
        plan.tasks.filter(
            agencies__organisation_id__in=lineage, agencies__role=AgencyRole.LEAD
        ).values_list("pk", flat=True)
    )
    helped = set(named.values_list("pk", flat=True)) - led
    science = ranked(results, SCIENCE)
    reporting = next(c for c in science["components"] if c["code"] == "reporting")
    # One report a task (none was given; a task it helps on weighs 0.3) and one figure an
    # indicator it is responsible for, of which TFP's came in on time. Cục Thống kê owes
    # none, so it is still not ranked.
    assert reporting["counted"] == len(led) + len(helped) + len(responsible_for)
    owed = len(led) + 0.3 * len(helped) + len(responsible_for)
    assert reporting["share"] == pytest.approx(1 / owed)
    assert ranked(results, STATISTICS)["rank"] is None
