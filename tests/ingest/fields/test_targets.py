from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pytest

from tests.ingest.fields.gold import gold_indicators, gold_params
from theodoi.ingest.fields.targets import parse_number, parse_target
from theodoi.ingest.plan import Target


@pytest.mark.parametrize("indicator", gold_params(gold_indicators()))
def test_every_gold_target_parses_to_the_gold_target(indicator: dict[str, Any]) -> None:
    target = indicator["target"]
    assert asdict(parse_target(target["text"], unit=indicator["unit"])) == target


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("0,7", 0.7),
        ("> 0,7", 0.7),
        ("09", 9),
        ("1.234,5", 1234.5),
        ("1.000.000 người", 1_000_000),
        ("3.500", 3500),
        ("1,5%", 1.5),
        ("0.5", 0.5),
        ("12.5%", 12.5),
        ("1,234.5", 1234.5),
        ("≥ 350 Tbps", 350),
        ("không có số", None),
        ("", None),
        (None, None),
    ],
)
def test_numbers_are_read_with_the_decimal_comma(written: str | None, number: float | None) -> None:
    assert parse_number(written) == number


@pytest.mark.parametrize(
    ("written", "unit", "expected"),
    [
        ("≥ 55", "%", Target("≥ 55", ">=", 55)),
        (">= 30", "%", Target(">= 30", ">=", 30)),
        ("Tối thiểu 40 doanh nghiệp", None, Target("Tối thiểu 40 doanh nghiệp", ">=", 40)),
        ("không thấp hơn 70%", "%", Target("không thấp hơn 70%", ">=", 70)),
        ("không dưới 60%", "%", Target("không dưới 60%", ">=", 60)),
        ("từ 80% trở lên", "%", Target("từ 80% trở lên", ">=", 80)),
        ("Trên 90%", "%", Target("Trên 90%", ">", 90)),
        ("< 5", "%", Target("< 5", "<", 5)),
        ("dưới 5%", "%", Target("dưới 5%", "<", 5)),
        ("≤ 10", "%", Target("≤ 10", "<=", 10)),
        ("không quá 3 ngày", "ngày", Target("không quá 3 ngày", "<=", 3)),
        ("tối đa 15%", "%", Target("tối đa 15%", "<=", 15)),
        ("khoảng 30%", "% GRDP", Target("khoảng 30%", "=", 30)),
        ("Đạt 100%", "%", Target("Đạt 100%", "=", 100)),
        ("100%", "%", Target("100%", "=", 100)),
        ("trên 80%²", "%", Target("trên 80%", ">", 80)),
        ("1.500", "người", Target("1.500", "=", 1500)),
        ("20% - 50%", "%", Target("20% - 50%", "range", 20, 50)),
        ("từ 5 đến 7", "sản phẩm", Target("từ 5 đến 7", "range", 5, 7)),
        ("Đến năm 2030 đạt 50%", "%", Target("Đến năm 2030 đạt 50%", "=", 50)),
        ("-", "%", Target()),
        ("", "%", Target()),
        (None, None, Target()),
        ("Tiên tiến, hiện đại", None, Target("Tiên tiến, hiện đại")),
        ("Top 50", "Thứ bậc", Target("Top 50", "rank_top", 50)),
        ("≤ 10", "Thứ bậc", Target("≤ 10", "rank_top", 10)),
        ("3", "Xếp hạng", Target("3", "rank_top", 3)),
        (
            "Thuộc nhóm 10 tỉnh dẫn đầu cả nước",
            None,
            Target("Thuộc nhóm 10 tỉnh dẫn đầu cả nước", "rank_top", 10),
        ),
        ("≤ 5 ASEAN", None, Target("≤ 5 ASEAN", "rank_top", 5)),
        ("Top 3 ASEAN", None, Target("Top 3 ASEAN", "rank_top", 3)),
        ("Trong top 50 thế giới", None, Target("Trong top 50 thế giới", "rank_top", 50)),
        ("Thuộc top 10", "Thứ bậc", Target("Thuộc top 10", "rank_top", 10)),
        ("Đứng thứ 5", "Xếp hạng", Target("Đứng thứ 5", "rank_top", 5)),
        ("Tăng 2 bậc", "Thứ bậc", Target("Tăng 2 bậc")),
        (
            "Nằm trong nhóm 3 nước dẫn đầu ASEAN",
            None,
            Target("Nằm trong nhóm 3 nước dẫn đầu ASEAN", "rank_top", 3),
        ),
    ],
)
def test_target_shapes_of_other_plans(
    written: str | None, unit: str | None, expected: Target
) -> None:
    assert parse_target(written, unit=unit) == expected


def test_a_rank_row_without_a_place_has_no_target() -> None:
    parsed = parse_target("Đạt mức khá; có ít nhất 01 doanh nghiệp dẫn đầu", unit="Thứ bậc")
    assert (parsed.op, parsed.value) == (None, None)
