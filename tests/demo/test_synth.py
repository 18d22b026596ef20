"""The synthetic national data set: deterministic by seed, national in scale, marked as such."""

from __future__ import annotations

import datetime
import itertools

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


# A national plan of 20 tasks: even ones expected of the localities, odd ones of one ministry.
NATIONAL = [
    synth.NationalTask(
        1000 + n,
        str(n),
        f"Nhiệm vụ quốc gia {n}",
        ("Các bộ, ngành, địa phương",) if n % 2 == 0 else ("Bộ Công an",),
    )
    for n in range(20)
]
WITH_COMMUNES = [
    synth.Province(
        p.id, p.name, p.agencies, tuple(synth.Agency(p.id * 1000 + c, f"Xã {c}") for c in (1, 2))
    )
    for p in PROVINCES[:4]
]


def national_set(seed: int = 57) -> list[synth.SynthPlan]:
    return synth.generate(WITH_COMMUNES, seed=seed, today=TODAY, national=NATIONAL)


def test_provincial_tasks_carry_out_national_tasks_expected_of_localities() -> None:
    for plan in national_set():
        linked = {link.task for link in plan.links}
        assert 0.7 * len(plan.tasks) <= len(linked) < len(plan.tasks)
        assert {link.higher for link in plan.links} <= {t.id for t in NATIONAL if t.id % 2 == 0}
        states = [link.state for link in plan.links]
        assert states.count("confirmed") > 2 * states.count("suggested") > 0
        for link in plan.links:
            assert (link.basis == "cited") == (link.score is None)
        assert len({(link.task, link.higher) for link in plan.links}) == len(plan.links)


def test_each_commune_has_a_plan_carrying_out_tasks_of_its_province_s_plan() -> None:
    for plan in national_set():
        assert len(plan.communes) == 2
        for commune_plan, commune in zip(plan.communes, plan.province.communes, strict=True):
            assert commune_plan.province.id == plan.province.id  # within the province's scope
            assert commune_plan.number.startswith(synth.NUMBER_PREFIX)
            assert synth.MARK in commune_plan.title
            assert len(commune_plan.tasks) == 10
            assert {o for t in commune_plan.tasks for o in t.lead + t.cooperating} == {commune.id}
            # Every commune task links to the provincial task it implements, whose time it has.
            assert sorted(link.task for link in commune_plan.links) == list(range(10))
            for link in commune_plan.links:
                assert commune_plan.tasks[link.task].due_text == plan.tasks[link.higher].due_text
            assert any(link.state == "confirmed" for link in commune_plan.links)
            # Reported on in the province's rounds, so their progress can roll up.
            assert commune_plan.rounds == plan.rounds
            assert {u.organisation for u in commune_plan.updates} == {commune.id}
            assert len(commune_plan.values) == 3 * 11


def test_the_national_set_is_deterministic_and_bounded() -> None:
    assert national_set() == national_set()
    assert [p.links for p in national_set()] != [p.links for p in national_set(58)]
    plain = synth.generate(PROVINCES[:4], seed=57, today=TODAY)
    assert all(not p.links and not p.communes for p in plain)
    assert [p.tasks for p in plain] == [p.tasks for p in national_set()]


def test_scale_one_is_today_s_national_set_and_scale_ten_the_national_deployment() -> None:
    one = synth.shape_of(1)
    assert (one.provinces, one.ministries, one.tasks, one.indicators) == (34, 0, 70, 40)
    assert (one.rounds, one.monthly, one.communes, one.commune_tasks) == (10, False, 2, 10)
    ten = synth.shape_of(10)
    assert (ten.provinces, ten.ministries, ten.tasks, ten.indicators) == (34, 30, 100, 40)
    assert (ten.rounds, ten.monthly) == (60, True)
    # ~130 agencies a plan: a ministry's units; a province's 18 departments and its communes.
    assert ten.ministry_units == 18 + ten.reporting_communes == 130
    assert synth.shape_of(4).monthly
    assert one.ministries < synth.shape_of(4).ministries < ten.ministries


def test_monthly_rounds_are_consecutive_months_ending_before_today() -> None:
    rounds = synth.rounds_until(TODAY, 60, monthly=True)
    assert len(rounds) == 60
    assert rounds[-1].period_start == datetime.date(2026, 10, 1)
    assert rounds[0].period_start == datetime.date(2021, 11, 1)
    for earlier, later in itertools.pairwise(rounds):
        assert later.period_start == earlier.period_end + datetime.timedelta(days=1)
    assert all(r.period_start <= r.cut_off <= r.period_end for r in rounds)
    assert all(r.deadline.date() < TODAY for r in rounds)


def test_plans_one_at_a_time_are_the_generated_plans() -> None:
    assert list(synth.each_plan(PROVINCES[:3], seed=57, today=TODAY)) == synth.generate(
        PROVINCES[:3], seed=57, today=TODAY
    )
