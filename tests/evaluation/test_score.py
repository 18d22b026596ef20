import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.evaluation.gold import TIEN_GIANG, due_of, target_of
from theodoi.evaluation import (
    AcceptedUpdate,
    AssignedIndicator,
    AssignedTask,
    Component,
    EvaluationInputError,
    IndicatorSeries,
    Observation,
    Period,
    Role,
    ScoreBand,
    ScoreConfig,
    TaskFacts,
    TaskJudgement,
    UpdateState,
    agency_score,
    indicator_progress,
    task_status,
)

D = datetime.date
LEAD, COOP = Role.LEAD, Role.COOPERATING
YEAR_2025 = Period.year(2025)
AGENCY = "Sở Khoa học và Công nghệ"


def judged(code: str, update: AcceptedUpdate | None = None, *, on: datetime.date) -> TaskJudgement:
    return task_status(TaskFacts(due_of(TIEN_GIANG, code), update), today=on)


def done(on: datetime.date) -> AcceptedUpdate:
    return AcceptedUpdate(UpdateState.COMPLETED, 100, completed_on=on, has_evidence=True)


def going(percent: int) -> AcceptedUpdate:
    return AcceptedUpdate(UpdateState.IN_PROGRESS, percent)


def indicator(
    code: str, y0: float, y: float, role: Role = LEAD, reports_due: int = 0, on_time: int = 0
) -> AssignedIndicator:
    values = (Observation(y0, D(2024, 12, 31)), Observation(y, D(2025, 12, 31)))
    return AssignedIndicator(
        role,
        indicator_progress(IndicatorSeries(target_of(TIEN_GIANG, code), values)),
        reports_due,
        on_time,
    )


END = YEAR_2025.end
# Year 2025, judged at 31/12/2025. PL2.36 and PL2.41 (lead) and PL2.45 (cooperating) fall due
# in 2025; PL2.47 falls due in 2026; PL2.2 is recurring.
TASKS = (
    AssignedTask(LEAD, judged("PL2.36", done(D(2025, 10, 1)), on=END), 2, 2),  # done on time
    AssignedTask(LEAD, judged("PL2.41", on=END), 2, 1),  # due, not done
    AssignedTask(COOP, judged("PL2.45", done(D(2025, 11, 1)), on=END)),  # done on time
    AssignedTask(LEAD, judged("PL2.47", going(50), on=END), 2, 2),  # in progress, 50 %
    AssignedTask(COOP, judged("PL2.2", going(80), on=END), 2, 0),  # recurring, 80 %
)
INDICATORS = (
    indicator("24", 40, 46),  # on track: credit 1
    indicator("23", 80, 96),  # met: credit 1
    indicator("7.1", 50, 47.5, COOP),  # falling: credit 0
)


def test_score_weighs_lead_and_cooperating_roles() -> None:
    score = agency_score(AGENCY, YEAR_2025, TASKS, INDICATORS)
    shares = {c.component: c.share for c in score.components}
    # On time: due PL2.36 (1, done), PL2.41 (1, not done), PL2.45 (0.3, done): 1.3 / 2.3.
    assert shares[Component.ON_TIME] == pytest.approx(1.3 / 2.3)
    # In progress: PL2.47 1 x 50 %, PL2.2 0.3 x 80 % = 0.74 of 1.3.
    assert shares[Component.PROGRESS] == pytest.approx(0.74 / 1.3)
    # Reports: 2 + 1 + 2 + 0.3 x 0 on time of 2 + 2 + 2 + 0.3 x 2 due = 5 / 6.6.
    assert shares[Component.REPORTING] == pytest.approx(5 / 6.6)
    # Indicators: 1 + 1 + 0.3 x 0 of 2.3.
    assert shares[Component.INDICATORS] == pytest.approx(2 / 2.3)
    # 40 x 0.565217 + 20 x 0.569231 + 20 x 0.757576 + 20 x 0.869565
    # = 22.6087 + 11.3846 + 15.1515 + 17.3913 = 66.536 -> 66.5, trung bình.
    assert score.score == 66.5
    assert score.band is ScoreBand.AVERAGE
    assert score.left_out == ()
    assert "66,5 điểm, xếp loại Trung bình" in score.why


def test_a_component_with_nothing_to_judge_is_left_out_and_the_rest_rescaled() -> None:
    tasks = (
        AssignedTask(LEAD, judged("PL2.36", done(D(2025, 10, 1)), on=END), 1, 1),
        AssignedTask(LEAD, judged("PL2.47", going(50), on=END), 1, 1),
    )
    score = agency_score(AGENCY, YEAR_2025, tasks)
    # (40 x 1 + 20 x 0.5 + 20 x 1) x 100 / 80 = 70 x 1.25 = 87.5: tốt.
    assert score.score == 87.5
    assert score.band is ScoreBand.GOOD
    assert score.left_out == (Component.INDICATORS,)
    assert "Không có gì để đánh giá ở: tiến độ các chỉ tiêu" in score.why
    assert "quy đổi về thang 100" in score.why


def test_a_score_is_rounded_half_up_to_one_decimal() -> None:
    # Due 31/12/2025, judged that day: due and not done (0 of 1); in progress at 1 %; one
    # report on time. (0 + 20 x 0.01 + 20 x 1) x 100 / 80 = 25.25 -> 25.3.
    tasks = [AssignedTask(LEAD, judged("PL2.1", going(1), on=END), 1, 1)]
    assert agency_score(AGENCY, YEAR_2025, tasks).score == 25.3


def test_an_agency_with_nothing_assigned_is_not_ranked() -> None:
    score = agency_score(AGENCY, YEAR_2025, [])
    assert (score.score, score.band) == (None, None)
    assert score.why == "Năm 2025: chưa xếp hạng vì không được giao nhiệm vụ hay chỉ tiêu nào."


def test_an_agency_is_not_ranked_on_another_agency_s_indicator_figure() -> None:
    # Cục Thống kê is named second on Tiền Giang's TFP indicator and has no task; Sở KH&CN
    # reported the figures, which meet the target. Nothing was due from Cục Thống kê.
    score = agency_score("Cục Thống kê tỉnh", YEAR_2025, [], [indicator("23", 80, 96, COOP)])
    assert (score.score, score.band) == (None, None)
    assert score.why == (
        "Năm 2025: chưa xếp hạng vì trong kỳ không có nhiệm vụ nào đến hạn và không có báo cáo "
        "nào phải nộp (được giao 1 chỉ tiêu)."
    )
    assert all(c.points is None for c in score.components)


def test_with_nothing_due_an_agency_is_not_ranked_however_well_its_work_goes() -> None:
    # PL2.47 falls due in 2026 and is at 90 %; the indicator it leads is met; no round's
    # deadline fell in the period, so no report was owed either.
    tasks = [AssignedTask(LEAD, judged("PL2.47", going(90), on=END))]
    score = agency_score(AGENCY, YEAR_2025, tasks, [indicator("23", 80, 96)])
    assert score.score is None
    assert "(được giao 1 nhiệm vụ và 1 chỉ tiêu)" in score.why
    # What it did is still there to show; it only earns no points and no rank.
    shares = {c.component: c.share for c in score.components}
    assert shares[Component.PROGRESS] == pytest.approx(0.9)
    assert shares[Component.INDICATORS] == 1


@pytest.mark.parametrize(
    ("tasks", "ranked"),
    [
        # A task due in the period, done on time.
        ([AssignedTask(LEAD, judged("PL2.36", done(D(2025, 10, 1)), on=END))], True),
        # A task due in the period, not done.
        ([AssignedTask(LEAD, judged("PL2.41", on=END))], True),
        # Due only as a cooperating agency: still the agency's to do.
        ([AssignedTask(COOP, judged("PL2.45", on=END))], True),
        # A recurring task has no due day; a report on it owed by a deadline is.
        ([AssignedTask(COOP, judged("PL2.2", going(80), on=END), 1, 0)], True),
        ([AssignedTask(COOP, judged("PL2.2", going(80), on=END))], False),
        # Due next year, not started: nothing yet.
        ([AssignedTask(LEAD, judged("PL2.47", on=END))], False),
        # Waiting for a higher decision that has not come: nothing can be due.
        ([AssignedTask(LEAD, judged("PL2.4", on=END))], False),
    ],
)
def test_an_agency_is_ranked_when_something_fell_due_in_the_period(
    tasks: list[AssignedTask], ranked: bool
) -> None:
    assert (agency_score(AGENCY, YEAR_2025, tasks).score is not None) is ranked


def test_a_task_done_late_last_year_weighs_on_that_year_only() -> None:
    # PL2.36 fell due in 2025 and was finished in March 2026: in 2026 nothing of it is due.
    task = AssignedTask(LEAD, judged("PL2.36", done(D(2026, 3, 1)), on=D(2026, 12, 31)))
    assert agency_score(AGENCY, Period.year(2026), [task]).score is None
    overdue = AssignedTask(LEAD, judged("PL2.41", on=D(2026, 12, 31)))
    assert agency_score(AGENCY, Period.year(2026), [overdue]).score == 0


def test_an_indicator_s_figures_owed_rank_the_agency_responsible_for_it() -> None:
    # Ngân hàng Nhà nước leads indicators only; each round it owes their figures.
    on_time = agency_score(AGENCY, YEAR_2025, [], [indicator("24", 40, 46, LEAD, 2, 2)])
    assert on_time.score == 100
    late = agency_score(AGENCY, YEAR_2025, [], [indicator("24", 40, 46, LEAD, 2, 1)])
    reporting = late.components[2]
    assert reporting.component is Component.REPORTING
    assert (reporting.counted, reporting.earned, reporting.possible) == (1, 1, 2)
    # Reports 1/2 (20 x 0.5) and indicators 1/1 (20): 30 of 40, rescaled to 75.
    assert late.score == 75


def test_figures_owed_and_task_reports_are_one_reporting_component() -> None:
    tasks = [AssignedTask(LEAD, judged("PL2.36", done(D(2025, 10, 1)), on=END), 2, 2)]
    indicators = [indicator("24", 40, 46, LEAD, 2, 0), indicator("7.1", 50, 55, COOP, 2, 2)]
    reporting = agency_score(AGENCY, YEAR_2025, tasks, indicators).components[2]
    # Task 2 of 2, lead figures 0 of 2, cooperating figures 0.3 x 2 of 0.3 x 2.
    assert (reporting.counted, reporting.earned, reporting.possible) == (
        3,
        pytest.approx(2.6),
        pytest.approx(4.6),
    )


def test_more_figures_on_time_than_owed_is_refused() -> None:
    with pytest.raises(EvaluationInputError, match="Số báo cáo đúng hạn"):
        indicator("24", 40, 46, LEAD, 1, 2)


def test_a_plan_can_set_its_own_weights() -> None:
    config = ScoreConfig(cooperating_weight=0)
    score = agency_score(AGENCY, YEAR_2025, TASKS, INDICATORS, config=config)
    # On time 1/2, progress 0.5/1, reports 5/6, indicators 2/2:
    # 40 x 0.5 + 20 x 0.5 + 20 x 0.8333 + 20 x 1 = 66.667 -> 66.7.
    assert score.score == 66.7


def test_an_overdue_task_weighs_on_the_next_year_but_one_done_late_does_not() -> None:
    end_2026 = D(2026, 12, 31)
    tasks = (
        AssignedTask(LEAD, judged("PL2.41", on=end_2026)),  # due 2025, still not done
        AssignedTask(LEAD, judged("PL2.36", done(D(2026, 3, 1)), on=end_2026)),  # done late
        AssignedTask(LEAD, judged("PL2.47", done(D(2026, 6, 1)), on=end_2026)),  # due 2026, done
    )
    on_time = agency_score(AGENCY, Period.year(2026), tasks).components[0]
    assert on_time.component is Component.ON_TIME
    assert (on_time.counted, on_time.earned, on_time.possible) == (2, 1, 2)


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (100, ScoreBand.EXCELLENT),
        (90, ScoreBand.EXCELLENT),
        (89.9, ScoreBand.GOOD),
        (80, ScoreBand.GOOD),
        (79.9, ScoreBand.FAIR),
        (70, ScoreBand.FAIR),
        (69.9, ScoreBand.AVERAGE),
        (50, ScoreBand.AVERAGE),
        (49.9, ScoreBand.WEAK),
        (0, ScoreBand.WEAK),
    ],
)
def test_score_bands(score: float, band: ScoreBand) -> None:
    assert ScoreBand.of(score) is band


def test_band_labels_are_designs() -> None:
    assert [b.label for b in ScoreBand] == ["Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"on_time": -1}, "điểm hoàn thành đúng hạn không được âm"),
        ({"on_time": 0, "progress": 0, "reporting": 0, "indicators": 0}, "phải lớn hơn 0"),
        ({"cooperating_weight": -0.3}, "trọng số phối hợp"),
    ],
)
def test_an_impossible_configuration_is_refused(fields: dict[str, float], message: str) -> None:
    with pytest.raises(EvaluationInputError, match=message):
        ScoreConfig(**fields)


def test_more_reports_on_time_than_due_is_refused() -> None:
    with pytest.raises(EvaluationInputError, match="Số báo cáo đúng hạn"):
        AssignedTask(LEAD, judged("PL2.36", on=END), reports_due=1, reports_on_time=2)


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(EvaluationInputError, match="kết thúc"):
        Period(D(2025, 12, 1), D(2025, 6, 1), "Kỳ 2")


role = st.sampled_from(list(Role))
update = st.one_of(
    st.none(),
    st.builds(going, st.integers(0, 100)),
    st.builds(done, st.dates(D(2025, 1, 1), D(2025, 12, 31))),
)
assigned = st.builds(
    lambda r, code, u, due, on_time: AssignedTask(
        r, judged(code, u, on=END), due, min(due, on_time)
    ),
    role,
    st.sampled_from(["PL2.1", "PL2.2", "PL2.4", "PL2.19", "PL2.42", "PL2.50"]),
    update,
    st.integers(0, 2),
    st.integers(0, 2),
)
indicators = st.builds(
    lambda r, code, y0, y, due, on_time: indicator(code, y0, y, r, due, min(due, on_time)),
    role,
    st.sampled_from(["24", "4", "7.3", "17", "1"]),
    st.floats(0, 200),
    st.floats(0, 200),
    st.integers(0, 2),
    st.integers(0, 2),
)


@given(st.lists(assigned, max_size=8), st.lists(indicators, max_size=4))
def test_a_score_is_between_0_and_100_and_its_points_add_up(
    tasks: list[AssignedTask], inds: list[AssignedIndicator]
) -> None:
    score = agency_score(AGENCY, YEAR_2025, tasks, inds)
    due = {c.component: c.counted for c in score.components}
    # Ranked exactly when a task fell due or a report was owed (weights are all positive).
    assert (score.score is None) == (due[Component.ON_TIME] == 0 and due[Component.REPORTING] == 0)
    if score.score is None:
        assert all(c.points is None for c in score.components)
        assert "chưa xếp hạng" in score.why
        return
    assert 0 <= score.score <= 100
    assert score.score == pytest.approx(sum(c.points or 0 for c in score.components), abs=0.051)
    assert score.band is ScoreBand.of(score.score)
