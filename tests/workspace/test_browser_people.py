"""Accounts in a real Chromium, with no admin page: the coordinator uploads an Excel list of
five people, sees the preview, creates them; the invitations are in the outbox; one person
follows the link, chooses a password and logs in. Screenshots at desktop size and on a
390×844 phone are saved under ``test-output/people/``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import VIEWPORT, log_in, log_out, shot
from tests.workspace.test_people import FIVE, HEADER, workbook

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PASSWORD = "Đồng-Tháp-an-toàn-2026"


def both(page: Page, name: str) -> None:
    """The page at desktop size, then on a phone (where it must not scroll sideways)."""
    shot(page, f"{name}-desktop", full_page=True, folder="people")
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]
    shot(page, f"{name}-phone", full_page=True, folder="people")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: the page is {width}px wide on a phone"
    page.set_viewport_size(VIEWPORT)


def test_coordinator_creates_five_accounts_from_a_list_and_one_person_logs_in(
    page: Page, live_server: LiveServer, coordinator: User, tmp_path: Path
) -> None:
    people = tmp_path / "danh-sach-dau-moi.xlsx"
    people.write_bytes(workbook([("DANH SÁCH CÁN BỘ ĐẦU MỐI",), HEADER, *FIVE]))

    log_in(page, live_server, "daumoi")
    page.locator(".site-nav").get_by_role("link", name="Tài khoản", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tài khoản")
    page.get_by_role("link", name="Tạo tài khoản từ danh sách Excel").click()
    page.get_by_label("Danh sách người dùng (.xlsx)").set_input_files(str(people))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    preview = page.get_by_test_id("list-preview")
    expect(preview).to_contain_text("Xem trước: 5 tài khoản sẽ được tạo")
    expect(preview.locator("tbody tr")).to_have_count(5)
    expect(preview).to_contain_text("Sở Tài chính (Đồng Tháp)")
    both(page, "01-preview")
    assert mail.outbox == []

    page.get_by_role("button", name="Tạo các tài khoản và gửi thư mời").click()
    expect(page.locator(".messages")).to_contain_text("Đã tạo 5 tài khoản")
    for _number, name, *_rest in FIVE:
        expect(page.locator("table.people")).to_contain_text(name)
    both(page, "02-accounts")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(row[2] for row in FIVE)

    page.get_by_label("Tìm tài khoản").fill("Sở Kế hoạch và Đầu tư")
    page.get_by_role("button", name="Tìm").click()
    expect(page.locator("table.people tbody tr")).to_have_count(1)
    expect(page.locator("table.people")).to_contain_text("Trần Thị Bình")
    shot(page, "03-search-by-former-name", folder="people")
    log_out(page)

    invitation = next(m for m in mail.outbox if m.to == ["an@syt.dongthap.gov.vn"])
    link = re.search(r"https?://\S+/kich-hoat/\S+/", invitation.body)
    assert link is not None
    page.goto(link.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đặt mật khẩu")
    expect(page.locator("main")).to_contain_text("an@syt.dongthap.gov.vn")
    page.locator("input[name=new_password1]").fill(PASSWORD)
    page.locator("input[name=new_password2]").fill(PASSWORD)
    both(page, "04-choose-password")
    page.get_by_role("button", name="Lưu mật khẩu").click()
    expect(page.get_by_test_id("reset-complete")).to_be_visible()

    page.get_by_role("link", name="Đăng nhập").last.click()
    page.get_by_label("Tên đăng nhập").fill("an@syt.dongthap.gov.vn")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Xin chào")
    page.get_by_role("link", name="Tài khoản của tôi").click()
    expect(page.locator("main")).to_contain_text("Đơn vị thực hiện · Sở Y tế (Đồng Tháp)")
    both(page, "05-my-account")


def test_coordinator_creates_one_account_and_is_told_when_the_agency_is_not_hers(
    page: Page, live_server: LiveServer, coordinator: User
) -> None:
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/tai-khoan/tao/")
    page.get_by_label("Họ và tên").fill("Ngô Thị Hạnh")
    page.get_by_label("E-mail").fill("hanh@soyte.gov.vn")
    page.get_by_label("Cơ quan").fill("Sở Y tế (Quảng Ngãi)")
    page.get_by_label("Vai trò").select_option(label="Đơn vị thực hiện")
    page.get_by_role("button", name="Tạo và gửi thư mời").click()
    expect(page.locator("main")).to_contain_text("ngoài phạm vi của anh/chị (Đồng Tháp)")
    both(page, "06-create-one-refused")
    assert mail.outbox == []

    page.get_by_label("Cơ quan").fill("Sở Thông tin và Truyền thông")
    page.get_by_role("button", name="Tạo và gửi thư mời").click()
    expect(page.locator(".messages")).to_contain_text("Đã tạo tài khoản cho Ngô Thị Hạnh")
    row = page.locator("tr[data-person='hanh@soyte.gov.vn']")
    expect(row).to_contain_text("Sở Khoa học và Công nghệ (Đồng Tháp)")
    assert [m.to for m in mail.outbox] == [["hanh@soyte.gov.vn"]]

    row.get_by_role("button", name="Khóa").click()
    expect(page.locator(".messages")).to_contain_text("Đã khóa tài khoản của Ngô Thị Hạnh")
    expect(page.locator("tr[data-person='hanh@soyte.gov.vn']")).to_contain_text("đã khóa")
    page.locator("tr[data-person='hanh@soyte.gov.vn']").get_by_role(
        "button", name="Mở khóa"
    ).click()
    expect(page.locator(".messages")).to_contain_text("Đã mở khóa tài khoản của Ngô Thị Hạnh")
