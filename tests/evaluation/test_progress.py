import datetime
from typing import Any

import pytest

from tests.evaluation.gold import TIEN_GIANG, gold_indicator, target_of
from theodoi.evaluation import (
    Direction,
    EvaluationInputError,
    IndicatorSeries,
    Observation,
    ProgressBand,
    Target,
    expected_value,
    indicator_progress,
    target_path,
)

D = datetime.date
B = ProgressBand
END_2024 = D(2024, 12, 31)
END_2025 = D(2025, 12, 31)

# Targets of Tiền Giang's plan (gold 004), all for 2030 unless said: T - t0 = 6 years from
# the end of 2024, since year-ends are whole years apart.
DIGITAL_SIGNATURE = target_of(TIEN_GIANG, "24")  # chữ ký số: ≥ 70 %
PAYMENT_ACCOUNTS = target_of(TIEN_GIANG, "23")  # tài khoản thanh toán điện tử: ≥ 95 %
ONLINE_SERVICES = target_of(TIEN_GIANG, "7.1")  # dùng dịch vụ công trực tuyến: ≥ 80 %
DIGITISED_RECORDS = target_of(TIEN_GIANG, "7.3")  # số hóa hồ sơ: 100 %
DTI_RANK = target_of(TIEN_GIANG, "4")  # DTI: thuộc nhóm 20 tỉnh dẫn đầu
DATA_CENTRE = target_of(TIEN_GIANG, "22")  # Trung tâm dữ liệu: ≥ 01
DIGITAL_FIRMS_2045 = target_of(TIEN_GIANG, "30")  # doanh nghiệp công nghệ số: ≥ 5 by 2045
PATENTS_USED = target_of(TIEN_GIANG, "17")  # sáng chế khai thác thương mại: 8 - 10 %
SCIENCE_LEVEL = target_of(TIEN_GIANG, "1")  # in words only


def series(target: Target, y0: float, y: float | None = None) -> IndicatorSeries:
    """Baseline y0 at the end of 2024, latest y at the end of 2025."""
    values = (Observation(y0, END_2024),) + (() if y is None else (Observation(y, END_2025),))
    return IndicatorSeries(target, values)


def case(name: str, s: IndicatorSeries, band: ProgressBand, ratio: float | None) -> Any:
    return pytest.param(s, band, ratio, id=name)


# Worked by hand, t - t0 = 1 year, T - t0 = 6 years (21 for 2045):
CASES = [
    # 40 -> 46: g = 0.15; r = 1.75^(1/6) - 1 = 0.097757; R = 0.15 / 0.097757 = 1.5344.
    case("signature 40 -> 46, on track", series(DIGITAL_SIGNATURE, 40, 46), B.ON_TRACK, 1.5344),
    # 40 -> 43.5: g = 0.0875; R = 0.0875 / 0.097757 = 0.8951.
    case("signature 40 -> 43.5, moderate", series(DIGITAL_SIGNATURE, 40, 43.5), B.MODERATE, 0.8951),
    # 40 -> 42: g = 0.05; R = 0.05 / 0.097757 = 0.5115.
    case("signature 40 -> 42, slow", series(DIGITAL_SIGNATURE, 40, 42), B.SLOW, 0.5115),
    # Falling: 50 -> 47.5: g = -0.05; r = 1.6^(1/6) - 1 = 0.081484; R = -0.6136.
    case("online services falling", series(ONLINE_SERVICES, 50, 47.5), B.DETERIORATING, -0.6136),
    # Rank 40 -> 36, lower is better: g = -0.1; r = 0.5^(1/6) - 1 = -0.109101;
    # R = (-1)(-0.1) / 0.109101 = 0.9166.
    case("DTI rank 40 -> 36", series(DTI_RANK, 40, 36), B.MODERATE, 0.9166),
    # Rank 40 -> 45: g = 0.125; R = (-1)(0.125) / 0.109101 = -1.1457.
    case("DTI rank 40 -> 45", series(DTI_RANK, 40, 45), B.DETERIORATING, -1.1457),
    # Rank 18 is inside the top 20: met.
    case("DTI rank 18", series(DTI_RANK, 40, 18), B.ACHIEVED, None),
    case("payment accounts 96 of ≥ 95", series(PAYMENT_ACCOUNTS, 80, 96), B.ACHIEVED, None),
    # An "=" target is met once reached: 100 of 100.
    case("digitised records 100", series(DIGITISED_RECORDS, 60, 100), B.ACHIEVED, None),
    # 60 -> 70 of 100: g = 1/6 = 0.166667; r = (5/3)^(1/6) - 1 = 0.088867; R = 1.8755.
    case("digitised records 60 -> 70", series(DIGITISED_RECORDS, 60, 70), B.ON_TRACK, 1.8755),
    # Zero baseline becomes 0.001: 0 -> 1 of ≥ 5 by 2045: g = 1/0.001 - 1 = 999;
    # r = 5000^(1/21) - 1 = 0.500157; R = 999 / 0.500157 = 1997.4.
    case("digital firms 0 -> 1", series(DIGITAL_FIRMS_2045, 0, 1), B.ON_TRACK, 1997.4),
    # Zero stays zero: g = 0; R = 0: slow.
    case("data centre 0 -> 0", series(DATA_CENTRE, 0, 0), B.SLOW, 0.0),
    # Range 8-10 from below aims at 8: 4 -> 5: g = 0.25; r = 2^(1/6) - 1 = 0.122462; R = 2.0414.
    case("patents used 4 -> 5", series(PATENTS_USED, 4, 5), B.ON_TRACK, 2.0414),
    case("patents used 4 -> 9", series(PATENTS_USED, 4, 9), B.ACHIEVED, None),
    # Range from above aims at 10: 14 -> 13: g = -0.071429; r = (10/14)^(1/6) - 1 = -0.054535;
    # R = (-1)(-0.071429) / 0.054535 = 1.3098.
    case("patents used 14 -> 13", series(PATENTS_USED, 14, 13), B.ON_TRACK, 1.3098),
    # Baseline already met (72 of ≥ 70), then fell to 68: g = -0.055556;
    # r = (70/72)^(1/6) - 1 = -0.004684; R = (+1)(-0.055556) / 0.004684 = -11.86.
    # (g / r would be +11.86, "on track": why the ratio takes r's magnitude.)
    case("signature fell below target", series(DIGITAL_SIGNATURE, 72, 68), B.DETERIORATING, -11.86),
    case("signature, one value", series(DIGITAL_SIGNATURE, 40), B.INSUFFICIENT_DATA, None),
    case("words only", series(SCIENCE_LEVEL, 3, 4), B.NOT_MEASURABLE, None),
]


@pytest.mark.parametrize(("series_", "band", "ratio"), CASES)
def test_indicator_progress_band_and_ratio(
    series_: IndicatorSeries, band: ProgressBand, ratio: float | None
) -> None:
    progress = indicator_progress(series_)
    assert progress.band is band
    if ratio is None:
        assert progress.ratio is None
    else:
        assert progress.ratio == pytest.approx(ratio, rel=1e-3, abs=1e-9)


def test_every_band_is_met_by_some_case() -> None:
    assert {c.values[1] for c in CASES} == set(ProgressBand)


def test_the_result_carries_every_figure_it_came_from() -> None:
    progress = indicator_progress(series(DIGITAL_SIGNATURE, 40, 46))
    assert gold_indicator(TIEN_GIANG, "24")["name"].startswith("Tỷ lệ dân số trưởng thành")
    assert (progress.baseline_value, progress.baseline_on) == (40, END_2024)
    assert (progress.latest_value, progress.latest_on) == (46, END_2025)
    assert (progress.target_value, progress.target_on) == (70, D(2030, 12, 31))
    assert progress.years_elapsed == pytest.approx(1)
    assert progress.years_to_target == pytest.approx(6)
    assert progress.observed_growth == pytest.approx(0.15)
    assert progress.required_growth == pytest.approx(0.097757, rel=1e-4)
    assert progress.direction is Direction.INCREASE
    # The page shows the numbers the Vietnamese way.
    assert "g = 15%/năm" in progress.why
    assert "r = 9,8%/năm" in progress.why  # one decimal, as the page's table writes it
    assert "R = 1,53" in progress.why
    assert "≥ 70" in progress.why


def test_a_rank_target_asks_for_a_decrease() -> None:
    progress = indicator_progress(series(DTI_RANK, 40, 36))
    assert progress.direction is Direction.DECREASE
    assert "thuộc nhóm 20 dẫn đầu" in progress.why


def test_zero_values_are_shown_as_reported() -> None:
    progress = indicator_progress(series(DIGITAL_FIRMS_2045, 0, 1))
    assert progress.baseline_value == 0
    assert progress.years_to_target == pytest.approx(21)


def test_a_words_only_target_says_it_cannot_be_judged() -> None:
    progress = indicator_progress(series(SCIENCE_LEVEL, 3, 4))
    assert "Mục tiêu chỉ bằng lời" in progress.why
    assert "Thuộc nhóm các địa phương ở mức khá" in progress.why


def test_without_values_there_is_not_enough_data() -> None:
    progress = indicator_progress(IndicatorSeries(DIGITAL_SIGNATURE))
    assert progress.band is ProgressBand.INSUFFICIENT_DATA
    assert progress.baseline_value is None


def test_an_explicit_baseline_and_unsorted_values_use_the_latest_value() -> None:
    s = IndicatorSeries(
        DIGITAL_SIGNATURE,
        values=(Observation(46, END_2025), Observation(41, D(2025, 6, 30))),
        baseline=Observation(40, END_2024),
    )
    progress = indicator_progress(s)
    assert (progress.latest_value, progress.ratio) == (46, pytest.approx(1.5344, rel=1e-3))


def test_a_baseline_on_the_target_that_moves_away_is_deteriorating() -> None:
    # "=" target 100, baseline 100: r = 0, the ratio does not exist; 100 -> 95 is a fall.
    progress = indicator_progress(series(DIGITISED_RECORDS, 100, 95))
    assert progress.band is ProgressBand.DETERIORATING
    assert progress.ratio is None
    assert progress.required_growth == 0


def test_time_is_counted_in_fractional_years() -> None:
    # 30/6/2024 -> 31/12/2025 is a year and a half (within a day).
    s = IndicatorSeries(
        DIGITAL_SIGNATURE, (Observation(40, D(2024, 6, 30)), Observation(46, END_2025))
    )
    assert indicator_progress(s).years_elapsed == pytest.approx(1.5, abs=0.005)


@pytest.mark.parametrize(
    ("s", "says"),
    [
        (series(DIGITAL_SIGNATURE, -1, 46), "giá trị âm"),
        (series(Target(">=", 70, 2024), 40, 46), "không sau thời điểm gốc"),
    ],
)
def test_figures_the_method_cannot_use_are_explained(s: IndicatorSeries, says: str) -> None:
    progress = indicator_progress(s)
    assert progress.band is ProgressBand.NOT_MEASURABLE
    assert says in progress.why


def test_the_path_to_the_target_grows_at_the_required_rate() -> None:
    s = series(DIGITAL_SIGNATURE, 40, 46)
    # Half-way in time (end of 2027), the path is at 40 * 1.75^(1/2) = 52.915.
    assert expected_value(s, D(2027, 12, 31)) == pytest.approx(52.915, rel=1e-4)
    path = target_path(s)
    assert [p.on for p in path] == [D(year, 12, 31) for year in range(2024, 2031)]
    assert path[0].value == pytest.approx(40)
    assert path[-1].value == pytest.approx(70)


def test_a_words_only_target_has_no_path() -> None:
    assert target_path(series(SCIENCE_LEVEL, 3, 4)) == ()
    assert expected_value(series(SCIENCE_LEVEL, 3, 4), END_2025) is None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"op": ">=", "value": None, "year": 2030}, "thiếu giá trị"),
        ({"op": "range", "value": 10, "value_max": 8, "year": 2030}, "khoảng"),
        ({"op": "rank_top", "value": 0, "year": 2030}, "thứ hạng"),
        ({"op": "~", "value": 1, "year": 2030}, "Phép so sánh"),
    ],
)
def test_a_malformed_target_is_refused(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(EvaluationInputError, match=message):
        Target(**fields)


@pytest.mark.parametrize(
    ("latest", "band"),
    [
        # Baseline 32 at the end of 2029, target ≥ 52 at the end of 2030: one year each way,
        # so g = latest/32 - 1 and r = 52/32 - 1 = 0.625, all exact in binary; each threshold
        # belongs to the band above it.
        (51, ProgressBand.ON_TRACK),  # g = 0.59375, R = 0.95
        (50, ProgressBand.MODERATE),  # g = 0.5625, R = 0.9
        (44, ProgressBand.MODERATE),  # g = 0.375, R = 0.6
        (43, ProgressBand.SLOW),  # g = 0.34375, R = 0.55
        (32, ProgressBand.SLOW),  # g = 0, R = 0
        (31, ProgressBand.DETERIORATING),  # g = -0.03125, R = -0.05
    ],
)
def test_each_threshold_belongs_to_the_band_above_it(latest: float, band: ProgressBand) -> None:
    s = IndicatorSeries(
        Target(">=", 52, 2030),
        (Observation(32, D(2029, 12, 31)), Observation(latest, D(2030, 12, 31))),
    )
    assert indicator_progress(s).band is band


def test_overshooting_a_range_target_is_not_met_and_says_so() -> None:
    # 4 -> 12 against 8 - 10: past the far bound.
    progress = indicator_progress(series(PATENTS_USED, 4, 12))
    assert progress.band is not ProgressBand.ACHIEVED
    assert "vượt qua khoảng mục tiêu" in progress.why
