"""One task's report page as the reporter uses it: every field she saved is shown back, and
a report that contradicts itself is refused with the field named."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.builders import PDF, agency_of, lead_task_of, signed_in, tasks_of
from tests.reporting import every_field
from theodoi.audit.log import entries_for
from theodoi.plans.models import AgencyRole, Plan
from theodoi.reporting.fields import UPDATE_FIELDS
from theodoi.reporting.models import Evidence, ReportingRound, TaskUpdate
from theodoi.reporting.round_changes import open_ad_hoc_round
from theodoi.reporting.updates import UpdateContent

pytestmark = pytest.mark.django_db


def test_after_submitting_the_reporter_and_the_coordinator_read_every_field_she_saved(
    live_round: ReportingRound, reporter: User, coordinator: User
) -> None:
    task = lead_task_of(live_round, reporter)
    today = timezone.localdate()
    typed = {
        # A field declared after this test was written gets a value of its kind.
        **{field.name: every_field.typed(field) for field in UPDATE_FIELDS},
        "status": "done_on_time",
        "progress": "100",
        "completed_on": today.isoformat(),
        "results": "Đã tổ chức 3 hội nghị phổ biến.",
        "product": "Báo cáo tổng hợp số 15/BC-SKHCN",
        "difficulties": "Kinh phí cấp chậm hai tháng.",
        "proposals": "Đề nghị giao dự toán sớm hơn.",
    }
    # Every field of an update is filled.
    assert set(typed) == {f.name for f in dataclasses.fields(UpdateContent)}
    reporter_client = signed_in(reporter)
    url = reverse("reporting:task_update", args=[live_round.pk, task.pk])
    posted = reporter_client.post(url, {**typed, "based_on": "0", "action": "submit"})
    assert posted.status_code == 302
    assert TaskUpdate.objects.get(task=task).state == "submitted"

    shown = {
        "status": "Hoàn thành đúng hạn",
        "progress": "100%",
        "completed_on": today.strftime("%d/%m/%Y"),
    }
    reporter_page = reporter_client.get(url).content.decode()
    review_page = (
        signed_in(coordinator)
        .get(reverse("reporting:review", args=[live_round.pk]))
        .content.decode()
    )
    for page in (reporter_page, review_page):
        for name, value in typed.items():
            assert shown.get(name, value) in page, name


@pytest.mark.parametrize(
    ("status", "progress", "message"),
    [
        ("not_started", "80", "Tiến độ: nhiệm vụ chưa triển khai có tiến độ 0%; 80% nghĩa là"),
        ("done_on_time", "90", "Tiến độ: nhiệm vụ đã hoàn thành phải đạt 100%."),
    ],
)
def test_a_report_that_contradicts_itself_is_refused_beside_the_progress_field(
    live_round: ReportingRound, reporter: User, status: str, progress: str, message: str
) -> None:
    task = lead_task_of(live_round, reporter)
    response = signed_in(reporter).post(
        reverse("reporting:task_update", args=[live_round.pk, task.pk]),
        {
            "status": status,
            "progress": progress,
            "completed_on": timezone.localdate().isoformat() if status.startswith("done") else "",
            "results": "Đã làm được một phần.",
            "based_on": "0",
            "action": "submit",
        },
    )
    html = response.content.decode()
    progress_field = html.split('for="id_progress"')[1].split('<div class="field')[0]
    assert message in progress_field
    assert "Đã làm được một phần." in html
    assert not TaskUpdate.objects.exists()


TYPED = {
    "status": "in_progress",
    "progress": "60",
    "results": "Đã hoàn thành dự thảo quy chế, đang lấy ý kiến.",
    "difficulties": "Chưa có cán bộ chuyên trách.",
    "based_on": "0",
}


def test_attaching_evidence_keeps_what_the_reporter_typed(
    live_round: ReportingRound, reporter: User, settings: object, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    task = lead_task_of(live_round, reporter)
    client = signed_in(reporter)
    url = reverse("reporting:task_update", args=[live_round.pk, task.pk])
    attached = client.post(
        url, {**TYPED, "file": SimpleUploadedFile("bien-ban.pdf", PDF), "action": "attach"}
    )
    assert attached.status_code == 302
    assert attached.url == url
    page = client.get(url).content.decode()
    assert ">\nĐã hoàn thành dự thảo quy chế, đang lấy ý kiến.</textarea>" in page
    assert ">\nChưa có cán bộ chuyên trách.</textarea>" in page
    assert "bien-ban.pdf" in page
    draft = TaskUpdate.objects.get(task=task)
    assert (draft.state, draft.progress) == ("draft", 60)
    assert Evidence.objects.get().filename == "bien-ban.pdf"


def test_a_refused_file_keeps_the_text_and_saves_nothing_else(
    live_round: ReportingRound, reporter: User
) -> None:
    task = lead_task_of(live_round, reporter)
    response = signed_in(reporter).post(
        reverse("reporting:task_update", args=[live_round.pk, task.pk]),
        {**TYPED, "file": SimpleUploadedFile("ghi-chu.txt", b"khong phai PDF"), "action": "submit"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tệp “ghi-chu.txt” không phải PDF, Word" in html
    assert ">\nĐã hoàn thành dự thảo quy chế, đang lấy ý kiến.</textarea>" in html
    assert not TaskUpdate.objects.exists()
    assert not Evidence.objects.exists()


def test_a_file_chosen_before_submitting_goes_in_with_the_report(
    live_round: ReportingRound, reporter: User, settings: object, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path  # type: ignore[attr-defined]
    task = lead_task_of(live_round, reporter)
    response = signed_in(reporter).post(
        reverse("reporting:task_update", args=[live_round.pk, task.pk]),
        {**TYPED, "file": SimpleUploadedFile("qd.pdf", PDF), "action": "submit"},
    )
    assert response.status_code == 302
    assert TaskUpdate.objects.get(task=task).state == "submitted"
    assert Evidence.objects.get(task=task).filename == "qd.pdf"


# The report POST, statement by statement (issue 15): the session and the person (2); who the
# person is: memberships, their bodies, the lineage of the scope and of the agency (4); the
# task, its agencies and the round (3); then the transaction (2), in which the round's state
# again and the latest version (2), the new version in a savepoint of its own, so that a race
# is refused as stale (3), and its audit entry (1). The task's line (its evidence, its
# deadline) is read only for a page shown.
REPORT_POST_QUERIES = 17


def test_saving_a_draft_reads_the_same_few_rows_however_long_the_task_s_history(
    live_round: ReportingRound, reporter: User, django_assert_num_queries: Any
) -> None:
    task = lead_task_of(live_round, reporter)
    client = signed_in(reporter)
    url = reverse("reporting:task_update", args=[live_round.pk, task.pk])
    for version in range(3):
        # Another version first, so that each save finds a longer history.
        client.post(url, {"based_on": str(2 * version), "status": "in_progress", "progress": "5"})
        with django_assert_num_queries(REPORT_POST_QUERIES):
            posted = client.post(
                url,
                {
                    "based_on": str(2 * version + 1),
                    "status": "in_progress",
                    "progress": str(10 + version),
                    "results": f"Lần {version + 1}",
                    "action": "save",
                },
            )
        assert posted.status_code == 302
        saved = TaskUpdate.objects.filter(task=task).order_by("-version").first()
        assert saved is not None
        assert (saved.version, saved.state, saved.progress) == (
            2 * version + 2,
            "draft",
            10 + version,
        )
        assert entries_for(saved).get().action == "reporting.update.saved"


def test_in_an_ad_hoc_round_only_the_tasks_asked_of_the_agency_have_a_form(
    tien_giang_plan: Plan, coordinator: User, reporter: User
) -> None:
    asked, other = tasks_of(tien_giang_plan, agency_of(reporter), AgencyRole.LEAD)[:2]
    now = timezone.now()
    round_ = open_ad_hoc_round(
        tien_giang_plan,
        title="Báo cáo đột xuất",
        reason="Ban Chỉ đạo yêu cầu.",
        tasks=[asked.pk],
        organisations=[],
        deadline=now + datetime.timedelta(days=7),
        by=coordinator,
        now=now,
    )
    client = signed_in(reporter)
    typed = {"based_on": "0", "status": "in_progress", "progress": "5", "action": "save"}
    for task, shown, saved in ((asked, 200, 302), (other, 404, 404)):
        url = reverse("reporting:task_update", args=[round_.pk, task.pk])
        assert client.get(url).status_code == shown
        assert client.post(url, typed).status_code == saved
    assert list(TaskUpdate.objects.values_list("task", flat=True)) == [asked.pk]
