"""The directive's task picker in a real Chromium, at a desk and on a phone: the leader finds
a task by words of its title typed without tone marks, picks it, and the directive is given
on it; the reopening of a locked round picks its agencies the same way. Only what is chosen
is listed. Screenshots go to ``test-output/directives/``."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests import browser as harness
from tests.browser import log_in
from tests.builders import open_round_now
from tests.workspace.directives.test_task_picking import MARK, more_tasks
from tests.workspace.test_agency_picking import more_agencies
from theodoi.directives.models import Directive
from theodoi.plans.models import Plan
from theodoi.reporting.round_changes import lock_round_early

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_the_leader_picks_the_task_of_a_directive(
    page: Page,
    live_server: LiveServer,
    tien_giang_plan: Plan,
    leader: User,
    width: int,
    height: int,
) -> None:
    tasks = more_tasks(tien_giang_plan, 30)
    communes = more_agencies(tien_giang_plan, 3)
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server, "lanhdao")
    page.goto(f"{live_server.url}/chi-dao/ke-hoach/{tien_giang_plan.pk}/moi/")
    chosen = page.get_by_test_id("task-chosen")
    # Only "no task" is listed, never the plan's tasks.
    expect(chosen.get_by_role("radio")).to_have_count(1)
    box = page.get_by_role("combobox", name="Tìm nhiệm vụ theo số thứ tự hoặc từ trong tên")
    box.fill("thu nghiem chon 17")
    option = page.get_by_role("option", name=f"99.17. {MARK} 17")
    expect(option).to_be_visible()
    option.click()
    expect(chosen.get_by_role("radio", name=f"99.17. {MARK} 17")).to_be_checked()
    agency_box = page.get_by_role("combobox", name="Tìm cơ quan theo bất kỳ tên gọi nào")
    agency_box.fill("thu nghiem 2")
    expect(page.get_by_role("option").first).to_be_visible()
    agency_box.press("Enter")
    page.get_by_label("Nội dung chỉ đạo").fill("Đề nghị báo cáo tiến độ trước 31/12.")
    due = timezone.localdate() + datetime.timedelta(days=9)
    page.get_by_label("Hạn trả lời").fill(due.isoformat())
    harness.shot(page, f"directive-task-pick-{width}", full_page=True, folder="directives")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not Directive.objects.exists()
    page.get_by_role("button", name="Gửi ý kiến chỉ đạo").click()
    expect(page).to_have_url(re.compile(r"/chi-dao/\d+/$"))
    directive = Directive.objects.get()
    assert (directive.task, directive.agency) == (tasks[16], communes[1])


def test_the_coordinator_picks_the_agencies_a_locked_round_reopens_for_on_a_phone(
    page: Page, live_server: LiveServer, tien_giang_plan: Plan, coordinator: User
) -> None:
    communes = more_agencies(tien_giang_plan, 30)
    round_ = open_round_now(tien_giang_plan, by=coordinator)
    lock_round_early(round_, by=coordinator, now=timezone.now())
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/ky-bao-cao/{round_.pk}/dieu-chinh/")
    chosen = page.get_by_test_id("agency-chosen")
    expect(chosen.get_by_role("checkbox")).to_have_count(0)
    box = page.get_by_role("combobox", name="Tìm cơ quan theo bất kỳ tên gọi nào")
    box.fill("thu nghiem 17")
    page.get_by_role("option", name=communes[16].name).click()
    expect(chosen.get_by_role("checkbox", name=communes[16].name)).to_be_checked()
    until = timezone.localdate() + datetime.timedelta(days=3)
    page.get_by_label("Mở đến hết ngày").fill(until.isoformat())
    harness.shot(page, "reopen-agency-pick-390", full_page=True, folder="directives")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("button", name="Mở lại", exact=True).click()
    expect(page).to_have_url(re.compile(r"/ky-bao-cao/\d+/dieu-chinh/$"))
    assert [r.organisation for r in round_.reopenings.all()] == [communes[16]]
