"""The staff dashboard in a real Chromium, as a leader and as a reporter read it. Screenshots
go to ``test-output/browser/`` for a person to look at."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import log_in, log_out, shot
from tests.builders import AS_OF, REVIEWED, lead_tasks, reporter_indicator
from tests.portal.test_browser import chart_drawn
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.reporting.updates import UpdateContent
from theodoi.snapshots.services import rebuild_snapshot

pytestmark = pytest.mark.browser


def test_a_leader_reads_the_dashboard_and_follows_a_figure_to_its_tasks(
    page: Page,
    live_server: LiveServer,
    round_: ReportingRound,
    reporter: User,
    leader: User,
    report_task: Callable[..., TaskUpdate],
    report_value: Callable[..., object],
) -> None:
    plan = round_.plan
    tasks = lead_tasks(plan, reporter)
    report_task(tasks[0], UpdateContent("in_progress", 60))
    indicator = reporter_indicator(plan, reporter)
    report_value(indicator, 12.5, datetime.date(2024, 12, 31), baseline=True)
    report_value(indicator, 18.5, datetime.date(2026, 5, 15))
    rebuild_snapshot(plan, as_of=AS_OF, now=REVIEWED)

    log_in(page, live_server, "lanhdao")
    page.goto(f"{live_server.url}/bang-dieu-khien/?ke_hoach={plan.pk}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bảng điều khiển")
    chart_drawn(page, 'canvas[data-chart="chart-status"]')
    chart_drawn(page, f'canvas[data-chart="chart-{indicator.pk}"]')
    shot(page, "dashboard-01-leader")
    page.locator("#h-matrix").scroll_into_view_if_needed()
    shot(page, "dashboard-01b-matrix")
    page.locator("#h-indicators").scroll_into_view_if_needed()
    shot(page, "dashboard-01c-indicators")

    overdue = page.get_by_test_id("overdue-total").inner_text()
    page.locator("#h-overdue a").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"({overdue})")
    shot(page, "dashboard-02-overdue-list")
    log_out(page)

    log_in(page, live_server, "sokhcn")
    page.goto(f"{live_server.url}/bang-dieu-khien/?ke_hoach={plan.pk}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sở Khoa học và Công nghệ")
    expect(page.locator("#f-agency")).to_have_count(0)
    shot(page, "dashboard-03-reporter")


def test_on_a_phone_the_dashboard_fits_the_screen(
    page: Page,
    live_server: LiveServer,
    round_: ReportingRound,
    reporter: User,
    leader: User,
    report_task: Callable[..., TaskUpdate],
) -> None:
    plan = round_.plan
    report_task(lead_tasks(plan, reporter)[0], UpdateContent("in_progress", 60))
    rebuild_snapshot(plan, as_of=AS_OF, now=REVIEWED)
    log_in(page, live_server, "lanhdao")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/bang-dieu-khien/?ke_hoach={plan.pk}")
    chart_drawn(page, 'canvas[data-chart="chart-status"]')
    shot(page, "dashboard-04-phone")
    shot(page, "dashboard-04b-phone-full", full_page=True)
    # Wide tables scroll inside their own frame; the page itself never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
