"""A province's figures over its plans, the nation's total, the map's bands and the ranking of
provinces (issue 12, "Roll-up")."""

from __future__ import annotations

import pytest

from theodoi.evaluation.colour import Colour
from theodoi.evaluation.rollup import (
    CompletionBand,
    PlanFigures,
    RollUp,
    rank_scopes,
    roll_up,
    roll_up_all,
    total,
)

DONG_THAP, QUANG_NGAI, HA_NOI, DA_NANG, BO_KHCN = 1, 2, 3, 4, 5
NAMES = {
    DONG_THAP: "Đồng Tháp",
    QUANG_NGAI: "Quảng Ngãi",
    HA_NOI: "Hà Nội",
    DA_NANG: "Đà Nẵng",
    BO_KHCN: "Bộ Khoa học và Công nghệ",
}


def plan(
    pk: int, scope: int, tasks: int = 0, done: int = 0, on_time: int = 0, overdue: int = 0
) -> PlanFigures:
    return PlanFigures(pk, scope, True, tasks, done, on_time, overdue)


def test_a_province_adds_up_its_plans_and_no_other_s() -> None:
    plans = [
        plan(69, DONG_THAP, tasks=67, done=10, on_time=7, overdue=5),
        plan(66, QUANG_NGAI, tasks=44, done=4, on_time=4, overdue=2),
        # Kon Tum's former plan, named by the caller as Quảng Ngãi's.
        plan(12, QUANG_NGAI, tasks=20, done=6, on_time=1, overdue=3),
    ]
    rollup = roll_up(QUANG_NGAI, plans)
    assert rollup == RollUp(
        QUANG_NGAI, plans=2, evaluated=2, tasks=64, done=10, on_time=5, overdue=5
    )
    assert rollup.completion == pytest.approx(10 / 64)
    assert rollup.on_time_share == pytest.approx(5 / 64)
    assert rollup.overdue_share == pytest.approx(5 / 64)


def test_a_plan_not_evaluated_counts_as_a_plan_but_adds_no_task() -> None:
    plans = [PlanFigures(1, HA_NOI, evaluated=False), plan(2, HA_NOI, tasks=10, done=5)]
    rollup = roll_up(HA_NOI, plans)
    assert (rollup.plans, rollup.evaluated, rollup.tasks, rollup.done) == (2, 1, 10, 5)
    assert rollup.completion == 0.5


def test_a_province_without_plans_has_no_completion_and_is_no_plan() -> None:
    rollup = roll_up(DA_NANG, [plan(1, HA_NOI, tasks=3)])
    assert rollup == RollUp(DA_NANG)
    assert rollup.completion is None
    assert rollup.on_time_share is None
    assert rollup.band is CompletionBand.NO_PLAN


def test_plans_none_of_them_evaluated_read_not_evaluated_not_zero() -> None:
    rollup = roll_up(HA_NOI, [PlanFigures(1, HA_NOI, evaluated=False)])
    assert rollup.completion is None
    assert rollup.band is CompletionBand.NOT_EVALUATED
    # An evaluated plan with no task cannot be judged either.
    assert roll_up(HA_NOI, [plan(1, HA_NOI)]).band is CompletionBand.NOT_EVALUATED


@pytest.mark.parametrize(
    ("done", "tasks", "band"),
    [
        (0, 10, CompletionBand.LOW),
        (1, 10, CompletionBand.LOW),
        (249, 1000, CompletionBand.LOW),
        # 24,96% is shown as 25% (one decimal): coloured as the band its figure reads.
        (2496, 10000, CompletionBand.MIDDLE),
        (1, 4, CompletionBand.MIDDLE),
        (49, 100, CompletionBand.MIDDLE),
        (1, 2, CompletionBand.HIGH),
        (74, 100, CompletionBand.HIGH),
        (3, 4, CompletionBand.TOP),
        (10, 10, CompletionBand.TOP),
    ],
)
def test_the_map_s_band_follows_the_share_as_shown(
    done: int, tasks: int, band: CompletionBand
) -> None:
    assert roll_up(HA_NOI, [plan(1, HA_NOI, tasks=tasks, done=done)]).band is band


def test_bands_carry_the_project_s_colours_from_red_to_green() -> None:
    assert CompletionBand.LOW.colour is Colour.RED
    assert CompletionBand.MIDDLE.colour is Colour.YELLOW
    assert CompletionBand.TOP.colour is Colour.GREEN
    assert CompletionBand.NO_PLAN.colour is Colour.GREY
    assert CompletionBand.NO_PLAN.label == "Chưa có kế hoạch"
    lowers = [b.lower for b in CompletionBand if b.lower is not None]
    assert lowers == sorted(lowers)


def test_roll_up_all_lists_provinces_without_plans_too_in_the_order_given() -> None:
    rollups = roll_up_all(
        [plan(1, QUANG_NGAI, tasks=2, done=1), plan(2, BO_KHCN, tasks=4)], [HA_NOI, QUANG_NGAI]
    )
    assert list(rollups) == [HA_NOI, QUANG_NGAI, BO_KHCN]
    assert rollups[HA_NOI] == RollUp(HA_NOI)
    assert rollups[QUANG_NGAI].done == 1


def test_the_nation_s_total_adds_every_province() -> None:
    rollups = roll_up_all(
        [
            plan(1, QUANG_NGAI, tasks=2, done=1, on_time=1),
            plan(2, DONG_THAP, tasks=8, done=3, overdue=4),
            PlanFigures(3, HA_NOI, evaluated=False),
        ],
        [DA_NANG],
    )
    nation = total(rollups.values())
    assert nation == RollUp(0, plans=3, evaluated=2, tasks=10, done=4, on_time=1, overdue=4)
    assert total([]) == RollUp(0)


@pytest.mark.parametrize(
    "figures",
    [
        {"tasks": 3, "done": 4},  # more done than tasks
        {"tasks": 3, "done": 2, "overdue": 2},  # done and overdue at once
        {"tasks": 3, "done": 1, "on_time": 2},  # more on time than done
        {"tasks": -1},
    ],
)
def test_counts_that_contradict_themselves_are_refused(figures: dict[str, int]) -> None:
    with pytest.raises(ValueError, match=r"never negative|tasks"):
        PlanFigures(1, HA_NOI, True, **figures)


def ranked(*rollups: RollUp) -> list[tuple[int | None, bool, str]]:
    return [(r.rank, r.tied, r.name) for r in rank_scopes(rollups, NAMES)]


def test_provinces_rank_by_completion_then_on_time_then_fewer_overdue() -> None:
    assert ranked(
        RollUp(HA_NOI, plans=1, tasks=10, done=5, on_time=2, overdue=1),
        RollUp(DONG_THAP, plans=1, tasks=10, done=6, on_time=0, overdue=4),
        RollUp(QUANG_NGAI, plans=1, tasks=10, done=5, on_time=3, overdue=3),
        RollUp(DA_NANG, plans=1, tasks=10, done=5, on_time=3, overdue=0),
    ) == [
        (1, False, "Đồng Tháp"),
        (2, False, "Đà Nẵng"),
        (3, False, "Quảng Ngãi"),
        (4, False, "Hà Nội"),
    ]


def test_equal_shares_share_a_rank_and_the_next_rank_skips_ties_read_by_name() -> None:
    assert ranked(
        RollUp(QUANG_NGAI, plans=1, tasks=4, done=2),
        RollUp(HA_NOI, plans=2, tasks=8, done=4),  # the same shares over more tasks
        RollUp(DONG_THAP, plans=1, tasks=10, done=1),
        RollUp(DA_NANG, plans=1, tasks=10, done=9),
    ) == [
        (1, False, "Đà Nẵng"),
        (2, True, "Hà Nội"),
        (2, True, "Quảng Ngãi"),
        (4, False, "Đồng Tháp"),
    ]


def test_shares_equal_as_shown_are_a_tie() -> None:
    # 1/3 and 333/1000 both read 33,3%.
    result = ranked(
        RollUp(HA_NOI, plans=1, tasks=3, done=1), RollUp(DA_NANG, plans=1, tasks=1000, done=333)
    )
    assert [(rank, tied) for rank, tied, _ in result] == [(1, True), (1, True)]


def test_provinces_with_nothing_evaluated_come_last_unranked_by_name() -> None:
    assert ranked(
        RollUp(HA_NOI),
        RollUp(QUANG_NGAI, plans=1, evaluated=0),
        RollUp(DONG_THAP, plans=1, tasks=5, done=0),
        RollUp(DA_NANG),
    ) == [
        (1, False, "Đồng Tháp"),
        (None, False, "Đà Nẵng"),
        (None, False, "Hà Nội"),
        (None, False, "Quảng Ngãi"),
    ]
