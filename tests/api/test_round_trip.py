"""Issue 14's round trip, against a live server: an agency's software reads its tasks with its
token, submits an update with a figure over HTTP, the coordinator accepts the update in
Chromium, the software reads it back as accepted, and a receiver on this machine got the
signed event exactly once."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from huey.api import Huey
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests import builders
from tests.api.receiver import receiver
from tests.api.test_webhooks import verified
from tests.browser import log_in, shot
from tests.notify.conftest import queue, run_queue  # noqa: F401  (the queue fixture)
from theodoi.api.tokens import issue_integration_token
from theodoi.api.webhooks import subscribe
from theodoi.plans.models import Plan

pytestmark = pytest.mark.browser


def call(server: LiveServer, secret: str, path: str, body: Any = None) -> tuple[int, Any]:
    """One HTTP call as the agency's software makes it."""
    request = urllib.request.Request(
        f"{server.url}{path}",
        data=None if body is None else json.dumps(body).encode(),
        method="GET" if body is None else "POST",
        headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.status, json.loads(answer.read())


@pytest.mark.parametrize("queue", ["sqlite"], indirect=True)
def test_an_agency_system_reports_and_hears_back(
    page: Page,
    live_server: LiveServer,
    queue: Huey,  # noqa: F811
    tien_giang_plan: Plan,
    coordinator: User,
    reporter: User,
) -> None:
    round_ = builders.open_round_now(tien_giang_plan, by=coordinator)
    agency = builders.agency_of(reporter)
    _token, secret = issue_integration_token(
        agency, "Hệ thống quản lý văn bản", writes=True, by=coordinator, now=timezone.now()
    )
    task = builders.lead_task_of(round_, reporter)
    indicator = builders.reporter_indicator(tien_giang_plan, reporter)
    with receiver() as got:
        subscription = subscribe(
            tien_giang_plan, got.url, ["update.accepted"], by=coordinator, now=timezone.now()
        )

        status, tasks = call(live_server, secret, f"/api/tasks/?agency={agency.pk}&page_size=500")
        assert status == 200
        assert task.pk in {row["id"] for row in tasks["results"]}
        status, created = call(
            live_server,
            secret,
            f"/api/rounds/{round_.pk}/tasks/{task.pk}/updates/",
            {
                "status": "in_progress",
                "progress": 60,
                "results": "Đã triển khai ở 8 xã.",
                "based_on": 0,
            },
        )
        assert (status, created["state"]) == (201, "submitted")
        status, figure = call(
            live_server,
            secret,
            f"/api/rounds/{round_.pk}/indicators/{indicator.pk}/values/",
            {
                "value": 45,
                "measured_on": round_.cut_off.isoformat(),
                "based_on": 0,
                "confirmed": True,
            },
        )
        assert (status, figure["state"]) == (201, "submitted")

        log_in(page, live_server, "daumoi")
        page.goto(f"{live_server.url}/ky-bao-cao/{round_.pk}/xem-xet/")
        report = page.locator(f"#update-{created['id']}")
        expect(report).to_contain_text("Đã triển khai ở 8 xã.")
        shot(page, "round-trip-review", folder="api")
        report.get_by_role("button", name="Tiếp nhận").click()
        expect(page.locator(".messages")).to_be_visible()
        shot(page, "round-trip-accepted", folder="api")

        status, read = call(
            live_server, secret, f"/api/task-updates/?task={task.pk}&state=accepted"
        )
        assert [(row["id"], row["results"]) for row in read["results"]] != []
        assert read["results"][-1]["results"] == "Đã triển khai ở 8 xã."
        assert run_queue(queue) == 1
        assert run_queue(queue) == 0
    assert len(got.posts) == 1
    post = got.posts[0]
    assert verified(subscription.secret, post.headers, post.body)
    event = json.loads(post.body)
    assert (event["event"], event["data"]["task"]) == ("update.accepted", task.pk)
