"""The catalogue of public bodies: what opens a body's name, and names never split."""

from __future__ import annotations

import pytest

from theodoi.ingest.fields.agencies import split_agencies
from theodoi.ingest.fields.bodies import opens_with_body, split_outside


@pytest.mark.parametrize(
    "text",
    [
        "Sở Y tế",
        "Công an tỉnh",
        "Cục Chuyển đổi số",
        "Vụ Pháp chế",
        "Tổ đảng ở Thường trực Ủy ban Khoa học, Công nghệ và Môi trường",
        "Đảng ủy Văn phòng Quốc hội",
        "Hội đồng Dân tộc",
        "Ủy ban nhân dân các xã, phường",
        "Hội Liên hiệp Phụ nữ tỉnh",
        "Các sở, ban, ngành",
        "Các tổ chức đảng trực thuộc",
        "Bảo hiểm xã hội tỉnh",
        "Trung tâm Công nghệ thông tin và Truyền thông",
    ],
)
def test_names_of_public_bodies_open_with_a_head_from_the_catalogue(text: str) -> None:
    assert opens_with_body(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị sơ kết",
        "Trung tâm dữ liệu của tỉnh",
        "Ban hành quy chế",
        "Các nhiệm vụ trọng tâm",
        "Nâng cao nhận thức",
        "công an tỉnh",
    ],
)
def test_words_that_only_look_like_a_body_do_not(text: str) -> None:
    assert not opens_with_body(text)


def test_a_list_is_never_split_inside_brackets_or_a_whole_name() -> None:
    text = "Bộ Văn hóa, Thể thao và Du lịch, các đơn vị (Cục A, Cục B)"
    assert split_outside(text, ",") == [
        "Bộ Văn hóa, Thể thao và Du lịch",
        " các đơn vị (Cục A, Cục B)",
    ]


@pytest.mark.parametrize(
    ("cell", "agencies"),
    [
        # issue 16: "Vụ X, Vụ Y" is two units of a ministry
        ("Vụ Tổ chức cán bộ, Văn phòng Bộ", ["Vụ Tổ chức cán bộ", "Văn phòng Bộ"]),
        # a collective whose members are named in brackets is those members
        (
            "các đơn vị (Cục Chuyển đổi số, Vụ Kế hoạch - Tài chính)",
            ["Cục Chuyển đổi số", "Vụ Kế hoạch - Tài chính"],
        ),
        # a bracket after a named body stays with it, unsplit
        (
            "Bộ Y tế (Cục Khoa học công nghệ, Đào tạo)",
            ["Bộ Y tế (Cục Khoa học công nghệ, Đào tạo)"],
        ),
        (
            "Ủy ban Khoa học, Công nghệ và Môi trường, Ủy ban Kinh tế và Tài chính",
            ["Ủy ban Khoa học, Công nghệ và Môi trường", "Ủy ban Kinh tế và Tài chính"],
        ),
    ],
)
def test_agency_cells_split_as_the_catalogue_reads_them(cell: str, agencies: list[str]) -> None:
    assert split_agencies(cell) == agencies
