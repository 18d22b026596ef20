"""The reporting pages through Django's test client, at the real clock: a round open now."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.builders import PDF, lead_task_of, signed_in
from tests.reporting.office_files import macro_word_file
from theodoi.ingest.schedule import Schedule
from theodoi.plans.models import Indicator, Plan
from theodoi.reporting.models import Evidence, IndicatorValue, ReportingRound, TaskUpdate
from theodoi.reporting.rounds import set_schedule
from theodoi.reporting.workbook.layout import TASK_SHEET

pytestmark = pytest.mark.django_db


def test_the_reporter_sees_its_tasks_and_indicators_for_the_round(
    live_round: ReportingRound, reporter: User
) -> None:
    page = signed_in(reporter).get(reverse("reporting:agency", args=[live_round.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Nhiệm vụ của đơn vị" in text
    assert lead_task_of(live_round, reporter).title[:40] in text
    assert "Tải bảng tính Excel" in text


def test_submitting_a_task_form_stores_a_submitted_update(
    live_round: ReportingRound, reporter: User
) -> None:
    task = lead_task_of(live_round, reporter)
    url = reverse("reporting:task_update", args=[live_round.pk, task.pk])
    response = signed_in(reporter).post(
        url,
        {
            "status": "in_progress",
            "progress": "45",
            "results": "Đã phát sóng chuyên mục.",
            "based_on": "0",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    update = TaskUpdate.objects.get(task=task)
    assert (update.state, update.progress) == ("submitted", 45)


def test_a_form_with_120_percent_says_so_and_stores_nothing(
    live_round: ReportingRound, reporter: User
) -> None:
    task = lead_task_of(live_round, reporter)
    url = reverse("reporting:task_update", args=[live_round.pk, task.pk])
    response = signed_in(reporter).post(
        url, {"status": "in_progress", "progress": "120", "based_on": "0", "action": "save"}
    )
    assert response.status_code == 200
    assert "Tiến độ tối đa 100%." in response.content.decode()
    assert not TaskUpdate.objects.exists()


def test_a_stale_form_is_refused_and_shows_the_other_version(
    live_round: ReportingRound, reporter: User
) -> None:
    task = lead_task_of(live_round, reporter)
    url = reverse("reporting:task_update", args=[live_round.pk, task.pk])
    client = signed_in(reporter)
    form = {"status": "in_progress", "progress": "30", "based_on": "0", "action": "save"}
    client.post(url, {**form, "results": "Bản của chị Lan."})
    response = client.post(url, {**form, "results": "Bản của anh Minh."})
    text = response.content.decode()
    assert response.status_code == 409
    assert "Người khác đã lưu báo cáo này" in text
    assert "Bản của chị Lan." in text
    assert list(TaskUpdate.objects.values_list("results", flat=True)) == ["Bản của chị Lan."]


def test_evidence_is_served_only_to_those_who_see_the_task(
    live_round: ReportingRound, reporter: User, other_reporter: User, coordinator: User
) -> None:
    task = lead_task_of(live_round, reporter)
    signed_in(reporter).post(
        reverse("reporting:task_update", args=[live_round.pk, task.pk]),
        {"file": SimpleUploadedFile("qd.pdf", PDF), "action": "attach"},
    )
    evidence = Evidence.objects.get()
    url = reverse("reporting:evidence", args=[evidence.pk])
    download = signed_in(coordinator).get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert signed_in(other_reporter).get(url).status_code == 404
    assert Client().get(url).status_code == 302


def test_a_far_figure_asks_for_confirmation_before_it_is_stored(
    live_round: ReportingRound, reporter: User, coordinator: User
) -> None:
    organisation = reporter.memberships.get().organisation
    indicator = Indicator.objects.filter(
        plan=live_round.plan, unit="%", agencies__organisation_id__in=organisation.lineage_ids()
    ).first()
    indicator.baseline_value = 10
    indicator.save()
    url = reverse("reporting:figures_save", args=[live_round.pk])
    prefix = f"i{indicator.pk}-"
    form = {
        prefix + "value": "45,5",
        prefix + "measured_on": timezone.localdate().isoformat(),
        prefix + "based_on": "0",
        "action": f"submit:i{indicator.pk}",
    }
    client = signed_in(reporter)
    asked = client.post(url, form)
    assert asked.status_code == 400
    assert "Tôi xác nhận số liệu này đúng" in asked.content.decode()
    assert not IndicatorValue.objects.exists()
    assert client.post(url, {**form, prefix + "confirmed": "on"}).status_code == 302
    assert IndicatorValue.objects.get().value == 45.5


def test_the_workbook_goes_down_and_comes_back_up(
    live_round: ReportingRound, reporter: User, settings: object, tmp_path: Path
) -> None:
    # A folder of its own: parallel test workers share var/media and their rounds' ids.
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    client = signed_in(reporter)
    download = client.get(reverse("reporting:workbook", args=[live_round.pk]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(download.content))
    ws = wb[TASK_SHEET]
    ws["H2"], ws["I2"] = "Đang thực hiện (trong hạn)", 25
    out = io.BytesIO()
    wb.save(out)
    upload_url = reverse("reporting:workbook_upload", args=[live_round.pk])
    preview = client.post(upload_url, {"workbook": SimpleUploadedFile("bc.xlsx", out.getvalue())})
    assert preview.status_code == 200
    assert "Nhiệm vụ, dòng 2: tiến độ 25%" in preview.content.decode()
    assert not TaskUpdate.objects.exists()
    token = preview.context["token"]
    again = client.post(upload_url, {"workbook": SimpleUploadedFile("bc.xlsx", out.getvalue())})
    assert again.context["token"] == token
    folder = f"workbooks/{live_round.pk}/{reporter.memberships.get().organisation.pk}"
    assert default_storage.listdir(folder)[1] == [f"{token}.xlsx"]
    saved = client.post(
        reverse("reporting:workbook_apply", args=[live_round.pk]), {"token": token, "submit": "1"}
    )
    assert saved.status_code == 302
    assert TaskUpdate.objects.get().state == "submitted"
    assert default_storage.listdir(folder)[1] == []


def test_a_spoilt_workbook_upload_lists_its_errors(
    live_round: ReportingRound, reporter: User
) -> None:
    client = signed_in(reporter)
    wb = load_workbook(
        io.BytesIO(client.get(reverse("reporting:workbook", args=[live_round.pk])).content)
    )
    wb[TASK_SHEET]["I2"] = 120
    wb[TASK_SHEET]["H2"] = "Xong"
    out = io.BytesIO()
    wb.save(out)
    response = client.post(
        reverse("reporting:workbook_upload", args=[live_round.pk]),
        {"workbook": SimpleUploadedFile("bc.xlsx", out.getvalue())},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "2 lỗi: chưa lưu gì cả" in text
    assert "“Xong” không có trong danh sách" in text
    assert not TaskUpdate.objects.exists()


def test_the_coordinator_returns_with_a_reason_and_the_reporter_reads_it(
    live_round: ReportingRound, reporter: User, coordinator: User
) -> None:
    task = lead_task_of(live_round, reporter)
    signed_in(reporter).post(
        reverse("reporting:task_update", args=[live_round.pk, task.pk]),
        {"status": "in_progress", "progress": "45", "based_on": "0", "action": "submit"},
    )
    update = TaskUpdate.objects.get()
    boss = signed_in(coordinator)
    queue = boss.get(reverse("reporting:review", args=[live_round.pk]))
    assert task.code in queue.content.decode()
    refused = boss.post(
        reverse("reporting:review_return", args=[live_round.pk, "nhiem-vu", update.pk]),
        {"reason": ""},
        follow=True,
    )
    assert "Phải nêu lý do trả lại báo cáo." in refused.content.decode()
    boss.post(
        reverse("reporting:review_return", args=[live_round.pk, "nhiem-vu", update.pk]),
        {"reason": "Thiếu số liệu cụ thể."},
    )
    page = signed_in(reporter).get(reverse("reporting:agency", args=[live_round.pk]))
    assert "Bị trả lại: Thiếu số liệu cụ thể." in page.content.decode()


def test_a_baseline_is_entered_once_from_the_agency_page(
    live_round: ReportingRound, reporter: User, coordinator: User
) -> None:
    organisation = reporter.memberships.get().organisation
    indicator = Indicator.objects.filter(
        plan=live_round.plan, unit="%", agencies__organisation_id__in=organisation.lineage_ids()
    ).first()
    client = signed_in(reporter)
    agency = reverse("reporting:agency", args=[live_round.pk])
    assert "Nhập giá trị cơ sở (chỉ một lần)" in client.get(agency).content.decode()
    prefix = f"b{indicator.pk}-"
    response = client.post(
        reverse("reporting:figures_save", args=[live_round.pk]),
        {
            prefix + "value": "12,5",
            prefix + "measured_on": "2024-12-31",
            prefix + "source": "Niên giám thống kê 2024",
            prefix + "based_on": "0",
            "action": f"submit:b{indicator.pk}",
        },
    )
    assert response.status_code == 302
    baseline = IndicatorValue.objects.get(is_baseline=True)
    assert (baseline.value, baseline.state, baseline.measured_on) == (
        12.5,
        "submitted",
        datetime.date(2024, 12, 31),
    )
    page = client.get(agency).content.decode()
    assert (
        "Nhập giá trị cơ sở (chỉ một lần)"
        not in page.split(f'id="indicator-{indicator.pk}"')[1].split("</section>")[0]
    )


def test_the_review_queue_shows_the_evidence_behind_an_update(
    live_round: ReportingRound, reporter: User, coordinator: User
) -> None:
    task = lead_task_of(live_round, reporter)
    client = signed_in(reporter)
    client.post(
        reverse("reporting:task_update", args=[live_round.pk, task.pk]),
        {"file": SimpleUploadedFile("bien-ban.pdf", PDF), "action": "attach"},
    )
    client.post(
        reverse("reporting:task_update", args=[live_round.pk, task.pk]),
        {"status": "in_progress", "progress": "45", "based_on": "0", "action": "submit"},
    )
    queue = signed_in(coordinator).get(reverse("reporting:review", args=[live_round.pk]))
    evidence = Evidence.objects.get()
    assert f'href="{reverse("reporting:evidence", args=[evidence.pk])}">bien-ban.pdf' in (
        queue.content.decode()
    )


def test_a_workbook_over_the_size_limit_is_refused(
    live_round: ReportingRound, reporter: User, settings: object
) -> None:
    settings.THEODOI_MAX_UPLOAD_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    response = signed_in(reporter).post(
        reverse("reporting:workbook_upload", args=[live_round.pk]),
        {"workbook": SimpleUploadedFile("lon.xlsx", b"PK" + b"0" * (1024 * 1024))},
    )
    assert "Bảng tính lớn hơn 1 MB." in response.content.decode()


def test_opening_a_round_proposes_the_next_date_of_the_plans_schedule(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    set_schedule(
        tien_giang_plan,
        Schedule(dates=((1, 6), (15, 11)), text="định kỳ trước ngày 01/6 và 15/11 hàng năm"),
        by=coordinator,
        now=timezone.now(),
    )
    client = signed_in(coordinator)
    url = reverse("reporting:round_open", args=[tien_giang_plan.pk])
    form = client.get(url).context["form"]
    deadline = form.initial["deadline"]
    assert (deadline.day, deadline.month) in {(1, 6), (15, 11)}
    assert deadline > timezone.localdate()
    assert form.initial["title"] == f"Báo cáo trước ngày {deadline:%d/%m/%Y}"

    response = client.post(
        url,
        {
            "title": form.initial["title"],
            "period_start": form.initial["period_start"].isoformat(),
            "period_end": form.initial["period_end"].isoformat(),
            "cut_off": form.initial["cut_off"].isoformat(),
            "deadline": deadline.isoformat(),
            "reminder_days": "7, 3, 1",
        },
    )
    round_ = ReportingRound.objects.get()
    assert response.url == reverse("reporting:review", args=[round_.pk])
    assert timezone.localtime(round_.deadline).date() == deadline
    assert timezone.localtime(round_.deadline).hour == 0


def test_a_macro_enabled_word_file_is_refused_on_the_task_page(
    live_round: ReportingRound, reporter: User
) -> None:
    task = lead_task_of(live_round, reporter)
    response = signed_in(reporter).post(
        reverse("reporting:task_update", args=[live_round.pk, task.pk]),
        {"file": SimpleUploadedFile("bao-cao.docm", macro_word_file()), "action": "attach"},
        follow=True,
    )
    assert "“bao-cao.docm” là tệp Office có macro (.docm)" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_file_past_the_limit_stops_being_stored_while_it_streams_in(
    live_round: ReportingRound, reporter: User, settings: object, tmp_path: Path
) -> None:
    settings.THEODOI_MAX_UPLOAD_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024  # type: ignore[attr-defined]
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)  # type: ignore[attr-defined]
    task = lead_task_of(live_round, reporter)
    response = signed_in(reporter).post(
        reverse("reporting:task_update", args=[live_round.pk, task.pk]),
        {"file": SimpleUploadedFile("lon.pdf", PDF + bytes(1536 * 1024)), "action": "attach"},
        follow=True,
    )
    assert "“lon.pdf” có dung lượng 1,5 MB; giới hạn là 1 MB." in response.content.decode()
    assert not Evidence.objects.exists()
    assert list(tmp_path.iterdir()) == []  # the part stored before the limit is gone


def test_a_request_declaring_more_than_the_limit_is_answered_413_unread(
    live_round: ReportingRound, reporter: User
) -> None:
    task = lead_task_of(live_round, reporter)
    # 600 MB declared, one byte sent: reading the body would fail the test client's payload.
    response = signed_in(reporter).generic(
        "POST",
        reverse("reporting:task_update", args=[live_round.pk, task.pk]),
        b"x",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(600 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "Dữ liệu gửi lên nặng 600,0 MB; mỗi tệp không được quá 20 MB." in (
        response.content.decode()
    )


def test_the_preview_of_a_workbook_full_of_errors_names_the_first_fifty(
    live_round: ReportingRound, reporter: User
) -> None:
    client = signed_in(reporter)
    wb = load_workbook(
        io.BytesIO(client.get(reverse("reporting:workbook", args=[live_round.pk])).content)
    )
    for n in range(80):
        wb[TASK_SHEET].append([900_000 + n, 0, f"X{n}", "Dòng lạ", "", "", "", "Tạm dừng", 0])
    out = io.BytesIO()
    wb.save(out)
    text = client.post(
        reverse("reporting:workbook_upload", args=[live_round.pk]),
        {"workbook": SimpleUploadedFile("bc.xlsx", out.getvalue())},
    ).content.decode()
    assert "80 lỗi: chưa lưu gì cả" in text
    assert text.count("không thuộc đơn vị trong kỳ này") == 50
    assert "và 30 lỗi khác" in text
