"""Headings, sections and their roles, signature blocks."""

from __future__ import annotations

import pytest

from theodoi.ingest.blocks import Paragraph, Table
from theodoi.ingest.roles import Role, role_of
from theodoi.ingest.segment import (
    Heading,
    appendix_number,
    heading_of,
    is_document_title,
    is_person_name,
    segment,
)


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("I. MỤC ĐÍCH, YÊU CẦU", Heading("roman", "I", "MỤC ĐÍCH, YÊU CẦU")),
        ("IV. TỔ CHỨC THỰC HIỆN", Heading("roman", "IV", "TỔ CHỨC THỰC HIỆN")),
        ("2. Yêu cầu", Heading("arabic", "2", "Yêu cầu")),
        ("2.1. Đến năm 2030", Heading("arabic", "2.1", "Đến năm 2030")),
        ("3.1 Nâng cao nhận thức", Heading("arabic", "3.1", "Nâng cao nhận thức")),
        ("a) Tổ chức quán triệt", Heading("letter", "a", "Tổ chức quán triệt")),
        ("đ) Đưa nội dung Quy hoạch", Heading("letter", "đ", "Đưa nội dung Quy hoạch")),
        ("a)Tổ chức triển khai", Heading("letter", "a", "Tổ chức triển khai")),
        ("PHỤ LỤC II", Heading("appendix", "II", "")),
        ("PHỤ LỤC", Heading("appendix", "", "")),
    ],
)
def test_headings_of_vietnamese_administrative_documents(line: str, heading: Heading) -> None:
    assert heading_of(line) == heading


@pytest.mark.parametrize(
    "line",
    [
        "- Cơ quan chủ trì: Sở Thông tin và Truyền thông.",
        "2025 và những năm tiếp theo",
        "1.000 doanh nghiệp được hỗ trợ",
        "f) không phải chữ cái tiếng Việt",
        "Trong Kế hoạch cũng xác định rõ các chỉ tiêu (phụ lục I, danh sách các chỉ tiêu)",
        "CC. không phải số La Mã hợp lệ",
    ],
)
def test_plain_lines_are_not_headings(line: str) -> None:
    assert heading_of(line) is None


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("MỤC ĐÍCH, YÊU CẦU", Role.PURPOSE),
        ("Yêu cầu", Role.PURPOSE),
        ("QUAN ĐIỂM", Role.VIEWS),
        ("KHÁI QUÁT TÌNH HÌNH", Role.SITUATION),
        ("MỤC TIÊU", Role.OBJECTIVES),
        ("Mục tiêu cụ thể", Role.OBJECTIVES),
        ("NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN", Role.TASKS),
        ("NHIỆM VỤ CỤ THỂ", Role.TASKS),
        ("Nhiệm vụ và giải pháp chủ yếu", Role.TASKS),
        ("TỔ CHỨC THỰC HIỆN", Role.ORGANISATION),
        ("KINH PHÍ THỰC HIỆN", Role.FUNDING),
        # a part that holds both targets and tasks leaves it to its sub-parts
        ("MỤC TIÊU, CHỈ TIÊU VÀ NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU", None),
        ("Chính sách phát triển nguồn nhân lực", None),
    ],
)
def test_role_of_a_part_comes_from_its_heading_words(title: str, role: Role | None) -> None:
    assert role_of(title) is role


def _blocks(*lines: str) -> list[Paragraph]:
    return [Paragraph(line) for line in lines]


def test_sections_nest_and_take_their_codes_from_their_path() -> None:
    # seed 003's layout
    seg = segment(
        _blocks(
            "KẾ HOẠCH",
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "- Tuyên truyền, quán triệt.",
            "II. NHIỆM VỤ, GIẢI PHÁP THỰC HIỆN",
            "1. Đổi mới tư duy",
            "a) Tổ chức quán triệt",
            "- Cơ quan chủ trì: Sở Nội vụ.",
            "d) Nghiên cứu lộ trình",
            "d) Xây dựng cơ chế",
            "2. Hoàn thiện thể chế",
            "a) Rà soát",
            "III. TỔ CHỨC THỰC HIỆN",
            "1. Sở Tài chính: bố trí kinh phí.",
        )
    )
    root = seg.root
    assert root.paragraphs == ["KẾ HOẠCH"]
    purpose, tasks, organisation = root.children
    assert (purpose.role, tasks.role, organisation.role) == (
        Role.PURPOSE,
        Role.TASKS,
        Role.ORGANISATION,
    )
    group = tasks.children[0]
    assert group.code == "II.1"
    assert group.role is Role.TASKS
    # a letter repeated by mistake stays, in order, with its code as written
    assert [item.code for item in group.children] == ["II.1.a", "II.1.d", "II.1.d"]
    assert group.children[0].paragraphs == ["- Cơ quan chủ trì: Sở Nội vụ."]
    assert tasks.children[1].children[0].code == "II.2.a"
    assert organisation.children[0].role is Role.ORGANISATION


def test_decimal_heading_is_its_own_code() -> None:
    # seed 001: 3. Nhiệm vụ … / 3.1. … under II.
    seg = segment(_blocks("II. MỤC TIÊU VÀ NHIỆM VỤ", "3. Nhiệm vụ và giải pháp", "3.1. Nâng cao"))
    sub = seg.root.children[0].children[0].children[0]
    assert (sub.code, sub.role) == ("3.1", Role.TASKS)


def test_signature_block_is_set_apart_and_appendices_resume_the_content() -> None:
    seg = segment(
        [
            *_blocks("I. MỤC TIÊU", "Nội dung.", "Nơi nhận:", "- Như trên;", "- Lưu: VT."),
            *_blocks("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "[đã ký]", "Nguyễn Văn A", "HIỆU LỰC VĂN BẢN"),
            Paragraph("PHỤ LỤC I"),
            Table(rows=(("TT", "Chỉ tiêu"),)),
        ]
    )
    assert [s.code for s in seg.root.children] == ["I", "PL1"]
    assert seg.root.children[0].paragraphs == ["Nội dung."]
    assert seg.signatures[0].name == "Nguyễn Văn A"
    assert seg.signatures[0].capacity == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "[đã ký]"]
    assert len(seg.root.children[1].tables) == 1


def test_an_attached_programme_after_the_signature_is_content() -> None:
    # 03/NQ-CP: the resolution is signed, then its programme follows with its own parts
    seg = segment(
        _blocks(
            "NGHỊ QUYẾT",
            "Nơi nhận:",
            "- Ban Bí thư Trung ương Đảng;",
            "TM. CHÍNH PHỦ",
            "KT. THỦ TƯỚNG",
            "PHÓ THỦ TƯỚNG",
            "Nguyễn Hòa Bình",
            "CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ",
            "I. MỤC TIÊU",
        )
    )
    assert seg.root.paragraphs == ["NGHỊ QUYẾT", "CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ"]
    assert seg.root.children[0].role is Role.OBJECTIVES


def test_person_names_and_document_titles() -> None:
    assert is_person_name("Trần Ngọc Căng")
    assert not is_person_name("CHỦ TỊCH")
    assert not is_person_name("Sở Khoa học và Công nghệ")
    assert is_document_title("CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ")
    assert not is_document_title("HIỆU LỰC VĂN BẢN")


@pytest.mark.parametrize(
    ("line", "label", "title"),
    [
        ("PHỤ LỤC II: DANH MỤC NHIỆM VỤ", "II", "DANH MỤC NHIỆM VỤ"),
        ("PHỤ LỤC I. CÁC CHỈ TIÊU", "I", "CÁC CHỈ TIÊU"),
        ("Phụ lục 02", "02", ""),
    ],
)
def test_appendix_headings_with_their_title_on_the_same_line(
    line: str, label: str, title: str
) -> None:
    assert heading_of(line) == Heading("appendix", label, title)


def test_appendix_codes() -> None:
    assert [appendix_number(n) for n in ("II", "02", "")] == ["2", "2", ""]
    assert heading_of("Phụ lục: xem bảng dưới đây") is None


def test_a_decisions_authority_line_is_not_its_signature() -> None:
    # Nghị định 30/2020/NĐ-CP: a decision names the authority that issues it above its
    # ``Căn cứ`` lines; the signature under ``KT.`` names the title alone.
    seg = segment(
        _blocks(
            "QUYẾT ĐỊNH",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",
            "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;",
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Trần Phước Hiền",
        )
    )
    assert "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;" in seg.root.paragraphs
    assert [s.capacity for s in seg.signatures] == [["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]]
    assert seg.signatures[0].name == "Trần Phước Hiền"


@pytest.mark.parametrize(
    "authority",
    [
        "GIÁM ĐỐC ĐẠI HỌC QUỐC GIA HÀ NỘI",
        "TỔNG GIÁM ĐỐC TẬP ĐOÀN BƯU CHÍNH VIỄN THÔNG VIỆT NAM",
        "GIÁM ĐỐC BẢO HIỂM XÃ HỘI VIỆT NAM",
    ],
)
def test_the_authority_of_any_body_the_catalogue_knows_is_not_a_signature(authority: str) -> None:
    seg = segment(
        _blocks(
            "QUYẾT ĐỊNH",
            authority,
            "Căn cứ Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ;",
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.",
            "GIÁM ĐỐC",
            "Lê Văn An",
        )
    )
    assert "Căn cứ Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ;" in seg.root.paragraphs
    assert [s.capacity for s in seg.signatures] == [["GIÁM ĐỐC"]]


@pytest.mark.parametrize(
    "title", ["TỔNG GIÁM ĐỐC", "CỤC TRƯỞNG", "THỐNG ĐỐC", "VIỆN TRƯỞNG", "CHÁNH ÁN", "HIỆU TRƯỞNG"]
)
def test_the_head_of_a_corporation_a_unit_a_bank_or_a_court_signs(title: str) -> None:
    seg = segment(
        _blocks(
            "KẾ HOẠCH",
            "I. NHIỆM VỤ",
            "1. Số hóa hồ sơ.",
            "Nơi nhận:",
            "- Lưu: VT.",
            title,
            "Lê Văn An",
        )
    )
    assert [(s.capacity, s.name) for s in seg.signatures] == [([title], "Lê Văn An")]


@pytest.mark.parametrize("title", ["PHÓ CHỦ TỊCH THƯỜNG TRỰC", "PHÓ BÍ THƯ TỈNH ỦY"])
def test_a_signing_title_with_its_standing_or_its_committee_is_a_signature(title: str) -> None:
    seg = segment(_blocks("KẾ HOẠCH", "I. NHIỆM VỤ", "1. Số hóa hồ sơ.", title, "Lê Văn An"))
    assert [(s.capacity, s.name) for s in seg.signatures] == [([title], "Lê Văn An")]


def test_a_minister_who_heads_the_government_office_signs_under_both_titles() -> None:
    seg = segment(
        _blocks(
            "QUYẾT ĐỊNH",
            "BỘ TRƯỞNG, CHỦ NHIỆM VĂN PHÒNG CHÍNH PHỦ",
            "Căn cứ Nghị định số 36/2025/NĐ-CP;",
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.",
            "BỘ TRƯỞNG, CHỦ NHIỆM",
            "Trần Văn Hải",
        )
    )
    assert "Căn cứ Nghị định số 36/2025/NĐ-CP;" in seg.root.paragraphs
    assert [(s.capacity, s.name) for s in seg.signatures] == [
        (["BỘ TRƯỞNG, CHỦ NHIỆM"], "Trần Văn Hải")
    ]


def test_a_letters_closing_sentence_is_no_part_of_its_last_item() -> None:
    seg = segment(
        _blocks(
            "II. NHIỆM VỤ THỜI GIAN TỚI",
            "1. Bộ Tài chính: bố trí kinh phí.",
            "2. Bộ Công an: bảo đảm an ninh mạng.",
            "Văn phòng Chính phủ thông báo để các cơ quan liên quan biết, thực hiện./.",
            "Trân trọng./.",
        )
    )
    (part,) = seg.root.children
    assert [item.items for item in part.children] == [[], []]
    assert seg.root.paragraphs[-2:] == [
        "Văn phòng Chính phủ thông báo để các cơ quan liên quan biết, thực hiện./.",
        "Trân trọng./.",
    ]


def test_a_decisions_articles_are_parts_so_the_next_article_ends_the_last_item() -> None:
    # A decision assigns its tasks in an article (``Điều 2. Tổ chức thực hiện``); the article
    # after it (``Điều 3. … chịu trách nhiệm thi hành``) is no more of its last item.
    seg = segment(
        _blocks(
            "Điều 1. Phê duyệt Đề án.",
            "Điều 2. Tổ chức thực hiện",
            "1. Sở Tài chính",
            "a) Bố trí kinh phí thực hiện Đề án hằng năm.",
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
        )
    )
    articles = seg.root.children
    assert [(a.kind, a.code) for a in articles] == [
        ("article", "Đ1"),
        ("article", "Đ2"),
        ("article", "Đ3"),
    ]
    item = articles[1].children[0].children[0]
    assert (item.code, item.paragraphs) == ("Đ2.1.a", [])
    assert articles[1].role is None  # the article assigns tasks, whatever its heading says


def test_a_resolution_that_names_its_parts_in_its_articles_gives_them_their_roles() -> None:
    # A People's Council resolution: targets in Điều 1, tasks in Điều 2, and Điều 3's
    # ``Giao Ủy ban nhân dân tỉnh tổ chức thực hiện`` is an arrangement, not a task.
    seg = segment(
        _blocks(
            "Điều 1. Mục tiêu, chỉ tiêu",
            "1. Kinh tế số đạt 25% GRDP.",
            "Điều 2. Nhiệm vụ và giải pháp",
            "1. Đầu tư hạ tầng dữ liệu của tỉnh.",
            "Điều 3. Tổ chức thực hiện",
            "1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết.",
        )
    )
    assert [a.role for a in seg.root.children] == [
        Role.OBJECTIVES,
        Role.TASKS,
        Role.ORGANISATION,
    ]
    assert seg.root.children[1].children[0].role is Role.TASKS


def test_upper_case_lines_head_the_parts_of_a_plan_that_numbers_none() -> None:
    seg = segment(
        _blocks(
            "KẾ HOẠCH TRIỂN KHAI NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026",
            "MỤC ĐÍCH, YÊU CẦU",
            "1. Nâng cao nhận thức của cán bộ.",
            "NHIỆM VỤ, GIẢI PHÁP",
            "1. Số hóa hồ sơ lưu trữ (Văn phòng chủ trì; năm 2026).",
            "TỔ CHỨC THỰC HIỆN",
        )
    )
    parts = seg.root.children
    assert [(p.title, p.role) for p in parts] == [
        ("MỤC ĐÍCH, YÊU CẦU", Role.PURPOSE),
        ("NHIỆM VỤ, GIẢI PHÁP", Role.TASKS),
        ("TỔ CHỨC THỰC HIỆN", Role.ORGANISATION),
    ]
    assert [c.code for c in parts[1].children] == ["1"]
    assert seg.root.paragraphs == ["KẾ HOẠCH TRIỂN KHAI NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2026"]


def test_an_upper_case_line_is_no_part_where_the_parts_have_roman_numbers() -> None:
    seg = segment(_blocks("II. NHIỆM VỤ, GIẢI PHÁP", "NHIỆM VỤ CHUNG", "1. Số hóa hồ sơ."))
    assert seg.root.children[0].paragraphs == ["NHIỆM VỤ CHUNG"]


def test_a_part_heading_run_on_after_the_sentence_above_it_is_a_part_again() -> None:
    # A PDF joins a centred heading in capitals to a last line that ended near the margin.
    seg = segment(
        _blocks(
            "CHỈ TIÊU",
            "- Ít nhất 60% đoàn viên được cấp thẻ đoàn viên điện tử. NHIỆM VỤ, GIẢI PHÁP",
            "1. Số hóa hồ sơ lưu trữ.",
        )
    )
    assert [(p.title, p.paragraphs) for p in seg.root.children] == [
        ("CHỈ TIÊU", ["- Ít nhất 60% đoàn viên được cấp thẻ đoàn viên điện tử."]),
        ("NHIỆM VỤ, GIẢI PHÁP", []),
    ]
