"""The coordinator's review page: what its tab says once the round is past its deadline."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from tests.builders import signed_in
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.reporting.updates import UpdateContent, submit_update

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


def test_accepting_in_bulk_asks_for_confirmation_first_and_accepts_only_then(
    live_round: ReportingRound, reporter: User, coordinator: User
) -> None:
    tasks = list(
        live_round.plan.tasks.filter(
            agencies__organisation_id__in=reporter.memberships.get().organisation.lineage_ids(),
            agencies__role="lead",
        ).order_by("position")[:2]
    )
    updates = [
        submit_update(
            live_round,
            task,
            UpdateContent(status="in_progress", progress=30),
            by=reporter,
            based_on=0,
            now=timezone.now(),
        )
        for task in tasks
    ]
    chosen = [f"nhiem-vu:{update.pk}" for update in updates]
    client = signed_in(coordinator)
    url = reverse("reporting:review_bulk_accept", args=[live_round.pk])

    asked = client.post(url, {"report": chosen})
    html = asked.content.decode()
    assert asked.status_code == 200
    assert "Tiếp nhận 2 báo cáo sau?" in html
    for task in tasks:
        assert task.code in html
    assert not TaskUpdate.objects.filter(state="accepted").exists()

    done = client.post(url, {"report": chosen, "confirmed": "1"}, follow=True)
    assert "Đã tiếp nhận 2 báo cáo" in done.content.decode()
    assert TaskUpdate.objects.filter(state="accepted").count() == 2
