"""Suggested links from a province's tasks to the national tasks they carry out (issue 12).

The lower titles are real lines of the seed plans; the national tasks are 03/NQ-CP's, read by
the extractor from the copy the project ships."""

from __future__ import annotations

from importlib.resources import files

import pytest

from theodoi.evaluation.linking import (
    Basis,
    HigherTask,
    TitleIndex,
    cited_numbers,
    ordinal,
    suggest_links,
)
from theodoi.ingest.pipeline import extract_file

NATIONAL = files("theodoi.plans") / "data" / "nq-03-nq-cp-2025.txt"


@pytest.fixture(scope="module")
def national() -> TitleIndex:
    plan = extract_file(str(NATIONAL))
    return TitleIndex(HigherTask(task.code, task.code, task.title) for task in plan.tasks)


def first(title: str, index: TitleIndex, text: str = "") -> str | None:
    found = suggest_links(title, text or title, index, higher_number="03/NQ-CP")
    return ordinal(found[0].key) if found else None


@pytest.mark.parametrize(
    ("title", "national_task"),
    [
        # the national title copied with another verb
        (
            "Triển khai nền tảng đào tạo trực tuyến mở đại trà cung cấp các kiến thức về phát "
            "triển khoa học, công nghệ và đổi mới sáng tạo, kiến thức, kỹ năng số, công nghệ số "
            "cơ bản cho người dân, doanh nghiệp",
            "11",
        ),
        (
            "Ứng dụng các nền tảng đào tạo trực tuyến mở đại trà cung cấp miễn phí kiến thức về "
            "khoa học, công nghệ, đổi mới sáng tạo, kỹ năng số, công nghệ số cơ bản cho người "
            "dân, doanh nghiệp.",
            "11",
        ),
        # the national title narrowed to the province's powers
        (
            "Rà soát các quy định pháp luật để tháo gỡ kịp thời các điểm nghẽn phục vụ hoạt động "
            "phát triển khoa học, công nghệ đổi mới sáng tạo và chuyển đổi số theo thẩm quyền "
            "của tỉnh",
            "37",
        ),
        ("Tiếp tục triển khai Chương trình phát triển kinh tế số, xã hội số", "60"),
        (
            "Xây dựng văn bản quy định trách nhiệm người đứng đầu các cơ quan nhà nước trực tiếp "
            "phụ trách, chỉ đạo triển khai nhiệm vụ về phát triển khoa học, công nghệ, đổi mới "
            "sáng tạo và chuyển đổi số của cơ quan, tổ chức",
            "4",
        ),
        (
            "Triển khai giải pháp hỗ trợ, bảo vệ người dân trên không gian mạng ở mức cơ bản, "
            "tạo lập niềm tin số",
            "97",
        ),
        (
            "Xây dựng, cơ chế đặt hàng, giao nhiệm vụ cho các doanh nghiệp công nghệ số thực hiện "
            "các nhiệm vụ trọng điểm về chuyển đổi số",
            "125",
        ),
    ],
)
def test_a_task_rewritten_from_a_national_one_is_linked_to_it(
    title: str, national_task: str, national: TitleIndex
) -> None:
    assert first(title, national) == national_task


@pytest.mark.parametrize(
    "title",
    [
        "Tiếp tục hỗ trợ triển khai dự án sản xuất Hydro xanh tại huyện Gò Công Đông",
        "Tham mưu thành lập Ban Chỉ đạo tỉnh phát triển khoa học, công nghệ, đổi mới sáng tạo "
        "và chuyển đổi số và Tổ giúp việc Ban Chỉ đạo tỉnh",
    ],
)
def test_a_task_of_the_province_own_gets_no_suggestion(title: str, national: TitleIndex) -> None:
    """Sharing only the field's words ("khoa học, công nghệ … chuyển đổi số") is no link."""
    assert first(title, national) is None


def test_a_cited_national_task_comes_first_whatever_the_title(national: TitleIndex) -> None:
    text = (
        "Tổ chức hội nghị phổ biến cho doanh nghiệp trên địa bàn (thực hiện nhiệm vụ số 11 "
        "tại Phụ lục II Nghị quyết số 03/NQ-CP)."
    )
    found = suggest_links("Tổ chức hội nghị phổ biến", text, national, higher_number="03/NQ-CP")
    assert [ordinal(s.key) for s in found][:1] == ["11"]
    assert found[0].basis is Basis.CITED


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("thực hiện nhiệm vụ số 7 tại Phụ lục II Nghị quyết số 03/NQ-CP", ["7"]),
        ("các nhiệm vụ 15, 16 và 20 của Nghị quyết 03", ["15", "16", "20"]),
        ("(STT 42, Phụ lục II, NQ 03)", ["42"]),
        ("theo nhiệm vụ thứ 3 của 3/NQ-CP", ["3"]),
        # the plan's own numbering, or another document's
        ("như nhiệm vụ 3 nêu trên", []),
        ("nhiệm vụ 12 của Kế hoạch số 336-KH/TU", []),
        ("nhiệm vụ 5 Nghị quyết số 30/NQ-CP", []),
        ("nhiệm vụ 5 tại Quyết định 1003/QĐ-TTg", []),
    ],
)
def test_cited_numbers_count_only_beside_the_higher_document(text: str, numbers: list[str]) -> None:
    assert cited_numbers(text, "03/NQ-CP") == numbers


@pytest.mark.parametrize(("code", "number"), [("PL2.25", "25"), ("25.", "25"), ("07", "7")])
def test_a_task_is_cited_by_the_last_number_of_its_code(code: str, number: str) -> None:
    assert ordinal(code) == number


def test_the_national_catalogue_has_its_140_tasks(national: TitleIndex) -> None:
    assert sorted(int(ordinal(t.code) or 0) for t in national.tasks) == list(range(1, 141))
