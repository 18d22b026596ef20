import datetime

import pytest

from tests.evaluation.gold import TIEN_GIANG, due_of
from tests.ingest.fields.gold import gold_plans
from theodoi.evaluation import (
    AcceptedUpdate,
    Colour,
    Dimension,
    TaskFacts,
    TaskRecord,
    TaskStatus,
    UpdateState,
    summarise,
    summarise_by,
    task_status,
)

D = datetime.date
PLAN = "69/KH-UBND"


def plan_records(today: datetime.date) -> list[TaskRecord]:
    """Every task of Tiền Giang's plan (gold 004), with no report yet, judged at ``today``."""
    plan = gold_plans()[TIEN_GIANG]
    return [
        TaskRecord(
            task_status(TaskFacts(due_of(TIEN_GIANG, t["code"])), today=today),
            plan=PLAN,
            group=t["group"],
            province=plan["document"]["province"],
            lead=tuple(t["lead"]),
        )
        for t in plan["tasks"]
    ]


def test_a_plan_with_no_reports_a_month_before_the_year_end() -> None:
    summary = summarise(r.judgement for r in plan_records(D(2025, 12, 1)))
    # 67 tasks, none reported. The 18 "Năm 2025" tasks fall due in 30 days: yellow; the rest
    # (later years, recurring, conditional, ranges) are grey.
    assert summary.total == 67
    assert summary.by_status[TaskStatus.NOT_STARTED] == 67
    assert summary.share(TaskStatus.NOT_STARTED) == 1.0
    assert summary.by_colour[Colour.YELLOW] == 18
    assert summary.by_colour[Colour.GREY] == 49
    assert summary.overdue == 0


def test_the_same_plan_after_the_year_end_shows_the_2025_tasks_overdue() -> None:
    summary = summarise(r.judgement for r in plan_records(D(2026, 1, 5)))
    assert summary.by_colour[Colour.RED] == 18
    assert summary.overdue == 18
    assert summary.colour_share(Colour.RED) == pytest.approx(18 / 67)


def test_summaries_by_group_keep_the_plans_order_and_key_by_plan() -> None:
    by_group = summarise_by(plan_records(D(2025, 12, 1)), Dimension.GROUP)
    assert list(by_group) == [(PLAN, g) for g in ("I", "II", "III", "IV", "V", "VI", "VII")]
    assert sum(s.total for s in by_group.values()) == 67


def test_a_task_with_two_lead_agencies_counts_for_each() -> None:
    by_agency = summarise_by(plan_records(D(2025, 12, 1)), Dimension.AGENCY)
    # PL2.13 is led by Sở Khoa học và Công nghệ and Sở Thông tin và Truyền thông together.
    assert by_agency["Sở Khoa học và Công nghệ"].total >= 1
    assert sum(s.total for s in by_agency.values()) > 67


def test_summaries_by_plan_and_province() -> None:
    records = plan_records(D(2025, 12, 1))
    update = AcceptedUpdate(UpdateState.IN_PROGRESS, 40)
    other = TaskRecord(
        task_status(TaskFacts(due_of(TIEN_GIANG, "PL2.1"), update), today=D(2025, 6, 1)),
        plan="60-CTr/TU",
        province="Quảng Nam",
    )
    by_plan = summarise_by([*records, other], Dimension.PLAN)
    by_province = summarise_by([*records, other], Dimension.PROVINCE)
    assert by_plan["60-CTr/TU"].by_status[TaskStatus.IN_PROGRESS] == 1
    assert by_plan["60-CTr/TU"].share(TaskStatus.IN_PROGRESS) == 1.0
    assert by_province["Tiền Giang"].total == 67
    assert by_province["Quảng Nam"].by_colour[Colour.GREEN] == 1


def test_an_empty_summary_lists_every_status_with_zero() -> None:
    summary = summarise([])
    assert summary.total == 0
    assert set(summary.by_status) == set(TaskStatus)
    assert summary.share(TaskStatus.DONE_LATE) == 0.0
