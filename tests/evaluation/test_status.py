import datetime
from typing import Any

import pytest

from tests.evaluation.gold import NQ03, TIEN_GIANG, due_of
from theodoi.evaluation import (
    AcceptedUpdate,
    Colour,
    Due,
    EvaluationInputError,
    TaskFacts,
    TaskStatus,
    UpdateState,
    task_status,
)

D = datetime.date
S = TaskStatus
C = Colour
U = UpdateState

YEAR_2025 = due_of(TIEN_GIANG, "PL2.1")  # "Năm 2025": due 31/12/2025
YEAR_2026 = due_of(TIEN_GIANG, "PL2.19")  # "Năm 2026": due 31/12/2026
JUNE_2025 = due_of(NQ03, "PL2.1")  # "6/2025": due 30/6/2025
QUARTER_II = due_of(NQ03, "PL2.123")  # "Quý II/2025": due 30/6/2025
RECURRING = due_of(TIEN_GIANG, "PL2.2")  # "Thường xuyên"
CONDITIONAL = due_of(TIEN_GIANG, "PL2.4")  # "... sau khi Thủ tướng Chính phủ ban hành Quyết định"
OPEN_RANGE = due_of(TIEN_GIANG, "PL2.49")  # "Năm 2025 và những năm tiếp theo"
UNSPECIFIED = due_of(NQ03, "PL2.42")
MET = due_of(TIEN_GIANG, "PL2.4", condition_met_on=D(2025, 9, 15), on=D(2025, 12, 31))

GOING = AcceptedUpdate(U.IN_PROGRESS, progress=60)
PAUSED = AcceptedUpdate(U.PAUSED)


def done(on: datetime.date, *, evidence: bool = True) -> AcceptedUpdate:
    return AcceptedUpdate(U.COMPLETED, progress=100, completed_on=on, has_evidence=evidence)


def case(
    name: str,
    facts: TaskFacts,
    today: datetime.date,
    status: TaskStatus,
    colour: Colour,
    late: int | None = None,
    left: int | None = None,
) -> Any:
    return pytest.param(facts, today, status, colour, late, left, id=name)


# Worked by hand; "late" and "left" are days.
CASES = [
    # 1/12/2025 -> 31/12/2026 is 30 + 365 = 395 days: far off, not started: grey.
    case(
        "not started, not due",
        TaskFacts(YEAR_2026),
        D(2025, 12, 1),
        S.NOT_STARTED,
        C.GREY,
        left=395,
    ),
    # 30/11 -> 31/12 is 31 days: one day outside the 30-day window, still grey.
    case(
        "not started, 31 days left",
        TaskFacts(YEAR_2025),
        D(2025, 11, 30),
        S.NOT_STARTED,
        C.GREY,
        left=31,
    ),
    # 1/12 -> 31/12 is 30 days: inside the window: yellow.
    case(
        "not started, 30 days left",
        TaskFacts(YEAR_2025),
        D(2025, 12, 1),
        S.NOT_STARTED,
        C.YELLOW,
        left=30,
    ),
    # 1/6 -> 31/12: 29 (June) + 31 + 31 + 30 + 31 + 30 + 31 = 213 days.
    case(
        "in progress, in time",
        TaskFacts(YEAR_2025, GOING),
        D(2025, 6, 1),
        S.IN_PROGRESS,
        C.GREEN,
        left=213,
    ),
    # 10/12 -> 31/12 is 21 days.
    case(
        "in progress, due soon",
        TaskFacts(YEAR_2025, GOING),
        D(2025, 12, 10),
        S.IN_PROGRESS,
        C.YELLOW,
        left=21,
    ),
    # Due on the day itself: 0 days left, not yet late.
    case(
        "in progress, due today",
        TaskFacts(YEAR_2025, GOING),
        D(2025, 12, 31),
        S.IN_PROGRESS,
        C.YELLOW,
        left=0,
    ),
    # 30/6 -> 1/8 is 1 (June) + 31 (July) = 32 days late.
    case(
        "in progress, overdue",
        TaskFacts(JUNE_2025, GOING),
        D(2025, 8, 1),
        S.IN_PROGRESS_LATE,
        C.RED,
        late=32,
    ),
    # 30/6 -> 15/7 is 15 days late; not started stays "chưa triển khai", but red.
    case(
        "not started, overdue", TaskFacts(QUARTER_II), D(2025, 7, 15), S.NOT_STARTED, C.RED, late=15
    ),
    case(
        "done on time",
        TaskFacts(YEAR_2025, done(D(2025, 11, 20))),
        D(2026, 1, 10),
        S.DONE_ON_TIME,
        C.GREEN,
    ),
    case(
        "done on the due day",
        TaskFacts(JUNE_2025, done(D(2025, 6, 30))),
        D(2025, 7, 1),
        S.DONE_ON_TIME,
        C.GREEN,
    ),
    # Done 20/7 against 30/6: 20 days late.
    case(
        "done late",
        TaskFacts(JUNE_2025, done(D(2025, 7, 20))),
        D(2025, 8, 1),
        S.DONE_LATE,
        C.RED,
        late=20,
    ),
    # Reported done without evidence: not counted as done, so 10 days overdue at 10/1/2026.
    case(
        "done without evidence",
        TaskFacts(YEAR_2025, done(D(2025, 12, 20), evidence=False)),
        D(2026, 1, 10),
        S.IN_PROGRESS_LATE,
        C.RED,
        late=10,
    ),
    case("paused past its due day", TaskFacts(YEAR_2025, PAUSED), D(2026, 2, 1), S.PAUSED, C.GREY),
    # Recurring: judged per round, never late, even years on.
    case(
        "recurring, reported this round",
        TaskFacts(RECURRING, GOING, reported_this_round=True),
        D(2030, 6, 1),
        S.IN_PROGRESS,
        C.GREEN,
    ),
    case(
        "recurring, not reported this round",
        TaskFacts(RECURRING, GOING, reported_this_round=False),
        D(2030, 6, 1),
        S.IN_PROGRESS,
        C.YELLOW,
    ),
    case(
        "recurring, never reported",
        TaskFacts(RECURRING, reported_this_round=False),
        D(2030, 6, 1),
        S.NOT_STARTED,
        C.YELLOW,
    ),
    case(
        "recurring, outside any round",
        TaskFacts(RECURRING, GOING),
        D(2030, 6, 1),
        S.IN_PROGRESS,
        C.GREEN,
    ),
    case(
        "recurring, finished",
        TaskFacts(RECURRING, done(D(2030, 5, 1))),
        D(2030, 6, 1),
        S.DONE_ON_TIME,
        C.GREEN,
    ),
    # Conditional: grey until its condition is met, whatever the date.
    case(
        "conditional, waiting", TaskFacts(CONDITIONAL, GOING), D(2027, 1, 1), S.IN_PROGRESS, C.GREY
    ),
    case(
        "conditional, waiting, not started",
        TaskFacts(CONDITIONAL),
        D(2027, 1, 1),
        S.NOT_STARTED,
        C.GREY,
    ),
    # Condition met, due set to 31/12/2025: 5 days late on 5/1/2026.
    case(
        "conditional, met and overdue", TaskFacts(MET), D(2026, 1, 5), S.NOT_STARTED, C.RED, late=5
    ),
    case("open-ended range", TaskFacts(OPEN_RANGE, GOING), D(2030, 1, 1), S.IN_PROGRESS, C.GREEN),
    case("no time written", TaskFacts(UNSPECIFIED), D(2030, 1, 1), S.NOT_STARTED, C.GREY),
]


@pytest.mark.parametrize(
    ("facts", "today", "status", "colour", "days_late", "days_left"),
    CASES,
)
def test_task_status_and_colour_at_a_date(
    facts: TaskFacts,
    today: datetime.date,
    status: TaskStatus,
    colour: Colour,
    days_late: int | None,
    days_left: int | None,
) -> None:
    judgement = task_status(facts, today=today)
    assert (judgement.status, judgement.colour) == (status, colour)
    assert (judgement.days_late, judgement.days_left) == (days_late, days_left)
    assert status.label in judgement.why


def test_every_status_and_colour_is_met_by_some_case() -> None:
    statuses = {c.values[2] for c in CASES}
    colours = {c.values[3] for c in CASES}
    assert statuses == set(TaskStatus)
    assert colours == set(Colour)


def test_the_six_statuses_carry_the_governments_labels() -> None:
    assert [s.label for s in TaskStatus] == [
        "Chưa triển khai",
        "Đang thực hiện (trong hạn)",
        "Đang thực hiện (quá hạn)",
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Tạm dừng",
    ]
    assert len({s.code for s in TaskStatus}) == 6
    assert all(TaskStatus.from_code(s.code) is s for s in TaskStatus)


def test_an_unknown_status_code_is_refused() -> None:
    with pytest.raises(EvaluationInputError, match="Trạng thái nhiệm vụ không hợp lệ"):
        TaskStatus.from_code("done")


def test_a_wider_warning_window_turns_a_task_yellow_earlier() -> None:
    facts = TaskFacts(YEAR_2025, GOING)
    today = D(2025, 11, 1)  # 60 days before 31/12
    assert task_status(facts, today=today).colour is Colour.GREEN
    assert task_status(facts, today=today, warning_days=60).colour is Colour.YELLOW


def test_the_explanation_names_the_due_day_and_the_delay() -> None:
    judgement = task_status(TaskFacts(JUNE_2025, GOING), today=D(2025, 8, 1))
    assert judgement.due_on == D(2025, 6, 30)
    assert "30/06/2025" in judgement.why
    assert "Quá hạn 32 ngày" in judgement.why
    assert judgement.overdue


def test_completion_without_evidence_says_why_it_does_not_count() -> None:
    facts = TaskFacts(YEAR_2025, done(D(2025, 12, 20), evidence=False))
    judgement = task_status(facts, today=D(2025, 12, 22))
    assert judgement.status is TaskStatus.IN_PROGRESS
    assert "chưa có minh chứng" in judgement.why


def test_a_task_done_late_is_not_on_the_overdue_list() -> None:
    judgement = task_status(TaskFacts(JUNE_2025, done(D(2025, 7, 20))), today=D(2025, 8, 1))
    assert judgement.days_late == 20
    assert not judgement.overdue


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"state": U.IN_PROGRESS, "progress": 120}, "Tiến độ phải từ 0 đến 100%"),
        ({"state": U.IN_PROGRESS, "progress": -5}, "Tiến độ phải từ 0 đến 100%"),
        ({"state": U.COMPLETED, "has_evidence": True}, "phải có ngày hoàn thành"),
    ],
)
def test_an_impossible_update_is_refused(fields: dict[str, object], message: str) -> None:
    with pytest.raises(EvaluationInputError, match=message):
        AcceptedUpdate(**fields)  # type: ignore[arg-type]


def test_a_due_date_kind_is_judged_against_that_day() -> None:
    facts = TaskFacts(Due("date", on=D(2025, 11, 15)), GOING)
    assert task_status(facts, today=D(2025, 11, 16)).days_late == 1


def test_a_negative_warning_window_is_refused() -> None:
    with pytest.raises(EvaluationInputError, match="Số ngày cảnh báo"):
        task_status(TaskFacts(YEAR_2025), today=D(2025, 12, 1), warning_days=-1)
