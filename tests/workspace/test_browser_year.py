"""A coordinator's year in a real Chromium, with no admin page: the Sở KH&CN of Đồng Tháp
creates five accounts from an Excel list (one person, Sở KH&CN's new reporter, sets a password
through the invitation and logs in); amends the published plan (a deadline moved with a reason,
a task added, one archived) and the portal shows the amendment; opens a round and extends it;
the new reporter asks for an extension and gets it; a citizen's feedback is routed, answered
and published; a leader's directive is answered; the weights are changed, the ranking previewed,
published and seen on the portal; and the audit page lists each step. Screenshots at desktop
size, and at the end at 390×844, go to ``test-output/year/``."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from tests import browser as harness
from tests.browser import log_in, log_out, pick_task
from tests.builders import lead_tasks, org
from tests.workspace.test_people import FIVE, HEADER, workbook
from theodoi.plans.models import DueKind, Plan
from theodoi.reporting.deadlines import deadline_of
from theodoi.reporting.fields import UpdateContent
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.review import accept_update
from theodoi.reporting.updates import submit_update

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
# Lê Văn Cường, listed for “Sở TT&TT”, reports for today's Sở KH&CN, which carries its tasks.
REPORTER_EMAIL, REPORTER_NAME = "cuong@sokhcn.dongthap.gov.vn", "Lê Văn Cường"
REPORTER_PASSWORD = "Sen-hồng-Đồng-Tháp-2027"
QUESTION = "Bao giờ người dân ở xã được dùng dịch vụ công trực tuyến trên điện thoại?"
SENDER, TELEPHONE = "Nguyễn Thị Lan", "0918222333"
ANSWER = "Ứng dụng dịch vụ công của tỉnh phục vụ mọi xã từ quý III/2027; Sở hướng dẫn tại xã."
DIRECTIVE = "Đề nghị Sở báo cáo tiến độ nền tảng số dùng chung và giải pháp trước ngày 20."
DIRECTIVE_ANSWER = "Sở đã bố trí thêm kinh phí; nền tảng vận hành thử từ tháng sau."
# What the audit page calls each step of the year (theodoi.audit.actions, in Vietnamese).
STEPS = [
    "Tạo tài khoản và gửi thư mời",
    "Đặt mật khẩu từ thư mời",
    "Điều chỉnh kế hoạch",
    "Mở kỳ báo cáo",
    "Gia hạn kỳ báo cáo",
    "Đề nghị gia hạn nhiệm vụ",
    "Chấp thuận gia hạn nhiệm vụ",
    "Nhận kiến nghị, phản ánh",
    "Chuyển kiến nghị, phản ánh đến cơ quan",
    "Trả lời kiến nghị, phản ánh",
    "Công khai kiến nghị, phản ánh và câu trả lời",
    "Giao ý kiến chỉ đạo",
    "Trả lời ý kiến chỉ đạo",
    "Đặt trọng số và mức xếp loại chấm điểm",
    "Công bố xếp hạng",
]


def shot(page: Page, name: str, *, full_page: bool = True) -> None:
    harness.shot(page, name, full_page=full_page, folder="year")


def test_a_coordinator_s_year_with_no_admin_page(
    page: Page,
    live_server: LiveServer,
    tien_giang_plan: Plan,
    coordinator: User,
    leader: User,
    tmp_path: Path,
) -> None:
    plan = tien_giang_plan
    today = timezone.localdate()
    people = tmp_path / "danh-sach-can-bo-dau-moi.xlsx"
    people.write_bytes(workbook([("DANH SÁCH CÁN BỘ ĐẦU MỐI",), HEADER, *FIVE]))

    # January: five accounts from an Excel list, each invited by e-mail.
    log_in(page, live_server, "daumoi")
    page.locator(".site-nav").get_by_role("link", name="Tài khoản", exact=True).click()
    page.get_by_role("link", name="Tạo tài khoản từ danh sách Excel").click()
    page.get_by_label("Danh sách người dùng (.xlsx)").set_input_files(str(people))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.get_by_test_id("list-preview")).to_contain_text("Xem trước: 5 tài khoản")
    shot(page, "01-accounts-preview")
    assert mail.outbox == []
    page.get_by_role("button", name="Tạo các tài khoản và gửi thư mời").click()
    expect(page.locator(".messages")).to_contain_text("Đã tạo 5 tài khoản")
    for _number, name, *_rest in FIVE:
        expect(page.locator("table.people")).to_contain_text(name)
    shot(page, "02-accounts-created")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(row[2] for row in FIVE)
    log_out(page)

    # The new reporter of Sở KH&CN follows the invitation, chooses a password and logs in.
    invitation = next(m for m in mail.outbox if m.to == [REPORTER_EMAIL])
    link = re.search(r"https?://\S+/kich-hoat/\S+/", str(invitation.body))
    assert link is not None
    page.goto(link.group(0))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đặt mật khẩu")
    page.locator("input[name=new_password1]").fill(REPORTER_PASSWORD)
    page.locator("input[name=new_password2]").fill(REPORTER_PASSWORD)
    shot(page, "03-invitation-password")
    page.get_by_role("button", name="Lưu mật khẩu").click()
    expect(page.get_by_test_id("reset-complete")).to_be_visible()
    log_in(page, live_server, REPORTER_EMAIL, REPORTER_PASSWORD, name=REPORTER_NAME)
    page.get_by_role("link", name="Tài khoản của tôi").click()
    expect(page.locator("main")).to_contain_text(
        "Đơn vị thực hiện · Sở Khoa học và Công nghệ (Đồng Tháp)"
    )
    shot(page, "04-reporter-account")
    log_out(page)
    reporter = User.objects.get(email=REPORTER_EMAIL)

    # March: the plan is amended: a deadline moved with a reason, a task added, one archived.
    moved, archived = list(
        plan.tasks.filter(due_kind=DueKind.YEAR, confidential=False).order_by("position")[:2]
    )
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/ke-hoach/{plan.pk}/")
    page.get_by_role("link", name=f"Điều chỉnh nhiệm vụ {moved.code}", exact=True).click()
    page.get_by_label("Thời gian hoàn thành").fill("30/06/2027")
    page.get_by_label("Lý do điều chỉnh").fill("Quyết định số 45/QĐ-UBND điều chỉnh tiến độ")
    shot(page, "05-amend-deadline")
    page.get_by_role("button", name="Lưu điều chỉnh").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã điều chỉnh nhiệm vụ {moved.code}")
    page.get_by_role("link", name="Thêm nhiệm vụ").click()
    page.get_by_label("Nhiệm vụ", exact=True).fill("Xây dựng kho dữ liệu số dùng chung của tỉnh")
    page.get_by_label("Thời gian hoàn thành").fill("Quý II/2027")
    page.get_by_label("Cơ quan chủ trì").fill("Sở Khoa học và Công nghệ")
    page.get_by_label("Cơ quan phối hợp").fill("Sở Tài chính")
    page.get_by_label("Lý do điều chỉnh").fill("Bổ sung theo Thông báo kết luận của UBND tỉnh")
    page.get_by_role("button", name="Thêm nhiệm vụ").click()
    expect(page.locator(".messages")).to_contain_text("Đã bổ sung nhiệm vụ BS1")
    page.goto(f"{live_server.url}/ke-hoach/{plan.pk}/")
    page.get_by_role(
        "link", name=f"Đưa nhiệm vụ {archived.code} ra khỏi kế hoạch", exact=True
    ).click()
    page.get_by_label("Lý do điều chỉnh").fill("Đã lồng ghép vào nhiệm vụ khác")
    page.get_by_role("button", name="Đưa nhiệm vụ ra khỏi kế hoạch").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Đã đưa nhiệm vụ {archived.code} ra khỏi kế hoạch"
    )
    expect(page.get_by_test_id("amendment-3")).to_contain_text("Đưa nhiệm vụ ra khỏi kế hoạch")
    shot(page, "06-amendments")
    log_out(page)

    # Anyone sees on the portal that the plan was amended, when, why and what changed.
    page.goto(f"{live_server.url}/cong-khai/ke-hoach/{plan.pk}/")
    amendments = page.locator("#amendments")
    expect(amendments).to_contain_text("Điều chỉnh ngày")
    expect(amendments).to_contain_text("Quyết định số 45/QĐ-UBND điều chỉnh tiến độ")
    page.get_by_test_id("amendment-1").locator("summary").click()
    expect(page.get_by_test_id("amendment-1")).to_contain_text("30/06/2027")
    expect(page.get_by_test_id("amendment-2")).to_contain_text("BS1")
    expect(page.get_by_test_id("amendment-3")).to_contain_text(archived.code)
    expect(page.locator(f'tr[data-task="{archived.code}"]')).to_have_count(0)
    amendments.scroll_into_view_if_needed()
    shot(page, "07-portal-amendment", full_page=False)

    # June: the coordinator opens the half-year round and extends it by ten days.
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/ky-bao-cao/mo/{plan.pk}/")
    page.get_by_label("Tên", exact=True).fill("Báo cáo 6 tháng đầu năm")
    page.get_by_label("Từ ngày", exact=True).fill((today - datetime.timedelta(days=30)).isoformat())
    page.get_by_label("Đến ngày", exact=True).fill(
        (today + datetime.timedelta(days=30)).isoformat()
    )
    page.get_by_label("Ngày chốt số liệu").fill(today.isoformat())
    first = today + datetime.timedelta(days=20)
    page.get_by_label("Hạn báo cáo (trước ngày)").fill(first.isoformat())
    shot(page, "08-round-open")
    page.get_by_role("button", name="Mở kỳ báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Báo cáo 6 tháng đầu năm")
    round_ = ReportingRound.objects.get(title="Báo cáo 6 tháng đầu năm")
    page.get_by_role("link", name="Điều chỉnh kỳ báo cáo").click()
    later = first + datetime.timedelta(days=10)
    page.get_by_label("Hạn mới: gửi báo cáo trước ngày").fill(later.isoformat())
    page.get_by_role("button", name="Gia hạn", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(f"gửi báo cáo trước ngày {later:%d/%m/%Y}")
    shot(page, "09-round-extended")
    log_out(page)

    # The reporter asks to move one of the agency's deadlines; the coordinator grants it.
    task = next(
        t
        for t in lead_tasks(plan, reporter)
        if t.pk not in (moved.pk, archived.pk)
        and (on := deadline_of(t).on) is not None
        and on.year == 2030
    )
    deadline = deadline_of(task).on
    assert deadline is not None
    log_in(page, live_server, REPORTER_EMAIL, REPORTER_PASSWORD, name=REPORTER_NAME)
    page.goto(f"{live_server.url}/ky-bao-cao/{round_.pk}/don-vi/")
    page.locator(f"#task-{task.pk}").get_by_role("link").click()
    page.get_by_role("link", name=f"{deadline:%d/%m/%Y}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Thời hạn nhiệm vụ · {task.code}")
    page.get_by_label("Thời hạn mới đề nghị").fill("2031-06-30")
    page.get_by_label("Lý do đề nghị gia hạn").fill(
        "Chờ Bộ Khoa học và Công nghệ ban hành hướng dẫn kỹ thuật về nền tảng số."
    )
    page.get_by_role("button", name="Gửi đề nghị").click()
    expect(page.locator(".messages")).to_contain_text("đã được gửi đến cơ quan đầu mối")
    shot(page, "10-extension-requested")
    log_out(page)
    log_in(page, live_server, "daumoi")
    page.get_by_role("link", name="Gia hạn", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đề nghị gia hạn")
    page.get_by_role("link", name=task.code, exact=False).first.click()
    page.get_by_label("Chấp thuận", exact=True).check()
    page.get_by_label("Thời hạn được gia hạn").fill("2031-03-31")
    page.get_by_label("Ý kiến").fill("Đồng ý gia hạn đến hết quý I/2031.")
    page.get_by_role("button", name="Ghi nhận quyết định").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Nhiệm vụ {task.code} được gia hạn đến ngày 31/03/2031"
    )
    expect(page.get_by_test_id("original-deadline")).to_have_text(f"{deadline:%d/%m/%Y}")
    expect(page.get_by_test_id("granted-deadline")).to_contain_text("31/03/2031")
    shot(page, "11-extension-granted")
    log_out(page)

    # A citizen writes from the portal; the coordinator routes it to Sở KH&CN.
    page.goto(f"{live_server.url}/cong-khai/gop-y/?ke_hoach={plan.pk}")
    page.locator("select[name=kind]").select_option("kien_nghi")
    page.locator("textarea[name=message]").fill(QUESTION)
    page.locator("input[name=name]").fill(SENDER)
    page.locator("input[name=contact]").fill(TELEPHONE)
    shot(page, "12-citizen-writes")
    page.get_by_role("button", name="Gửi").click()
    expect(page.get_by_test_id("sent")).to_be_visible()
    log_in(page, live_server, "daumoi")
    page.get_by_role("link", name="Góp ý").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hộp thư góp ý")
    page.get_by_role("link", name=QUESTION[:20], exact=False).click()
    page.locator("select[name=agency]").select_option(
        str(org("dong-thap--so-khoa-hoc-cong-nghe").pk)
    )
    page.locator("input[name=due]").fill((today + datetime.timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Chuyển cơ quan này").click()
    expect(page.get_by_test_id("state")).to_have_text("Đang xử lý")
    shot(page, "13-feedback-routed")
    feedback_page = page.url
    log_out(page)

    # The reporter answers it for the agency; the coordinator publishes question and answer.
    log_in(page, live_server, REPORTER_EMAIL, REPORTER_PASSWORD, name=REPORTER_NAME)
    page.goto(f"{live_server.url}/hop-thu-gop-y/")
    page.get_by_role("link", name=QUESTION[:20], exact=False).click()
    expect(page.get_by_text(SENDER)).to_have_count(0)
    page.locator("textarea[name=answer]").fill(ANSWER)
    page.get_by_role("button", name="Gửi câu trả lời").click()
    expect(page.get_by_test_id("state")).to_have_text("Đã trả lời")
    shot(page, "14-feedback-answered")
    log_out(page)
    log_in(page, live_server, "daumoi")
    page.goto(feedback_page)
    page.get_by_role("button", name="Công khai câu hỏi và câu trả lời").click()
    expect(page.get_by_test_id("state")).to_have_text("Đã công khai")
    shot(page, "15-feedback-published")
    log_out(page)
    page.goto(f"{live_server.url}/cong-khai/ke-hoach/{plan.pk}/#questions")
    questions = page.get_by_test_id("questions")
    expect(questions).to_contain_text(QUESTION)
    expect(questions).to_contain_text(ANSWER)
    assert SENDER not in page.content()
    assert TELEPHONE not in page.content()
    questions.scroll_into_view_if_needed()
    shot(page, "16-portal-question", full_page=False)

    # A leader of the province directs the agency on its task; the reporter answers.
    log_in(page, live_server, "lanhdao")
    page.get_by_role("link", name="Ý kiến chỉ đạo").first.click()
    page.get_by_role("link", name="Chỉ đạo về kế hoạch", exact=False).first.click()
    pick_task(page, task.code)
    page.locator("textarea[name=text]").fill(DIRECTIVE)
    page.locator("input[name=due]").fill((today + datetime.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Gửi ý kiến chỉ đạo").click()
    expect(page.get_by_test_id("state")).to_have_text("Chờ trả lời")
    shot(page, "17-directive-issued")
    log_out(page)
    log_in(page, live_server, REPORTER_EMAIL, REPORTER_PASSWORD, name=REPORTER_NAME)
    page.goto(f"{live_server.url}/chi-dao/")
    page.get_by_role("link", name=DIRECTIVE[:20], exact=False).click()
    page.locator("textarea[name=answer]").fill(DIRECTIVE_ANSWER)
    page.get_by_role("button", name="Gửi câu trả lời").click()
    expect(page.get_by_test_id("answer")).to_contain_text(DIRECTIVE_ANSWER)
    shot(page, "18-directive-answered")
    log_out(page)

    # The agency's reports of the round, accepted (not a step of the year under test here).
    for reported, percent in zip(lead_tasks(plan, reporter)[:2], (60, 90), strict=True):
        update = submit_update(
            round_,
            reported,
            UpdateContent("in_progress", percent),
            by=reporter,
            based_on=0,
            now=timezone.now(),
        )
        accept_update(update, by=coordinator, now=timezone.now())

    # December: new weights, previewed, saved; the ranking published and seen on the portal.
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/ke-hoach/{plan.pk}/")
    page.get_by_test_id("scoring-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chấm điểm và xếp hạng")
    for name, value in {"on_time": "70", "progress": "10", "reporting": "10"}.items():
        page.locator(f'input[name="{name}"]').fill(value)
    page.locator('input[name="indicators"]').fill("10")
    page.get_by_role("button", name="Xem trước xếp hạng").click()
    preview = page.get_by_test_id("preview")
    expect(preview).to_contain_text("Chưa có gì được lưu")
    expect(preview).to_contain_text("Sở Khoa học và Công nghệ")
    expect(preview).to_contain_text("1 cơ quan sẽ thay đổi")
    shot(page, "19-ranking-preview")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu cấu hình chấm điểm")
    page.get_by_role("button", name="Công bố xếp hạng hiện tại").click()
    expect(page.locator(".messages")).to_contain_text("Đã công bố kết quả xếp hạng")
    shot(page, "20-ranking-published")
    page.get_by_role("link", name="Xem trên cổng công khai").click()
    ranking_page = page.url
    ranking = page.get_by_test_id("ranking")
    expect(ranking).to_contain_text("Sở Khoa học và Công nghệ")
    ranking.scroll_into_view_if_needed()
    shot(page, "21-portal-ranking", full_page=False)

    # The audit page lists each step of the year, each found by its action.
    page.goto(f"{live_server.url}/nhat-ky/")
    entries = page.get_by_test_id("audit-entries")
    shot(page, "22-audit")
    for step in STEPS:
        page.get_by_label("Thao tác").select_option(label=step)
        page.get_by_role("button", name="Lọc").click()
        expect(entries, f"the audit page lists “{step}”").to_contain_text(step)
        expect(page.get_by_test_id("audit-count")).not_to_have_text("0 mục")
    page.get_by_label("Thao tác").select_option(label="Tạo tài khoản và gửi thư mời")
    page.get_by_role("button", name="Lọc").click()
    expect(page.get_by_test_id("audit-count")).to_have_text("5 mục")
    shot(page, "23-audit-accounts")
    # The plan's own steps are found by the plan, the citizen's feedback and the directive too.
    page.get_by_label("Kế hoạch", exact=True).select_option(str(plan.pk))
    for step in ("Nhận kiến nghị, phản ánh", "Chấp thuận gia hạn nhiệm vụ", "Giao ý kiến chỉ đạo"):
        page.get_by_label("Thao tác").select_option(label=step)
        page.get_by_role("button", name="Lọc").click()
        expect(page.get_by_test_id("audit-count")).to_have_text("1 mục")

    # The same pages on a phone: the audit log and the portal's ranking.
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/nhat-ky/")
    shot(page, "24-audit-phone", full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_test_id("audit-entries").scroll_into_view_if_needed()
    shot(page, "24b-audit-phone-entries", full_page=False)
    log_out(page)
    page.goto(ranking_page)
    page.get_by_test_id("ranking").scroll_into_view_if_needed()
    shot(page, "25-portal-ranking-phone", full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
