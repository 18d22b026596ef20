"""In a real Chromium: the coordinator opens a round and extends it; the reporter of the lead
agency asks to extend a task's deadline (a day before the deadline is refused first) and the
coordinator grants it to another day; the task and the agency's worklist show both deadlines.
Screenshots at desktop size and at 390x844 go to ``test-output/extensions/``."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests import browser as harness
from tests.browser import log_in, log_out
from tests.builders import lead_tasks
from theodoi.notify.models import Notice
from theodoi.plans.models import Plan
from theodoi.reporting.deadlines import deadline_of
from theodoi.reporting.models import DeadlineExtension, ExtensionState, ReportingRound

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def shot(page: Page, name: str, *, full_page: bool = True) -> None:
    harness.shot(page, name, full_page=full_page, folder="extensions")


def both_sizes(page: Page, name: str, *, near: Locator | None = None) -> None:
    """The whole page at both sizes; or, for a long page, the screen around ``near``."""
    for size, label in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page.set_viewport_size(size)  # type: ignore[arg-type]
        if near is not None:
            near.scroll_into_view_if_needed()
        shot(page, f"{name}-{label}", full_page=near is None)
    page.set_viewport_size(DESKTOP)  # type: ignore[arg-type]


def test_a_round_opened_and_extended_and_a_task_extended_on_request(
    page: Page,
    live_server: LiveServer,
    tien_giang_plan: Plan,
    coordinator: User,
    reporter: User,
) -> None:
    today = timezone.localdate()
    task = next(
        t
        for t in lead_tasks(tien_giang_plan, reporter)
        if (on := deadline_of(t).on) is not None and on.year == 2030
    )

    # The coordinator opens a round of the plan and extends it by ten days.
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/ky-bao-cao/mo/{tien_giang_plan.pk}/")
    page.get_by_label("Tên", exact=True).fill("Báo cáo năm 2026")
    page.get_by_label("Từ ngày", exact=True).fill((today - datetime.timedelta(days=30)).isoformat())
    page.get_by_label("Đến ngày", exact=True).fill(
        (today + datetime.timedelta(days=30)).isoformat()
    )
    page.get_by_label("Ngày chốt số liệu").fill(today.isoformat())
    first = today + datetime.timedelta(days=20)
    page.get_by_label("Hạn báo cáo (trước ngày)").fill(first.isoformat())
    page.get_by_role("button", name="Mở kỳ báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Báo cáo năm 2026")
    round_ = ReportingRound.objects.get(title="Báo cáo năm 2026")
    page.get_by_role("link", name="Điều chỉnh kỳ báo cáo").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Điều chỉnh kỳ báo cáo")
    # An earlier day is refused, with the reason.
    page.get_by_label("Hạn mới: gửi báo cáo trước ngày").fill(
        (first - datetime.timedelta(days=2)).isoformat()
    )
    page.get_by_role("button", name="Gia hạn", exact=True).click()
    expect(page.locator("#extend .notice.error")).to_contain_text("phải sau hạn hiện tại")
    later = first + datetime.timedelta(days=10)
    page.get_by_label("Hạn mới: gửi báo cáo trước ngày").fill(later.isoformat())
    page.get_by_role("button", name="Gia hạn", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(f"gửi báo cáo trước ngày {later:%d/%m/%Y}")
    round_.refresh_from_db()
    assert timezone.localdate(round_.deadline) == later
    both_sizes(page, "01-round-extended")
    # An ad-hoc round with no task is refused, with the reason.
    page.goto(f"{live_server.url}/ky-bao-cao/dot-xuat/{tien_giang_plan.pk}/")
    page.get_by_label("Tên", exact=True).fill("Báo cáo đột xuất theo yêu cầu của Tỉnh ủy")
    page.get_by_label("Hạn báo cáo (trước ngày)").fill(first.isoformat())
    page.get_by_role("button", name="Mở kỳ báo cáo").click()
    expect(page.locator(".notice.error")).to_contain_text("Chọn ít nhất một nhiệm vụ")
    both_sizes(page, "01b-ad-hoc-refused")
    log_out(page)

    # The reporter opens its task's deadline from the task's form and asks for more time.
    log_in(page, live_server, "sokhcn")
    page.goto(f"{live_server.url}/ky-bao-cao/{round_.pk}/don-vi/")
    page.locator(f"#task-{task.pk}").get_by_role("link").click()
    page.get_by_role("link", name="31/12/2030").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Thời hạn nhiệm vụ · {task.code}")
    page.get_by_label("Thời hạn mới đề nghị").fill("2030-06-30")
    page.get_by_label("Lý do đề nghị gia hạn").fill(
        "Chờ Bộ Khoa học và Công nghệ ban hành hướng dẫn kỹ thuật về nền tảng số."
    )
    page.get_by_role("button", name="Gửi đề nghị").click()
    expect(page.locator("#ask .notice.error")).to_contain_text(
        "phải sau thời hạn hiện hành là ngày 31/12/2030"
    )
    assert not DeadlineExtension.objects.exists()
    shot(page, "02-request-refused")
    page.get_by_label("Thời hạn mới đề nghị").fill("2031-06-30")
    page.get_by_role("button", name="Gửi đề nghị").click()
    expect(page.locator(".messages")).to_contain_text("đã được gửi đến cơ quan đầu mối")
    both_sizes(page, "03-request-sent")
    log_out(page)

    # The coordinator finds it among the requests and grants it to another day.
    assert Notice.objects.filter(recipient=coordinator, key__startswith="extension:").exists()
    log_in(page, live_server, "daumoi")
    page.get_by_role("link", name="Gia hạn", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đề nghị gia hạn")
    page.get_by_role("link", name=task.code, exact=False).first.click()
    expect(page.locator("#decide")).to_contain_text("30/06/2031")
    page.get_by_label("Chấp thuận", exact=True).check()
    page.get_by_label("Thời hạn được gia hạn").fill("2031-03-31")
    page.get_by_label("Ý kiến").fill("Đồng ý gia hạn đến hết quý I/2031.")
    both_sizes(page, "04-decide")
    page.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Nhiệm vụ {task.code} được gia hạn đến ngày 31/03/2031"
    )
    expect(page.get_by_test_id("original-deadline")).to_have_text("31/12/2030")
    expect(page.get_by_test_id("granted-deadline")).to_contain_text("31/03/2031")
    expect(page.get_by_test_id("granted-deadline")).to_contain_text("đã gia hạn")
    both_sizes(page, "05-task-both-deadlines")
    assert DeadlineExtension.objects.get().state == ExtensionState.GRANTED
    log_out(page)

    # The agency's worklist shows the granted day with the plan's own beside it.
    log_in(page, live_server, "sokhcn")
    page.goto(f"{live_server.url}/ky-bao-cao/{round_.pk}/don-vi/")
    row = page.locator(f"#task-{task.pk}")
    expect(row).to_contain_text("đã gia hạn")
    expect(row).to_contain_text("đến ngày 31/03/2031")
    expect(row).to_contain_text("hạn ban đầu 31/12/2030")
    both_sizes(page, "06-worklist", near=row)
    assert Notice.objects.filter(recipient=reporter, key__startswith="extension:decided").exists()
