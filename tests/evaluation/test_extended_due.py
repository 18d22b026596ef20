"""A task granted an extension is judged on the granted day, and keeps the plan's own day
beside it (đã gia hạn)."""

from __future__ import annotations

import datetime

import pytest

from theodoi.evaluation.due import Due, due_date
from theodoi.evaluation.status import (
    AcceptedUpdate,
    TaskFacts,
    TaskStatus,
    UpdateState,
    task_status,
)

D = datetime.date
QUARTER = Due(kind="quarter", start_year=2026, quarter=2)  # Quý II/2026 → 30/06/2026
GRANTED = D(2026, 9, 30)


@pytest.mark.parametrize(
    ("due", "planned"),
    [
        (QUARTER, D(2026, 6, 30)),
        (Due(kind="year", start_year=2026), D(2026, 12, 31)),
        (Due(kind="month", start_year=2026, month=6), D(2026, 6, 30)),
        (Due(kind="date", on=D(2026, 3, 15)), D(2026, 3, 15)),
        (Due(kind="range", start_year=2025, end_year=2026), D(2026, 12, 31)),
        (
            Due(
                kind="conditional",
                condition="Sau khi có Quyết định",
                condition_met_on=D(2026, 1, 5),
                start_year=2026,
            ),
            D(2026, 12, 31),
        ),
    ],
)
def test_an_extension_moves_the_due_day_and_keeps_the_plan_s(due: Due, planned: D) -> None:
    later = planned + datetime.timedelta(days=60)
    extended = due_date(Due(**{**due.__dict__, "extended_on": later}))
    assert extended.on == later
    assert extended.original_on == planned
    assert extended.extended
    assert f"Đã gia hạn đến ngày {later:%d/%m/%Y}" in extended.why
    assert f"hạn ban đầu {planned:%d/%m/%Y}" in extended.why


@pytest.mark.parametrize(
    "due",
    [
        Due(kind="recurring"),
        Due(kind="unspecified"),
        Due(kind="range", start_year=2025),
        Due(kind="conditional", condition="Sau khi có Quyết định"),
    ],
)
def test_a_time_with_no_due_day_has_nothing_to_extend(due: Due) -> None:
    judged = due_date(Due(**{**due.__dict__, "extended_on": GRANTED}))
    assert judged.on is None
    assert not judged.extended


def test_an_extension_never_brings_a_deadline_forward() -> None:
    same = due_date(Due(**{**QUARTER.__dict__, "extended_on": D(2026, 6, 30)}))
    earlier = due_date(Due(**{**QUARTER.__dict__, "extended_on": D(2026, 5, 1)}))
    assert (same.on, same.extended) == (D(2026, 6, 30), False)
    assert (earlier.on, earlier.extended) == (D(2026, 6, 30), False)


def facts(update: AcceptedUpdate | None, extended_on: D | None = GRANTED) -> TaskFacts:
    return TaskFacts(due=Due(**{**QUARTER.__dict__, "extended_on": extended_on}), update=update)


def done_on(day: D) -> AcceptedUpdate:
    return AcceptedUpdate(UpdateState.COMPLETED, 100, day, has_evidence=True)


def test_done_after_the_plan_s_day_but_by_the_granted_one_is_on_time() -> None:
    judged = task_status(facts(done_on(D(2026, 8, 15))), today=D(2026, 10, 1))
    assert judged.status is TaskStatus.DONE_ON_TIME
    assert judged.due_on == GRANTED
    assert judged.original_due_on == D(2026, 6, 30)
    assert judged.extended
    plain = task_status(facts(done_on(D(2026, 8, 15)), None), today=D(2026, 10, 1))
    assert plain.status is TaskStatus.DONE_LATE
    assert not plain.extended


def test_done_after_the_granted_day_is_late_by_the_days_past_it() -> None:
    judged = task_status(facts(done_on(D(2026, 10, 10))), today=D(2026, 10, 20))
    assert judged.status is TaskStatus.DONE_LATE
    assert judged.days_late == 10


def test_in_progress_past_the_plan_s_day_is_within_time_until_the_granted_one() -> None:
    update = AcceptedUpdate(UpdateState.IN_PROGRESS, 60)
    within = task_status(facts(update), today=D(2026, 7, 15))
    assert within.status is TaskStatus.IN_PROGRESS
    assert within.days_left == (GRANTED - D(2026, 7, 15)).days
    late = task_status(facts(update), today=D(2026, 10, 2))
    assert late.status is TaskStatus.IN_PROGRESS_LATE
    assert late.days_late == 2
