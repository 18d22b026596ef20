"""A full reporting round in a real Chromium: the reporter fills and submits, the coordinator
returns one task with a reason, the reporter reads it, fixes and resubmits, the coordinator
accepts; the locked round refuses a late edit; the coordinator reopens it for one agency.
Screenshots of every step go to ``test-output/reporting/``."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests import browser as harness
from tests.browser import log_in, log_out
from tests.builders import PDF, open_round_now, tasks_of
from theodoi.plans.models import AgencyRole, Plan
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.reporting.rounds import lock_due_rounds

pytestmark = pytest.mark.browser


def shot(page: Page, name: str, *, full_page: bool = False) -> None:
    harness.shot(page, name, full_page=full_page, folder="reporting")


def test_a_full_round_from_report_to_acceptance_lock_and_reopening(
    page: Page,
    live_server: LiveServer,
    tien_giang_plan: Plan,
    coordinator: User,
    reporter: User,
    tmp_path: Path,
) -> None:
    today = timezone.localdate()
    round_ = open_round_now(tien_giang_plan, by=coordinator, title="Báo cáo 6 tháng đầu năm")
    organisation = reporter.memberships.get().organisation
    first, second, third = tasks_of(tien_giang_plan, organisation, AgencyRole.LEAD)[:3]
    agency_url = f"{live_server.url}/ky-bao-cao/{round_.pk}/don-vi/"

    # The reporter fills two tasks and submits them.
    log_in(page, live_server, "sokhcn")
    page.goto(agency_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhiệm vụ của đơn vị")
    shot(page, "01-agency-tasks")
    for task, progress, results in (
        (first, "40", "Đã phát sóng 6 số chuyên mục khoa học, công nghệ."),
        (second, "25", "Đã khảo sát nhu cầu của các sở, ngành."),
    ):
        page.locator(f"#task-{task.pk}").get_by_role("link").click()
        page.get_by_label("Trạng thái").select_option(label="Đang thực hiện (trong hạn)")
        page.get_by_label("Tiến độ (%)").fill(progress)
        page.get_by_label("Kết quả đạt được").fill(results)
        if task == first:
            shot(page, "02-task-form")
        page.get_by_role("button", name="Gửi báo cáo").click()
        expect(page.locator(".messages")).to_contain_text(f"Đã gửi báo cáo nhiệm vụ {task.code}")
    expect(page.locator(f"#task-{first.pk}")).to_contain_text("đã gửi")
    shot(page, "03-submitted")
    log_out(page)

    # The coordinator returns the first with a reason.
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/ky-bao-cao/{round_.pk}/xem-xet/")
    returned = TaskUpdate.objects.get(task=first, state="submitted")
    card = page.locator(f"#update-{returned.pk}")
    card.get_by_label("Lý do trả lại").fill("Chưa có minh chứng: bổ sung danh sách các số đã phát.")
    shot(page, "04-review-queue")
    card.get_by_role("button", name="Trả lại").click()
    expect(page.locator(".messages")).to_contain_text("Đã trả lại báo cáo")
    log_out(page)

    # The reporter reads the reason, fixes the report, attaches evidence, resubmits.
    log_in(page, live_server, "sokhcn")
    page.goto(agency_url)
    expect(page.locator(f"#task-{first.pk}")).to_contain_text(
        "Bị trả lại: Chưa có minh chứng: bổ sung danh sách các số đã phát."
    )
    shot(page, "05-returned-reason")
    page.locator(f"#task-{first.pk}").get_by_role("link").click()
    expect(page.get_by_role("alert").first).to_contain_text("Chưa có minh chứng")
    evidence = tmp_path / "danh-sach-chuyen-muc.pdf"
    evidence.write_bytes(PDF)
    page.get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    page.get_by_role("button", name="Đính kèm").click()
    expect(page.locator(".messages")).to_contain_text("Đã đính kèm tệp minh chứng")
    page.get_by_label("Trạng thái").select_option(label="Hoàn thành đúng hạn")
    page.get_by_label("Tiến độ (%)").fill("100")
    page.get_by_label("Ngày hoàn thành").fill(today.isoformat())
    page.get_by_label("Kết quả đạt được").fill("Đã phát sóng 12 số chuyên mục; danh sách kèm theo.")
    shot(page, "06-fixed-with-evidence")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã gửi báo cáo nhiệm vụ {first.code}")
    log_out(page)

    # The coordinator accepts both at once.
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/ky-bao-cao/{round_.pk}/xem-xet/")
    for checkbox in page.locator("input[name='report']").all():
        checkbox.check()
    shot(page, "07-bulk-accept")
    page.get_by_role("button", name="Tiếp nhận các báo cáo đã chọn").click()
    expect(page.get_by_role("heading", level=2)).to_have_text("Tiếp nhận 2 báo cáo sau?")
    shot(page, "07b-bulk-accept-confirmation")
    page.get_by_role("button", name="Tiếp nhận 2 báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã tiếp nhận 2 báo cáo")
    log_out(page)
    assert [u.state for u in TaskUpdate.objects.filter(task=first).order_by("version")] == [
        "submitted",
        "returned",
        "submitted",
        "accepted",
    ]

    # The reporter opens a third task; the round locks while the form is open.
    log_in(page, live_server, "sokhcn")
    page.goto(agency_url)
    page.locator(f"#task-{third.pk}").get_by_role("link").click()
    page.get_by_label("Trạng thái").select_option(label="Đang thực hiện (trong hạn)")
    page.get_by_label("Tiến độ (%)").fill("10")
    ReportingRound.objects.filter(pk=round_.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert lock_due_rounds(timezone.now())
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_role("alert").first).to_contain_text("đã khóa")
    expect(page.get_by_label("Tiến độ (%)")).to_have_value("10")  # what was typed stays
    shot(page, "08-late-edit-refused")
    assert not TaskUpdate.objects.filter(task=third).exists()
    log_out(page)

    # The coordinator reopens the round for this agency only; the edit goes in.
    log_in(page, live_server, "daumoi")
    page.goto(f"{live_server.url}/ky-bao-cao/{round_.pk}/xem-xet/")
    page.get_by_role("combobox", name="Tìm cơ quan theo bất kỳ tên gọi nào").fill(organisation.name)
    page.get_by_role("option", name=str(organisation)).first.click()
    expect(page.get_by_role("radio", name=str(organisation))).to_be_checked()
    page.get_by_label("Mở đến hết ngày").fill((today + datetime.timedelta(days=3)).isoformat())
    page.get_by_role("button", name="Mở lại").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã mở lại kỳ báo cáo cho {organisation}")
    shot(page, "09-reopened")
    log_out(page)

    log_in(page, live_server, "sokhcn")
    page.goto(agency_url)
    page.locator(f"#task-{third.pk}").get_by_role("link").click()
    page.get_by_label("Trạng thái").select_option(label="Đang thực hiện (trong hạn)")
    page.get_by_label("Tiến độ (%)").fill("10")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator(".messages")).to_contain_text(f"Đã lưu nháp báo cáo nhiệm vụ {third.code}")
    shot(page, "10-after-reopening")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "11-task-saved-on-a-phone")
    assert TaskUpdate.objects.get(task=third).state == "draft"
