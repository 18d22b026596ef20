"""The coordinator's integration pages in Chromium, at desktop and phone widths: a token made
and its secret shown once, a webhook subscriber added; screenshots under test-output/api/."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests import builders
from tests.browser import log_in, shot
from theodoi.api.models import ApiToken, WebhookSubscription
from theodoi.plans.models import Plan

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [1280, 390])
def test_coordinator_makes_a_token_and_a_subscriber(
    page: Page,
    live_server: LiveServer,
    tien_giang_plan: Plan,
    coordinator: User,
    reporter: User,
    width: int,
) -> None:
    page.set_viewport_size({"width": width, "height": 900 if width > 400 else 844})
    log_in(page, live_server, "daumoi")
    if width > 400:
        page.get_by_role("link", name="Tích hợp").click()
    else:
        page.goto(f"{live_server.url}/tich-hop/khoa/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Khóa API")
    page.get_by_label("Tên (hệ thống nào dùng khóa)").fill("Hệ thống quản lý văn bản")
    page.get_by_label("Cơ quan (khóa cho hệ thống của cơ quan)").select_option(
        str(builders.agency_of(reporter).pk)
    )
    page.get_by_label("Được gửi báo cáo (đọc và ghi)").check()
    page.get_by_role("button", name="Tạo khóa").click()
    secret = page.locator("#secret code").inner_text()
    assert secret.startswith(ApiToken.objects.get().prefix)
    shot(page, f"tokens-{width}", full_page=True, folder="api")

    page.get_by_role("link", name="Hệ thống nhận webhook").first.click()
    page.get_by_label("Địa chỉ nhận yêu cầu POST").fill("https://vanban.dongthap.gov.vn/theodoi")
    page.get_by_label("kết quả xếp hạng được công bố").check()
    page.get_by_role("button", name="Thêm", exact=True).click()
    expect(page.locator("#secret")).to_be_visible()
    assert WebhookSubscription.objects.get().events == ["ranking.published"]
    shot(page, f"subscribers-{width}", full_page=True, folder="api")
