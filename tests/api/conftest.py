from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from tests import builders
from theodoi.api.tokens import issue_integration_token
from theodoi.plans.models import Plan
from theodoi.reporting.models import ReportingRound


@pytest.fixture
def live_round(tien_giang_plan: Plan, coordinator: User) -> ReportingRound:
    """A round of seed 004 open at the real clock: the API writes at the real clock."""
    return builders.open_round_now(tien_giang_plan, by=coordinator)


@pytest.fixture
def agency_token(coordinator: User, reporter: User) -> Callable[..., str]:
    """The secret of a token for the reporter's agency's system, made by the coordinator."""

    def make(*, writes: bool = True, name: str = "Hệ thống quản lý văn bản") -> str:
        _token, secret = issue_integration_token(
            builders.agency_of(reporter), name, writes=writes, by=coordinator, now=timezone.now()
        )
        return secret

    return make


def machine(secret: str) -> Client:
    """A client that sends the token, as an agency's software does (no session, no CSRF)."""
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}", enforce_csrf_checks=True)
