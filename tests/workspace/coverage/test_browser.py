"""The links page and the coverage page in a real Chromium: a coordinator confirms a suggested
link and chooses another by searching, then reads her province's uptake; the national level
reads every province's and filters one. Screenshots go to ``test-output/browser/`` at desktop
size and at a phone's (390x844)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import log_in, log_out, shot
from tests.builders import NOW, TIEN_GIANG, import_gold
from theodoi.plans.models import LinkState, Plan, TaskLink
from theodoi.reporting.national import load_national_plan

pytestmark = pytest.mark.browser

PLATFORM = "nền tảng đào tạo trực tuyến mở đại trà"
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}


def fits_the_phone(page: Page) -> None:
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_coordinator_links_her_tasks_and_the_nation_reads_the_coverage(
    page: Page,
    live_server: LiveServer,
    orgs: None,
    coordinator: User,
    national_leader: User,
) -> None:
    national = load_national_plan(by=None, now=NOW)
    plan: Plan = import_gold(TIEN_GIANG)
    platform = plan.tasks.get(title__contains=PLATFORM)

    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/ke-hoach/{plan.pk}/")
    page.get_by_test_id("plan-links").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Liên kết với nhiệm vụ cấp trên")
    row = page.locator(f"#task-{platform.pk}")
    row.get_by_role("button", name="Xác nhận").first.click()
    expect(page.get_by_role("status")).to_contain_text("Đã xác nhận liên kết")
    assert TaskLink.objects.filter(task=platform, state=LinkState.CONFIRMED).count() == 1

    # Choose a second national task by searching, typed without diacritics.
    row = page.locator(f"#task-{platform.pk}")
    row.get_by_text("Chọn nhiệm vụ cấp trên").click()
    row.get_by_label("Tìm nhiệm vụ của kế hoạch cấp trên").fill("nhan luc so")
    row.get_by_role("button", name="Tìm").click()
    row = page.locator(f"#task-{platform.pk}")
    # The task holding "nhân lực số" in a row comes first.
    expect(row.locator(".found li").first).to_contain_text("PL2.119")
    shot(page, "coverage-01-links-search")
    row.get_by_role("button", name="Gắn với nhiệm vụ này").first.click()
    expect(page.get_by_role("status")).to_contain_text("Đã xác nhận liên kết")
    assert TaskLink.objects.filter(task=platform, state=LinkState.CONFIRMED).count() == 2
    page.locator(f"#task-{platform.pk}").scroll_into_view_if_needed()
    shot(page, "coverage-02-links-confirmed")
    fits_the_phone(page)
    page.locator(f"#task-{platform.pk}").scroll_into_view_if_needed()
    shot(page, "coverage-03-links-phone")
    page.set_viewport_size(DESKTOP)

    # Her province's uptake, tasks nobody has taken up first.
    page.get_by_role("link", name="Mức độ triển khai").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mức độ triển khai 03/NQ-CP")
    expect(page.get_by_test_id("some-count")).not_to_have_text("0")
    expect(page.locator("tr.nobody").first).to_be_visible()
    expect(page.get_by_text(f"69/KH-UBND · {platform.code}").first).to_be_visible()
    shot(page, "coverage-04-province")
    log_out(page)

    log_in(page, live_server, "bokhcn")
    page.goto(f"{live_server.url}/bao-phu/")
    expect(page.get_by_test_id("expected-count")).not_to_have_text("0")
    shot(page, "coverage-05-nation")
    page.get_by_label("Tỉnh, thành phố hoặc bộ, ngành").select_option(label="Đồng Tháp")
    page.get_by_role("button", name="Xem").click()
    expect(page.get_by_text(f"69/KH-UBND · {platform.code}").first).to_be_visible()
    shot(page, "coverage-06-nation-filtered")
    fits_the_phone(page)
    shot(page, "coverage-07-coverage-phone")
    page.get_by_test_id("some-count").click()
    expect(page.locator("#taken-up")).to_contain_text(f"69/KH-UBND · {platform.code}")
    shot(page, "coverage-07b-taken-up-phone")
    page.set_viewport_size(DESKTOP)

    # The national plan's links page rolls Tiền Giang's tasks up onto its own.
    page.goto(f"{live_server.url}/ke-hoach/{national.pk}/lien-ket/")
    expect(page.get_by_test_id("rolled-up-count")).to_have_text("2")
    higher = TaskLink.objects.filter(task=platform, state=LinkState.CONFIRMED).first()
    assert higher is not None
    cell = page.locator(f"#task-{higher.higher_id}")
    expect(cell).to_contain_text("1 nhiệm vụ cấp dưới")
    cell.scroll_into_view_if_needed()
    shot(page, "coverage-08-national-roll-up")
    fits_the_phone(page)
    page.locator(f"#task-{higher.higher_id}").scroll_into_view_if_needed()
    shot(page, "coverage-09-roll-up-phone")
