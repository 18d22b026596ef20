"""A coordinator's scoring in a real Chromium: weights that do not add up to 100 are refused,
new weights previewed, saved, the ranking published and seen on the portal with its
explanation, then the audit page lists each step. Screenshots at desktop and at 390x844 go to
``test-output/scoring/``."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import log_in, shot
from tests.builders import lead_tasks, open_round_now
from theodoi.plans.models import Plan
from theodoi.reporting.review import accept_update
from theodoi.reporting.updates import UpdateContent, submit_update
from theodoi.snapshots.services import rebuild_snapshot

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def fill(page: Page, figures: dict[str, str]) -> None:
    for name, value in figures.items():
        page.locator(f'input[name="{name}"]').fill(value)


def test_weights_changed_previewed_saved_published_and_audited(
    page: Page,
    live_server: LiveServer,
    tien_giang_plan: Plan,
    coordinator: User,
    reporter: User,
) -> None:
    plan = tien_giang_plan
    round_ = open_round_now(plan, by=coordinator)
    # Sở Khoa học và Công nghệ reports two of its tasks in progress; the others report nothing.
    for task, percent in zip(lead_tasks(plan, reporter)[:2], (60, 90), strict=True):
        update = submit_update(
            round_,
            task,
            UpdateContent("in_progress", percent),
            by=reporter,
            based_on=0,
            now=timezone.now(),
        )
        accept_update(update, by=coordinator, now=timezone.now())
    rebuild_snapshot(plan, as_of=timezone.localdate(), now=timezone.now())
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/ke-hoach/{plan.pk}/")
    page.get_by_test_id("scoring-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chấm điểm và xếp hạng")
    shot(page, "scoring-01-settings", full_page=True, folder="scoring")

    # Points that add up to 110: refused, the field named, nothing saved.
    fill(page, {"on_time": "50"})
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("alert").first).to_contain_text(
        "Tổng điểm của bốn thành phần phải bằng 100 (đang là 110)"
    )
    shot(page, "scoring-02-refused", folder="scoring")

    fill(page, {"on_time": "70", "progress": "10", "reporting": "10", "indicators": "10"})
    page.get_by_role("button", name="Xem trước xếp hạng").click()
    preview = page.get_by_test_id("preview")
    expect(preview).to_contain_text("Chưa có gì được lưu")
    expect(preview).to_contain_text("Sở Khoa học và Công nghệ")
    expect(preview).not_to_contain_text(": 0 cơ quan sẽ thay đổi")
    preview.scroll_into_view_if_needed()
    shot(page, "scoring-03-preview", folder="scoring")

    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu cấu hình chấm điểm")
    expect(page.locator('input[name="on_time"]')).to_have_value("70")
    page.get_by_role("button", name="Công bố xếp hạng hiện tại").click()
    expect(page.locator(".messages")).to_contain_text("Đã công bố kết quả xếp hạng")

    page.get_by_role("link", name="Xem trên cổng công khai").click()
    expect(page.get_by_test_id("ranking")).to_be_visible()
    shot(page, "scoring-04-portal-ranking", folder="scoring")
    page.get_by_role("link", name="Cách tính điểm").first.click()
    expect(page.get_by_test_id("part-on_time")).to_be_visible()
    shot(page, "scoring-05-portal-explanation", full_page=True, folder="scoring")
    page.set_viewport_size(PHONE)
    shot(page, "scoring-06-portal-explanation-phone", folder="scoring")

    page.goto(f"{live_server.url}/nhat-ky/")
    entries = page.get_by_test_id("audit-entries")
    expect(entries).to_contain_text("Đặt trọng số và mức xếp loại chấm điểm")
    expect(entries).to_contain_text("Công bố xếp hạng")
    expect(entries).to_contain_text("Mở kỳ báo cáo")
    shot(page, "scoring-07-audit-phone", folder="scoring")
    entries.scroll_into_view_if_needed()
    shot(page, "scoring-07b-audit-phone-list", folder="scoring")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Thao tác").select_option(label="Đặt trọng số và mức xếp loại chấm điểm")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_test_id("audit-count")).to_have_text("1 mục")
    shot(page, "scoring-08-audit-filtered", folder="scoring")
    page.goto(f"{live_server.url}/nhat-ky/")
    shot(page, "scoring-09-audit", folder="scoring")

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/ke-hoach/{plan.pk}/cham-diem/")
    shot(page, "scoring-10-settings-phone", folder="scoring")
    page.get_by_test_id("settings-form").scroll_into_view_if_needed()
    shot(page, "scoring-11-settings-phone-form", folder="scoring")
    page.get_by_test_id("ranking-now").scroll_into_view_if_needed()
    shot(page, "scoring-12-settings-phone-ranking", folder="scoring")
