from __future__ import annotations

import datetime

import pytest

from tests.ingest.fields.gold import SHARED, gold_plans
from theodoi.ingest.fields.dates import parse_date
from theodoi.ingest.fields.docnumbers import find_document_numbers, kind_of_number


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Số: 66/KH-UBND", ["66/KH-UBND"]),
        ("Số 60-CTr/TU", ["60-CTr/TU"]),
        ("CHƯƠNG TRÌNH SỐ 71-CTR/TU", ["71-CTr/TU"]),
        ("Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ", ["03/NQ-CP"]),
        ("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị", ["57-NQ/TW"]),
        ("Kế hoạch số 3260-KH/ĐĐQH15 của Đảng đoàn Quốc hội", ["3260-KH/ĐĐQH15"]),
        (
            "đáp ứng yêu cầu tại văn bản số 1552/BTTTT-TTH và 708/BTTTT-CATTT;",
            ["1552/BTTTT-TTH", "708/BTTTT-CATTT"],
        ),
        ("theo Nghị định 45/2025/NĐ-CP", ["45/2025/NĐ-CP"]),
        ("Quyết định số 37/2018/QĐ-TTg, Quyết định số 37/2018/QĐ-TTG", ["37/2018/QĐ-TTg"]),
        ("Kế hoạch số 336-KH/TU và Kế hoạch số 336-KH/TU", ["336-KH/TU"]),
        ("ngày 25/02/2025, ngày 8/12/2021, năm 2021 - 2030", []),
        ("(Kèm theo Chương trình hành động tại Nghị quyết số  /NQ-CP ngày 01 tháng 01)", []),
        ("Đề án 06, Kỳ họp thứ 9, tốc độ trên 1Gb/s, 12 người/vạn dân", []),
    ],
)
def test_document_numbers_are_found_in_order_and_never_dates(text: str, numbers: list[str]) -> None:
    assert find_document_numbers(text) == numbers


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        ("66/KH-UBND", "ke_hoach"),
        ("336-KH/TU", "ke_hoach"),
        ("60-CTr/TU", "chuong_trinh"),
        ("71-CTR/TU", "chuong_trinh"),
        ("03/NQ-CP", "nghi_quyet"),
        ("57-NQ/TW", "nghi_quyet"),
        ("1234/QĐ-UBND", "quyet_dinh"),
        ("37/2018/QĐ-TTg", "quyet_dinh"),
        ("15/BC-UBND", "bao_cao"),
        ("45/2025/NĐ-CP", None),
        ("1552/BTTTT-TTH", None),
        ("không phải số", None),
    ],
)
def test_the_kind_of_a_document_comes_from_its_number(number: str, kind: str | None) -> None:
    assert kind_of_number(number) == kind


def test_every_number_of_the_gold_documents_is_found_in_its_text() -> None:
    for name, plan in gold_plans().items():
        folder = "seeds" if (SHARED / "seeds" / f"{name}.txt").exists() else "reference"
        found = find_document_numbers((SHARED / folder / f"{name}.txt").read_text("utf-8-sig"))
        document = plan["document"]
        expected = ([document["number"]] if document["number"] else []) + document["implements"]
        assert [n for n in expected if n not in found] == [], name
        if document["number"]:
            assert kind_of_number(document["number"]) == document["kind"]


# Citations of higher documents as the seeds and the reference documents write them.
CITATIONS = [
    ("03/NQ-CP ngày 09/01/2025", "03/NQ-CP", datetime.date(2025, 1, 9)),
    ("04-NQ/TU, ngày 12/4/2021", "04-NQ/TU", datetime.date(2021, 4, 12)),
    ("151/KH-UBND ngày 09/12/2019", "151/KH-UBND", datetime.date(2019, 12, 9)),
    ("180-KH/TU ngày 18/02/2025", "180-KH/TU", datetime.date(2025, 2, 18)),
    ("29/NQ-TW ngày 04/11/2013", "29/NQ-TW", datetime.date(2013, 11, 4)),
    ("3690/KH-UBND ngày 14/8/2019", "3690/KH-UBND", datetime.date(2019, 8, 14)),
    ("370/KH-UBND ngày 8/12/2021", "370/KH-UBND", datetime.date(2021, 12, 8)),
    ("50-KL/TW ngày 30/5/2019", "50-KL/TW", datetime.date(2019, 5, 30)),
    ("56-CTr/TU ngày 13/3/2024", "56-CTr/TU", datetime.date(2024, 3, 13)),
    ("605/QĐ-UBND ngày 16/3/2021", "605/QĐ-UBND", datetime.date(2021, 3, 16)),
    ("714/QĐ-TTg ngày 22/5/2015", "714/QĐ-TTg", datetime.date(2015, 5, 22)),
    (
        "công văn số 83/BKHCN-BTTTT-VP ngày 08 tháng 01 năm 2025",
        "83/BKHCN-BTTTT-VP",
        datetime.date(2025, 1, 8),
    ),
    (
        "Tờ trình số 04/TTr-BKHCN-BTTTT ngày 02 tháng 01 năm 2025",
        "04/TTr-BKHCN-BTTTT",
        datetime.date(2025, 1, 2),
    ),
    (
        "thực hiện Nghị quyết số 17/NQ-CP ngày 07 tháng 03 năm 2019",
        "17/NQ-CP",
        datetime.date(2019, 3, 7),
    ),
]


@pytest.mark.parametrize(("line", "number", "date"), CITATIONS)
def test_a_citation_gives_its_number_and_its_date_apart(
    line: str, number: str, date: datetime.date
) -> None:
    assert find_document_numbers(line) == [number]
    assert parse_date(line) == date
