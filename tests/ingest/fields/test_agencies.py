from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.ingest.fields.gold import gold_plans
from theodoi.ingest.fields.agencies import expand_abbreviations, split_agencies

# The agency cells of seeds 003, 004 and 03/NQ-CP as written, by the gold task they belong to
# (its position in the gold file and its code).
CELLS = json.loads((Path(__file__).parent / "cases" / "agency_cells.json").read_text("utf-8"))


def _gold_task(cell: dict[str, Any]) -> dict[str, Any]:
    # By position: a document may repeat a code (seed 003 has two II.2.d).
    task: dict[str, Any] = gold_plans()[cell["document"]]["tasks"][cell["index"]]
    assert task["code"] == cell["code"]
    return task


@pytest.mark.parametrize(
    ("cell", "field"),
    [
        pytest.param(cell, field, id=f"{cell['document'][:5]}-{cell['code']}-{field}")
        for cell in CELLS
        for field in ("lead", "cooperating")
    ],
)
def test_every_gold_agency_cell_splits_into_the_gold_list(cell: dict[str, Any], field: str) -> None:
    gold = _gold_task(cell)
    assert split_agencies(cell[field]) == gold[field]


@pytest.mark.parametrize(
    ("written", "spelled_out"),
    [
        ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
        ("HĐND tỉnh, UBND tỉnh", "Hội đồng nhân dân tỉnh, Ủy ban nhân dân tỉnh"),
        ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
        ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Sở LĐ-TB&XH", "Sở Lao động - Thương binh và Xã hội"),
        ("Sở VH-TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở GTVT", "Sở Giao thông vận tải"),
        ("BCH Quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
        ("BQL KKT Dung Quất", "Ban Quản lý Khu kinh tế Dung Quất"),
        ("Hội LHPN tỉnh", "Hội Liên hiệp Phụ nữ tỉnh"),
        ("Ban Tuyên giáo TW", "Ban Tuyên giáo Trung ương"),
        (
            "VTV, VOV, TTXVN",
            "Đài Truyền hình Việt Nam, Đài Tiếng nói Việt Nam, Thông tấn xã Việt Nam",
        ),
        ("CSDLQG, CSDL chuyên ngành", "Cơ sở dữ liệu quốc gia, cơ sở dữ liệu chuyên ngành"),
        (
            "phát triển KH,CN&ĐMST và CĐS",
            "phát triển khoa học, công nghệ và đổi mới sáng tạo và chuyển đổi số",
        ),
        (
            "hạ tầng CNTT, Cổng TTĐT tỉnh",
            "hạ tầng công nghệ thông tin, Cổng thông tin điện tử tỉnh",
        ),
        ("hỗ trợ DN từ NSNN", "hỗ trợ doanh nghiệp từ ngân sách nhà nước"),
    ],
)
def test_abbreviations_are_spelled_out(written: str, spelled_out: str) -> None:
    assert expand_abbreviations(written) == spelled_out


@pytest.mark.parametrize(
    "untouched",
    [
        "Nghị quyết số 57-NQ/TW của Bộ Chính trị",
        "Kế hoạch số 66/KH-UBND ngày 18/5/2020",
        "Quyết định số 37/2018/QĐ-TTg",
        "Văn bản số 1552/BTTTT-TTH",
        "DNA, TWh, UBNDs, CSDLx",
        "Tuyên truyền về TW4",
    ],
)
def test_letters_inside_words_and_document_numbers_are_left_alone(untouched: str) -> None:
    assert expand_abbreviations(untouched) == untouched


@pytest.mark.parametrize(
    ("cell", "agencies"),
    [
        (None, []),
        ("", []),
        ("-", []),
        ("Sở TT&TT; Sở KH&CN.", ["Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"]),
        ("UBND các huyện, thị xã, thành phố", ["Ủy ban nhân dân các huyện, thị xã, thành phố"]),
        (
            "Sở Tài chính, Sở VH-TT&DL, Công an tỉnh",
            ["Sở Tài chính", "Sở Văn hóa, Thể thao và Du lịch", "Công an tỉnh"],
        ),
        (
            "Tỉnh đoàn, Hội LHPN tỉnh, Liên đoàn Lao động tỉnh",
            ["Tỉnh đoàn", "Hội Liên hiệp Phụ nữ tỉnh", "Liên đoàn Lao động tỉnh"],
        ),
        (
            "Ban Tuyên giáo Tỉnh ủy, Ban Dân vận Tỉnh ủy,"
            " Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội",
            [
                "Ban Tuyên giáo Tỉnh ủy",
                "Ban Dân vận Tỉnh ủy",
                "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội",
            ],
        ),
        (
            "Các Sở: Tài chính, Nội vụ, Khoa học và Công nghệ",
            ["Sở Tài chính", "Sở Nội vụ", "Sở Khoa học và Công nghệ"],
        ),
        ("Viettel Quảng Ngãi, VNPT Quảng Ngãi", ["Viettel Quảng Ngãi", "VNPT Quảng Ngãi"]),
        ("Tỉnh ủy, HĐND, UBND tỉnh", ["Tỉnh ủy", "Hội đồng nhân dân", "Ủy ban nhân dân tỉnh"]),
        (
            "Các cơ quan báo chí, Đài PT-TH tỉnh",
            ["Các cơ quan báo chí", "Đài Phát thanh - Truyền hình tỉnh"],
        ),
        (
            "Sở GD&ĐT, các trường đại học, cao đẳng trên địa bàn",
            ["Sở Giáo dục và Đào tạo", "các trường đại học, cao đẳng trên địa bàn"],
        ),
        ("UBND cấp huyện, cấp xã", ["Ủy ban nhân dân cấp huyện, cấp xã"]),
        (
            "Ban Chỉ đạo tỉnh về phát triển KH,CN, ĐMST và CĐS",
            [
                "Ban Chỉ đạo tỉnh về phát triển khoa học, công nghệ,"
                " đổi mới sáng tạo và chuyển đổi số"
            ],
        ),
        ("Sở Tài chính Sở Nội vụ", ["Sở Tài chính", "Sở Nội vụ"]),
        ("Sở Tài chính\nSở Nội vụ\nCông an tỉnh", ["Sở Tài chính", "Sở Nội vụ", "Công an tỉnh"]),
        ("- Sở Y tế;\n- Bảo hiểm xã hội tỉnh", ["Sở Y tế", "Bảo hiểm xã hội tỉnh"]),
        ("Sở Thông tin và\nTruyền thông", ["Sở Thông tin và Truyền thông"]),
        ("Văn phòng\nỦy ban nhân dân tỉnh", ["Văn phòng Ủy ban nhân dân tỉnh"]),
        (
            "Ủy ban nhân dân các huyện, thị\nxã, thành phố",
            ["Ủy ban nhân dân các huyện, thị xã, thành phố"],
        ),
        ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh"]),
        # A kind of body without a name goes on with the collective it follows.
        (
            "Các Vụ, Cục liên quan; Sở Y tế các tỉnh, thành phố",
            ["Các Vụ, Cục liên quan", "Sở Y tế các tỉnh, thành phố"],
        ),
        # … and so does one that only says whose it is, or what sort it is, in lower case.
        ("Các Cục, Vụ, Viện, Trung tâm thuộc Bộ", ["Các Cục, Vụ, Viện, Trung tâm thuộc Bộ"]),
        ("Các Tập đoàn, Tổng công ty nhà nước", ["Các Tập đoàn, Tổng công ty nhà nước"]),
        (
            "Các Vụ, Cục, Trung tâm Dữ liệu quốc gia",
            ["Các Vụ, Cục", "Trung tâm Dữ liệu quốc gia"],
        ),
        ("Văn phòng Bộ Công an", ["Văn phòng Bộ Công an"]),
        ("BQL KKT, các KCN tỉnh", ["Ban Quản lý Khu kinh tế", "các Khu công nghiệp tỉnh"]),
        ("Các sở, ngành theo chức năng, nhiệm vụ được giao", ["Các sở, ngành"]),
        (
            "Sở Y tế, Bảo hiểm xã hội tỉnh và các cơ sở khám bệnh, chữa bệnh",
            ["Sở Y tế", "Bảo hiểm xã hội tỉnh và các cơ sở khám bệnh, chữa bệnh"],
        ),
    ],
)
def test_agency_cells_of_other_plans(cell: str | None, agencies: list[str]) -> None:
    assert split_agencies(cell) == agencies


@pytest.mark.parametrize(
    ("cell", "agencies"),
    [
        # A cell that is one bracket lists the bodies inside it.
        (
            "(Cục Chuyển đổi số quốc gia, Vụ Pháp chế)",
            ["Cục Chuyển đổi số quốc gia", "Vụ Pháp chế"],
        ),
        # Units of a ministry, each named, are as many agencies.
        ("Vụ Pháp chế, Vụ Hợp tác quốc tế", ["Vụ Pháp chế", "Vụ Hợp tác quốc tế"]),
        (
            "Các Vụ: Pháp chế, Kế hoạch - Tài chính",
            ["Vụ Pháp chế", "Vụ Kế hoạch - Tài chính"],
        ),
        (
            "Cục Thông tin, Thống kê, Cục Đổi mới sáng tạo",
            ["Cục Thông tin, Thống kê", "Cục Đổi mới sáng tạo"],
        ),
        # ``và`` between two named bodies separates them ...
        ("Bộ Công an và Bộ Quốc phòng", ["Bộ Công an", "Bộ Quốc phòng"]),
        ("Sở Giáo dục và Đào tạo và Sở Tài chính", ["Sở Giáo dục và Đào tạo", "Sở Tài chính"]),
        ("HĐND và UBND tỉnh", ["Hội đồng nhân dân", "Ủy ban nhân dân tỉnh"]),
        # ... never inside a name ...
        ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"]),
        (
            "Văn phòng Đoàn ĐBQH và HĐND tỉnh",
            ["Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh"],
        ),
        (
            "Ủy ban Quốc phòng, An ninh và Đối ngoại, Ủy ban Dân nguyện và Giám sát",
            ["Ủy ban Quốc phòng, An ninh và Đối ngoại", "Ủy ban Dân nguyện và Giám sát"],
        ),
        # ... and not before a collective, which SCHEMA.md keeps in one entry with the body.
        (
            "Bộ Kế hoạch và Đầu tư và các địa phương",
            ["Bộ Kế hoạch và Đầu tư và các địa phương"],
        ),
        # The words of a role are no part of a name.
        ("Sở Tư pháp chủ trì", ["Sở Tư pháp"]),
        ("Phối hợp với Công an tỉnh", ["Công an tỉnh"]),
        ("Chủ trì: Sở Nội vụ", ["Sở Nội vụ"]),
        ("Sở Y tế (chủ trì), Sở Tài chính", ["Sở Y tế", "Sở Tài chính"]),
        ("Sở Y tế chủ trì, phối hợp với Sở Tài chính", ["Sở Y tế", "Sở Tài chính"]),
        ("Cấp ủy phối hợp Thủ trưởng đơn vị", ["Cấp ủy", "Thủ trưởng đơn vị"]),
        ("Sở Nội vụ tham mưu UBND tỉnh", ["Sở Nội vụ"]),
        ("Sở Tư pháp hướng dẫn các xã, phường", ["Sở Tư pháp"]),
        ("Sở Y tế phối hợp triển khai", ["Sở Y tế"]),
        ("Trung tâm Hướng dẫn viên du lịch", ["Trung tâm Hướng dẫn viên du lịch"]),
        # Collectives stay whole.
        ("các sở, ban, ngành", ["các sở, ban, ngành"]),
        ("UBND các xã, phường, đặc khu", ["Ủy ban nhân dân các xã, phường, đặc khu"]),
        # A body named with its province is that body, as written.
        (
            "Sở Y tế tỉnh Quảng Ngãi, Công an tỉnh Quảng Ngãi",
            ["Sở Y tế tỉnh Quảng Ngãi", "Công an tỉnh Quảng Ngãi"],
        ),
    ],
)
def test_agency_lists_of_every_shape(cell: str, agencies: list[str]) -> None:
    assert split_agencies(cell) == agencies


@pytest.mark.parametrize(
    ("written", "spelled_out"),
    [
        ("Đoàn ĐBQH tỉnh", "Đoàn đại biểu Quốc hội tỉnh"),
        ("BCĐ tỉnh", "Ban Chỉ đạo tỉnh"),
        ("Ủy ban MTTQ Việt Nam xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
        ("Sở DT&TG", "Sở Dân tộc và Tôn giáo"),
        ("Sở NN&MT", "Sở Nông nghiệp và Môi trường"),
        ("Liên hiệp các Hội KH&KT tỉnh", "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh"),
        ("Hội CCB tỉnh, Hội ND tỉnh", "Hội Cựu chiến binh tỉnh, Hội Nông dân tỉnh"),
        ("VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("UBKT Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy"),
        ("BCSĐ UBND tỉnh", "Ban cán sự đảng Ủy ban nhân dân tỉnh"),
        ("UBTVQH, VPQH", "Ủy ban Thường vụ Quốc hội, Văn phòng Quốc hội"),
    ],
)
def test_abbreviations_of_2025_bodies_are_spelled_out(written: str, spelled_out: str) -> None:
    assert expand_abbreviations(written) == spelled_out


def test_an_abbreviation_that_is_a_word_too_is_left_alone_among_capitals() -> None:
    # ``TƯ`` abbreviates ``Trung ương``, and is a syllable of ``TƯ PHÁP`` and ``ĐẦU TƯ``.
    assert expand_abbreviations("ỦY BAN PHÁP LUẬT VÀ TƯ PHÁP") == "ỦY BAN PHÁP LUẬT VÀ TƯ PHÁP"
    assert expand_abbreviations("QUỸ ĐẦU TƯ PHÁT TRIỂN") == "QUỸ ĐẦU TƯ PHÁT TRIỂN"
    assert expand_abbreviations("các cơ quan TƯ và địa phương") == (
        "các cơ quan Trung ương và địa phương"
    )
    # beside another abbreviation it is one too
    assert expand_abbreviations("BCH TƯ") == "Ban Chấp hành Trung ương"
