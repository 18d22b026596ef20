"""The coordinator amends a published plan from the workspace: each form stores one amendment,
names the field at fault in Vietnamese and stores nothing on bad input; other provinces and
other roles are refused."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.builders import GOLD, TIEN_GIANG, lead_task_of, signed_in
from theodoi.plans.importing import stage_import
from theodoi.plans.models import (
    AgencyRole,
    DueKind,
    OfficialFigure,
    Plan,
    PlanAmendment,
    PlanStatus,
    Task,
)
from theodoi.reporting.fields import UpdateContent
from theodoi.reporting.models import ReportingRound, TaskUpdate


def _task(plan: Plan) -> Task:
    task = plan.tasks.filter(due_kind=DueKind.YEAR).order_by("position").first()
    assert task is not None
    return task


def _task_form(task: Task, **changes: str) -> dict[str, Any]:
    """What the task's form posts when the coordinator changes ``changes`` and nothing else."""
    agencies = list(task.agencies.order_by("position", "pk"))
    data: dict[str, Any] = {
        "due_text": task.due_text,
        "lead": "\n".join(a.name for a in agencies if a.role == AgencyRole.LEAD),
        "cooperating": "\n".join(a.name for a in agencies if a.role == AgencyRole.COOPERATING),
        "expected_output": task.expected_output,
        "external_ids": "",
        "reason": "Quyết định số 45/QĐ-UBND điều chỉnh tiến độ",
        "amended_on": timezone.localdate().isoformat(),
    }
    data.update(changes)
    return data


def _amend_url(task: Task) -> str:
    return reverse("workspace:task_amend", args=[task.plan_id, task.pk])


def test_the_coordinator_moves_a_deadline_and_sees_the_amendment(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    client = signed_in(coordinator)
    task = _task(tien_giang_plan)
    page = client.get(_amend_url(task)).content.decode()
    assert "Thời gian hoàn thành" in page
    assert task.due_text in page

    response = client.post(_amend_url(task), _task_form(task, due_text="30/06/2027"))

    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:plan_amendments", args=[tien_giang_plan.pk])
    task.refresh_from_db()
    assert task.due_date == datetime.date(2027, 6, 30)
    history = client.get(response["Location"]).content.decode()
    assert "Điều chỉnh lần 1" in history
    assert "Quyết định số 45/QĐ-UBND điều chỉnh tiến độ" in history
    assert "30/06/2027" in history
    detail = client.get(reverse("workspace:plan_detail", args=[tien_giang_plan.pk])).content
    assert "1 lần điều chỉnh từ khi công bố" in detail.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"due_text": "càng sớm càng tốt"}, "không phải là một thời hạn"),
        ({"due_text": "31/02/2027"}, "không phải là một thời hạn"),
        ({"due_text": "2028", "reason": "  "}, "Trường này là bắt buộc"),
        ({"due_text": "2028", "lead": "Sở Không Tồn Tại Ở Đâu"}, "Sở Không Tồn Tại Ở Đâu"),
        ({"due_text": "2028", "amended_on": "2099-01-01"}, "ngày không được ở tương lai"),
        ({"due_text": "2028", "external_ids": "không có dấu hai chấm"}, "hệ thống: mã"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_nothing_is_stored(
    tien_giang_plan: Plan, coordinator: User, changes: dict[str, str], message: str
) -> None:
    task = _task(tien_giang_plan)
    before = task.due_text
    response = signed_in(coordinator).post(_amend_url(task), _task_form(task, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    task.refresh_from_db()
    assert task.due_text == before
    assert not PlanAmendment.objects.exists()


def test_a_task_of_another_plan_is_not_found(
    tien_giang_plan: Plan, coordinator: User, import_gold: Callable[..., Plan]
) -> None:
    other = import_gold("nq-03-nq-cp-2025.json")  # the national plan: the coordinator reads it
    foreign = other.tasks.first()
    assert foreign is not None
    url = reverse("workspace:task_amend", args=[tien_giang_plan.pk, foreign.pk])
    client = signed_in(coordinator)
    assert client.get(url).status_code == 404
    archive = reverse("workspace:task_archive", args=[tien_giang_plan.pk, foreign.pk])
    assert client.post(archive, {"reason": "x", "amended_on": "2026-01-01"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.archived_at is None


def test_another_province_s_coordinator_and_a_leader_change_nothing(
    tien_giang_plan: Plan, other_coordinator: User, leader: User
) -> None:
    task = _task(tien_giang_plan)
    data = _task_form(task, due_text="2030")
    assert signed_in(other_coordinator).post(_amend_url(task), data).status_code == 404
    assert signed_in(leader).post(_amend_url(task), data).status_code == 403
    withdraw = reverse("workspace:plan_withdraw", args=[tien_giang_plan.pk])
    assert signed_in(other_coordinator).post(withdraw, data).status_code == 404
    assert not PlanAmendment.objects.exists()
    tien_giang_plan.refresh_from_db()
    assert tien_giang_plan.status == PlanStatus.PUBLISHED


def test_a_task_is_added_and_one_archived_whose_reports_stay_readable(
    tien_giang_plan: Plan,
    round_: ReportingRound,
    reporter: User,
    coordinator: User,
    leader: User,
    report_task: Callable[..., TaskUpdate],
) -> None:
    client = signed_in(coordinator)
    added = client.post(
        reverse("workspace:task_add", args=[tien_giang_plan.pk]),
        {
            "title": "Xây dựng kho dữ liệu số dùng chung",
            "code": "",
            "group": "",
            "due_text": "Quý II/2027",
            "lead": "Sở Khoa học và Công nghệ",
            "cooperating": "Sở Tài chính",
            "reason": "Bổ sung theo Thông báo kết luận của UBND tỉnh",
            "amended_on": timezone.localdate().isoformat(),
        },
    )
    assert added.status_code == 302
    assert tien_giang_plan.tasks.get(code="BS1").due_quarter == 2

    task = lead_task_of(round_, reporter)
    report_task(
        task,
        UpdateContent(status="in_progress", progress=35, results="Đã khảo sát hiện trạng"),
    )
    archived = client.post(
        reverse("workspace:task_archive", args=[tien_giang_plan.pk, task.pk]),
        {"reason": "Nhiệm vụ đã lồng ghép vào nhiệm vụ khác", "amended_on": "2026-11-30"},
    )
    assert archived.status_code == 302
    # The leader reads the archived task's report on the amendments page.
    history = signed_in(leader).get(archived["Location"]).content.decode()
    assert f'data-archived="{task.code}"' in history
    assert "Đã khảo sát hiện trạng" in history
    assert "35%" in history
    assert "Bổ sung lần 1" in history
    assert "Điều chỉnh lần 2" in history


def test_an_indicator_gets_its_baseline_and_an_official_figure(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    indicator = tien_giang_plan.indicators.filter(year=2030, target__isnull=False).first()
    assert indicator is not None
    url = reverse("workspace:indicator_amend", args=[tien_giang_plan.pk, indicator.pk])
    client = signed_in(coordinator)
    data = {
        "agencies": "Sở Khoa học và Công nghệ",
        "baseline_value": "1.234,5",
        "baseline_year": "2024",
        "figure_value": "1.300",
        "figure_on": "2025-12-31",
        "figure_source": "",
        "reason": "Số liệu Niên giám thống kê",
        "amended_on": timezone.localdate().isoformat(),
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "hãy ghi nguồn thống kê chính thức của số liệu" in refused.content.decode()
    assert not OfficialFigure.objects.exists()

    response = client.post(url, {**data, "figure_source": "Niên giám thống kê tỉnh 2025"})
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.baseline_value, indicator.baseline_year) == (1234.5, 2024)
    assert OfficialFigure.objects.get().value == 1300


def test_a_withdrawn_plan_leaves_the_portal_and_stays_marked_in_the_workspace(
    tien_giang_plan: Plan, coordinator: User, client: Client
) -> None:
    url = reverse("workspace:plan_withdraw", args=[tien_giang_plan.pk])
    staff = signed_in(coordinator)
    assert "hãy ghi lý do điều chỉnh" not in staff.get(url).content.decode()
    empty = staff.post(url, {"reason": "", "amended_on": timezone.localdate().isoformat()})
    assert empty.status_code == 200
    assert "Trường này là bắt buộc" in empty.content.decode()
    portal = reverse("portal:plan_detail", args=[tien_giang_plan.pk])
    assert client.get(portal).status_code == 200

    done = staff.post(url, {"reason": "Thay thế bằng kế hoạch mới", "amended_on": "2026-11-30"})

    assert done.status_code == 302
    assert client.get(portal).status_code == 404
    detail = staff.get(reverse("workspace:plan_detail", args=[tien_giang_plan.pk]))
    assert "Kế hoạch này đã bị thu hồi" in detail.content.decode()
    again = staff.post(url, {"reason": "Lần nữa", "amended_on": "2026-11-30"})
    assert "chỉ kế hoạch đã công bố mới được điều chỉnh" in again.content.decode()


def test_publishing_a_new_version_of_an_amended_plan_asks_first(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    client = signed_in(coordinator)
    task = _task(tien_giang_plan)
    client.post(_amend_url(task), _task_form(task, due_text="30/06/2027"))
    upload = SimpleUploadedFile("69-v2.json", (GOLD / TIEN_GIANG).read_bytes() + b"\n")
    draft = stage_import(upload, by=coordinator, now=timezone.now())
    url = reverse("workspace:import_publish", args=[draft.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="amended-warning"' in page

    refused = client.post(url, {"confirmed": "True"}, follow=True)
    assert "phiên bản văn bản này sẽ thay thế các điều chỉnh đó" in refused.content.decode()
    tien_giang_plan.refresh_from_db()
    assert tien_giang_plan.version == 1

    client.post(url, {"confirmed": "True", "confirm_amendments": "on"})
    tien_giang_plan.refresh_from_db()
    assert tien_giang_plan.version == 2
