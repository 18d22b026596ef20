"""A coordinator amends a published plan in a real Chromium (moves one deadline with a reason,
adds a task, archives one) and the public portal shows the amendment, on a desktop and on a
390×844 phone. Screenshots are saved under ``test-output/amendments/``."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import log_in, log_out, shot
from theodoi.plans.models import DueKind, Plan

pytestmark = pytest.mark.browser

FOLDER = "amendments"


def test_a_coordinator_amends_a_published_plan_and_the_portal_shows_it(
    page: Page, live_server: LiveServer, tien_giang_plan: Plan, coordinator: User
) -> None:
    moved, archived = list(
        tien_giang_plan.tasks.filter(due_kind=DueKind.YEAR, confidential=False).order_by(
            "position"
        )[:2]
    )
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/ke-hoach/{tien_giang_plan.pk}/")

    # Move one deadline, with a reason; a time that is not one is refused first.
    page.get_by_role("link", name=f"Điều chỉnh nhiệm vụ {moved.code}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        f"Điều chỉnh nhiệm vụ {moved.code}"
    )
    page.get_by_label("Thời gian hoàn thành").fill("càng sớm càng tốt")
    page.get_by_label("Lý do điều chỉnh").fill("Quyết định số 45/QĐ-UBND điều chỉnh tiến độ")
    page.get_by_role("button", name="Lưu điều chỉnh").click()
    expect(page.get_by_role("alert").first).to_contain_text("không phải là một thời hạn")
    shot(page, "01-deadline-refused", folder=FOLDER, full_page=True)
    page.get_by_label("Thời gian hoàn thành").fill("30/06/2027")
    page.get_by_role("button", name="Lưu điều chỉnh").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã điều chỉnh nhiệm vụ {moved.code}")

    # Add a task.
    page.get_by_role("link", name="Thêm nhiệm vụ").click()
    page.get_by_label("Nhiệm vụ", exact=True).fill("Xây dựng kho dữ liệu số dùng chung của tỉnh")
    page.get_by_label("Thời gian hoàn thành").fill("Quý II/2027")
    page.get_by_label("Cơ quan chủ trì").fill("Sở Khoa học và Công nghệ")
    page.get_by_label("Cơ quan phối hợp").fill("Sở Tài chính\nCác sở, ban, ngành")
    page.get_by_label("Lý do điều chỉnh").fill("Bổ sung theo Thông báo kết luận của UBND tỉnh")
    shot(page, "02-add-task", folder=FOLDER, full_page=True)
    page.get_by_role("button", name="Thêm nhiệm vụ").click()
    expect(page.locator(".messages")).to_contain_text("Đã bổ sung nhiệm vụ BS1")

    # Archive another task, from the plan's table.
    page.goto(f"{live_server.url}/ke-hoach/{tien_giang_plan.pk}/")
    page.get_by_role(
        "link", name=f"Đưa nhiệm vụ {archived.code} ra khỏi kế hoạch", exact=True
    ).click()
    page.get_by_label("Lý do điều chỉnh").fill("Đã lồng ghép vào nhiệm vụ khác")
    page.get_by_role("button", name="Đưa nhiệm vụ ra khỏi kế hoạch").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Đã đưa nhiệm vụ {archived.code} ra khỏi kế hoạch"
    )
    expect(page.get_by_test_id("amendment-3")).to_contain_text("Đưa nhiệm vụ ra khỏi kế hoạch")
    expect(page.get_by_test_id("amendment-1")).to_contain_text("30/06/2027")
    shot(page, "03-amendments-page", folder=FOLDER, full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "03b-amendments-page-phone", folder=FOLDER, full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.set_viewport_size({"width": 1280, "height": 900})
    log_out(page)

    # The public portal: the amendment, its date and what changed.
    page.goto(f"{live_server.url}/cong-khai/ke-hoach/{tien_giang_plan.pk}/")
    amendments = page.locator("#amendments")
    expect(amendments).to_contain_text("Điều chỉnh ngày")
    expect(amendments).to_contain_text("Quyết định số 45/QĐ-UBND điều chỉnh tiến độ")
    latest = page.get_by_test_id("amendment-3")
    expect(latest).to_contain_text(archived.code)
    page.get_by_test_id("amendment-1").locator("summary").click()
    expect(page.get_by_test_id("amendment-1")).to_contain_text("30/06/2027")
    expect(page.get_by_test_id("amendment-2")).to_contain_text("BS1")
    expect(page.locator(f'tr[data-task="{archived.code}"]')).to_have_count(0)
    amendments.scroll_into_view_if_needed()
    shot(page, "04-portal-desktop", folder=FOLDER)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.locator("#amendments").scroll_into_view_if_needed()
    shot(page, "05-portal-phone", folder=FOLDER)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
