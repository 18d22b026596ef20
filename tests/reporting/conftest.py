"""A round of seed 004 (Tiền Giang's plan, now Đồng Tháp's) opened by the coordinator, and the
tasks and indicators the personas report on, found through the real agency data."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User

from theodoi.orgs.models import Organisation
from theodoi.plans.models import AgencyRole, Indicator, Plan, Task
from theodoi.reporting.models import IndicatorValue, ReportingRound
from theodoi.reporting.review import accept_update
from theodoi.reporting.rounds import open_round
from theodoi.reporting.updates import UpdateContent
from theodoi.reporting.values import record_indicator_value

OPENED = datetime.datetime(2026, 5, 4, 8, 0, tzinfo=datetime.UTC)
DEADLINE = datetime.datetime(2026, 5, 31, 17, 0, tzinfo=datetime.UTC)  # 1/6 00:00 in Hà Nội
DURING = datetime.datetime(2026, 5, 20, 3, 0, tzinfo=datetime.UTC)
LATER = DURING + datetime.timedelta(hours=2)
# The smallest file a PDF reader opens: evidence in tests.
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
AFTER = datetime.datetime(2026, 6, 2, 3, 0, tzinfo=datetime.UTC)

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


def tasks_of(plan: Plan, organisation: Organisation, role: str) -> list[Task]:
    return list(
        plan.tasks.filter(
            agencies__organisation_id__in=organisation.lineage_ids(), agencies__role=role
        )
        .distinct()
        .order_by("position")
    )


@pytest.fixture
def reporter_org(reporter: User) -> Organisation:
    return reporter.membership.organisation


@pytest.fixture
def round_(tien_giang_plan: Plan, coordinator: User) -> ReportingRound:
    return open_round(
        tien_giang_plan,
        title="Báo cáo 6 tháng đầu năm 2026",
        period_start=datetime.date(2025, 11, 15),
        period_end=datetime.date(2026, 5, 31),
        cut_off=datetime.date(2026, 5, 15),
        deadline=DEADLINE,
        by=coordinator,
        now=OPENED,
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
    return (
        round_.plan.tasks.exclude(agencies__organisation_id__in=reporter_org.lineage_ids())
        .exclude(agencies__organisation__isnull=True)
        .first()
    )


@pytest.fixture
def percent_indicator(round_: ReportingRound, reporter_org: Organisation) -> Indicator:
    return (
        round_.plan.indicators.filter(
            unit="%", agencies__organisation_id__in=reporter_org.lineage_ids()
        )
        .order_by("position")
        .first()
    )


@pytest.fixture
def accepted_baseline(
    round_: ReportingRound, percent_indicator: Indicator, reporter: User, coordinator: User
) -> IndicatorValue:
    """The percent indicator's baseline, 20 at the end of 2024, entered and accepted."""
    entered = record_indicator_value(
        round_,
        percent_indicator,
        value=20,
        measured_on=datetime.date(2024, 12, 31),
        baseline=True,
        submit=True,
        by=reporter,
        based_on=0,
        now=DURING,
    )
    return accept_update(entered, by=coordinator, now=DURING)
