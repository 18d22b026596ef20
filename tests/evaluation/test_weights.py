"""A plan's scoring settings: the rules a coordinator's figures must keep, each refusal naming
its field, the bands they set, and how the ranking would move under them."""

from __future__ import annotations

from typing import Any

import pytest

from theodoi.evaluation import (
    AgencyScore,
    EvaluationInputError,
    Period,
    ScoreBand,
    ScoreConfig,
    rank_agencies,
)
from theodoi.evaluation.weights import (
    LABELS,
    SETTINGS,
    compare_rankings,
    config_of,
    defaults,
    settings_problems,
    values_of,
)

PERIOD = Period.year(2025)


def values(**changes: Any) -> dict[str, Any]:
    return {**defaults(), **changes}


def test_design_s_defaults_have_no_problem_and_are_the_rules_defaults() -> None:
    assert settings_problems(defaults()) == {}
    assert config_of(defaults()) == ScoreConfig()
    assert values_of(ScoreConfig()) == defaults()
    assert defaults() == {
        "on_time": 40,
        "progress": 20,
        "reporting": 20,
        "indicators": 20,
        "lead_weight": 1.0,
        "cooperating_weight": 0.3,
        "excellent": 90,
        "good": 80,
        "fair": 70,
        "average": 50,
    }


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"on_time": 50}, "on_time", "phải bằng 100 (đang là 110)"),
        ({"on_time": 30}, "on_time", "phải bằng 100 (đang là 90)"),
        ({"on_time": 30.5, "progress": 29.4}, "on_time", "đang là 99,9"),
        ({"progress": -5, "on_time": 65}, "progress", "không được âm (-5)"),
        ({"reporting": -0.01}, "reporting", "không được âm"),
        ({"indicators": None}, "indicators", "chưa nhập"),
        ({"lead_weight": 1.5}, "lead_weight", "phải từ 0 đến 1 (1,5)"),
        ({"cooperating_weight": -0.3}, "cooperating_weight", "không được âm (-0,3)"),
        ({"excellent": 101}, "excellent", "phải từ 0 đến 100 (101)"),
        ({"good": 95}, "good", "phải thấp hơn điểm tối thiểu mức xuất sắc (90)"),
        ({"fair": 80}, "fair", "(80) phải thấp hơn điểm tối thiểu mức tốt (80)"),
        ({"average": 75}, "average", "phải thấp hơn điểm tối thiểu mức khá (70)"),
        ({"average": -1}, "average", "không được âm"),
        ({"on_time": 140, "progress": -40}, "progress", "không được âm"),
    ],
)
def test_a_wrong_figure_is_refused_with_a_message_naming_its_field(
    changes: dict[str, Any], field: str, words: str
) -> None:
    problems = settings_problems(values(**changes))
    assert field in problems
    assert words in problems[field]
    assert problems[field].startswith(LABELS[field]) or "Tổng điểm" in problems[field]


def test_points_that_do_not_add_to_100_name_every_component() -> None:
    (message,) = settings_problems(values(on_time=10)).values()
    for setting in SETTINGS[:4]:
        assert setting.label.lower() in message


def test_other_weights_that_add_to_100_are_accepted() -> None:
    changed = values(on_time=25, progress=25, reporting=25.5, indicators=24.5)
    changed.update(cooperating_weight=0, excellent=95, good=85, fair=60, average=40)
    assert settings_problems(changed) == {}
    config = config_of(changed)
    assert config.band_of(94.9) is ScoreBand.GOOD
    assert config.band_of(59.9) is ScoreBand.AVERAGE
    assert config.band_of(39.9) is ScoreBand.WEAK


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (90, ScoreBand.EXCELLENT),
        (89.9, ScoreBand.GOOD),
        (50, ScoreBand.AVERAGE),
        (0, ScoreBand.WEAK),
    ],
)
def test_default_bands_are_design_s(score: float, band: ScoreBand) -> None:
    assert ScoreConfig().band_of(score) is band is ScoreBand.of(score)


@pytest.mark.parametrize(
    "bands",
    [
        {"excellent": 80, "good": 80},
        {"fair": 85},
        {"average": 120},
        {"excellent": -1},
    ],
)
def test_the_rules_refuse_bands_out_of_order(bands: dict[str, float]) -> None:
    with pytest.raises(EvaluationInputError, match="ngưỡng các mức xếp loại"):
        ScoreConfig(**bands)


def scored(name: str, score: float | None) -> AgencyScore:
    band = ScoreBand.of(score) if score is not None else None
    return AgencyScore(name, PERIOD, score, band, (), "")


def test_a_preview_says_who_moves_up_and_down() -> None:
    before = rank_agencies(
        [scored("Sở A", 90), scored("Sở B", 80), scored("Sở C", 70), scored("Sở D", 50)]
    )
    after = rank_agencies(
        [scored("Sở A", 60), scored("Sở B", 85), scored("Sở C", 70), scored("Sở D", 40)]
    )
    shifts = {s.agency: s for s in compare_rankings(before, after)}
    assert [s.agency for s in compare_rankings(before, after)] == ["Sở B", "Sở C", "Sở A", "Sở D"]
    assert shifts["Sở B"].movement == "Lên 1 bậc"
    assert shifts["Sở A"].movement == "Xuống 2 bậc"
    assert (shifts["Sở A"].band_before, shifts["Sở A"].band_after) == ("Xuất sắc", "Trung bình")
    assert shifts["Sở C"].movement == "Lên 1 bậc"
    assert shifts["Sở D"].movement == "Giữ nguyên"
    assert shifts["Sở D"].band_after == "Yếu"


def test_a_preview_of_ties_and_unranked_agencies() -> None:
    before = rank_agencies([scored("Sở A", 80), scored("Sở B", 80), scored("Sở D", None)])
    after = rank_agencies([scored("Sở A", 80), scored("Sở B", 79.9), scored("Sở D", None)])
    shifts = {s.agency: s for s in compare_rankings(before, after)}
    assert (shifts["Sở A"].rank_before, shifts["Sở A"].rank_after) == (1, 1)
    assert (shifts["Sở B"].rank_before, shifts["Sở B"].rank_after) == (1, 2)
    assert shifts["Sở B"].movement == "Xuống 1 bậc"
    assert shifts["Sở D"].movement == "Chưa xếp hạng"
    assert shifts["Sở D"].moved is None


def test_an_agency_in_one_ranking_only_is_unranked_in_the_other() -> None:
    before = rank_agencies([scored("Sở A", 80)])
    after = rank_agencies([scored("Sở A", 80), scored("Sở E", 90)])
    shifts = {s.agency: s for s in compare_rankings(before, after)}
    assert shifts["Sở E"].movement == "Được xếp hạng"
    gone = {s.agency: s for s in compare_rankings(after, before)}
    assert gone["Sở E"].movement == "Không còn được xếp hạng"
