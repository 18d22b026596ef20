"""A round's changes through the real services: its dates corrected, its deadline extended,
locked early, reopened for chosen agencies; an ad-hoc round opened for chosen tasks or
agencies. Each is audited, told to the agencies concerned, and refused whole when wrong."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User

from tests.builders import (
    AFTER,
    DEADLINE,
    DURING,
    agency_of,
    lead_task_of,
    tasks_of,
)
from tests.reporting.conftest import IN_PROGRESS
from theodoi.audit.actions import Action
from theodoi.audit.models import AuditEntry
from theodoi.notify.models import Notice
from theodoi.notify.services import due_reminders
from theodoi.plans.models import AgencyRole, Plan
from theodoi.reporting.access import accepts_reports_from
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import (
    AdHocRound,
    ReportingRound,
    RoundChange,
    RoundReopening,
    RoundState,
)
from theodoi.reporting.round_changes import (
    edit_round,
    extend_round,
    lock_round_early,
    open_ad_hoc_round,
    reopen_round_for_agencies,
)
from theodoi.reporting.updates import submit_update
from theodoi.reporting.worklist import agency_indicators, agency_tasks

LATER = DEADLINE + datetime.timedelta(days=14)


def refused(call: Any) -> str:
    counted = (AuditEntry, RoundChange, RoundReopening, ReportingRound, AdHocRound)
    before = [model.objects.count() for model in counted]
    with pytest.raises(ReportingError) as caught:
        call()
    assert [model.objects.count() for model in counted] == before
    return str(caught.value)


def test_the_coordinator_corrects_the_dates_of_a_round(
    round_: ReportingRound, coordinator: User
) -> None:
    edit_round(
        round_,
        title="Báo cáo 6 tháng đầu năm 2026 (sửa)",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 15),
        cut_off=datetime.date(2026, 5, 20),
        reminder_days=[5, 2],
        by=coordinator,
        now=DURING,
    )
    round_.refresh_from_db()
    assert round_.period_start == datetime.date(2026, 1, 1)
    assert round_.cut_off == datetime.date(2026, 5, 20)
    assert round_.reminder_days == [5, 2]
    assert round_.deadline == DEADLINE
    entry = AuditEntry.objects.get(action=Action.ROUND_EDITED)
    assert entry.before["cut_off"] == "2026-05-15"
    assert entry.after["cut_off"] == "2026-05-20"


def test_dates_that_close_before_opening_are_refused(
    round_: ReportingRound, coordinator: User
) -> None:
    message = refused(
        lambda: edit_round(
            round_,
            title=round_.title,
            period_start=datetime.date(2026, 6, 5),
            period_end=datetime.date(2026, 6, 30),
            cut_off=datetime.date(2026, 6, 5),
            reminder_days=[7],
            by=coordinator,
            now=DURING,
        )
    )
    assert "sẽ đóng ngày 01/06/2026, trước khi mở vào ngày 05/06/2026" in message


def test_extending_a_round_moves_its_deadline_and_tells_its_agencies(
    round_: ReportingRound,
    coordinator: User,
    reporter: User,
    other_reporter: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        extend_round(round_, deadline=LATER, by=coordinator, now=DURING)
    round_.refresh_from_db()
    assert round_.deadline == LATER
    change = RoundChange.objects.get()
    assert (change.old_deadline, change.new_deadline) == (DEADLINE, LATER)
    entry = AuditEntry.objects.get(action=Action.ROUND_EXTENDED)
    assert entry.before["deadline"] == DEADLINE.isoformat()
    told = Notice.objects.filter(key__startswith="round:extended")
    assert {n.recipient for n in told} == {reporter, other_reporter}
    mine = told.get(recipient=reporter)
    assert (
        mine.subject
        == "Kỳ báo cáo “Báo cáo 6 tháng đầu năm 2026” được gia hạn đến 00:00 15/06/2026"
    )
    assert "thay vì 00:00 01/06/2026" in mine.body


def test_extending_a_locked_round_opens_it_again_for_everyone(
    round_: ReportingRound, coordinator: User, reporter: User
) -> None:
    lock_round_early(round_, by=coordinator, now=DURING)
    round_.refresh_from_db()
    organisation = agency_of(reporter)
    assert not accepts_reports_from(round_, organisation, DURING + datetime.timedelta(hours=1))
    extend_round(round_, deadline=LATER, by=coordinator, now=AFTER)
    round_.refresh_from_db()
    assert round_.state == RoundState.OPEN
    assert accepts_reports_from(round_, organisation, AFTER)


def test_an_extension_to_an_earlier_day_or_a_closed_round_is_refused(
    round_: ReportingRound, coordinator: User
) -> None:
    earlier = DEADLINE - datetime.timedelta(days=3)
    message = refused(lambda: extend_round(round_, deadline=earlier, by=coordinator, now=DURING))
    assert "phải sau hạn hiện tại là 00:00 01/06/2026" in message
    assert "phải sau" in refused(
        lambda: extend_round(round_, deadline=DEADLINE, by=coordinator, now=DURING)
    )


def test_locking_early_makes_now_the_deadline(
    round_: ReportingRound, coordinator: User, reporter: User
) -> None:
    lock_round_early(round_, by=coordinator, now=DURING)
    round_.refresh_from_db()
    assert (round_.state, round_.deadline) == (RoundState.LOCKED, DURING)
    assert AuditEntry.objects.filter(action=Action.ROUND_LOCKED_EARLY).count() == 1
    task = lead_task_of(round_, reporter)
    with pytest.raises(ReportingError, match="đã khóa"):
        submit_update(round_, task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    assert "Kỳ báo cáo đã khóa." in refused(
        lambda: lock_round_early(round_, by=coordinator, now=DURING)
    )


def test_reopening_for_chosen_agencies_lets_those_report_and_tells_them(
    round_: ReportingRound,
    coordinator: User,
    reporter: User,
    other_reporter: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    lock_round_early(round_, by=coordinator, now=DURING)
    round_.refresh_from_db()
    mine, theirs = agency_of(reporter), agency_of(other_reporter)
    until = AFTER + datetime.timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        reopenings = reopen_round_for_agencies(
            round_, [mine], until=until, by=coordinator, now=AFTER
        )
    assert [r.organisation for r in reopenings] == [mine]
    assert accepts_reports_from(round_, mine, AFTER)
    assert not accepts_reports_from(round_, theirs, AFTER)
    told = Notice.objects.filter(key__startswith="round:reopened")
    assert {n.recipient for n in told} == {reporter}


def test_reopening_for_no_agency_or_one_without_tasks_stores_nothing(
    round_: ReportingRound, coordinator: User, reporter: User, tien_giang_plan: Plan
) -> None:
    lock_round_early(round_, by=coordinator, now=DURING)
    message = refused(
        lambda: reopen_round_for_agencies(round_, [], until=LATER, by=coordinator, now=AFTER)
    )
    assert message == "Chọn ít nhất một đơn vị để mở lại kỳ báo cáo."
    province = tien_giang_plan.province
    assert province is not None
    mine = agency_of(reporter)
    # One agency with tasks and one without: all or none.
    assert "không có nhiệm vụ" in refused(
        lambda: reopen_round_for_agencies(
            round_, [mine, province], until=LATER, by=coordinator, now=AFTER
        )
    )


def test_only_the_coordinator_of_the_plan_s_scope_changes_a_round(
    round_: ReportingRound, other_coordinator: User, inspector: User, leader: User
) -> None:
    def calls(person: User) -> list[Any]:
        return [
            lambda: extend_round(round_, deadline=LATER, by=person, now=DURING),
            lambda: lock_round_early(round_, by=person, now=DURING),
            lambda: edit_round(
                round_,
                title="x",
                period_start=round_.period_start,
                period_end=round_.period_end,
                cut_off=round_.cut_off,
                reminder_days=[7],
                by=person,
                now=DURING,
            ),
        ]

    for person in (other_coordinator, inspector, leader):
        for call in calls(person):
            assert refused(call) == "Chỉ cơ quan đầu mối được thực hiện việc này."


# --- ad-hoc rounds --------------------------------------------------------------------------


def ad_hoc(plan: Plan, by: User, **chosen: Any) -> ReportingRound:
    return open_ad_hoc_round(
        plan,
        title="Báo cáo đột xuất theo yêu cầu của Ban Chỉ đạo",
        reason="Ban Chỉ đạo tỉnh yêu cầu báo cáo tiến độ chuyển đổi số.",
        tasks=chosen.get("tasks", []),
        organisations=chosen.get("organisations", []),
        deadline=chosen.get("deadline", DURING + datetime.timedelta(days=7)),
        by=by,
        now=DURING,
    )


def test_an_ad_hoc_round_asks_only_the_chosen_tasks_of_the_chosen_agencies(
    tien_giang_plan: Plan,
    coordinator: User,
    reporter: User,
    other_reporter: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    mine = agency_of(reporter)
    task = tasks_of(tien_giang_plan, mine, AgencyRole.LEAD)[0]
    with django_capture_on_commit_callbacks(execute=True):
        round_ = ad_hoc(tien_giang_plan, coordinator, tasks=[task.pk])
    assert [item.task for item in agency_tasks(round_, mine)] == [task]
    assert agency_indicators(round_, mine) == []
    theirs = agency_of(other_reporter)
    named = set(task.agencies.values_list("organisation_id", flat=True))
    assert accepts_reports_from(round_, theirs, DURING) == bool(named & theirs.lineage_ids())
    entry = AuditEntry.objects.get(action=Action.ROUND_AD_HOC_OPENED)
    assert entry.after["tasks"] == [task.pk]
    told = Notice.objects.filter(key__startswith=f"round:opened:{round_.pk}:")
    assert reporter in {n.recipient for n in told}
    assert "báo cáo 1 nhiệm vụ và 0 chỉ tiêu" in told.get(recipient=reporter).body
    # A task not asked for is refused even from an agency of the round.
    other = tasks_of(tien_giang_plan, mine, AgencyRole.LEAD)[1]
    with pytest.raises(ReportingError, match="không thuộc kỳ báo cáo đột xuất"):
        submit_update(round_, other, IN_PROGRESS, by=reporter, based_on=0, now=DURING)
    submit_update(round_, task, IN_PROGRESS, by=reporter, based_on=0, now=DURING)


def test_an_ad_hoc_round_for_one_agency_asks_it_all_its_tasks_and_no_one_else(
    tien_giang_plan: Plan, coordinator: User, reporter: User, other_reporter: User
) -> None:
    mine, theirs = agency_of(reporter), agency_of(other_reporter)
    named = [o for o in tien_giang_plan.tasks.values_list("agencies__organisation", flat=True) if o]
    chosen = next(o for o in named if o in mine.lineage_ids())
    round_ = ad_hoc(tien_giang_plan, coordinator, organisations=[chosen])
    assert {i.task for i in agency_tasks(round_, mine)} == set(
        tien_giang_plan.tasks.filter(agencies__organisation_id=chosen)
    )
    assert agency_tasks(round_, theirs) == []
    assert not accepts_reports_from(round_, theirs, DURING)
    reminded = {n.recipient for n in due_reminders(DURING.date() + datetime.timedelta(days=6))}
    assert other_reporter not in reminded


def test_an_ad_hoc_round_with_no_task_or_closing_before_it_opens_is_refused(
    tien_giang_plan: Plan, coordinator: User, other_coordinator: User
) -> None:
    message = refused(lambda: ad_hoc(tien_giang_plan, coordinator))
    assert message == "Chọn ít nhất một nhiệm vụ, hoặc các đơn vị cần báo cáo nhiệm vụ của mình."
    task = tien_giang_plan.tasks.first()
    assert task is not None
    message = refused(
        lambda: ad_hoc(
            tien_giang_plan,
            coordinator,
            tasks=[task.pk],
            deadline=DURING - datetime.timedelta(hours=1),
        )
    )
    assert "trước khi mở vào" in message
    assert "Chỉ cơ quan đầu mối" in refused(
        lambda: ad_hoc(tien_giang_plan, other_coordinator, tasks=[task.pk])
    )


def test_a_round_opened_is_told_once_however_often_it_is_planned(
    tien_giang_plan: Plan,
    coordinator: User,
    reporter: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from theodoi.notify import jobs

    with django_capture_on_commit_callbacks(execute=True):
        round_ = ad_hoc(tien_giang_plan, coordinator, organisations=[agency_of(reporter).pk])
    told = Notice.objects.filter(key__startswith=f"round:opened:{round_.pk}:")
    assert list(told.values_list("recipient", flat=True)) == [reporter.pk]
    jobs.notify_rounds.call_local(now=(DURING + datetime.timedelta(minutes=10)).isoformat())
    assert list(told.values_list("recipient", flat=True)) == [reporter.pk]


def test_an_ad_hoc_round_is_not_the_period_agencies_are_scored_on(
    round_: ReportingRound, coordinator: User, reporter: User
) -> None:
    from theodoi.snapshots.records import current_round

    task = lead_task_of(round_, reporter)
    ad_hoc(
        round_.plan, coordinator, tasks=[task.pk], deadline=DEADLINE + datetime.timedelta(days=3)
    )
    assert current_round(round_.plan, DURING.date()) == round_
