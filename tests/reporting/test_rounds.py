"""Opening, locking, reopening and closing a round, and every refusal."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User

from tests.builders import AFTER, DEADLINE, DURING, OPENED, open_half_year_round
from tests.reporting.conftest import IN_PROGRESS
from theodoi.orgs.models import Organisation
from theodoi.plans.models import Plan, Task
from theodoi.reporting.access import accepts_reports_from
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import (
    ReportingRound,
    RoundState,
)
from theodoi.reporting.review import accept_update
from theodoi.reporting.rounds import close_round, lock_due_rounds, open_round, reopen_round_for
from theodoi.reporting.updates import save_draft, submit_update

pytestmark = pytest.mark.django_db


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
        open_half_year_round(tien_giang_plan, by=reporter)


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
    assert not accepts_reports_from(round_, other_reporter.memberships.get().organisation, AFTER)
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
