"""The two forms that listed a plan's every task or agency, in a real Chromium at a desk and
on a phone: the coordinator picks the tasks of an ad-hoc round (by code, and by words typed
without tone marks), unticks one, and the round asks for the tasks left ticked; on the review
page she picks the one agency a locked round reopens for. Only what is chosen is listed.
Screenshots go to ``test-output/pickers/``."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests import browser as harness
from tests.browser import log_in, pick_task
from tests.builders import open_round_now
from tests.workspace.directives.test_task_picking import MARK, more_tasks
from tests.workspace.test_agency_picking import more_agencies
from theodoi.plans.models import Plan
from theodoi.reporting.models import AdHocRound
from theodoi.reporting.round_changes import lock_round_early

pytestmark = pytest.mark.browser

SIZES = [(1280, 900), (390, 844)]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_coordinator_picks_the_tasks_of_an_ad_hoc_round(
    page: Page,
    live_server: LiveServer,
    tien_giang_plan: Plan,
    coordinator: User,
    width: int,
    height: int,
) -> None:
    more = more_tasks(tien_giang_plan, 30)
    named = tien_giang_plan.tasks.filter(agencies__organisation__isnull=False).distinct()
    first, second = named.order_by("position")[:2]
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/ky-bao-cao/dot-xuat/{tien_giang_plan.pk}/")
    page.get_by_label("Tên", exact=True).fill("Báo cáo đột xuất về chuyển đổi số")
    deadline = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Hạn báo cáo (trước ngày)").fill(deadline.isoformat())
    chosen = page.get_by_test_id("task-chosen")
    # None of the plan's ninety-odd tasks is listed until one is picked.
    expect(chosen.get_by_role("checkbox")).to_have_count(0)
    expect(chosen).to_contain_text("Chưa chọn nhiệm vụ nào")
    pick_task(page, first.code, several=True)
    pick_task(page, second.code, several=True)
    # Words of a title typed without tone marks; Enter picks the one highlighted.
    box = page.get_by_role("combobox", name="Tìm nhiệm vụ theo số thứ tự hoặc từ trong tên")
    box.fill("thu nghiem chon 17")
    expect(page.get_by_role("option", name=f"99.17. {MARK} 17")).to_be_visible()
    box.press("Enter")
    stray = chosen.get_by_role("checkbox", name=f"99.17. {MARK} 17")
    expect(stray).to_be_checked()
    expect(chosen.get_by_role("checkbox")).to_have_count(3)
    expect(chosen).not_to_contain_text("Chưa chọn nhiệm vụ nào")
    # Unticked, it is not asked for.
    stray.uncheck()
    harness.shot(page, f"ad-hoc-task-pick-{width}", full_page=True, folder="pickers")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not AdHocRound.objects.exists()

    page.get_by_role("button", name="Mở kỳ báo cáo", exact=True).click()
    expect(page).to_have_url(re.compile(r"/ky-bao-cao/\d+/dieu-chinh/$"))
    assert set(AdHocRound.objects.get().tasks.all()) == {first, second}
    assert more[16] not in AdHocRound.objects.get().tasks.all()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_coordinator_reopens_a_round_for_the_agency_picked_on_the_review_page(
    page: Page,
    live_server: LiveServer,
    tien_giang_plan: Plan,
    coordinator: User,
    width: int,
    height: int,
) -> None:
    communes = more_agencies(tien_giang_plan, 30)
    round_ = open_round_now(tien_giang_plan, by=coordinator)
    lock_round_early(round_, by=coordinator, now=timezone.now())
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/ky-bao-cao/{round_.pk}/xem-xet/")
    chosen = page.get_by_test_id("agency-chosen")
    expect(chosen.get_by_role("radio")).to_have_count(0)
    box = page.get_by_role("combobox", name="Tìm cơ quan theo bất kỳ tên gọi nào")
    box.fill("thu nghiem 17")
    page.get_by_role("option", name=communes[16].name).click()
    expect(chosen.get_by_role("radio", name=communes[16].name)).to_be_checked()
    # A second pick takes the first one's place: the form reopens for one agency.
    box.fill("thu nghiem 23")
    page.get_by_role("option", name=communes[22].name).click()
    expect(chosen.get_by_role("radio", name=communes[22].name)).to_be_checked()
    expect(chosen.get_by_role("radio", name=communes[16].name)).not_to_be_checked()
    until = timezone.localdate() + datetime.timedelta(days=3)
    page.get_by_label("Mở đến hết ngày").fill(until.isoformat())
    harness.shot(page, f"review-reopen-pick-{width}", full_page=True, folder="pickers")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not round_.reopenings.exists()
    page.get_by_role("button", name="Mở lại", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(f"Đã mở lại kỳ báo cáo cho {communes[22]}")
    assert [r.organisation for r in round_.reopenings.all()] == [communes[22]]
