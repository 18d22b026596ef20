from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest

from tests.ingest.fields.gold import SHARED, gold_params, gold_plans
from theodoi.ingest.fields.targets import ProseTarget, find_prose_targets
from theodoi.ingest.textnorm import fold

# The documents whose gold indicators come from sentences, not from a table.
PROSE_DOCUMENTS = [name for name in gold_plans() if name[:3] in {"000", "001", "002", "003"}]


def _similarity(a: str, b: str) -> float:
    """Token-set Dice, the measure the scorer matches names with."""
    ta, tb = set(re.findall(r"\w+", fold(a))), set(re.findall(r"\w+", fold(b)))
    return 2 * len(ta & tb) / (len(ta) + len(tb))


@cache
def _found_by_line(document: str) -> list[list[ProseTarget]]:
    lines = (SHARED / "seeds" / f"{document}.txt").read_text("utf-8-sig").splitlines()
    return [find_prose_targets(line) for line in lines]


def _unit_key(unit: str | None) -> str:
    return re.sub(r"\s+", "", fold(unit or ""))


@pytest.mark.parametrize(
    "case",
    gold_params(
        [
            (doc, i["code"], (doc, i))
            for doc in PROSE_DOCUMENTS
            for i in gold_plans()[doc]["indicators"]
        ]
    ),
)
def test_every_gold_prose_indicator_is_found_with_its_figure(
    case: tuple[str, dict[str, Any]],
) -> None:
    document, gold = case
    named = [
        p
        for line in _found_by_line(document)
        for p in line
        if _similarity(p.name, gold["name"]) >= 0.8
    ]
    target = gold["target"]
    expected = (_unit_key(gold["unit"]), target["op"], target["value"], target["value_max"])
    # The year comes from the sentence when it names one, else from the heading (extractor).
    assert [
        (_unit_key(p.unit), p.target.op, p.target.value, p.target.value_max)
        for p in named
        if p.year in (None, gold["year"])
    ].count(expected) == 1, [(p.name, p.unit, p.target, p.year) for p in named]


@pytest.mark.parametrize("document", PROSE_DOCUMENTS)
def test_paragraphs_with_targets_yield_no_figure_that_is_not_one(document: str) -> None:
    names = [i["name"] for i in gold_plans()[document]["indicators"]]
    for found in _found_by_line(document):
        matched = [p for p in found if max(_similarity(p.name, n) for n in names) >= 0.6]
        if matched:
            assert matched == found


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Phấn đấu đến năm 2025, 100% cơ quan nhà nước cấp tỉnh kết nối mạng truyền số liệu"
            " chuyên dùng.",
            [
                (
                    "Tỷ lệ cơ quan nhà nước cấp tỉnh kết nối mạng truyền số liệu chuyên dùng",
                    "%",
                    "=",
                    100,
                    2025,
                )
            ],
        ),
        (
            "Đến năm 2030, tỷ lệ dân số có điện thoại thông minh đạt trên 90%; "
            "tỷ lệ hộ gia đình có kết nối Internet cáp quang không thấp hơn 85%.",
            [
                ("Tỷ lệ dân số có điện thoại thông minh", "%", ">", 90, 2030),
                ("Tỷ lệ hộ gia đình có kết nối Internet cáp quang", "%", ">=", 85, 2030),
            ],
        ),
        (
            "Chỉ số chuyển đổi số (DTI) của tỉnh thuộc nhóm 10 tỉnh, thành phố dẫn đầu cả nước.",
            [("Chỉ số chuyển đổi số (DTI) của tỉnh", None, "rank_top", 10, None)],
        ),
        (
            "Giai đoạn 2026 - 2030, hỗ trợ ít nhất 50 doanh nghiệp khởi nghiệp đổi mới sáng tạo.",
            [("Hỗ trợ doanh nghiệp khởi nghiệp đổi mới sáng tạo", "doanh nghiệp", ">=", 50, 2030)],
        ),
        (
            "Tỷ lệ thất nghiệp khu vực thành thị dưới 3%.",
            [("Tỷ lệ thất nghiệp khu vực thành thị", "%", "<", 3, None)],
        ),
        (
            "(2) góp phần thực hiện mục tiêu tăng trưởng GDP năm 2025 đạt từ 8,3 - 8,5%.",
            [("Tăng trưởng GDP", "%", "range", 8.3, 2025)],
        ),
        (
            "Mục tiêu cụ thể: tỷ lệ hộ gia đình có Internet cáp quang đến năm 2030 đạt 95%.",
            [("Tỷ lệ hộ gia đình có Internet cáp quang", "%", "=", 95, 2030)],
        ),
        (
            "c) Số cán bộ nghiên cứu khoa học đạt 12 người/vạn dân.",
            [("Số cán bộ nghiên cứu khoa học", "người/vạn dân", "=", 12, None)],
        ),
    ],
)
def test_target_sentences_of_other_plans(sentence: str, expected: list[tuple[Any, ...]]) -> None:
    found = [
        (p.name, p.unit, p.target.op, p.target.value, p.year) for p in find_prose_targets(sentence)
    ]
    assert found == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Hạ tầng số tiên tiến, hiện đại; thông tin di động 5G, 6G; tốc độ truy nhập trên 1Gb/s.",
        "Tỷ lệ dân số từ 15 tuổi trở lên được phổ biến kiến thức về chuyển đổi số.",
        "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 và Đề án 06 của Chính phủ.",
        "Thuộc nhóm các tỉnh dẫn đầu cả nước về đổi mới sáng tạo, chuyển đổi số.",
        "Tổ chức Kỳ họp thứ 9, giai đoạn 2021 - 2025, tầm nhìn đến năm 2045.",
        "Mưa lớn bắt đầu từ khoảng 3 giờ sáng ngày 12/10 tại các xã miền núi.",
        "Hội nghị khai mạc lúc 8h30, kéo dài đến khoảng 11 giờ 30 phút.",
        "",
    ],
)
def test_words_only_targets_and_figures_that_are_not_targets_are_left_out(sentence: str) -> None:
    assert find_prose_targets(sentence) == []


def _read(text: str) -> list[tuple[str, float | None, int | None]]:
    return [(t.name, t.target.value, t.year) for t in find_prose_targets(text)]


PAYMENTS = "Tỷ lệ khách hàng thanh toán tiền điện không dùng tiền mặt"
RECORDS = "Tỷ lệ người dân có hồ sơ sức khỏe điện tử"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # issue 16: a year written after the figure was not read (the plan's period was).
        (
            f"{PAYMENTS} đạt 90% vào năm 2027 và 98% vào năm 2030.",
            [(PAYMENTS, 90, 2027), (PAYMENTS, 98, 2030)],
        ),
        (f"{RECORDS}: 70% năm 2026, 90% năm 2028.", [(RECORDS, 70, 2026), (RECORDS, 90, 2028)]),
        (
            "Số cán bộ được đào tạo kỹ năng số đạt 1.500 người vào năm 2028.",
            [("Số cán bộ được đào tạo kỹ năng số", 1500, 2028)],
        ),
        # A year before the figure still dates it.
        (
            "Đến năm 2026, 95% hồ sơ được giải quyết trực tuyến.",
            [("Tỷ lệ hồ sơ được giải quyết trực tuyến", 95, 2026)],
        ),
        # ``trong đó`` without its comma opens the targets; ``và`` separates two of them.
        (
            "Phấn đấu đến năm 2030, Trường trở thành trường đại học số, trong đó 100% học phần "
            "có học liệu số và tối thiểu 30% học phần được dạy kết hợp trực tuyến.",
            [
                ("Tỷ lệ học phần có học liệu số", 100, 2030),
                ("Tỷ lệ học phần được dạy kết hợp trực tuyến", 30, 2030),
            ],
        ),
    ],
)
def test_targets_with_their_years_in_sentences_of_other_plans(
    text: str, found: list[tuple[str, float, int]]
) -> None:
    assert _read(text) == found


def test_shares_are_named_as_shares_of_what_they_are_a_share_of() -> None:
    found = find_prose_targets(
        "Phấn đấu đến năm 2030, kinh tế số chiếm tỷ trọng 30% GRDP của tỉnh, trong đó kinh tế "
        "số ngành, lĩnh vực chiếm tối thiểu 15% GRDP."
    )
    assert [(t.name, t.unit, t.target.op) for t in found] == [
        ("Tỷ trọng kinh tế số trong GRDP của tỉnh", "% GRDP", "="),
        ("Tỷ trọng kinh tế số ngành, lĩnh vực trong GRDP", "% GRDP", ">="),
    ]


def test_a_count_joined_to_the_target_before_it_is_a_target_too() -> None:
    found = find_prose_targets(
        "Đến năm 2030 có ít nhất 100 dự án khởi nghiệp được hỗ trợ và 20 doanh nghiệp "
        "khởi nghiệp gọi được vốn đầu tư."
    )
    assert [(t.unit, t.target.op, t.target.value, t.year) for t in found] == [
        ("dự án", ">=", 100, 2030),
        ("doanh nghiệp", "=", 20, 2030),
    ]
    # A count in a clause of its own says no aim: it is no target.
    assert len(find_prose_targets("Hỗ trợ tối thiểu 100 dự án; tổ chức 20 hội thảo.")) == 1


def test_a_figure_that_sizes_what_a_body_gives_is_not_aimed_whatever_year_it_names() -> None:
    (sized,) = find_prose_targets(
        "Bố trí tối thiểu 3% tổng chi ngân sách cho chuyển đổi số trong dự toán năm 2027."
    )
    assert not sized.aimed
    (aimed,) = find_prose_targets("Đến năm 2027, tỷ lệ hồ sơ trực tuyến đạt tối thiểu 80%.")
    assert aimed.aimed
    assert aimed.year == 2027


def test_a_share_of_a_budget_line_is_the_unit_and_not_more_of_the_name() -> None:
    (share,) = find_prose_targets(
        "Đến năm 2030, chi cho chuyển đổi số của Bộ đạt khoảng 3% tổng chi thường xuyên."
    )
    assert (share.name, share.unit, share.year) == (
        "Chi cho chuyển đổi số của Bộ",
        "% tổng chi thường xuyên",
        2030,
    )


@pytest.mark.parametrize(
    "base", ["lợi nhuận trước thuế", "lợi nhuận sau thuế", "tổng tài sản", "vốn chủ sở hữu"]
)
def test_a_share_of_an_enterprise_s_accounts_is_the_unit(base: str) -> None:
    # A corporation's or a bank's plan sizes its spending as a share of what it earns or holds.
    (share,) = find_prose_targets(f"Đến năm 2030, chi cho nghiên cứu đạt tối thiểu 2% {base}.")
    assert (share.name, share.unit, share.target.value) == ("Chi cho nghiên cứu", f"% {base}", 2)


def test_money_is_counted_in_its_magnitude_and_currency() -> None:
    (money,) = find_prose_targets(
        "Đến năm 2030, tổng vốn đầu tư mạo hiểm vào doanh nghiệp khởi nghiệp đạt khoảng 2 tỷ USD."
    )
    assert (money.name, money.unit, money.target.value) == (
        "Tổng vốn đầu tư mạo hiểm vào doanh nghiệp khởi nghiệp",
        "tỷ USD",
        2,
    )


@pytest.mark.parametrize("opening", ["Đến hết năm 2026", "Đến cuối năm 2026", "Đến năm 2026"])
def test_the_year_that_opens_a_target_is_its_year_and_no_part_of_its_name(opening: str) -> None:
    (target,) = find_prose_targets(f"{opening}, 100% cơ sở khám bệnh dùng đơn thuốc điện tử.")
    assert (target.name, target.year) == ("Tỷ lệ cơ sở khám bệnh dùng đơn thuốc điện tử", 2026)


def test_an_objective_that_closes_on_a_count_states_it_as_its_target() -> None:
    # Under a part of objectives, a bullet may close on what it counts with no verb of aim
    # (``… được kết nối với 34 tỉnh, thành phố.``); the same words among the tasks do not.
    text = "- Hệ thống hồ sơ công trình được kết nối với 34 tỉnh, thành phố."
    (stated,) = find_prose_targets(text, stated=True)
    assert (stated.unit, stated.target.op, stated.target.value) == ("tỉnh, thành phố", "=", 34)
    assert find_prose_targets(text) == []


def test_a_count_inside_an_objective_qualifies_what_is_counted() -> None:
    found = find_prose_targets(
        "- Tỷ lệ lao động từ 18 tuổi trở lên có chứng chỉ kỹ năng số đạt tối thiểu 60%.",
        stated=True,
    )
    assert [(t.unit, t.target.value) for t in found] == [("%", 60)]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        # a noun that counts groups of people, before whom they gather
        ("Thành lập ít nhất 12 đội thanh niên tình nguyện hỗ trợ người dân.", "đội"),
        ("Duy trì 35 tổ công nghệ số cộng đồng hoạt động thường xuyên.", "tổ"),
        # the same noun as the first word of another
        ("Có ít nhất 80 đội hình thanh niên tình nguyện được thành lập.", "đội hình"),
    ],
)
def test_a_count_of_groups_is_in_the_group_noun(text: str, unit: str) -> None:
    assert [t.unit for t in find_prose_targets(text)] == [unit]


def test_a_later_milestone_of_the_same_target_after_a_semicolon_keeps_its_name() -> None:
    found = find_prose_targets(
        "Đến năm 2026, tối thiểu 80% doanh nghiệp sử dụng hóa đơn điện tử; đến năm 2030, đạt 100%."
    )
    assert [(t.target.op, t.target.value, t.year) for t in found] == [
        (">=", 80, 2026),
        ("=", 100, 2030),
    ]
    assert found[0].name == found[1].name


def test_a_later_milestone_of_a_share_is_a_share_of_the_same() -> None:
    found = find_prose_targets("Kinh tế số đạt 20% GRDP vào năm 2027, trên 30% vào năm 2030.")
    assert [(t.unit, t.year) for t in found] == [("% GRDP", 2027), ("% GRDP", 2030)]
