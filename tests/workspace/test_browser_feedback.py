"""Feedback and directives in a real Chromium: a citizen's feedback is sent from the portal,
routed by the coordinator, answered by the agency, published, and read on the plan's portal
page without the sender's name or telephone; a leader's directive on a task is answered by the
agency and leaves the dashboard's open list. Screenshots at desktop size and at 390×844 go to
``test-output/browser/`` for a person to look at."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import log_in, log_out, pick_task, shot
from tests.builders import agency_of, lead_tasks
from theodoi.directives.models import Directive, DirectiveState
from theodoi.portal.models import Feedback, FeedbackState
from theodoi.reporting.models import ReportingRound
from theodoi.snapshots.services import rebuild_snapshot

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
QUESTION = "Khi nào các xã được lắp wifi công cộng miễn phí theo kế hoạch?"
NAME, PHONE_NUMBER = "Võ Thị Hạnh", "0939111222"
ANSWER = "Sở đã lắp wifi tại 40 xã; các xã còn lại hoàn thành trong quý II/2027."
DIRECTIVE = "Đề nghị Sở báo cáo nguyên nhân chậm tiến độ và giải pháp trước ngày 15/12."
DIRECTIVE_ANSWER = "Sở đã bổ sung kinh phí và nhân lực; dự kiến hoàn thành trong tháng 12."


def due_in(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_a_citizen_s_feedback_is_routed_answered_published_and_a_directive_answered(
    page: Page,
    live_server: LiveServer,
    round_: ReportingRound,
    coordinator: User,
    reporter: User,
    leader: User,
) -> None:
    plan = round_.plan
    rebuild_snapshot(plan, as_of=timezone.localdate(), now=timezone.now())
    agency = agency_of(reporter)

    # A citizen writes from the portal.
    page.goto(f"{live_server.url}/cong-khai/gop-y/?ke_hoach={plan.pk}")
    page.locator("select[name=kind]").select_option("kien_nghi")
    page.locator("textarea[name=message]").fill(f"{QUESTION} Gọi tôi: {PHONE_NUMBER}.")
    page.locator("input[name=name]").fill(NAME)
    page.locator("input[name=contact]").fill(PHONE_NUMBER)
    page.get_by_role("button", name="Gửi").click()
    expect(page.get_by_test_id("sent")).to_be_visible()

    # The coordinator sends it to the agency, first to a day already past.
    log_in(page, live_server, "daumoi")
    page.get_by_role("link", name="Góp ý").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hộp thư góp ý")
    shot(page, "feedback-01-inbox")
    page.set_viewport_size(PHONE)
    shot(page, "feedback-01b-inbox-phone", full_page=True)
    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name=QUESTION[:20], exact=False).click()
    expect(page.get_by_text(PHONE_NUMBER).first).to_be_visible()
    page.locator("select[name=agency]").select_option(str(agency.pk))
    page.locator("input[name=due]").fill(due_in(-3))
    page.get_by_role("button", name="Chuyển cơ quan này").click()
    expect(page.get_by_test_id("refusal")).to_contain_text("đã qua")
    page.locator("input[name=due]").fill(due_in(10))
    page.get_by_role("button", name="Chuyển cơ quan này").click()
    expect(page.get_by_test_id("state")).to_have_text("Đang xử lý")
    shot(page, "feedback-02-routed", full_page=True)
    item = Feedback.objects.get()
    log_out(page)

    # The agency answers in its workspace, and does not see who wrote.
    log_in(page, live_server, "sokhcn")
    page.goto(f"{live_server.url}/hop-thu-gop-y/")
    page.get_by_role("link", name=QUESTION[:20], exact=False).click()
    expect(page.get_by_test_id("message")).to_contain_text(QUESTION)
    expect(page.get_by_text(NAME)).to_have_count(0)
    page.locator("textarea[name=answer]").fill(ANSWER)
    page.get_by_role("button", name="Gửi câu trả lời").click()
    expect(page.get_by_test_id("state")).to_have_text("Đã trả lời")
    log_out(page)

    # The coordinator approves: the question as sent still holds the telephone, refused.
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/hop-thu-gop-y/{item.pk}/")
    page.get_by_role("button", name="Công khai câu hỏi và câu trả lời").click()
    expect(page.get_by_test_id("refusal")).to_contain_text("còn chứa họ tên")
    page.locator("textarea[name=question]").fill(QUESTION)
    page.get_by_role("button", name="Công khai câu hỏi và câu trả lời").click()
    expect(page.get_by_test_id("state")).to_have_text("Đã công khai")
    item.refresh_from_db()
    assert item.state == FeedbackState.PUBLISHED
    log_out(page)

    # Anyone reads the question and its answer on the plan's page, without the sender.
    page.goto(f"{live_server.url}/cong-khai/ke-hoach/{plan.pk}/#questions")
    questions = page.get_by_test_id("questions")
    expect(questions).to_contain_text(QUESTION)
    expect(questions).to_contain_text(ANSWER)
    assert NAME not in page.content()
    assert PHONE_NUMBER not in page.content()
    questions.scroll_into_view_if_needed()
    shot(page, "feedback-03-portal")
    page.set_viewport_size(PHONE)
    questions.scroll_into_view_if_needed()
    shot(page, "feedback-04-portal-phone")
    page.set_viewport_size(DESKTOP)

    # A leader directs the agency on one of its tasks.
    task = lead_tasks(plan, reporter)[0]
    log_in(page, live_server, "lanhdao")
    page.get_by_role("link", name="Ý kiến chỉ đạo").first.click()
    page.get_by_role("link", name="Chỉ đạo về kế hoạch", exact=False).first.click()
    pick_task(page, task.code)
    page.locator("textarea[name=text]").fill(DIRECTIVE)
    page.locator("input[name=due]").fill(due_in(7))
    shot(page, "directive-01-form")
    page.get_by_role("button", name="Gửi ý kiến chỉ đạo").click()
    expect(page.get_by_test_id("state")).to_have_text("Chờ trả lời")
    page.goto(f"{live_server.url}/bang-dieu-khien/?ke_hoach={plan.pk}")
    expect(page.get_by_test_id("open-directives")).to_contain_text(DIRECTIVE[:30])
    page.get_by_test_id("open-directives").scroll_into_view_if_needed()
    shot(page, "directive-02-dashboard")
    log_out(page)

    # The agency answers it, on a phone.
    page.set_viewport_size(PHONE)
    log_in(page, live_server, "sokhcn")
    page.goto(f"{live_server.url}/chi-dao/")
    page.get_by_role("link", name=DIRECTIVE[:20], exact=False).click()
    page.locator("textarea[name=answer]").fill(DIRECTIVE_ANSWER)
    shot(page, "directive-03-answer-phone", full_page=True)
    page.get_by_role("button", name="Gửi câu trả lời").click()
    expect(page.get_by_test_id("answer")).to_contain_text(DIRECTIVE_ANSWER)
    assert Directive.objects.get().state == DirectiveState.ANSWERED
    shot(page, "directive-04-answered-phone", full_page=True)
