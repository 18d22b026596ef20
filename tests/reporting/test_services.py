"""Every transition of a round, a task update and an indicator figure, and every refusal."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from tests.reporting.conftest import AFTER, DEADLINE, DONE, DURING, IN_PROGRESS, OPENED
from theodoi.orgs.models import Organisation
from theodoi.plans.models import Indicator, Plan, Task
from theodoi.reporting.access import accepts_reports_from
from theodoi.reporting.errors import ConfirmationNeededError, ReportingError, StaleVersionError
from theodoi.reporting.evidence import attach_evidence
from theodoi.reporting.models import (
    Evidence,
    IndicatorValue,
    ReportingRound,
    ReviewState,
    RoundState,
    TaskUpdate,
)
from theodoi.reporting.review import accept_update, bulk_accept, return_update
from theodoi.reporting.rounds import close_round, lock_due_rounds, open_round, reopen_round_for
from theodoi.reporting.updates import save_draft, submit_update
from theodoi.reporting.values import record_indicator_value

pytestmark = pytest.mark.django_db
LATER = DURING + datetime.timedelta(hours=2)
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


# --- rounds ----------------------------------------------------------------------------------


def test_a_round_opens_with_default_reminders(round_: ReportingRound) -> None:
    assert round_.state == RoundState.OPEN
    assert round_.reminder_days == [7, 3, 1]
    assert round_.deadline == DEADLINE


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"period_start": datetime.date(2026, 6, 1)}, "bắt đầu trước khi"),
        ({"cut_off": datetime.date(2026, 6, 5)}, "chốt số liệu"),
        ({"deadline": OPENED - datetime.timedelta(days=1)}, "tương lai"),
        ({"title": "  "}, "tên"),
        ({"reminder_days": [7, 0]}, "nhắc"),
    ],
)
def test_a_round_with_inconsistent_dates_is_refused(
    tien_giang_plan: Plan, coordinator: User, changes: dict[str, object], message: str
) -> None:
    fields: dict[str, object] = {
        "title": "Kỳ 1",
        "period_start": datetime.date(2025, 11, 15),
        "period_end": datetime.date(2026, 5, 31),
        "cut_off": datetime.date(2026, 5, 15),
        "deadline": DEADLINE,
        **changes,
    }
    with pytest.raises(ReportingError, match=message):
        open_round(tien_giang_plan, **fields, by=coordinator, now=OPENED)  # type: ignore[arg-type]
    assert not ReportingRound.objects.exists()


def test_a_reporter_cannot_open_a_round(tien_giang_plan: Plan, reporter: User) -> None:
    with pytest.raises(ReportingError, match="cơ quan đầu mối"):
        open_round(
            tien_giang_plan,
            title="Kỳ 1",
            period_start=datetime.date(2025, 11, 15),
            period_end=datetime.date(2026, 5, 31),
            cut_off=datetime.date(2026, 5, 15),
            deadline=DEADLINE,
            by=reporter,
            now=OPENED,
        )


def test_rounds_lock_at_their_deadline_once(round_: ReportingRound) -> None:
    assert lock_due_rounds(DEADLINE - datetime.timedelta(seconds=1)) == []
    assert lock_due_rounds(DEADLINE) == [round_]
    assert lock_due_rounds(AFTER) == []
    round_.refresh_from_db()
    assert round_.state == RoundState.LOCKED


def test_a_locked_round_refuses_a_late_update_until_reopened_for_that_agency(
    round_: ReportingRound,
    lead_task: Task,
    reporter: User,
    reporter_org: Organisation,
    other_reporter: User,
    coordinator: User,
) -> None:
    lock_due_rounds(DEADLINE)
    with pytest.raises(ReportingError, match="đã khóa"):
        save_draft(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=AFTER)

    reopen_round_for(
        round_, reporter_org, by=coordinator, until=AFTER + datetime.timedelta(days=3), now=AFTER
    )
    assert save_draft(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=AFTER)
    assert not accepts_reports_from(round_, other_reporter.membership.organisation, AFTER)
    assert not accepts_reports_from(round_, reporter_org, AFTER + datetime.timedelta(days=4))


def test_an_open_round_is_past_its_deadline_even_before_the_lock_job_runs(
    round_: ReportingRound, lead_task: Task, reporter: User
) -> None:
    with pytest.raises(ReportingError, match="đã khóa"):
        save_draft(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DEADLINE)


def test_a_round_still_open_is_not_reopened(
    round_: ReportingRound, reporter_org: Organisation, coordinator: User
) -> None:
    with pytest.raises(ReportingError, match="đang mở"):
        reopen_round_for(round_, reporter_org, by=coordinator, until=AFTER, now=DURING)


def test_a_round_is_not_reopened_for_an_agency_outside_the_plan(
    round_: ReportingRound, coordinator: User
) -> None:
    lock_due_rounds(DEADLINE)
    stranger = Organisation.objects.get(code="ha-noi")
    with pytest.raises(ReportingError, match="không có nhiệm vụ"):
        reopen_round_for(
            round_, stranger, by=coordinator, until=AFTER + datetime.timedelta(days=1), now=AFTER
        )


# --- task updates ----------------------------------------------------------------------------


def test_each_save_is_a_new_version_and_none_is_changed(
    round_: ReportingRound, lead_task: Task, reporter: User
) -> None:
    first = save_draft(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    more = dataclasses.replace(IN_PROGRESS, progress=60)
    second = save_draft(round_, lead_task, more, by=reporter, based_on=1, now=LATER)
    third = submit_update(round_, lead_task, more, by=reporter, based_on=2, now=LATER)

    rows = list(TaskUpdate.objects.filter(task=lead_task).order_by("version"))
    assert [(r.version, r.state, r.progress) for r in rows] == [
        (1, "draft", 40),
        (2, "draft", 60),
        (3, "submitted", 60),
    ]
    assert (first.pk, second.pk, third.pk) == tuple(r.pk for r in rows)
    assert rows[0].role == "lead"


def test_a_cooperating_agency_reports_its_part(
    round_: ReportingRound, cooperating_task: Task, reporter: User
) -> None:
    update = submit_update(
        round_, cooperating_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING
    )
    assert update.role == "cooperating"


def test_a_reporter_cannot_report_on_another_agencys_task(
    round_: ReportingRound, foreign_task: Task, reporter: User
) -> None:
    with pytest.raises(ReportingError, match="không chủ trì, không phối hợp"):
        save_draft(round_, foreign_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    assert not TaskUpdate.objects.exists()


def test_a_coordinator_does_not_report_for_an_agency(
    round_: ReportingRound, lead_task: Task, coordinator: User
) -> None:
    with pytest.raises(ReportingError, match="cán bộ báo cáo"):
        save_draft(round_, lead_task, IN_PROGRESS, by=coordinator, based_on=0, now=DURING)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (dataclasses.replace(DONE, completed_on=None), "ngày hoàn thành"),
        (dataclasses.replace(DONE, progress=90), "100%"),
        (dataclasses.replace(IN_PROGRESS, progress=120), "120%"),
        (dataclasses.replace(IN_PROGRESS, status="finished"), "sáu trạng thái"),
        (dataclasses.replace(IN_PROGRESS, completed_on=datetime.date(2026, 5, 1)), "chỉ nhiệm vụ"),
        (dataclasses.replace(DONE, completed_on=datetime.date(2026, 7, 1)), "tương lai"),
    ],
)
def test_an_update_that_contradicts_itself_is_refused(
    round_: ReportingRound, lead_task: Task, reporter: User, content: object, message: str
) -> None:
    with pytest.raises(ReportingError, match=message):
        submit_update(round_, lead_task, content, by=reporter, based_on=0, now=DURING)  # type: ignore[arg-type]
    assert not TaskUpdate.objects.exists()


def test_a_save_from_an_old_version_is_refused_and_shows_the_newer_one(
    round_: ReportingRound, lead_task: Task, reporter: User, make_user: object
) -> None:
    save_draft(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    theirs = save_draft(
        round_,
        lead_task,
        dataclasses.replace(IN_PROGRESS, progress=70),
        by=reporter,
        based_on=1,
        now=LATER,
    )
    with pytest.raises(StaleVersionError, match="Người khác đã lưu") as refused:
        save_draft(
            round_,
            lead_task,
            dataclasses.replace(IN_PROGRESS, progress=50),
            by=reporter,
            based_on=1,
            now=LATER,
        )
    assert refused.value.current == theirs
    assert TaskUpdate.objects.filter(task=lead_task).count() == 2


def test_a_submitted_update_cannot_be_changed_until_returned(
    round_: ReportingRound, lead_task: Task, reporter: User, coordinator: User
) -> None:
    submitted = submit_update(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    with pytest.raises(ReportingError, match="đã gửi"):
        save_draft(round_, lead_task, DONE, by=reporter, based_on=1, now=LATER)

    returned = return_update(submitted, by=coordinator, reason="Thiếu minh chứng.", now=LATER)
    assert (returned.version, returned.state, returned.return_reason) == (
        2,
        "returned",
        "Thiếu minh chứng.",
    )
    fixed = submit_update(round_, lead_task, DONE, by=reporter, based_on=2, now=LATER)
    accepted = accept_update(fixed, by=coordinator, now=LATER)
    assert (accepted.version, accepted.state, accepted.status) == (4, "accepted", "done_on_time")
    with pytest.raises(ReportingError, match="đã tiếp nhận"):
        save_draft(round_, lead_task, DONE, by=reporter, based_on=4, now=LATER)


def test_a_return_needs_a_reason(
    round_: ReportingRound, lead_task: Task, reporter: User, coordinator: User
) -> None:
    submitted = submit_update(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    with pytest.raises(ReportingError, match="lý do"):
        return_update(submitted, by=coordinator, reason="   ", now=LATER)
    assert TaskUpdate.objects.filter(task=lead_task).count() == 1


def test_only_a_submitted_update_is_reviewed(
    round_: ReportingRound, lead_task: Task, reporter: User, coordinator: User
) -> None:
    draft = save_draft(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    with pytest.raises(ReportingError, match="đã gửi"):
        accept_update(draft, by=coordinator, now=LATER)


def test_a_reporter_cannot_accept_its_own_update(
    round_: ReportingRound, lead_task: Task, reporter: User
) -> None:
    submitted = submit_update(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    with pytest.raises(ReportingError, match="cơ quan đầu mối"):
        accept_update(submitted, by=reporter, now=LATER)


def test_an_old_version_is_not_reviewed(
    round_: ReportingRound, lead_task: Task, reporter: User, coordinator: User
) -> None:
    submitted = submit_update(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    accept_update(submitted, by=coordinator, now=LATER)
    with pytest.raises(StaleVersionError):
        return_update(submitted, by=coordinator, reason="Sai số liệu.", now=LATER)


def test_bulk_accept_accepts_all_or_none(
    round_: ReportingRound,
    lead_task: Task,
    cooperating_task: Task,
    reporter: User,
    coordinator: User,
) -> None:
    one = submit_update(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    draft = save_draft(round_, cooperating_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    with pytest.raises(ReportingError):
        bulk_accept([one, draft], by=coordinator, now=LATER)
    assert not TaskUpdate.objects.filter(state=ReviewState.ACCEPTED).exists()

    two = submit_update(round_, cooperating_task, IN_PROGRESS, by=reporter, based_on=1, now=LATER)
    accepted = bulk_accept([one, two], by=coordinator, now=LATER)
    assert [a.state for a in accepted] == ["accepted", "accepted"]


# --- indicator figures -----------------------------------------------------------------------


def test_a_figure_is_recorded_submitted_and_accepted(
    round_: ReportingRound, percent_indicator: Indicator, reporter: User, coordinator: User
) -> None:
    value = record_indicator_value(
        round_,
        percent_indicator,
        value=42.5,
        measured_on=datetime.date(2026, 5, 15),
        source="Cục Thống kê",
        submit=True,
        by=reporter,
        based_on=0,
        now=DURING,
    )
    accepted = accept_update(value, by=coordinator, now=LATER)
    assert (accepted.value, accepted.state, accepted.version) == (42.5, "accepted", 2)


def test_a_percentage_over_100_is_refused_with_the_indicator_named(
    round_: ReportingRound, percent_indicator: Indicator, reporter: User
) -> None:
    with pytest.raises(ReportingError, match=f"Chỉ tiêu {percent_indicator.code}: .*120%"):
        record_indicator_value(
            round_,
            percent_indicator,
            value=120,
            measured_on=datetime.date(2026, 5, 15),
            by=reporter,
            based_on=0,
            now=DURING,
        )
    assert not IndicatorValue.objects.exists()


def test_a_figure_dated_after_the_cut_off_is_refused(
    round_: ReportingRound, percent_indicator: Indicator, reporter: User
) -> None:
    with pytest.raises(ReportingError, match="sau ngày chốt số liệu 15/05/2026"):
        record_indicator_value(
            round_,
            percent_indicator,
            value=20,
            measured_on=datetime.date(2026, 5, 20),
            by=reporter,
            based_on=0,
            now=DURING,
        )


@pytest.mark.usefixtures("accepted_baseline")
def test_a_baseline_is_entered_once(
    round_: ReportingRound, percent_indicator: Indicator, reporter: User
) -> None:
    with pytest.raises(ReportingError, match="chỉ nhập một lần"):
        record_indicator_value(
            round_,
            percent_indicator,
            value=25,
            measured_on=datetime.date(2024, 12, 31),
            baseline=True,
            by=reporter,
            based_on=2,
            now=LATER,
        )


def test_a_baseline_the_plan_states_cannot_be_entered_again(
    round_: ReportingRound, percent_indicator: Indicator, reporter: User
) -> None:
    percent_indicator.baseline_value = 12.5
    percent_indicator.save(update_fields=["baseline_value"])
    with pytest.raises(ReportingError, match="12,5"):
        record_indicator_value(
            round_,
            percent_indicator,
            value=20,
            measured_on=datetime.date(2024, 12, 31),
            baseline=True,
            by=reporter,
            based_on=0,
            now=DURING,
        )
    assert not IndicatorValue.objects.filter(indicator=percent_indicator).exists()


@pytest.mark.usefixtures("accepted_baseline")
def test_a_figure_far_from_the_baseline_needs_confirmation(
    round_: ReportingRound, percent_indicator: Indicator, reporter: User
) -> None:
    figure = {
        "value": 90,
        "measured_on": datetime.date(2026, 5, 15),
        "by": reporter,
        "based_on": 0,
        "now": LATER,
    }
    with pytest.raises(ConfirmationNeededError, match="gấp 4,5 lần"):
        record_indicator_value(round_, percent_indicator, **figure)  # type: ignore[arg-type]
    confirmed = record_indicator_value(round_, percent_indicator, confirmed=True, **figure)  # type: ignore[arg-type]
    assert confirmed.confirmed_jump


def test_a_reporter_records_only_its_own_indicators(
    round_: ReportingRound, percent_indicator: Indicator, other_reporter: User
) -> None:
    with pytest.raises(ReportingError, match="không thuộc các cơ quan"):
        record_indicator_value(
            round_,
            percent_indicator,
            value=20,
            measured_on=datetime.date(2026, 5, 15),
            by=other_reporter,
            based_on=0,
            now=DURING,
        )


# --- evidence --------------------------------------------------------------------------------


def test_evidence_is_stored_with_its_checksum_and_type(
    round_: ReportingRound, lead_task: Task, reporter: User
) -> None:
    evidence = attach_evidence(
        round_, lead_task, ContentFile(PDF, name="ke-hoach.pdf"), by=reporter, now=DURING
    )
    assert evidence.content_type == "application/pdf"
    assert evidence.size == len(PDF)
    assert len(evidence.sha256) == 64
    assert evidence.file.read() == PDF
    assert "ke-hoach" not in evidence.file.name


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "trong.pdf", "trống"),
        (b"MZ\x90\x00\x03" + b"\x00" * 200, "bao-cao.pdf", "không phải PDF"),
        (b"<html><script>alert(1)</script></html>", "anh.png", "không phải PDF"),
    ],
)
def test_evidence_of_the_wrong_kind_is_refused(
    round_: ReportingRound, lead_task: Task, reporter: User, data: bytes, name: str, message: str
) -> None:
    with pytest.raises(ReportingError, match=message):
        attach_evidence(round_, lead_task, ContentFile(data, name=name), by=reporter, now=DURING)
    assert not Evidence.objects.exists()


def test_evidence_over_the_size_limit_is_refused(
    round_: ReportingRound, lead_task: Task, reporter: User, settings: object
) -> None:
    settings.THEODOI_MAX_UPLOAD_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ReportingError, match=r"lon.pdf.*giới hạn.* 1 MB"):
        attach_evidence(
            round_, lead_task, ContentFile(big, name="lon.pdf"), by=reporter, now=DURING
        )


def test_the_same_file_is_attached_once(
    round_: ReportingRound, lead_task: Task, reporter: User
) -> None:
    attach_evidence(round_, lead_task, ContentFile(PDF, name="a.pdf"), by=reporter, now=DURING)
    with pytest.raises(ReportingError, match="đã được đính kèm"):
        attach_evidence(round_, lead_task, ContentFile(PDF, name="b.pdf"), by=reporter, now=LATER)


def test_a_round_closes_only_after_its_deadline_and_its_review(
    round_: ReportingRound,
    lead_task: Task,
    reporter: User,
    reporter_org: Organisation,
    coordinator: User,
) -> None:
    submitted = submit_update(round_, lead_task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    with pytest.raises(ReportingError, match="còn mở đến hạn"):
        close_round(round_, by=coordinator, now=DURING)
    with pytest.raises(ReportingError, match="Còn 1 báo cáo chờ xem xét"):
        close_round(round_, by=coordinator, now=AFTER)
    accept_update(submitted, by=coordinator, now=AFTER)
    reopen_round_for(
        round_, reporter_org, by=coordinator, until=AFTER + datetime.timedelta(days=5), now=AFTER
    )

    closed = close_round(round_, by=coordinator, now=AFTER)
    assert closed.state == RoundState.CLOSED
    # Closed means closed, even for the agency it was reopened for.
    assert not accepts_reports_from(closed, reporter_org, AFTER)
    with pytest.raises(ReportingError, match="đã kết thúc"):
        reopen_round_for(
            round_,
            reporter_org,
            by=coordinator,
            until=AFTER + datetime.timedelta(days=9),
            now=AFTER,
        )
    with pytest.raises(ReportingError, match="đã kết thúc"):
        close_round(round_, by=coordinator, now=AFTER)
