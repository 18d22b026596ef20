"""The coordinator's review page: what its tab says once the round is past its deadline."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from tests.workspace.reporting.conftest import signed_in
from theodoi.reporting.models import ReportingRound

pytestmark = pytest.mark.django_db


def test_after_the_deadline_the_tab_title_is_the_rounds_name_and_nothing_else(
    live_round: ReportingRound, coordinator: User
) -> None:
    ReportingRound.objects.filter(pk=live_round.pk).update(
        deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    html = signed_in(coordinator).get(reverse("reporting:review", args=[live_round.pk]))
    title = re.search(r"<title>(.*?)</title>", html.content.decode(), re.S).group(1)
    assert title == "Xem xét báo cáo · Báo cáo 6 tháng · theodoi"
    # The close-round form belongs in the page, once.
    assert (
        html.content.decode().count(
            'action="' + reverse("reporting:round_close", args=[live_round.pk])
        )
        == 1
    )
