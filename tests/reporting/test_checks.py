import pytest

from theodoi.reporting.checks import UnitKind, check_figure, read_figure, unit_kind


@pytest.mark.parametrize(
    ("unit", "comparator", "kind"),
    [
        # Units as the seeds and 03/NQ-CP write them (gold extractions).
        ("%", ">=", UnitKind.PERCENT),
        ("% GRDP", "=", UnitKind.PERCENT),
        ("% tổng chi NSNN", ">=", UnitKind.PERCENT),
        ("%/năm", "range", UnitKind.RATE),
        ("Thứ bậc", "rank_top", UnitKind.RANK),
        (None, "rank_top", UnitKind.RANK),
        ("Doanh nghiệp", ">=", UnitKind.COUNT),
        ("Tổ chức, doanh nghiệp", ">=", UnitKind.COUNT),
        ("đô thị", ">=", UnitKind.COUNT),
        ("Trung tâm dữ liệu quốc gia", ">=", UnitKind.COUNT),
        ("Người/vạn dân", "=", UnitKind.RATIO),
        ("Số doanh nghiệp/1000 dân", "=", UnitKind.RATIO),
        ("Tbps", ">=", UnitKind.MEASURE),
        ("Chỉ số phát triển con người (HDI)", ">", UnitKind.MEASURE),
        ("", "", UnitKind.ANY),
    ],
)
def test_unit_kind_of_seed_units(unit: str | None, comparator: str, kind: UnitKind) -> None:
    assert unit_kind(unit, comparator) == kind


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1.234,5", 1234.5), ("85 %", 85.0), ("-2,5", -2.5), ("0,7", 0.7), ("12", 12.0)],
)
def test_figures_typed_vietnamese_style_are_read(typed: str, value: float) -> None:
    assert read_figure(typed) == value


@pytest.mark.parametrize("typed", ["", "abc", "12a", "khoảng 30", "30-40"])
def test_text_that_is_not_one_number_is_not_a_figure(typed: str) -> None:
    assert read_figure(typed) is None


@pytest.mark.parametrize(
    ("value", "unit", "comparator", "message"),
    [
        (120, "%", ">=", "từ 0 đến 100; 120%"),
        (-1, "% GRDP", "=", "từ 0 đến 100; -1%"),
        (2.5, "Doanh nghiệp", ">=", "2,5 không phải số nguyên"),
        (-3, "Tổ chức", "range", "-3 không phải số nguyên"),
        (0, "Thứ bậc", "rank_top", "số nguyên dương"),
        (12.5, "Thứ bậc", "rank_top", "12,5 không hợp lệ"),
        (-4, "Người/vạn dân", "=", "không được âm"),
    ],
)
def test_figures_out_of_their_unit_are_refused(
    value: float, unit: str, comparator: str, message: str
) -> None:
    check = check_figure(value, unit=unit, comparator=comparator)
    assert not check.ok
    assert message in check.errors[0]


@pytest.mark.parametrize(
    ("value", "unit", "comparator"),
    [
        (100, "%", ">="),
        (0, "%", ">="),
        (-2.5, "%/năm", "range"),
        (140, "%/năm", "range"),
        (35, "Doanh nghiệp", ">="),
        (1, "Thứ bậc", "rank_top"),
        (12.7, "Người/vạn dân", "="),
        (0.73, "Chỉ số phát triển con người (HDI)", ">"),
    ],
)
def test_figures_within_their_unit_pass(value: float, unit: str, comparator: str) -> None:
    assert check_figure(value, unit=unit, comparator=comparator).ok


def test_a_figure_more_than_three_times_the_last_is_to_be_confirmed() -> None:
    check = check_figure(90, unit="%", previous=20)
    assert check.ok
    assert "gấp 4,5 lần" in check.confirm[0]


def test_a_figure_under_a_third_of_the_last_is_to_be_confirmed() -> None:
    # 0,8 typed for 80 %: the usual slip of a share typed as a fraction.
    check = check_figure(0.8, unit="%", previous=80)
    assert "chỉ bằng 1%" in check.confirm[0]


@pytest.mark.parametrize(("value", "previous"), [(55, 20), (20, 55), (3, 0), (0, 3)])
def test_figures_near_the_last_or_from_zero_need_no_confirmation(
    value: float, previous: float
) -> None:
    assert check_figure(value, unit="%", previous=previous).confirm == ()


def test_a_refused_figure_is_not_also_asked_to_be_confirmed() -> None:
    check = check_figure(150, unit="%", previous=10)
    assert check.errors
    assert not check.confirm
