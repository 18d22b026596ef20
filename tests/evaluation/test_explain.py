"""An agency's score explains itself item by item: the lines of each component add up to what
the score counted, and each says what was due, what was done, on time or not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.evaluation.test_score import (
    AGENCY,
    COOP,
    END,
    INDICATORS,
    LEAD,
    TASKS,
    YEAR_2025,
    D,
    done,
    going,
    judged,
)
from theodoi.evaluation import AssignedTask, Component, ScoreConfig, agency_score
from theodoi.evaluation.explain import score_lines

KEYED_TASKS = tuple(enumerate(TASKS, start=1))
KEYED_INDICATORS = tuple(enumerate(INDICATORS, start=101))


def by_component(lines: tuple, component: Component) -> list:  # type: ignore[type-arg]
    return [line for line in lines if line.component is component]


@pytest.mark.parametrize(
    "config",
    [ScoreConfig(), ScoreConfig(cooperating_weight=0), ScoreConfig(lead_weight=0.5)],
)
def test_the_lines_of_each_component_add_up_to_what_the_score_counted(
    config: ScoreConfig,
) -> None:
    score = agency_score(AGENCY, YEAR_2025, TASKS, INDICATORS, config=config)
    lines = score_lines(YEAR_2025, KEYED_TASKS, KEYED_INDICATORS, config=config)
    for component in score.components:
        mine = by_component(lines, component.component)
        assert len(mine) == component.counted
        assert sum(line.earned for line in mine) == pytest.approx(component.earned)
        assert sum(line.possible for line in mine) == pytest.approx(component.possible)


def test_the_tasks_due_say_whether_they_were_done_on_time() -> None:
    lines = score_lines(YEAR_2025, KEYED_TASKS, KEYED_INDICATORS)
    due = {line.key: line for line in by_component(lines, Component.ON_TIME)}
    # PL2.36 and PL2.41 (lead) and PL2.45 (cooperating) fall due in 2025.
    assert set(due) == {1, 2, 3}
    assert due[1].met
    assert due[1].note.startswith("Hoàn thành đúng hạn")
    assert not due[2].met
    assert due[2].note.startswith("Chưa hoàn thành, quá hạn")
    assert due[2].earned == 0
    assert due[2].possible == 1
    assert (due[3].role, due[3].possible) == ("Phối hợp", 0.3)


def test_a_task_finished_late_says_by_how_many_days() -> None:
    late = AssignedTask(LEAD, judged("PL2.36", done(D(2026, 1, 10)), on=D(2026, 1, 31)))
    period = YEAR_2025.__class__(D(2025, 1, 1), D(2026, 1, 31), "Năm 2025")
    (line,) = score_lines(period, [(7, late)])
    assert line.component is Component.ON_TIME
    assert line.note.startswith("Hoàn thành quá hạn 10 ngày")
    assert line.earned == 0


def test_tasks_in_progress_show_their_percentage_and_a_missing_one_counts_zero() -> None:
    silent = AssignedTask(LEAD, judged("PL2.47", going(0).__class__(going(0).state, None), on=END))
    lines = score_lines(YEAR_2025, [*KEYED_TASKS, (9, silent)])
    progress = {line.key: line for line in by_component(lines, Component.PROGRESS)}
    assert progress[4].note == "Đang thực hiện, tiến độ 50%."
    assert progress[4].earned == pytest.approx(0.5)
    assert progress[5].earned == pytest.approx(0.3 * 0.8)
    assert "chưa báo cáo tỷ lệ tiến độ" in progress[9].note
    assert progress[9].earned == 0


def test_reports_owed_say_how_many_came_in_by_the_deadline() -> None:
    lines = score_lines(YEAR_2025, KEYED_TASKS, KEYED_INDICATORS)
    reports = {line.key: line for line in by_component(lines, Component.REPORTING)}
    assert reports[1].note == "Nộp 2/2 báo cáo đúng hạn."
    assert reports[1].met
    assert reports[2].note == "Nộp 1/2 báo cáo đúng hạn."
    assert not reports[2].met
    assert reports[5].possible == pytest.approx(0.6)
    assert 3 not in reports  # nothing owed on PL2.45


def test_indicators_name_their_band_and_the_credit_earned() -> None:
    lines = score_lines(YEAR_2025, KEYED_TASKS, KEYED_INDICATORS)
    judged_ = {line.key: line for line in by_component(lines, Component.INDICATORS)}
    assert set(judged_) == {101, 102, 103}
    assert judged_[102].met
    assert "100% số điểm" in judged_[102].note
    assert not judged_[103].met
    assert "được 0% số điểm" in judged_[103].note
    assert judged_[103].kind == "indicator"
    assert judged_[103].role == "Phối hợp"


def test_nothing_assigned_has_no_lines() -> None:
    assert score_lines(YEAR_2025, [], []) == ()


def test_a_paused_task_or_one_not_yet_due_is_not_among_the_tasks_due() -> None:
    later = AssignedTask(COOP, judged("PL2.47", going(50), on=END))
    lines = score_lines(YEAR_2025, [(1, later)])
    assert by_component(lines, Component.ON_TIME) == []
    assert len(by_component(lines, Component.PROGRESS)) == 1


@given(
    on_time=st.integers(0, 100),
    lead=st.floats(0, 1),
    cooperating=st.floats(0, 1),
)
def test_under_any_weights_the_lines_match_the_score(
    on_time: int, lead: float, cooperating: float
) -> None:
    rest = 100 - on_time
    config = ScoreConfig(
        on_time=on_time,
        progress=rest / 2,
        reporting=rest / 4,
        indicators=rest / 4,
        lead_weight=lead,
        cooperating_weight=cooperating,
    )
    score = agency_score(AGENCY, YEAR_2025, TASKS, INDICATORS, config=config)
    lines = score_lines(YEAR_2025, KEYED_TASKS, KEYED_INDICATORS, config=config)
    for component in score.components:
        mine = by_component(lines, component.component)
        assert sum(line.possible for line in mine) == pytest.approx(component.possible)
