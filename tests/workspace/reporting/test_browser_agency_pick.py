"""The ad-hoc round form in a real Chromium, at a desk and on a phone: the coordinator finds
an agency through the picker (typed without tone marks), ticks it, and the round opens for it;
with JavaScript off, the Tìm button reloads the form with the matches to tick, an agency and a
task.
Screenshots go to ``test-output/reporting/``."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests import browser as harness
from tests.browser import log_in
from tests.workspace.test_agency_picking import more_agencies
from theodoi.plans.models import Plan
from theodoi.reporting.models import AdHocRound

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_coordinator_picks_an_agency_for_an_ad_hoc_round(
    page: Page,
    live_server: LiveServer,
    tien_giang_plan: Plan,
    coordinator: User,
    width: int,
    height: int,
) -> None:
    communes = more_agencies(tien_giang_plan, 30)
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/ky-bao-cao/dot-xuat/{tien_giang_plan.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mở kỳ báo cáo đột xuất")
    page.get_by_label("Tên", exact=True).fill("Báo cáo đột xuất về chuyển đổi số")
    deadline = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Hạn báo cáo (trước ngày)").fill(deadline.isoformat())
    chosen = page.get_by_test_id("agency-chosen")
    # Only the agencies chosen are listed, never the plan's thirty-odd.
    expect(chosen.get_by_role("checkbox")).to_have_count(0)
    # The tasks chosen scroll inside their own box, at a desk as on a phone; none is listed yet.
    tasks = page.get_by_test_id("task-chosen")
    assert tasks.evaluate("list => getComputedStyle(list).maxHeight") == "288px"
    expect(tasks.get_by_role("checkbox")).to_have_count(0)

    box = page.get_by_role("combobox", name="Tìm cơ quan theo bất kỳ tên gọi nào")
    # The buttons that search without JavaScript, the agencies' and the tasks'.
    finds = page.get_by_role("button", name="Tìm", exact=True)
    expect(finds).to_have_count(2)
    # On one line, not broken into "Tì" over "m" by the search box beside it on a phone.
    lines = "b => { const r = document.createRange(); r.selectNodeContents(b);"
    lines += " return new Set([...r.getClientRects()].map(l => Math.round(l.top))).size; }"
    for find in finds.all():
        expect(find).to_be_visible()
        assert find.evaluate(lines) == 1
    box.fill("thu nghiem 17")
    option = page.get_by_role("option", name=communes[16].name)
    expect(option).to_be_visible()
    option.click()
    picked = chosen.get_by_role("checkbox", name=communes[16].name)
    expect(picked).to_be_checked()
    # Enter picks the highlighted one as well, and never sends the form half-filled.
    box.fill("thu nghiem 3")
    expect(page.get_by_role("option").first).to_be_visible()
    box.press("Enter")
    expect(chosen.get_by_role("checkbox")).to_have_count(2)
    assert not AdHocRound.objects.exists()
    harness.shot(page, f"ad-hoc-agency-pick-{width}", full_page=True, folder="reporting")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    page.get_by_role("button", name="Mở kỳ báo cáo", exact=True).click()
    expect(page).to_have_url(re.compile(r"/ky-bao-cao/\d+/dieu-chinh/$"))
    ad_hoc = AdHocRound.objects.get()
    assert communes[16] in ad_hoc.organisations.all()
    assert ad_hoc.organisations.count() == 2


def test_without_javascript_the_search_button_finds_the_agency_to_tick(
    browser: Browser, live_server: LiveServer, tien_giang_plan: Plan, coordinator: User
) -> None:
    communes = more_agencies(tien_giang_plan, 30)
    # more_agencies names communes[16] lead of the seventeenth live task.
    task = tien_giang_plan.tasks.filter(archived_at__isnull=True).order_by("pk")[16]
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        log_in(page, live_server, "daumoi")
        page.goto(f"{live_server.url}/ky-bao-cao/dot-xuat/{tien_giang_plan.pk}/")
        page.get_by_label("Tên", exact=True).fill("Báo cáo đột xuất về chuyển đổi số")
        deadline = timezone.localdate() + datetime.timedelta(days=7)
        page.get_by_label("Hạn báo cáo (trước ngày)").fill(deadline.isoformat())
        page.get_by_label("Tìm cơ quan theo bất kỳ tên gọi nào").fill("thu nghiem 17")
        # The task the commune leads, by its code: one press of either button searches both.
        page.get_by_label("Tìm nhiệm vụ theo số thứ tự hoặc từ trong tên").fill(task.code)
        page.get_by_role("button", name="Tìm", exact=True).last.click()
        # The form comes back as it was typed, with the matches to tick; nothing is stored.
        expect(page.get_by_label("Tên", exact=True)).to_have_value(
            "Báo cáo đột xuất về chuyển đổi số"
        )
        found = page.get_by_test_id("agency-chosen").get_by_role("checkbox")
        expect(found).to_have_count(1)
        expect(found).not_to_be_checked()
        tasks = page.get_by_test_id("task-chosen")
        expect(tasks.get_by_role("checkbox").first).not_to_be_checked()
        assert not AdHocRound.objects.exists()
        found.check()
        tasks.get_by_role("checkbox", name=re.compile(rf"^{re.escape(task.code)}\. ")).check()
        page.get_by_role("button", name="Mở kỳ báo cáo", exact=True).click()
        expect(page).to_have_url(re.compile(r"/ky-bao-cao/\d+/dieu-chinh/$"))
        ad_hoc = AdHocRound.objects.get()
        assert list(ad_hoc.organisations.all()) == [communes[16]]
        assert list(ad_hoc.tasks.all()) == [task]
    finally:
        context.close()
