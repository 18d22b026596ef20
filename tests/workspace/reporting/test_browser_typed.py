"""Nothing a reporter types is lost, in a real Chromium: attaching evidence before saving
keeps the report's text, and submitting one indicator's figure keeps the others typed. The
task form fits a 390 px phone. Screenshots go to ``test-output/reporting/``."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.reporting.conftest import PDF
from tests.workspace.reporting.conftest import lead_task_of
from tests.workspace.reporting.test_browser import shot
from tests.workspace.test_browser import browser, log_in, page  # noqa: F401
from theodoi.reporting.models import Evidence, ReportingRound, TaskUpdate

pytestmark = pytest.mark.browser

RESULTS = "Đã tổ chức 2 lớp tập huấn chuyển đổi số cho 120 cán bộ."
DIFFICULTIES = "Đường truyền tại các xã vùng sâu còn chậm."


def test_attaching_evidence_before_saving_keeps_the_report_typed_on_a_phone_too(
    page: Page,  # noqa: F811
    live_server: LiveServer,
    live_round: ReportingRound,
    reporter: User,
    tmp_path: Path,
    settings: object,
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    task = lead_task_of(live_round, reporter)
    log_in(page, live_server, "sokhcn")
    page.goto(f"{live_server.url}/ky-bao-cao/{live_round.pk}/nhiem-vu/{task.pk}/")
    page.get_by_label("Trạng thái").select_option(label="Đang thực hiện (trong hạn)")
    page.get_by_label("Tiến độ (%)").fill("35")
    page.get_by_label("Kết quả đạt được").fill(RESULTS)
    page.get_by_label("Khó khăn, vướng mắc").fill(DIFFICULTIES)
    evidence = tmp_path / "danh-sach-hoc-vien.pdf"
    evidence.write_bytes(PDF)
    page.get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    page.get_by_role("button", name="Đính kèm").click()

    expect(page.locator(".messages")).to_contain_text("Đã đính kèm tệp minh chứng")
    expect(page.get_by_label("Kết quả đạt được")).to_have_value(RESULTS)
    expect(page.get_by_label("Khó khăn, vướng mắc")).to_have_value(DIFFICULTIES)
    expect(page.get_by_label("Tiến độ (%)")).to_have_value("35")
    expect(page.get_by_role("link", name="danh-sach-hoc-vien.pdf")).to_be_visible()
    shot(page, "20-typed-text-kept-after-attaching", full_page=True)
    assert TaskUpdate.objects.get(task=task).results == RESULTS
    assert Evidence.objects.filter(task=task).count() == 1

    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "21-task-form-on-a-phone", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
