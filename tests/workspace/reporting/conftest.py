"""A round open now (the pages run at the real clock), a client signed in as a persona, and
the fixtures shared with the service tests."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from tests.reporting.conftest import (  # noqa: F401  (fixtures shared with the service tests)
    cooperating_task,
    foreign_task,
    lead_task,
    percent_indicator,
    reporter_org,
    round_,
)
from theodoi.plans.models import Plan, Task
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.rounds import open_round


@pytest.fixture
def live_round(tien_giang_plan: Plan, coordinator: User) -> ReportingRound:
    today = timezone.localdate()
    return open_round(
        tien_giang_plan,
        title="Báo cáo 6 tháng",
        period_start=today - datetime.timedelta(days=150),
        period_end=today + datetime.timedelta(days=10),
        cut_off=today,
        deadline=timezone.now() + datetime.timedelta(days=10),
        by=coordinator,
        now=timezone.now(),
    )


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def lead_task_of(reporting_round: ReportingRound, reporter: User) -> Task:
    organisation = reporter.membership.organisation
    return reporting_round.plan.tasks.filter(
        agencies__organisation_id__in=organisation.lineage_ids(), agencies__role="lead"
    ).first()
