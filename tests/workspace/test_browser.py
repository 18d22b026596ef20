"""The import wizard and the plan page in a real Chromium, as a coordinator and a reporter use
them. Screenshots of every step are saved under ``test-output/browser/`` for a person to look at.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import log_in, log_out, shot
from tests.builders import GOLD, SEEDS
from tests.ingest.builders import build_docx
from theodoi.plans.models import Plan, Task

pytestmark = pytest.mark.browser

UNKNOWN_AGENCY = "Trung tâm Giám sát điều hành thông minh tỉnh"


def test_coordinator_imports_seed_004_and_a_reporter_sees_only_its_tasks(
    page: Page,
    live_server: LiveServer,
    coordinator: User,
    reporter: User,
    tmp_path: Path,
) -> None:
    document = build_docx(SEEDS / "004_aea82470e0b2daef.txt", tmp_path / "ke-hoach-69.docx")

    page.goto(f"{live_server.url}/dang-nhap/")
    shot(page, "00-login")
    log_in(page, live_server, "daumoi")
    shot(page, "01-coordinator-home")

    page.get_by_role("link", name="Nhập kế hoạch").first.click()
    page.get_by_label("Văn bản kế hoạch").set_input_files(str(document))
    shot(page, "02-upload")
    page.get_by_role("button", name="Tải lên và đọc").click()
    expect(page.get_by_test_id("draft-task-count")).to_have_text("67")
    expect(page.get_by_test_id("draft-indicator-count")).to_have_text("42")
    shot(page, "03-preview")
    doubtful = page.locator("td.doubt")
    if doubtful.count():
        doubtful.first.scroll_into_view_if_needed()
        shot(page, "03b-doubtful-cell")

    # Correct one cell: the first task's lead agency becomes a body theodoi does not know yet.
    lead = page.locator("#tasks-0 td[data-field='lead']")
    lead.locator("a.cell-edit").click()
    lead.locator("textarea").fill(UNKNOWN_AGENCY)
    lead.scroll_into_view_if_needed()
    shot(page, "04-editing-a-cell")
    lead.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu nội dung sửa")
    expect(page.locator("#tasks-0 td[data-field='lead']")).to_contain_text(UNKNOWN_AGENCY)

    # With the keyboard alone: Enter opens a cell's editor, Escape closes it untouched.
    title = page.locator("#tasks-1 td[data-field='title']")
    title.locator("a.cell-edit").focus()
    page.keyboard.press("Enter")
    expect(title.locator("textarea")).to_be_focused()
    page.keyboard.press("Escape")
    expect(title.locator("form")).to_have_count(0)
    expect(title.locator("a.cell-edit")).to_be_focused()

    # Map that agency: it is asked once, in the list of unknown agencies.
    row = page.locator("#agencies tr", has_text=UNKNOWN_AGENCY)
    page.locator("#agencies").scroll_into_view_if_needed()
    shot(page, "05-unknown-agencies")
    row.get_by_role("combobox").select_option(label="Sở Khoa học và Công nghệ (Đồng Tháp)")
    row.get_by_role("button", name="Gán").click()
    expect(page.locator(".messages")).to_contain_text(f"Từ nay “{UNKNOWN_AGENCY}” được hiểu là")
    expect(page.locator("#agencies tr", has_text=UNKNOWN_AGENCY)).to_have_count(0)

    page.get_by_role("button", name="Công bố kế hoạch").click()
    page.get_by_role("button", name="Đồng ý, công bố").click()
    expect(page.locator(".messages")).to_contain_text("đã được công bố")
    expect(page.get_by_test_id("task-count")).to_have_text("67")
    expect(page.get_by_test_id("indicator-count")).to_have_text("42")
    expect(page.locator("tr[data-task]")).to_have_count(67)
    expect(page.locator("table.indicators tbody tr")).to_have_count(42)
    shot(page, "06-plan-page")
    shot(page, "07-plan-page-full", full_page=True)
    log_out(page)

    plan = Plan.objects.get(number="69/KH-UBND")
    own = Task.objects.filter(
        plan=plan, agencies__organisation__in=reporter.memberships.get().organisation.lineage_ids()
    ).distinct()
    assert 0 < own.count() < 67
    log_in(page, live_server, "sokhcn")
    page.get_by_role("link", name="69/KH-UBND").first.click()
    expect(page.get_by_test_id("task-count")).to_have_text(str(own.count()))
    expect(page.locator("tr[data-task]")).to_have_count(own.count())
    shown = set(page.locator("tr[data-task]").evaluate_all("rows => rows.map(r => r.dataset.task)"))
    assert shown == set(own.values_list("code", flat=True))
    shot(page, "08-reporter-plan-page")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "09-reporter-on-a-phone")


def test_coordinator_sees_what_a_new_version_changes_before_publishing_it(
    page: Page,
    live_server: LiveServer,
    coordinator: User,
    tien_giang_plan: Plan,
    tmp_path: Path,
) -> None:
    plan = json.loads((GOLD / "004_aea82470e0b2daef.json").read_text(encoding="utf-8"))
    plan["tasks"][5]["title"] += " trên địa bàn toàn tỉnh"
    removed = plan["tasks"].pop(10)
    plan["tasks"].append({**plan["tasks"][0], "code": "PL2.68", "title": "Xây dựng kho dữ liệu mở"})
    version_2 = tmp_path / "ke-hoach-69-sua-doi.json"
    version_2.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")

    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/nhap-ke-hoach/")
    page.get_by_label("Văn bản kế hoạch").set_input_files(str(version_2))
    page.get_by_role("button", name="Tải lên và đọc").click()
    changes = page.locator("#diff")
    expect(changes).to_contain_text("1 thêm mới, 1 bị bỏ, 1 thay đổi")
    expect(changes).to_contain_text("Xây dựng kho dữ liệu mở")
    expect(changes).to_contain_text(removed["title"][:40])
    expect(changes).to_contain_text("trên địa bàn toàn tỉnh")
    changes.scroll_into_view_if_needed()
    shot(page, "10-new-version-diff")

    page.get_by_role("button", name="Công bố thành phiên bản 2").click()
    page.get_by_role("button", name="Đồng ý, công bố").click()
    expect(page.locator(".messages")).to_contain_text("phiên bản 2")
    expect(page.get_by_test_id("task-count")).to_have_text("67")
