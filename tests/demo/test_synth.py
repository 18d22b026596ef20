"""The synthetic national data set: deterministic by seed, national in scale, marked as such."""

from __future__ import annotations

import datetime

from theodoi.demo import synth

TODAY = datetime.date(2026, 11, 22)
PROVINCES = [
    synth.Province(
        p, f"Tỉnh {p}", tuple(synth.Agency(p * 100 + a, f"Sở {a} tỉnh {p}") for a in range(25))
    )
    for p in range(1, 35)
]


def test_the_same_seed_gives_the_same_data_set_and_another_seed_another() -> None:
    first = synth.generate(PROVINCES, seed=57, today=TODAY)
    again = synth.generate(PROVINCES, seed=57, today=TODAY)
    other = synth.generate(PROVINCES, seed=58, today=TODAY)
    assert first == again
    assert [p.tasks for p in first] != [p.tasks for p in other]


def test_a_national_data_set_has_a_plan_per_province_with_its_tasks_indicators_and_rounds() -> None:
    plans = synth.generate(PROVINCES, seed=57, today=TODAY)
    assert len(plans) == 34
    for plan in plans:
        assert len(plan.tasks) == 70
        assert len(plan.indicators) == 40
        assert len(plan.rounds) == 10
        assert {u.round for u in plan.updates} <= set(range(10))
        assert len(plan.values) == 40 * 11  # a baseline and one figure a round
        agencies = {a.id for a in plan.province.agencies}
        assert {o for t in plan.tasks for o in t.lead + t.cooperating} <= agencies


def test_every_plan_says_it_is_synthetic() -> None:
    for plan in synth.generate(PROVINCES[:3], seed=1, today=TODAY):
        assert synth.MARK in plan.title
        assert plan.number.startswith(synth.NUMBER_PREFIX)
        assert all(synth.MARK in t.title for t in plan.tasks)


def test_rounds_end_before_today_twice_a_year_oldest_first() -> None:
    rounds = synth.rounds_until(TODAY, 10)
    assert [r.deadline.date() for r in rounds][-2:] == [
        datetime.date(2026, 5, 31),
        datetime.date(2026, 11, 15),
    ]
    assert rounds[0].deadline.date() == datetime.date(2022, 5, 31)
    assert all(r.period_start <= r.cut_off <= r.period_end for r in rounds)
