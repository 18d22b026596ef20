"""The catalogue of public bodies: what opens a body's name, and names never split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import theodoi
from theodoi.ingest.fields.agencies import split_agencies
from theodoi.ingest.fields.bodies import opens_with_body, spelt_as_catalogue, split_outside


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
        "Thư viện Quốc hội",
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


# Nghị quyết 176/2025/QH15: the Government from 01/3/2025.
MINISTRIES_2025 = [
    "Bộ Quốc phòng",
    "Bộ Công an",
    "Bộ Ngoại giao",
    "Bộ Nội vụ",
    "Bộ Tư pháp",
    "Bộ Tài chính",
    "Bộ Công Thương",
    "Bộ Nông nghiệp và Môi trường",
    "Bộ Xây dựng",
    "Bộ Văn hóa, Thể thao và Du lịch",
    "Bộ Khoa học và Công nghệ",
    "Bộ Giáo dục và Đào tạo",
    "Bộ Y tế",
    "Bộ Dân tộc và Tôn giáo",
    "Ngân hàng Nhà nước Việt Nam",
    "Thanh tra Chính phủ",
    "Văn phòng Chính phủ",
]
# Nghị định 45/2025/NĐ-CP: the departments of every province, and those of some.
DEPARTMENTS_2025 = [
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Xây dựng",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Thanh tra tỉnh",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Sở Ngoại vụ",
    "Sở Dân tộc và Tôn giáo",
    "Sở Du lịch",
    "Sở Quy hoạch - Kiến trúc",
]
# Nghị quyết of 18/02/2025 on the National Assembly's bodies.
ASSEMBLY_BODIES_2025 = [
    "Hội đồng Dân tộc",
    "Ủy ban Pháp luật và Tư pháp",
    "Ủy ban Kinh tế và Tài chính",
    "Ủy ban Quốc phòng, An ninh và Đối ngoại",
    "Ủy ban Văn hóa và Xã hội",
    "Ủy ban Khoa học, Công nghệ và Môi trường",
    "Ủy ban Công tác đại biểu",
    "Ủy ban Dân nguyện và Giám sát",
]


@pytest.mark.parametrize(
    "names",
    [
        pytest.param(MINISTRIES_2025, id="ministries"),
        pytest.param(DEPARTMENTS_2025, id="departments"),
        pytest.param(ASSEMBLY_BODIES_2025, id="national-assembly"),
    ],
)
def test_a_list_of_the_2025_bodies_splits_into_each_body(names: list[str]) -> None:
    assert split_agencies(", ".join(names)) == names
    assert split_agencies("; ".join(names)) == names
    assert all(opens_with_body(name) for name in names)


def _bodies_theodoi_resolves() -> list[str]:
    """Every name and alias of the bodies that orgs/data declares (the organisations a plan's
    agencies resolve to, with the former ones that have a successor)."""
    data = Path(theodoi.__file__).parent / "orgs" / "data"
    names: list[str] = []
    for file in ("national_bodies.json", "provincial_bodies.json"):
        for body in json.loads((data / file).read_text("utf-8"))["bodies"]:
            for name in [body["name"], *body["aliases"]]:
                names.append(name.replace("{province}", "Quảng Ngãi"))
    return names


@pytest.mark.parametrize("name", _bodies_theodoi_resolves())
def test_every_body_theodoi_resolves_is_read_as_one_body(name: str) -> None:
    # The catalogue and orgs/data describe the same bodies: what the extractor reads as one
    # agency is what the resolver can find.
    agencies = split_agencies(name)
    assert len(agencies) == 1
    assert opens_with_body(agencies[0])


@pytest.mark.parametrize(
    "text",
    [
        "Kiểm toán nhà nước",
        "Viện kiểm sát nhân dân tối cao",
        "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh",
        "Cơ quan thuế khu vực",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường",
    ],
)
def test_a_whole_name_in_the_catalogue_opens_a_body_whatever_follows_its_head(text: str) -> None:
    assert opens_with_body(text)


@pytest.mark.parametrize(
    ("text", "spelt"),
    [
        # the longer of two names that start alike wins
        ("ban tổ chức trung ương", "Ban Tổ chức Trung ương"),
        ("ban tổ chức tỉnh ủy", "Ban Tổ chức Tỉnh ủy"),
        ("ủy ban khoa học, công nghệ và môi trường", "Ủy ban Khoa học, Công nghệ và Môi trường"),
        # only whole words
        ("ban tổ chứcx", "ban tổ chứcx"),
    ],
)
def test_names_are_spelt_as_the_catalogue_spells_them(text: str, spelt: str) -> None:
    assert spelt_as_catalogue(text) == spelt
