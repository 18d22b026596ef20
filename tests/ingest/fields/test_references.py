"""References are dated: a resolution is its number, its year and its issuer."""

from __future__ import annotations

import pytest

from theodoi.ingest.extract.metadata import read_metadata
from theodoi.ingest.fields.references import (
    Reference,
    cites,
    find_references,
    implemented,
    programme_behind,
)
from theodoi.ingest.plan import Plan
from theodoi.ingest.readers import read_text
from theodoi.ingest.segment import segment
from theodoi.ingest.validate import validate_plan_json

# The resolutions behind the two national programmes, as a plan's references carry them.
RESOLUTION_52 = Reference("52-NQ/TW", 2019, "Bộ Chính trị")
RESOLUTION_57 = Reference("57-NQ/TW", 2024, "Bộ Chính trị")


def test_a_reference_takes_the_year_of_its_date_or_of_its_number() -> None:
    text = (
        "Căn cứ Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ, Nghị định số "
        "45/2025/NĐ-CP và Kế hoạch số 12-KH/TU của Tỉnh ủy"
    )
    assert find_references(text) == [
        Reference("03/NQ-CP", 2025, "Chính phủ"),
        Reference("45/2025/NĐ-CP", 2025),
        Reference("12-KH/TU", None, "Tỉnh ủy"),
    ]


def test_a_programme_of_another_year_is_another_resolution() -> None:
    # issue 16: a 2025 "Nghị quyết 50/NQ-CP" was said to implement 52-NQ/TW
    assert programme_behind(Reference("50/NQ-CP", 2025), 2025) is None
    assert programme_behind(Reference("50/NQ-CP", 2020), 2021) == RESOLUTION_52
    assert programme_behind(Reference("03/NQ-CP", 2025), 2026) == RESOLUTION_57


def test_the_2025_update_of_the_governments_programme_implements_57_too() -> None:
    # 71/NQ-CP of 01/4/2025 amends the programme of 03/NQ-CP; a 71/NQ-CP of another year does not.
    assert programme_behind(Reference("71/NQ-CP", 2025), 2026) == RESOLUTION_57
    assert programme_behind(Reference("71/NQ-CP", 2019), 2019) is None


def test_an_undated_programme_counts_only_for_plans_written_while_it_runs() -> None:
    assert programme_behind(Reference("50/NQ-CP", None), 2021) == RESOLUTION_52
    assert programme_behind(Reference("50/NQ-CP", None), 2026) is None


@pytest.mark.parametrize(
    ("text", "reference"),
    [
        (
            "Căn cứ Nghị quyết số 50/NQ-CP ngày 17 tháng 4 năm 2025 của Chính phủ về",
            Reference("50/NQ-CP", 2025, "Chính phủ"),
        ),
        (
            "Thực hiện Nghị quyết 03/NQ-CP (ngày 09/01/2025) của Chính phủ",
            Reference("03/NQ-CP", 2025, "Chính phủ"),
        ),
        (
            "Thực hiện Nghị quyết số 50/NQ-CP năm 2025 của Chính phủ",
            Reference("50/NQ-CP", 2025, "Chính phủ"),
        ),
        (
            "Căn cứ Kế hoạch số 66/KH-UBND ngày 18/5/2020 của UBND tỉnh Quảng Ngãi về",
            Reference("66/KH-UBND", 2020, "Ủy ban nhân dân tỉnh Quảng Ngãi"),
        ),
        (
            "Thực hiện Chương trình số 71-CTR/TU, ngày 05/3/2025 của Ban Thường vụ Tỉnh ủy"
            " Quảng Nam thực hiện Nghị quyết",
            Reference("71-CTr/TU", 2025, "Ban Thường vụ Tỉnh ủy Quảng Nam"),
        ),
        ("Quyết định số 37/2018/QĐ-TTg", Reference("37/2018/QĐ-TTg", 2018)),
        # the issuer ends where what the resolution does begins
        (
            "Căn cứ Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ sửa đổi, bổ sung",
            Reference("71/NQ-CP", 2025, "Chính phủ"),
        ),
        # what follows ``của`` is an issuer only when it is a body
        ("Nghị quyết 12/NQ-CP của năm trước", Reference("12/NQ-CP", None)),
    ],
)
def test_a_reference_is_its_number_year_and_issuer(text: str, reference: Reference) -> None:
    assert find_references(text) == [reference]


def test_a_number_cited_again_with_its_date_takes_that_date() -> None:
    text = (
        "Thực hiện Nghị quyết số 50/NQ-CP của Chính phủ. ... Chương trình hành động ban hành"
        " kèm theo Nghị quyết số 50/NQ-CP ngày 17/4/2025"
    )
    assert find_references(text) == [Reference("50/NQ-CP", 2025, "Chính phủ")]


def test_a_2025_resolution_50_is_not_the_programme_for_52() -> None:
    # issue 16: the 2025 "Nghị quyết 50/NQ-CP" of a plan was said to implement 52-NQ/TW.
    cited = implemented(
        ["Thực hiện Nghị quyết số 50/NQ-CP ngày 17/4/2025 của Chính phủ"], None, 2025
    )
    assert cited == [Reference("50/NQ-CP", 2025, "Chính phủ")]
    undated = implemented(["Thực hiện Nghị quyết số 50/NQ-CP của Chính phủ"], None, 2025)
    assert [r.number for r in undated] == ["50/NQ-CP"]
    programme = implemented(["Căn cứ Nghị quyết số 50/NQ-CP ngày 17/4/2020"], None, 2021)
    assert programme == [Reference("50/NQ-CP", 2020), RESOLUTION_52]


@pytest.mark.parametrize(
    ("reference", "document", "same"),
    [
        (Reference("50/NQ-CP", 2025), ("50/NQ-CP", 2025, "Chính phủ"), True),
        (Reference("50/NQ-CP", 2025), ("50/NQ-CP", 2020, "Chính phủ"), False),
        (Reference("50/NQ-CP", None), ("50/NQ-CP", 2020, "Chính phủ"), True),
        (Reference("50/NQ-CP", 2025), ("50/NQ-CP", None, ""), True),
        (Reference("52-NQ/TW", 2019, "Bộ Chính trị"), ("50/NQ-CP", 2019, "Chính phủ"), False),
        (
            Reference("66/KH-UBND", 2020, "UBND tỉnh Quảng Ngãi"),
            ("66/KH-UBND", 2020, "Ủy ban nhân dân tỉnh Quảng Ngãi"),
            True,
        ),
        (
            Reference("66/KH-UBND", 2020, "Ủy ban nhân dân tỉnh Quảng Nam"),
            ("66/KH-UBND", 2020, "Ủy ban nhân dân tỉnh Quảng Ngãi"),
            False,
        ),
        (
            Reference("66/KH-UBND", 2020, "Ủy ban nhân dân tỉnh"),
            ("66/kh-ubnd", 2020, "Ủy ban nhân dân tỉnh Quảng Ngãi"),
            True,
        ),
    ],
)
def test_a_higher_plan_is_the_one_cited_when_number_year_and_issuer_agree(
    reference: Reference, document: tuple[str, int | None, str], same: bool
) -> None:
    number, year, issuer = document
    assert cites(reference, number, year, issuer) is same


def test_a_plan_carries_its_references_dated_into_its_plan_json() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 12/KH-UBND\nQuảng Ngãi, ngày 02 tháng 6 năm 2025\n"
        "KẾ HOẠCH\nTHỰC HIỆN NGHỊ QUYẾT SỐ 50/NQ-CP CỦA CHÍNH PHỦ\n"
        "Thực hiện Nghị quyết số 50/NQ-CP ngày 10 tháng 4 năm 2025 của Chính phủ, Ủy ban nhân"
        " dân tỉnh ban hành Kế hoạch thực hiện như sau:\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n- Triển khai kịp thời.\n"
    )
    source = read_text(text)
    plan = Plan(document=read_metadata(segment(source.blocks), text))
    assert plan.document.implements == ["50/NQ-CP"]
    data = plan.to_dict()
    assert validate_plan_json(data) == []
    assert data["document"]["references"] == [
        {"number": "50/NQ-CP", "year": 2025, "issuer": "Chính phủ"}
    ]
    assert Plan.from_dict(data).document.references == [Reference("50/NQ-CP", 2025, "Chính phủ")]


@pytest.mark.parametrize(
    ("text", "party", "numbers"),
    [
        # a Party document names the Politburo's resolution by its figure
        ("Thực hiện Nghị quyết 57 của Bộ Chính trị về đột phá", False, ["57-NQ/TW"]),
        ("Thực hiện Nghị quyết số 57 ngày 22/12/2024", True, ["57-NQ/TW"]),
        ("Tiếp tục thực hiện Kết luận 14 của Ban Chấp hành Trung ương", False, ["14-KL/TW"]),
        ("Quán triệt Chỉ thị 05 của Ban Bí thư", False, ["05-CT/TW"]),
        # nobody named: only a Party document means the Party centre's
        ("Thực hiện Nghị quyết 57 về chuyển đổi số", False, []),
        # a body that is not the Party centre issued it: not the centre's number
        ("Thực hiện Nghị quyết 71 của Chính phủ", True, []),
        ("Thực hiện Nghị quyết 05 của Ban Chấp hành Đảng bộ tỉnh", True, []),
        # a whole number is read as it is written, never as a figure alone
        (
            "Thực hiện Nghị quyết số 57-NQ/TW và Nghị quyết số 71/NQ-CP",
            True,
            ["57-NQ/TW", "71/NQ-CP"],
        ),
    ],
)
def test_a_party_resolution_cited_by_its_figure_alone(
    text: str, party: bool, numbers: list[str]
) -> None:
    assert [r.number for r in find_references(text, party=party)] == numbers


def _document(text: str) -> Plan:
    return Plan(document=read_metadata(segment(read_text(text).blocks), text))


def test_a_2025_resolution_50_read_from_a_whole_plan_implements_no_52() -> None:
    # issue 16: the year of a reference is read from its date in words, in a plan's header.
    plan = _document(
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG BÌNH\nSố: 88/KH-UBND\n"
        "Quảng Bình, ngày 12 tháng 5 năm 2025\nKẾ HOẠCH\n"
        "Triển khai Nghị quyết số 50/NQ-CP ngày 17 tháng 4 năm 2025 của Chính phủ\n"
        "Căn cứ Nghị quyết số 50/NQ-CP ngày 17 tháng 4 năm 2025 của Chính phủ;\n"
        "I. NHIỆM VỤ\n1. Sở Tài chính chủ trì rà soát; Quý III/2025.\n"
    )
    assert plan.document.implements == ["50/NQ-CP"]
    assert plan.document.references == [Reference("50/NQ-CP", 2025, "Chính phủ")]


def test_a_party_plan_that_names_resolution_57_by_its_figure_implements_it() -> None:
    plan = _document(
        "ĐẢNG BỘ TỈNH HÀ TĨNH\nĐẢNG ỦY XÃ THẠCH LẠC\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Số 21-KH/ĐU\nThạch Lạc, ngày 10 tháng 3 năm 2026\nKẾ HOẠCH\n"
        "thực hiện Nghị quyết 57 về đột phá phát triển khoa học, công nghệ\n"
        "Thực hiện Nghị quyết 57 và Kế hoạch số 45-KH/TU của Ban Thường vụ Tỉnh ủy;\n"
        "I. NHIỆM VỤ\n1. Tổ chức quán triệt Nghị quyết đến 100% chi bộ; Quý II/2026.\n"
    )
    assert sorted(plan.document.implements) == ["45-KH/TU", "57-NQ/TW"]
