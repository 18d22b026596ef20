"""The national dashboard in a real Chromium, on a desktop and on a phone: the map coloured by
completion with its legend, the table of provinces beside it (below it on a phone), and a
province opened from the map. Screenshots go to ``test-output/browser/``."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import log_in, shot
from tests.builders import AS_OF, REVIEWED, lead_tasks
from tests.workspace.dashboard.test_rollup import published
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.reporting.updates import UpdateContent
from theodoi.snapshots.services import rebuild_snapshot

pytestmark = pytest.mark.browser

DONE = UpdateContent(
    status="done_on_time", progress=100, completed_on=datetime.date(2026, 5, 15), results="Xong."
)


@pytest.fixture
def provinces_with_plans(
    round_: ReportingRound, reporter: User, report_task: Callable[..., TaskUpdate]
) -> None:
    """Đồng Tháp (Tiền Giang's plan, three tasks done), Quảng Ngãi (its own plan and Kon
    Tum's), Hà Nội (a plan not evaluated yet); the 31 others have none."""
    plan = round_.plan
    for task in lead_tasks(plan, reporter)[:3]:
        report_task(task, DONE, evidence=True)
    rebuild_snapshot(plan, as_of=AS_OF, now=REVIEWED)
    for province, number, keep in (("Quảng Ngãi", "66/KH-UBND", 6), ("Kon Tum", "12/KH-UBND", 4)):
        other = published("003_de113db257313a93.json", province, keep=keep, number=number)
        rebuild_snapshot(other, as_of=AS_OF, now=REVIEWED)
    published("003_de113db257313a93.json", "Hà Nội", keep=3, number="7/KH-UBND")


def test_the_nation_reads_the_map_the_table_and_the_ranking_and_opens_a_province(
    page: Page, live_server: LiveServer, national_leader: User, provinces_with_plans: None
) -> None:
    log_in(page, live_server, "bokhcn")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/bang-dieu-khien/toan-quoc/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bảng điều khiển toàn quốc")
    expect(page.locator(".vn-map g.area")).to_have_count(34)
    expect(page.locator("table.provinces tbody tr")).to_have_count(34)
    expect(page.locator('g.band-no_plan[data-code="ca-mau"]')).to_have_count(1)
    expect(page.locator('g.band-not_evaluated[data-code="ha-noi"]')).to_have_count(1)
    expect(page.locator('g.band-no_plan[data-code="dong-thap"]')).to_have_count(0)
    expect(page.get_by_role("img", name="Bản đồ 34 tỉnh, thành phố")).to_be_visible()
    expect(page.locator("ul.legend")).to_contain_text("Chưa có kế hoạch (31)")
    # On a desktop the table stands beside the map.
    map_box = page.locator(".nation-map").bounding_box()
    table_box = page.locator(".nation-table").bounding_box()
    assert map_box is not None
    assert table_box is not None
    assert table_box["x"] > map_box["x"] + map_box["width"] - 1
    shot(page, "nation-01-desktop")
    page.locator("#h-ranking").scroll_into_view_if_needed()
    shot(page, "nation-02-ranking")

    page.locator('.vn-map a:has(g[data-code="quang-ngai"])').click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng hợp: Quảng Ngãi")
    expect(page.get_by_text("Do Kon Tum ban hành, trước sáp nhập")).to_be_visible()
    expect(page.get_by_test_id("rollup-plans")).to_have_text("2")
    shot(page, "nation-03-province")


def test_on_a_phone_the_map_is_legible_and_the_table_comes_below_it(
    page: Page, live_server: LiveServer, national_leader: User, provinces_with_plans: None
) -> None:
    log_in(page, live_server, "bokhcn")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/bang-dieu-khien/toan-quoc/")
    svg = page.locator(".vn-map > svg").bounding_box()
    table = page.locator(".nation-table").bounding_box()
    assert svg is not None
    assert table is not None
    # The map takes the screen's width (less the page's margins) and the table follows it.
    assert svg["width"] >= 300
    assert table["y"] >= svg["y"] + svg["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator(".nation-map").scroll_into_view_if_needed()
    shot(page, "nation-04-phone-map")
    shot(page, "nation-05-phone-full", full_page=True)
