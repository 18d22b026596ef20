"""What an agency sees it has to report in a round: each indicator with the figure it had
before the round."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from theodoi.orgs.models import Organisation
from theodoi.plans.models import Indicator
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.worklist import agency_indicators

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("accepted_baseline")
def test_each_indicator_shows_its_accepted_baseline_or_the_plan_s_own(
    round_: ReportingRound, percent_indicator: Indicator, reporter_org: Organisation
) -> None:
    other = next(
        item.indicator
        for item in agency_indicators(round_, reporter_org)
        if item.indicator.pk != percent_indicator.pk
    )
    other.baseline_value = 3
    other.save(update_fields=["baseline_value"])

    previous = {
        item.indicator.pk: item.previous for item in agency_indicators(round_, reporter_org)
    }

    assert previous[percent_indicator.pk] == 20
    assert previous[other.pk] == 3
    assert sum(figure is None for figure in previous.values()) == len(previous) - 2


def test_the_worklist_does_not_query_once_per_indicator(
    round_: ReportingRound, reporter_org: Organisation
) -> None:
    with CaptureQueriesContext(connection) as queries:
        items = agency_indicators(round_, reporter_org)
    assert len(items) > 10
    assert len(queries.captured_queries) < len(items)
