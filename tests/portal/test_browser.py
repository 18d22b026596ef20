"""The public portal in a real Chromium: the plan page, an indicator's chart drawn by Chart.js
(served by theodoi itself) beside its table, and the published ranking. Screenshots go to
``test-output/browser/`` for a person to look at."""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import shot
from tests.builders import AS_OF, REVIEWED, lead_tasks, reporter_indicator
from theodoi.plans.models import Indicator
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
    page: Page,
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
    # The groups are folded: the reader opens the one holding the task.
    row = page.locator(f'tr[data-task="{tasks[0].code}"]').first
    page.locator("details.group", has=row).locator("summary").click()
    expect(row.locator(".status")).to_contain_text("Đang thực hiện")
    shot(page, "portal-01-plan")

    page.locator("details#indicators summary").click()
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


@pytest.fixture
def charted(
    round_: ReportingRound, reporter: User, report_value: Callable[..., object]
) -> Indicator:
    """An indicator with a baseline and a later value, evaluated: its chart has a path."""
    indicator = reporter_indicator(round_.plan, reporter)
    report_value(indicator, 12.5, datetime.date(2024, 12, 31), baseline=True)
    report_value(indicator, 14.0, datetime.date(2026, 5, 15))
    rebuild_snapshot(round_.plan, as_of=AS_OF, now=REVIEWED)
    return indicator


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def fits(tab: Page) -> None:
    """No horizontal scroll: the page is no wider than the screen."""
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= tab.viewport_size["width"], f"{tab.url} is {width} px wide"


def readable(tab: Page, table: str) -> None:
    """Every cell of the table lies on the screen, and the names are not one word wide."""
    cells = tab.evaluate(
        """s => [...document.querySelectorAll(s + ' td')].filter(c => c.offsetParent)
              .map(c => [c.getBoundingClientRect().left, c.getBoundingClientRect().right,
                         c.classList.contains('wide')])""",
        table,
    )
    assert cells, table
    screen = tab.viewport_size["width"]
    for left, right, wide in cells:
        assert left >= 0, (table, left)
        assert right <= screen, (table, right)
        if wide:  # a task's words or an indicator's name
            assert right - left >= 240, (table, right - left)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_plan_and_indicator_pages_fit_the_screen_with_readable_columns(
    browser: Browser,
    live_server: LiveServer,
    round_: ReportingRound,
    charted: Indicator,
    viewport: dict[str, int],
) -> None:
    """Issue 9 item 14: a one-word-wide name column and right-hand columns cut off on the
    plan page, a page some 22,000 px long; the indicator page 446 px wide on a phone."""
    plan = round_.plan
    indicator = charted
    context = browser.new_context(locale="vi-VN", viewport=viewport)
    tab = context.new_page()
    name = "desktop" if viewport is DESKTOP else "phone"

    tab.goto(f"{live_server.url}/cong-khai/")
    fits(tab)
    readable(tab, "main table")
    shot(tab, f"portal-fit-{name}-0-home", full_page=True)

    tab.goto(f"{live_server.url}/cong-khai/ke-hoach/{plan.pk}/")
    fits(tab)
    # Folded, the groups of 67 tasks and the 42 indicators take a few screens, not 22,000 px.
    assert tab.evaluate("document.documentElement.scrollHeight") < 5 * viewport["height"]
    tab.locator("details.group summary").first.click()
    tab.locator("details#indicators summary").click()
    shot(tab, f"portal-fit-{name}-1-plan", full_page=True)
    fits(tab)
    readable(tab, "table.tasks")
    readable(tab, "table.indicators")
    tab.locator("table.indicators").scroll_into_view_if_needed()
    shot(tab, f"portal-fit-{name}-2-plan-indicators")

    # The agency page, reached from a task's lead agency.
    tab.locator("table.tasks a").first.click()
    tab.locator("details.group summary").first.click()
    fits(tab)
    readable(tab, "table.tasks")
    shot(tab, f"portal-fit-{name}-3-agency", full_page=True)

    tab.goto(f"{live_server.url}/cong-khai/ke-hoach/{plan.pk}/chi-tieu/{indicator.pk}/")
    chart_drawn(tab, f'canvas[data-chart="chart-{indicator.pk}"]')
    fits(tab)
    shot(tab, f"portal-fit-{name}-4-indicator", full_page=True)
    context.close()


def test_the_chart_spaces_its_dates_by_time(
    page: Page,
    live_server: LiveServer,
    round_: ReportingRound,
    charted: Indicator,
) -> None:
    """Issue 9 item 15: the dates were evenly spaced, so the path to the target bent. A
    value of 15/05/2026 stands 135/365 of the way from 31/12/2025 to 31/12/2026."""
    plan = round_.plan
    indicator = charted
    page.goto(f"{live_server.url}/cong-khai/ke-hoach/{plan.pk}/chi-tieu/{indicator.pk}/")
    canvas = f'canvas[data-chart="chart-{indicator.pk}"]'
    chart_drawn(page, canvas)
    axis, latest, year_ends = page.evaluate(
        """s => { const c = Chart.getChart(document.querySelector(s));
                  const x = p => c.getDatasetMeta(p[0]).data[p[1]].x;
                  const path = c.data.datasets[1].data.map((d, i) => [d.x, x([1, i])]);
                  return [c.scales.x.type, x([0, 1]), path]; }""",
        canvas,
    )
    assert axis == "time"
    by_day = dict(year_ends)
    start, end = by_day["2025-12-31"], by_day["2026-12-31"]
    assert (latest - start) / (end - start) == pytest.approx(135 / 365, abs=0.02)
    # The year-ends of the path stand a year apart each, as the dates are.
    steps = [b - a for (_, a), (_, b) in itertools.pairwise(year_ends)]
    assert max(steps) - min(steps) < 0.02 * max(steps)
    shot(page, "portal-05-chart-time-axis")
