"""The import preview in a real Chromium: a coordinator puts right what the reader missed in
a plan whose tasks are prose, and the plan in the database is what the preview showed. Then
the preview of a seed plan on a 390×844 phone, which must not scroll sideways."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import log_in, shot
from tests.builders import SEEDS
from tests.ingest.builders import build_docx
from theodoi.plans.models import AgencyRole, Plan

pytestmark = pytest.mark.browser

# A commune Party committee's programme, written for this test: its tasks are paragraphs of
# prose under numbered parts, so the reader finds no task.
PROSE_PLAN = """ĐẢNG BỘ TỈNH ĐỒNG THÁP
ĐẢNG ỦY XÃ HÒA AN
Số 12-CTr/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
Hòa An, ngày 15 tháng 8 năm 2025

CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, \
đổi mới sáng tạo và chuyển đổi số trên địa bàn xã giai đoạn 2025 - 2030

I. MỤC ĐÍCH, YÊU CẦU
Quán triệt sâu sắc tinh thần Nghị quyết đến toàn thể cán bộ, đảng viên và Nhân dân trong xã.

II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Về nâng cao nhận thức
Các chi bộ tổ chức sinh hoạt chuyên đề về chuyển đổi số ít nhất một lần mỗi năm, gắn với \
việc đánh giá kết quả thực hiện của từng đảng viên.
Đài truyền thanh xã mở chuyên mục hằng tuần giới thiệu các dịch vụ công trực tuyến và cách \
sử dụng ứng dụng định danh điện tử.
2. Về hạ tầng và dữ liệu
Ủy ban nhân dân xã phối hợp với doanh nghiệp viễn thông phủ sóng di động băng rộng đến toàn \
bộ các ấp trong năm 2026.
Hoàn thành số hóa hồ sơ hộ tịch và hồ sơ đất đai của xã, đưa vào cơ sở dữ liệu dùng chung \
trước quý IV năm 2026.

III. TỔ CHỨC THỰC HIỆN
Văn phòng Đảng ủy theo dõi, tổng hợp kết quả, báo cáo Ban Thường vụ Đảng ủy định kỳ sáu tháng.

T/M ĐẢNG ỦY
BÍ THƯ
Nguyễn Văn Bình
"""


def open_editor(view: Page, row: int, field: str) -> None:
    view.locator(f"#tasks-{row} td[data-field='{field}'] a.cell-edit").click()


def row_menu(view: Page, row: int) -> None:
    view.locator(f"#tasks-{row} details.row-menu summary").click()


def test_coordinator_makes_a_prose_plan_reportable_and_publishes_what_she_saw(
    page: Page,
    live_server: LiveServer,
    coordinator: User,
    tmp_path: Path,
) -> None:
    document = tmp_path / "chuong-trinh-xa-hoa-an.txt"
    document.write_text(PROSE_PLAN, encoding="utf-8")
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/nhap-ke-hoach/")
    page.get_by_label("Văn bản kế hoạch").set_input_files(str(document))
    page.get_by_role("button", name="Tải lên và đọc").click()
    expect(page.get_by_test_id("draft-task-count")).to_have_text("0")
    shot(page, "p00-prose-plan-no-task")

    # Three tasks from three paragraphs, in the two parts they stand in.
    page.get_by_role("link", name="Tạo nhiệm vụ từ các đoạn văn").first.click()
    page.get_by_label("Các chi bộ tổ chức sinh hoạt chuyên đề", exact=False).check()
    page.get_by_label("Ủy ban nhân dân xã phối hợp với doanh nghiệp", exact=False).check()
    page.get_by_label("Hoàn thành số hóa hồ sơ hộ tịch", exact=False).check()
    shot(page, "p01-paragraphs-chosen", full_page=True)
    page.get_by_role("button", name="Tạo nhiệm vụ từ các đoạn đã đánh dấu").click()
    expect(page.locator(".messages")).to_contain_text("Đã tạo 3 nhiệm vụ")
    expect(page.get_by_test_id("draft-task-count")).to_have_text("3")
    expect(page.locator("tr.group-row")).to_have_count(2)

    # A task the reader could not see: added to the first part, with its time.
    page.locator("#add-task summary").click()
    page.get_by_label("Nhiệm vụ, đúng như văn bản ghi").fill(
        "Đài truyền thanh xã mở chuyên mục hằng tuần về dịch vụ công trực tuyến; "
        "tổ công nghệ số cộng đồng hướng dẫn người dân"
    )
    page.locator("#add-task select[name=group]").select_option(index=1)
    page.locator("#add-task input[name=due]").fill("Thường xuyên")
    page.get_by_role("button", name="Thêm nhiệm vụ").click()
    expect(page.get_by_test_id("draft-task-count")).to_have_text("4")

    # Split it in two: one line per task.
    row_menu(page, 1)
    page.locator("#tasks-1").get_by_role("link", name="Tách").click()
    page.get_by_label("Các phần, mỗi phần một dòng").fill(
        "Đài truyền thanh xã mở chuyên mục hằng tuần về dịch vụ công trực tuyến\n"
        "Tổ công nghệ số cộng đồng hướng dẫn người dân"
    )
    page.get_by_role("button", name="Tách").click()
    expect(page.get_by_test_id("draft-task-count")).to_have_text("5")

    # The second part's two tasks are one task the paragraphs cut in two: merge them.
    row_menu(page, 3)
    page.locator("#tasks-3").get_by_role("button", name="Gộp với dòng dưới").click()
    expect(page.get_by_test_id("draft-task-count")).to_have_text("4")

    # The reader did not see the province; the list of agencies is the province's.
    page.locator("table.document td[data-field='province'] a.cell-edit").click()
    page.locator("table.document textarea").fill("Đồng Tháp")
    page.locator("table.document").get_by_role("button", name="Lưu").click()
    expect(page.locator("table.document td[data-field='province']")).to_contain_text("Đồng Tháp")

    # The paragraph's subject was read as its lead; the coordinator puts the department in its
    # place, from the list, found by a name the body had before 2025, with the keyboard.
    open_editor(page, 0, "lead")
    search = page.locator("#tasks-0 .agency-pick input")
    expect(search).to_be_focused()
    box = page.locator("#tasks-0 textarea")
    expect(box).to_have_value("Các chi bộ")
    box.fill("")
    search.focus()
    search.press_sequentially("so thong tin", delay=30)
    option = page.locator("#tasks-0 [role=option]").first
    expect(option).to_contain_text("Sở Khoa học và Công nghệ")
    expect(option).to_contain_text("Sở Thông tin và Truyền thông")
    shot(page, "p02-agency-list")
    search.press("Enter")
    expect(box).to_have_value("Sở Khoa học và Công nghệ")
    page.locator("#tasks-0").get_by_role("button", name="Lưu").click()
    expect(page.locator("#tasks-0 td[data-field='lead']")).to_contain_text(
        "Sở Khoa học và Công nghệ"
    )

    # A time typed is read as it is typed, by the server's parser.
    open_editor(page, 0, "due.text")
    page.locator("#tasks-0 textarea").fill("Quý III/2026")
    expect(page.locator("#tasks-0 .cell-form .reading")).to_contain_text("30/09/2026")
    page.locator("#tasks-0").get_by_role("button", name="Lưu").click()
    expect(page.locator("#tasks-0 td[data-field='due.text'] .reading")).to_contain_text(
        "30/09/2026"
    )
    shown = page.locator("table.tasks tbody tr[id]").evaluate_all(
        "rows => rows.map(r => [r.dataset.code,"
        " r.querySelector('[data-field=title] .line').textContent])"
    )
    shot(page, "p03-preview-corrected", full_page=True)

    page.get_by_role("button", name="Công bố kế hoạch…").click()
    expect(page.get_by_test_id("confirm-task-count")).to_have_text("4")
    shot(page, "p04-confirm-publication")
    page.get_by_role("button", name="Đồng ý, công bố").click()
    expect(page.locator(".messages")).to_contain_text("đã được công bố")

    plan = Plan.objects.get(number="12-CTr/ĐU")
    tasks = list(plan.tasks.order_by("position"))
    assert [[t.code, t.title] for t in tasks] == shown
    assert len(tasks) == 4
    first = tasks[0]
    lead = first.agencies.get(role=AgencyRole.LEAD)
    assert lead.name == "Sở Khoa học và Công nghệ"
    assert (first.due_kind, first.due_quarter, first.due_end_year) == ("quarter", 3, 2026)
    assert tasks[1].due_kind == tasks[2].due_kind == "recurring"
    # "Ủy ban nhân dân xã phối hợp với doanh nghiệp viễn thông phủ sóng …": the subject leads,
    # its partner cooperates, and the task is its own words from the verb on.
    assert tasks[3].title.startswith("Phủ sóng di động băng rộng")
    assert tasks[3].agencies.get(role=AgencyRole.LEAD).name == "Ủy ban nhân dân xã"
    partners = tasks[3].agencies.filter(role=AgencyRole.COOPERATING)
    assert [a.name for a in partners] == ["doanh nghiệp viễn thông"]
    assert tasks[3].title.endswith("trước quý IV năm 2026.")
    assert {g.code for g in plan.groups.all()} == {"II.1", "II.2"}
    # Paragraphs of two parts (two records), the added task, the split, the merge, the
    # province, the lead and the time: each kept to be replayed on a new version.
    assert len(plan.corrections) == 8


def test_the_preview_of_a_seed_plan_fits_a_phone(
    page: Page,
    live_server: LiveServer,
    coordinator: User,
    tmp_path: Path,
) -> None:
    document = build_docx(SEEDS / "004_aea82470e0b2daef.txt", tmp_path / "ke-hoach-69.docx")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/nhap-ke-hoach/")
    page.get_by_label("Văn bản kế hoạch").set_input_files(str(document))
    page.get_by_role("button", name="Tải lên và đọc").click()
    expect(page.get_by_test_id("draft-task-count")).to_have_text("67")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "p10-preview-on-a-phone")
    page.locator("#tasks-0").scroll_into_view_if_needed()
    page.locator("#tasks-0 details.row-menu summary").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "p11-task-card-on-a-phone")
    page.get_by_role("button", name="Công bố kế hoạch…").click()
    # The confirmation is a page of its own: measured once it has come, not while it loads.
    expect(page.get_by_test_id("confirm-task-count")).to_have_text("67")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "p12-confirm-on-a-phone")
