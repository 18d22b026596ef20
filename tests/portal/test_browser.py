"""The public portal in a real Chromium: the plan page, an indicator's chart drawn by Chart.js
(served by theodoi itself) beside its table, and the published ranking. Screenshots go to
``test-output/browser/`` for a person to look at."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.snapshots.conftest import AS_OF, REVIEWED, lead_tasks, reporter_indicator
from tests.workspace.test_browser import browser, page, shot  # noqa: F401  (the harness)
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.reporting.updates import UpdateContent
from theodoi.snapshots.services import publish_ranking, rebuild_snapshot

pytestmark = pytest.mark.browser


def chart_drawn(tab: Page, selector: str) -> None:
    """Wait until Chart.js has drawn on the canvas (it keeps an instance per canvas)."""
    tab.wait_for_function(
        "s => window.Chart && Chart.getChart(document.querySelector(s)) !== undefined", arg=selector
    )


def test_anyone_reads_the_plan_an_indicator_chart_and_the_published_ranking(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    round_: ReportingRound,
    reporter: User,
    coordinator: User,
    report_task: Callable[..., TaskUpdate],
    report_value: Callable[..., object],
) -> None:
    plan = round_.plan
    tasks = lead_tasks(plan, reporter)
    report_task(tasks[0], UpdateContent("in_progress", 60, results="Đã trình dự thảo."))
    indicator = reporter_indicator(plan, reporter)
    report_value(indicator, 12.5, datetime.date(2024, 12, 31), baseline=True)
    report_value(indicator, 1234.5 if indicator.unit != "%" else 18.5, datetime.date(2026, 5, 15))
    rebuild_snapshot(plan, as_of=AS_OF, now=REVIEWED)
    # Chart.js and the colour bar must draw under the Content-Security-Policy (theodoi.headers).
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Security Policy" in m.text else None)

    page.goto(f"{live_server.url}/cong-khai/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kế hoạch")
    page.get_by_role("link", name=plan.number, exact=False).first.click()
    expect(page.get_by_test_id("task-total")).to_be_visible()
    expect(page.locator(f'tr[data-task="{tasks[0].code}"] .status')).to_contain_text(
        "Đang thực hiện"
    )
    shot(page, "portal-01-plan")

    page.get_by_role("link", name=indicator.name[:40], exact=False).first.click()
    chart_drawn(page, f'canvas[data-chart="chart-{indicator.pk}"]')
    expect(page.get_by_test_id("why")).to_contain_text("R = ")
    expect(page.get_by_role("cell", name="15/05/2026")).to_be_visible()
    shot(page, "portal-02-indicator", full_page=True)

    page.goto(f"{live_server.url}/cong-khai/ke-hoach/{plan.pk}/xep-hang/")
    expect(page.get_by_test_id("not-published")).to_be_visible()
    publish_ranking(plan, by=coordinator, now=REVIEWED + datetime.timedelta(days=2))
    page.reload()
    expect(page.get_by_test_id("ranking")).to_be_visible()
    shot(page, "portal-03-ranking", full_page=True)

    page.goto(f"{live_server.url}/cong-khai/du-lieu-mo/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("từ điển dữ liệu")
    shot(page, "portal-04-data-dictionary", full_page=True)
    assert refused == []
