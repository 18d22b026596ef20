"""A round open now: the pages run at the real clock."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests.builders import open_round_now
from theodoi.plans.models import Plan
from theodoi.reporting.models import ReportingRound


@pytest.fixture
def live_round(tien_giang_plan: Plan, coordinator: User) -> ReportingRound:
    return open_round_now(tien_giang_plan, by=coordinator)
