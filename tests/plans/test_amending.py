"""A published plan amended by its coordinator: each change is kept as an amendment with its
values before and after, audited, announced; nothing filed is lost; bad input stores nothing."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.builders import GOLD, NOW, TIEN_GIANG, lead_task_of
from theodoi.audit.models import AuditEntry
from theodoi.events import subscribe
from theodoi.plans.amending import (
    Amendment,
    Figure,
    IndicatorFields,
    TaskFields,
    add_task,
    amend_indicator,
    amend_task,
    archive_task,
    withdraw_plan,
)
from theodoi.plans.errors import PlanError
from theodoi.plans.events import PlanAmended
from theodoi.plans.importing import publish_import, stage_import
from theodoi.plans.models import (
    AgencyRole,
    DueKind,
    OfficialFigure,
    Plan,
    PlanAmendment,
    PlanStatus,
    Task,
)
from theodoi.reporting.access import visible_plans
from theodoi.reporting.fields import UpdateContent
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.snapshots.records import read_records

AMENDED = NOW + datetime.timedelta(days=3)
WHY = Amendment("Quyết định số 123/QĐ-UBND điều chỉnh tiến độ", AMENDED.date())


def _first_task(plan: Plan) -> Task:
    task = plan.tasks.filter(due_kind=DueKind.YEAR).order_by("position").first()
    assert task is not None
    return task


def test_moving_a_deadline_is_kept_as_an_amendment_with_before_and_after(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    task = _first_task(tien_giang_plan)
    before = task.due_text
    new = dataclasses.replace(TaskFields.of(task), due_text="30/06/2027")

    amendment = amend_task(task, new, WHY, by=coordinator, now=AMENDED)

    task.refresh_from_db()
    assert (task.due_kind, task.due_date) == (DueKind.DATE, datetime.date(2027, 6, 30))
    assert task.due_text == "30/06/2027"
    assert amendment.number == 1
    assert amendment.reason == WHY.reason
    assert amendment.amended_on == AMENDED.date()
    assert amendment.changes == [
        {
            "subject": "task",
            "id": task.pk,
            "code": task.code,
            "field": "due",
            "before": before,
            "after": "30/06/2027",
            "public": True,
        }
    ]
    tien_giang_plan.refresh_from_db()
    assert tien_giang_plan.amendment_number == 1
    entry = AuditEntry.objects.get(action="plans.plan.amended")
    assert entry.by == coordinator
    assert entry.after is not None
    assert entry.after["changes"] == amendment.changes


def test_each_amendment_is_the_next_version(tien_giang_plan: Plan, coordinator: User) -> None:
    task = _first_task(tien_giang_plan)
    amend_task(
        task,
        dataclasses.replace(TaskFields.of(task), expected_output="Báo cáo tổng kết"),
        WHY,
        by=coordinator,
        now=AMENDED,
    )
    second = amend_task(
        task,
        dataclasses.replace(TaskFields.of(task), lead=("Sở Tài chính",)),
        Amendment("Phân công lại", AMENDED.date()),
        by=coordinator,
        now=AMENDED,
    )
    assert second.number == 2
    assert list(tien_giang_plan.amendments.values_list("number", flat=True)) == [2, 1]
    change = second.changes[0]
    assert (change["field"], change["after"]) == ("lead", "Sở Tài chính")
    lead = task.agencies.get(role=AgencyRole.LEAD)
    assert lead.organisation is not None
    assert "tai-chinh" in (lead.organisation.code or "")


def test_a_confidential_or_internal_change_is_not_public(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    task = _first_task(tien_giang_plan)
    amendment = amend_task(
        task,
        dataclasses.replace(
            TaskFields.of(task),
            confidential=True,
            expected_output="Đề án mật",
            external_ids=(("he_thong_quoc_gia", "NV-2025-0123"),),
        ),
        WHY,
        by=coordinator,
        now=AMENDED,
    )
    assert {c["field"]: c["public"] for c in amendment.changes} == {
        "expected_output": False,
        "confidential": False,
        "external_ids": False,
    }
    task.refresh_from_db()
    assert task.external_ids == {"he_thong_quoc_gia": "NV-2025-0123"}


def test_the_reports_of_an_amended_task_stay_on_it(
    tien_giang_plan: Plan,
    round_: ReportingRound,
    reporter: User,
    coordinator: User,
    report_task: Callable[..., TaskUpdate],
) -> None:
    task = lead_task_of(round_, reporter)
    update = report_task(task, UpdateContent(status="in_progress", progress=40))
    filed = set(TaskUpdate.objects.filter(task=task))
    amend_task(
        task,
        dataclasses.replace(TaskFields.of(task), due_text="Quý IV/2027"),
        WHY,
        by=coordinator,
        now=AMENDED,
    )
    assert set(TaskUpdate.objects.filter(task=task)) == filed
    assert update in filed
    records = read_records(tien_giang_plan, as_of=AMENDED.date())
    row = next(r for r in records.tasks if r.id == task.pk)
    assert row.facts.update is not None
    assert row.facts.update.progress == 40
    assert row.facts.due.kind == "quarter"


def test_an_archived_task_keeps_its_reports_and_leaves_the_evaluation(
    tien_giang_plan: Plan,
    round_: ReportingRound,
    reporter: User,
    coordinator: User,
    report_task: Callable[..., TaskUpdate],
) -> None:
    task = lead_task_of(round_, reporter)
    report_task(task, UpdateContent(status="in_progress", progress=40))
    filed = set(TaskUpdate.objects.filter(task=task))

    amendment = archive_task(task, WHY, by=coordinator, now=AMENDED)

    task.refresh_from_db()
    assert task.archived_at == AMENDED
    assert set(TaskUpdate.objects.filter(task=task)) == filed
    assert amendment.changes[0]["field"] == "archived"
    records = read_records(tien_giang_plan, as_of=AMENDED.date())
    assert task.pk not in {r.id for r in records.tasks}
    with pytest.raises(PlanError, match="bỏ khỏi kế hoạch"):
        archive_task(task, WHY, by=coordinator, now=AMENDED)


def test_a_task_is_added_with_its_agencies_and_time(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    group = tien_giang_plan.groups.first()
    task = add_task(
        tien_giang_plan,
        title="Xây dựng kho dữ liệu số dùng chung của tỉnh",
        code="",
        group=group,
        new=TaskFields(
            due_text="Quý II/2027",
            lead=("Sở Khoa học và Công nghệ",),
            cooperating=("Sở Tài chính", "Các sở, ban, ngành"),
        ),
        amendment=Amendment("Bổ sung theo chỉ đạo của UBND tỉnh", AMENDED.date()),
        by=coordinator,
        now=AMENDED,
    )
    assert (task.code, task.group, task.due_kind, task.due_quarter) == ("BS1", group, "quarter", 2)
    names = list(task.agencies.order_by("role", "position").values_list("role", "name"))
    assert names == [
        ("cooperating", "Sở Tài chính"),
        ("cooperating", "Các sở, ban, ngành"),
        ("lead", "Sở Khoa học và Công nghệ"),
    ]
    amendment = tien_giang_plan.amendments.get()
    assert amendment.kind == "supplemented"
    assert [c["field"] for c in amendment.changes] == ["added", "due", "lead", "cooperating"]
    assert amendment.changes[0]["after"] == "Xây dựng kho dữ liệu số dùng chung của tỉnh"


def test_an_indicator_gets_agencies_a_baseline_and_an_official_figure(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    indicator = tien_giang_plan.indicators.filter(target__isnull=False, year=2030).first()
    assert indicator is not None
    amendment = amend_indicator(
        indicator,
        IndicatorFields(
            agencies=("Sở Khoa học và Công nghệ",), baseline_value=10.0, baseline_year=2024
        ),
        Figure(12.5, datetime.date(2025, 12, 31), "Niên giám thống kê tỉnh 2025"),
        WHY,
        by=coordinator,
        now=AMENDED,
    )
    indicator.refresh_from_db()
    assert (indicator.baseline_value, indicator.baseline_year) == (10.0, 2024)
    fields = [c["field"] for c in amendment.changes]
    assert fields[-3:] == ["baseline_value", "baseline_year", "official_figure"]
    assert "Niên giám thống kê tỉnh 2025" in amendment.changes[-1]["after"]
    figure = OfficialFigure.objects.get(indicator=indicator)
    assert (figure.value, figure.source, figure.amendment) == (
        12.5,
        "Niên giám thống kê tỉnh 2025",
        amendment,
    )
    records = read_records(tien_giang_plan, as_of=AMENDED.date())
    row = next(r for r in records.indicators if r.id == indicator.pk)
    assert [o.value for o in row.series.values] == [12.5]
    assert row.series.baseline is not None
    assert row.series.baseline.value == 10.0


def test_a_withdrawn_plan_leaves_the_portal_and_stays_for_its_coordinator(
    tien_giang_plan: Plan, coordinator: User, public: object
) -> None:
    withdraw_plan(tien_giang_plan, WHY, by=coordinator, now=AMENDED)
    tien_giang_plan.refresh_from_db()
    assert tien_giang_plan.status == PlanStatus.WITHDRAWN
    assert not visible_plans(public).filter(pk=tien_giang_plan.pk).exists()  # type: ignore[arg-type]
    assert visible_plans(coordinator).filter(pk=tien_giang_plan.pk).exists()
    assert AuditEntry.objects.filter(action="plans.plan.withdrawn").count() == 1
    with pytest.raises(PlanError, match="công bố"):
        withdraw_plan(tien_giang_plan, WHY, by=coordinator, now=AMENDED)
    with pytest.raises(PlanError):
        archive_task(_first_task(tien_giang_plan), WHY, by=coordinator, now=AMENDED)


def test_an_amendment_is_announced_once_committed(
    tien_giang_plan: Plan, coordinator: User, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    heard: list[PlanAmended] = []
    subscribe(PlanAmended, heard.append)
    task = _first_task(tien_giang_plan)
    with django_capture_on_commit_callbacks(execute=True):
        archive_task(task, WHY, by=coordinator, now=AMENDED)
    assert heard == [PlanAmended(plan_id=tien_giang_plan.pk, now=AMENDED)]
    # snapshots subscribes too: today's snapshot was rebuilt without the archived task.
    snapshot = tien_giang_plan.snapshots.get(as_of=AMENDED.date())
    assert str(task.pk) not in {str(t["id"]) for t in snapshot.results["tasks"]}


# --- refusals: a clear message naming the field, nothing stored ----------------------------


def _nothing_stored(plan: Plan, task: Task, due_text: str) -> None:
    task.refresh_from_db()
    plan.refresh_from_db()
    assert task.due_text == due_text
    assert plan.amendment_number == 0
    assert not PlanAmendment.objects.exists()
    assert not AuditEntry.objects.filter(action="plans.plan.amended").exists()


@pytest.mark.parametrize("due_text", ["sớm nhất có thể", "31/02/2027", ""])
def test_a_deadline_that_is_not_a_time_is_refused(
    tien_giang_plan: Plan, coordinator: User, due_text: str
) -> None:
    task = _first_task(tien_giang_plan)
    before = task.due_text
    new = dataclasses.replace(TaskFields.of(task), due_text=due_text)
    with pytest.raises(PlanError, match="Thời gian hoàn thành"):
        amend_task(task, new, WHY, by=coordinator, now=AMENDED)
    _nothing_stored(tien_giang_plan, task, before)


@pytest.mark.parametrize("reason", ["", "   "])
def test_an_amendment_without_a_reason_is_refused(
    tien_giang_plan: Plan, coordinator: User, reason: str
) -> None:
    task = _first_task(tien_giang_plan)
    before = task.due_text
    new = dataclasses.replace(TaskFields.of(task), due_text="2028")
    with pytest.raises(PlanError, match="Lý do"):
        amend_task(task, new, Amendment(reason, AMENDED.date()), by=coordinator, now=AMENDED)
    _nothing_stored(tien_giang_plan, task, before)


def test_an_unknown_agency_is_refused_by_name(tien_giang_plan: Plan, coordinator: User) -> None:
    task = _first_task(tien_giang_plan)
    before = task.due_text
    new = dataclasses.replace(
        TaskFields.of(task), due_text="2028", lead=("Sở Không Tồn Tại Ở Đâu",)
    )
    with pytest.raises(PlanError, match=r"Cơ quan chủ trì.*Sở Không Tồn Tại Ở Đâu"):
        amend_task(task, new, WHY, by=coordinator, now=AMENDED)
    _nothing_stored(tien_giang_plan, task, before)
    assert task.agencies.filter(name="Sở Không Tồn Tại Ở Đâu").count() == 0


def test_a_task_of_another_plan_is_refused(
    tien_giang_plan: Plan, coordinator: User, import_gold: Callable[..., Plan]
) -> None:
    other = import_gold("003_de113db257313a93.json")
    foreign = other.tasks.first()
    assert foreign is not None
    foreign.plan = tien_giang_plan  # as a forged request would name it
    with pytest.raises(PlanError, match="không thuộc"):
        archive_task(foreign, WHY, by=coordinator, now=AMENDED)
    foreign.refresh_from_db()
    assert foreign.archived_at is None


def test_an_amendment_dated_in_the_future_or_changing_nothing_is_refused(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    task = _first_task(tien_giang_plan)
    with pytest.raises(PlanError, match="Ngày điều chỉnh"):
        amend_task(
            task,
            dataclasses.replace(TaskFields.of(task), due_text="2028"),
            Amendment("Lý do", AMENDED.date() + datetime.timedelta(days=1)),
            by=coordinator,
            now=AMENDED,
        )
    with pytest.raises(PlanError, match="Không có gì thay đổi"):
        amend_task(task, TaskFields.of(task), WHY, by=coordinator, now=AMENDED)
    assert not PlanAmendment.objects.exists()


def test_an_amendment_of_today_in_vietnam_is_taken_before_7_in_the_morning(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    """At 00:30 on 3 December in Hà Nội it is still 2 December in UTC: the day the form offers
    (the platform's today) is not in the future."""
    task = _first_task(tien_giang_plan)
    night = datetime.datetime(2026, 12, 2, 17, 30, tzinfo=datetime.UTC)
    amendment = amend_task(
        task,
        dataclasses.replace(TaskFields.of(task), due_text="30/06/2027"),
        Amendment("Quyết định số 45/QĐ-UBND", datetime.date(2026, 12, 3)),
        by=coordinator,
        now=night,
    )
    assert amendment.amended_on == datetime.date(2026, 12, 3)


def test_an_official_figure_without_its_source_is_refused(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    indicator = tien_giang_plan.indicators.first()
    assert indicator is not None
    with pytest.raises(PlanError, match="Nguồn"):
        amend_indicator(
            indicator,
            IndicatorFields(agencies=tuple(a.name for a in indicator.agencies.all())),
            Figure(3.0, datetime.date(2025, 12, 31), " "),
            WHY,
            by=coordinator,
            now=AMENDED,
        )
    assert not OfficialFigure.objects.exists()


# --- publication and re-import ---------------------------------------------------------------


def test_publishing_an_import_already_published_is_refused(orgs: None) -> None:
    upload = SimpleUploadedFile(TIEN_GIANG, (GOLD / TIEN_GIANG).read_bytes())
    draft = stage_import(upload, by=None, now=NOW)
    publish_import(draft, by=None, now=NOW)
    with pytest.raises(PlanError, match="đã ở trạng thái “đã công bố”"):
        publish_import(draft, by=None, now=NOW)
    assert Plan.objects.count() == 1


def test_a_new_version_does_not_silently_undo_amendments(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    task = _first_task(tien_giang_plan)
    amend_task(
        task,
        dataclasses.replace(TaskFields.of(task), due_text="30/06/2027"),
        WHY,
        by=coordinator,
        now=AMENDED,
    )
    # The same document with one byte more: a new upload of the plan, its next version.
    upload = SimpleUploadedFile("69-v2.json", (GOLD / TIEN_GIANG).read_bytes() + b"\n")
    draft = stage_import(upload, by=coordinator, now=AMENDED + datetime.timedelta(days=1))
    assert draft.replaces == tien_giang_plan
    assert any("điều chỉnh" in w for w in draft.plan_json["warnings"])
    with pytest.raises(PlanError, match="điều chỉnh"):
        publish_import(draft, by=coordinator, now=AMENDED + datetime.timedelta(days=1))
    task.refresh_from_db()
    assert task.due_text == "30/06/2027"
    plan = publish_import(
        draft,
        by=coordinator,
        now=AMENDED + datetime.timedelta(days=1),
        confirm_amendments=True,
    )
    assert plan.version == 2
