"""Nothing a reporter types is lost, in a real Chromium: attaching evidence before saving
keeps the report's text, and submitting one indicator's figure keeps the others typed. The
task form fits a 390 px phone. Screenshots go to ``test-output/reporting/``."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.browser import log_in
from tests.builders import PDF, lead_task_of
from tests.workspace.reporting.test_browser import shot
from theodoi.reporting.models import Evidence, IndicatorValue, ReportingRound, TaskUpdate

pytestmark = pytest.mark.browser

RESULTS = "Đã tổ chức 2 lớp tập huấn chuyển đổi số cho 120 cán bộ."
DIFFICULTIES = "Đường truyền tại các xã vùng sâu còn chậm."


def test_attaching_evidence_before_saving_keeps_the_report_typed_on_a_phone_too(
    page: Page,
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


def test_submitting_one_figure_keeps_the_others_typed(
    page: Page,
    live_server: LiveServer,
    live_round: ReportingRound,
    reporter: User,
) -> None:
    first, second, third = live_round.plan.indicators.filter(
        unit="%",
        agencies__organisation_id__in=reporter.memberships.get().organisation.lineage_ids(),
    ).order_by("position")[:3]
    log_in(page, live_server, "sokhcn")
    page.goto(f"{live_server.url}/ky-bao-cao/{live_round.pk}/don-vi/")
    for indicator, figure in ((first, "41,5"), (second, "63,2"), (third, "abc")):
        page.locator(f"#id_i{indicator.pk}-value").fill(figure)
    page.locator(f"#indicator-{first.pk}").get_by_role(
        "button", name="Gửi báo cáo", exact=True
    ).click()

    expect(page.locator(f"#indicator-{third.pk}")).to_contain_text("“abc” không phải số")
    for indicator, figure in ((second, "63,2"), (third, "abc")):
        expect(page.locator(f"#id_i{indicator.pk}-value")).to_have_value(figure)
    page.locator(f"#indicator-{third.pk}").scroll_into_view_if_needed()
    shot(page, "22-other-figures-kept")
    stored = {v.indicator_id: (v.value, v.state) for v in IndicatorValue.objects.all()}
    assert stored == {first.pk: (41.5, "submitted"), second.pk: (63.2, "draft")}

    page.goto(f"{live_server.url}/ky-bao-cao/{live_round.pk}/don-vi/")
    expect(page.locator(f"#id_i{second.pk}-value")).to_have_value("63,2")
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator(f"#indicator-{second.pk}").scroll_into_view_if_needed()
    shot(page, "23-figures-on-a-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
