"""The tasks and indicators of seed 004 that the personas report on in its half-year round,
found through the real agency data, and the content of their updates."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User

from tests import builders
from tests.builders import DURING, tasks_of
from theodoi.orgs.models import Organisation
from theodoi.plans.models import AgencyRole, Indicator, Task
from theodoi.reporting.models import IndicatorValue, ReportingRound
from theodoi.reporting.updates import UpdateContent

IN_PROGRESS = UpdateContent(
    status="in_progress",
    progress=40,
    results="Đã xây dựng dự thảo kế hoạch và lấy ý kiến các sở, ngành.",
    product="Dự thảo kế hoạch",
    difficulties="Thiếu nhân lực chuyên trách.",
    proposals="Bổ sung biên chế cho phòng chuyên môn.",
)
DONE = UpdateContent(
    status="done_on_time",
    progress=100,
    completed_on=datetime.date(2026, 5, 15),
    results="Đã ban hành kế hoạch.",
    product="Kế hoạch số 12/KH-SKHCN",
)


@pytest.fixture
def lead_task(round_: ReportingRound, reporter_org: Organisation) -> Task:
    return tasks_of(round_.plan, reporter_org, AgencyRole.LEAD)[0]


@pytest.fixture
def cooperating_task(round_: ReportingRound, reporter_org: Organisation) -> Task:
    lead = {t.pk for t in tasks_of(round_.plan, reporter_org, AgencyRole.LEAD)}
    return next(
        t for t in tasks_of(round_.plan, reporter_org, AgencyRole.COOPERATING) if t.pk not in lead
    )


@pytest.fixture
def foreign_task(round_: ReportingRound, reporter_org: Organisation) -> Task:
    task = (
        round_.plan.tasks.exclude(agencies__organisation_id__in=reporter_org.lineage_ids())
        .exclude(agencies__organisation__isnull=True)
        .first()
    )
    assert task is not None, "every task of the plan is the reporter's"
    return task


@pytest.fixture
def percent_indicator(round_: ReportingRound, reporter_org: Organisation) -> Indicator:
    return builders.percent_indicator(round_.plan, reporter_org)


@pytest.fixture
def accepted_baseline(
    round_: ReportingRound, percent_indicator: Indicator, reporter: User, coordinator: User
) -> IndicatorValue:
    """The percent indicator's baseline, 20 at the end of 2024, entered and accepted."""
    return builders.report_value(
        round_,
        percent_indicator,
        20,
        datetime.date(2024, 12, 31),
        by=reporter,
        reviewer=coordinator,
        baseline=True,
        confirmed=False,
        reviewed=DURING,
    )
