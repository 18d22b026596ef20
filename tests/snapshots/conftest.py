"""A round of seed 004 (Tiền Giang's plan, Đồng Tháp's since the merger) in which Sở Khoa học
và Công nghệ reports, built through the real reporting services."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from theodoi.plans.models import AgencyRole, Indicator, Plan, Task
from theodoi.reporting.evidence import attach_evidence
from theodoi.reporting.models import IndicatorValue, ReportingRound, TaskUpdate
from theodoi.reporting.review import accept_update
from theodoi.reporting.rounds import open_round
from theodoi.reporting.updates import UpdateContent, submit_update
from theodoi.reporting.values import record_indicator_value

OPENED = datetime.datetime(2026, 5, 4, 8, 0, tzinfo=datetime.UTC)
DURING = datetime.datetime(2026, 5, 20, 3, 0, tzinfo=datetime.UTC)
REVIEWED = datetime.datetime(2026, 5, 25, 3, 0, tzinfo=datetime.UTC)
DEADLINE = datetime.datetime(2026, 5, 31, 17, 0, tzinfo=datetime.UTC)
AS_OF = datetime.date(2026, 5, 26)
# The smallest PDF a type sniffer accepts as one.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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


def lead_tasks(plan: Plan, reporter: User) -> list[Task]:
    lineage = reporter.membership.organisation.lineage_ids()
    return list(
        plan.tasks.filter(agencies__organisation_id__in=lineage, agencies__role=AgencyRole.LEAD)
        .exclude(due_kind="recurring")
        .distinct()
        .order_by("position")
    )


@pytest.fixture
def report_task(
    round_: ReportingRound, reporter: User, coordinator: User
) -> Callable[..., TaskUpdate]:
    """Submit an update on a task; accept it unless told not to; attach a PDF first if asked."""

    def report(
        task: Task, content: UpdateContent, *, accept: bool = True, evidence: bool = False
    ) -> TaskUpdate:
        if evidence:
            attach_evidence(
                round_, task, ContentFile(PDF, name="bien-ban.pdf"), by=reporter, now=DURING
            )
        update = submit_update(round_, task, content, by=reporter, based_on=0, now=DURING)
        return accept_update(update, by=coordinator, now=REVIEWED) if accept else update

    return report


@pytest.fixture
def report_value(
    round_: ReportingRound, reporter: User, coordinator: User
) -> Callable[..., IndicatorValue]:
    def report(
        indicator: Indicator,
        value: float,
        on: datetime.date,
        *,
        baseline: bool = False,
        accept: bool = True,
    ) -> IndicatorValue:
        figure = record_indicator_value(
            round_,
            indicator,
            value=value,
            measured_on=on,
            baseline=baseline,
            confirmed=True,
            submit=True,
            by=reporter,
            based_on=0,
            now=DURING,
        )
        return accept_update(figure, by=coordinator, now=REVIEWED) if accept else figure

    return report


def reporter_indicator(plan: Plan, reporter: User) -> Indicator:
    lineage = reporter.membership.organisation.lineage_ids()
    return (
        plan.indicators.filter(agencies__organisation_id__in=lineage, comparator=">=")
        .exclude(target=None)
        .order_by("position")
        .first()
    )
