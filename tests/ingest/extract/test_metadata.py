"""Number, kind, title, issuer, province, date, signer and implemented documents, from the
places Vietnamese documents give them (header block, appendix captions, a news lead)."""

from __future__ import annotations

import pytest

from theodoi.ingest.blocks import Paragraph, Table
from theodoi.ingest.extract.metadata import read_metadata, sentence_case
from theodoi.ingest.plan import DocumentInfo
from theodoi.ingest.readers import read_text
from theodoi.ingest.segment import segment


def _metadata(text: str) -> DocumentInfo:
    source = read_text(text)
    return read_metadata(segment(source.blocks), text)


def test_header_block_of_a_provincial_plan() -> None:
    # seed 003
    info = _metadata(
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 66/KH-UBND\nQuảng Ngãi, ngày 18 tháng 5 năm 2020\n"
        "KẾ HOẠCH\nTHỰC HIỆN NGHỊ QUYẾT SỐ 50/NQ-CP NGÀY 17/4/2020 CỦA CHÍNH PHỦ\n"
        "Thực hiện Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ ban hành Chương trình "
        "hành động của Chính phủ thực hiện Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính "
        "trị và Kế hoạch số 271-KH/TU ngày 27/3/2020 của Ban Thường vụ Tỉnh ủy, UBND tỉnh ban "
        "hành Kế hoạch triển khai thực hiện như sau:\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n"
        "- Việc thực hiện phải gắn với Kế hoạch số 151/KH-UBND ngày 09/12/2019 của UBND tỉnh.\n"
        "Nơi nhận:\n- Như trên;\nCHỦ TỊCH\nTrần Ngọc Căng\n"
    )
    assert info.number == "66/KH-UBND"
    assert info.kind == "ke_hoach"
    assert info.issuer == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert info.province == "Quảng Ngãi"
    assert info.issued_on == "2020-05-18"
    assert info.signer == "Trần Ngọc Căng"
    assert info.title == ("Kế hoạch thực hiện Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ")
    # what it only has to be "gắn với" is not implemented
    assert set(info.implements) == {"50/NQ-CP", "52-NQ/TW", "271-KH/TU"}


def test_government_resolution_has_no_province_and_laws_are_not_implemented() -> None:
    # 03/NQ-CP
    info = _metadata(
        "CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 03/NQ-CP\nHà Nội, ngày 09 tháng 01 năm 2025\nNGHỊ QUYẾT\n"
        "Ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW\n"
        "Căn cứ Luật Tổ chức Chính phủ số 76/2015/QH13 ngày 19 tháng 6 năm 2015;\n"
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị;\n"
        "Nơi nhận:\n- Ban Bí thư Trung ương Đảng;\nTM. CHÍNH PHỦ\nKT. THỦ TƯỚNG\n"
        "PHÓ THỦ TƯỚNG\n[đã ký]\nNguyễn Hòa Bình\n"
    )
    assert info.issuer == "Chính phủ"
    assert info.province is None
    assert info.kind == "nghi_quyet"
    assert info.title is not None
    assert info.title.startswith("Nghị quyết ban hành Chương trình hành động")
    assert info.implements == ["57-NQ/TW"]
    assert info.signer == "Nguyễn Hòa Bình"
    assert info.issued_on == "2025-01-09"


def test_text_without_header_takes_number_and_date_from_the_appendix_caption() -> None:
    # seed 004
    info = _metadata(
        "KẾ HOẠCH\nTHỰC HIỆN NGHỊ QUYẾT SỐ 03/NQ-CP NGÀY 09/01/2025 CỦA CHÍNH PHỦ\n"
        "Căn cứ Chương trình số 71-CTr/TU ngày 25/02/2025 của Ban Thường vụ Tỉnh ủy;\n"
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện Nghị quyết số 03/NQ-CP.\n"
        "I. MỤC TIÊU\nPhát triển chuyển đổi số tỉnh Tiền Giang đến năm 2025.\n"
        "PHỤ LỤC I\nCÁC CHỈ TIÊU CỤ THỂ\n"
        "(Ban hành kèm theo Kế hoạch số 69/KH-UBND ngày 25/02/2025 của Ủy ban nhân dân tỉnh)\n"
    )
    assert info.number == "69/KH-UBND"
    assert info.issued_on == "2025-02-25"
    assert info.issuer == "Ủy ban nhân dân tỉnh Tiền Giang"
    assert info.province == "Tiền Giang"
    # 03/NQ-CP puts 57-NQ/TW into effect
    assert set(info.implements) == {"03/NQ-CP", "71-CTr/TU", "57-NQ/TW"}


def test_news_lead_gives_issuer_date_signer_and_number() -> None:
    # seed 001
    info = _metadata(
        "Chương trình của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số 57\n"
        "(QNP) - Ngày 24/2/2025, Bí thư Tỉnh ủy Lương Nguyễn Minh Triết thay mặt Ban Thường vụ "
        "Tỉnh ủy Quảng Nam ký ban hành Chương trình số 60-CTr/TU thực hiện Nghị quyết số "
        "57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị.\n"
        "CHƯƠNG TRÌNH\nthực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị\n"
    )
    assert info.number == "60-CTr/TU"
    assert info.kind == "chuong_trinh"
    assert info.issuer == "Ban Thường vụ Tỉnh ủy Quảng Nam"
    assert info.province == "Quảng Nam"
    assert info.issued_on == "2025-02-24"
    assert info.signer == "Lương Nguyễn Minh Triết"
    assert info.implements == ["57-NQ/TW"]
    assert info.title == (
        "Chương trình thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị"
    )


def test_portal_summary_is_a_news_item_without_number_or_date() -> None:
    # seed 000
    info = _metadata(
        "Kế hoạch Thực hiện Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ\n"
        "UBND tỉnh Quảng Ngãi vừa mới ban hành Kế hoạch triển khai thực hiện Nghị quyết số "
        "03/NQ-CP ngày 09/01/2025 của Chính phủ và Kế hoạch số 336-KH/TU ngày 25/02/2025 của "
        "Ban Thường vụ Tỉnh ủy.\n"
    )
    assert info.kind == "tin_bai"
    assert info.number is None
    assert info.issued_on is None
    assert info.issuer == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert set(info.implements) == {"03/NQ-CP", "336-KH/TU", "57-NQ/TW"}


def test_department_issuing_under_its_province() -> None:
    info = _metadata(
        "UBND TỈNH ĐỒNG THÁP\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 12/KH-SKHCN\nĐồng Tháp, ngày 3 tháng 3 năm 2025\nKẾ HOẠCH\nCHUYỂN ĐỔI SỐ NĂM 2025\n"
    )
    assert info.issuer is not None
    assert info.issuer.lower() == "sở khoa học và công nghệ tỉnh đồng tháp"
    assert info.province == "Đồng Tháp"
    assert info.number == "12/KH-SKHCN"


def test_text_that_is_no_plan() -> None:
    info = _metadata("Thời tiết hôm nay nắng đẹp.\nGió nhẹ.")
    assert info.kind == "khac"
    assert info.number is None
    assert info.implements == []


def test_sentence_case_keeps_document_numbers_and_proper_names() -> None:
    assert sentence_case(
        "THỰC HIỆN NGHỊ QUYẾT SỐ 03/NQ-CP CỦA CHÍNH PHỦ VÀ CHƯƠNG TRÌNH SỐ 71-CTR/TU CỦA BAN "
        "THƯỜNG VỤ TỈNH ỦY"
    ) == (
        "Thực hiện Nghị quyết số 03/NQ-CP của Chính phủ và Chương trình số 71-CTr/TU của Ban "
        "Thường vụ Tỉnh ủy"
    )


def test_title_over_several_lines() -> None:
    # 57-NQ/TW: the kind, then "CỦA BỘ CHÍNH TRỊ", then the subject in lower case
    info = _metadata(
        "BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 57-NQ/TW\n"
        "Hà Nội, ngày 22 tháng 12 năm 2024\nNGHỊ QUYẾT\nCỦA BỘ CHÍNH TRỊ\n"
        "về đột phá phát triển khoa học, công nghệ\n"
        "Phát triển khoa học, công nghệ là yếu tố quyết định.\n"
    )
    assert info.title == "Nghị quyết của Bộ Chính trị về đột phá phát triển khoa học, công nghệ"
    assert info.number == "57-NQ/TW"
    assert info.issuer == "Ban Chấp hành Trung ương"
    assert info.province is None


def test_department_names_are_capitalised_field_by_field() -> None:
    info = _metadata("UBND TỈNH AN GIANG\nSỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH\nSố: 7/KH-SVHTTDL\n")
    assert info.issuer == "Sở Văn hóa, Thể thao và Du lịch tỉnh An Giang"


def test_header_and_signature_laid_out_in_borderless_tables() -> None:
    # A Word file puts the issuer beside the motto and the recipients beside the signature.
    header = Table(
        rows=(
            ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n-------", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
             "Độc lập - Tự do - Hạnh phúc"),
            ("Số: 66/KH-UBND", "Quảng Ngãi, ngày 18 tháng 5 năm 2020"),
        )
    )  # fmt: skip
    signature = Table(
        rows=(
            ("Nơi nhận:\n- Thường trực Tỉnh ủy;\n- Lưu: VT.", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n"
             "Trần Ngọc Căng"),
        )
    )  # fmt: skip
    blocks = [header, Paragraph("KẾ HOẠCH"), Paragraph("CHUYỂN ĐỔI SỐ"), signature]
    info = read_metadata(segment(blocks), "")
    assert (info.number, info.issued_on, info.signer) == (
        "66/KH-UBND",
        "2020-05-18",
        "Trần Ngọc Căng",
    )
    assert info.issuer == "Ủy ban nhân dân tỉnh Quảng Ngãi"
    assert info.title == "Kế hoạch chuyển đổi số"


def test_party_committee_plan_signed_for_its_standing_committee() -> None:
    info = _metadata(
        "TỈNH ỦY QUẢNG TRỊ\n*\nSố 12-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Quảng Trị, ngày 10 tháng 4 năm 2025\nKẾ HOẠCH\n"
        "thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nNội dung.\nNơi nhận:\n- Lưu Văn phòng Tỉnh ủy.\n"
        "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nNguyễn Chiến Thắng\n"
    )
    assert (info.number, info.issued_on, info.signer) == (
        "12-KH/TU",
        "2025-04-10",
        "Nguyễn Chiến Thắng",
    )
    assert (info.issuer, info.province) == ("Ban Thường vụ Tỉnh ủy Quảng Trị", "Quảng Trị")


def test_a_party_inspection_committee_under_its_provincial_party_organisation() -> None:
    info = _metadata(
        "ĐẢNG BỘ TỈNH ĐỒNG THÁP\nỦY BAN KIỂM TRA TỈNH ỦY\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Số 27-KH/UBKTTU\nĐồng Tháp, ngày 14 tháng 4 năm 2026\nKẾ HOẠCH\nkiểm tra năm 2026\n"
    )
    # ``Tỉnh ủy`` is the province's Party committee: ``Ủy`` is no province.
    assert (info.issuer, info.province) == ("Ủy ban Kiểm tra Tỉnh ủy Đồng Tháp", "Đồng Tháp")


def test_a_ward_party_programme_whose_title_goes_on_in_lower_case() -> None:
    info = _metadata(
        "ĐẢNG BỘ TỈNH KHÁNH HÒA\nĐẢNG ỦY PHƯỜNG BẮC NHA TRANG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Số 14-CTr/ĐU\nBắc Nha Trang, ngày 03 tháng 3 năm 2026\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n"
        "thực hiện Chương trình hành động số 18-CTr/TU của Ban Thường vụ Tỉnh ủy\n"
    )
    assert info.title == (
        "Chương trình hành động thực hiện Chương trình hành động số 18-CTr/TU của Ban Thường "
        "vụ Tỉnh ủy"
    )
    assert info.issuer == "Đảng ủy phường Bắc Nha Trang"


def test_a_letter_that_weighs_a_report_on_carrying_out_resolutions_implements_them() -> None:
    info = _metadata(
        "VĂN PHÒNG CHÍNH PHỦ\nSố: 2974/VPCP-KGVX\nV/v triển khai nhiệm vụ chuyển đổi số\n"
        "Hà Nội, ngày 14 tháng 4 năm 2026\n"
        "Xét báo cáo của Bộ Khoa học và Công nghệ (văn bản số 1520/BKHCN-VP) về tình hình thực "
        "hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Thủ tướng Chính phủ có ý "
        "kiến như sau:\n1. Bộ Y tế khẩn trương hoàn thiện Đề án.\n"
    )
    assert info.implements == ["57-NQ/TW"]


def test_a_national_assembly_body_under_the_assemblys_term_issues_in_its_own_name() -> None:
    info = _metadata(
        "QUỐC HỘI KHÓA XV\nHỘI ĐỒNG DÂN TỘC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 356/KH-HĐDT15\nHà Nội, ngày 05 tháng 3 năm 2026\nKẾ HOẠCH\nGiám sát chuyên đề\n"
    )
    assert info.issuer == "Hội đồng Dân tộc"


def test_a_notice_with_no_basis_lines_implements_what_its_opening_carries_out() -> None:
    info = _metadata(
        "VĂN PHÒNG CHÍNH PHỦ\nSố: 188/TB-VPCP\nHà Nội, ngày 21 tháng 4 năm 2026\nTHÔNG BÁO\n"
        "Kết luận của Phó Thủ tướng Chính phủ\n"
        "Ngày 15/4/2026, Phó Thủ tướng chủ trì cuộc họp về triển khai các nhiệm vụ phát triển "
        "hạ tầng số theo Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.\n"
        "1. Bộ Tài chính: bố trí kinh phí.\n"
    )
    assert info.implements == ["57-NQ/TW"]


@pytest.mark.parametrize(
    ("header", "issuer", "province"),
    [
        # a Fatherland Front committee's standing board, the committee over one or two lines
        (
            "ỦY BAN MTTQ VIỆT NAM\nTỈNH ĐIỆN BIÊN\nBAN THƯỜNG TRỰC",
            "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Điện Biên",
            "Điện Biên",
        ),
        (
            "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM XÃ HÒA AN\nBAN THƯỜNG TRỰC",
            "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam xã Hòa An",
            None,
        ),
        (
            "ỦY BAN MTTQ VIỆT NAM TỈNH ĐIỆN BIÊN\nVĂN PHÒNG",
            "Văn phòng Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Điện Biên",
            "Điện Biên",
        ),
        # mass organisations' standing committees
        (
            "HỘI NÔNG DÂN TỈNH CÀ MAU\nBAN THƯỜNG VỤ",
            "Ban Thường vụ Hội Nông dân tỉnh Cà Mau",
            "Cà Mau",
        ),
        (
            "LIÊN ĐOÀN LAO ĐỘNG TỈNH PHÚ THỌ\nBAN THƯỜNG VỤ",
            "Ban Thường vụ Liên đoàn Lao động tỉnh Phú Thọ",
            "Phú Thọ",
        ),
        (
            "HỘI CỰU CHIẾN BINH TỈNH LẠNG SƠN\nBAN THƯỜNG VỤ",
            "Ban Thường vụ Hội Cựu chiến binh tỉnh Lạng Sơn",
            "Lạng Sơn",
        ),
        # the Youth Union: its heading beside the issuer, and ``Tỉnh đoàn`` is no place
        (
            "TỈNH ĐOÀN TUYÊN QUANG\nBAN THƯỜNG VỤ",
            "Ban Thường vụ Tỉnh đoàn Tuyên Quang",
            "Tuyên Quang",
        ),
        (
            "ĐOÀN TNCS HỒ CHÍ MINH\nBCH TỈNH ĐOÀN TUYÊN QUANG",
            "Ban Chấp hành Tỉnh đoàn Tuyên Quang",
            "Tuyên Quang",
        ),
        # a People's Council's standing committee, a Party committee's organs
        (
            "HỘI ĐỒNG NHÂN DÂN PHƯỜNG TÂN AN\nTHƯỜNG TRỰC",
            "Thường trực Hội đồng nhân dân phường Tân An",
            None,
        ),
        ("ĐẢNG ỦY XÃ MỸ LỢI\nBAN THƯỜNG VỤ", "Ban Thường vụ Đảng ủy xã Mỹ Lợi", None),
        ("TỈNH ỦY HÀ GIANG\nBAN CHỈ ĐẠO", "Ban Chỉ đạo Tỉnh ủy Hà Giang", "Hà Giang"),
        # a national organisation over its own chapter: the chapter issues
        ("HỘI CCB VIỆT NAM\nHỘI CCB XÃ HƯNG LỘC", "Hội Cựu chiến binh xã Hưng Lộc", None),
        ("TỔNG LĐLĐ VIỆT NAM\nLĐLĐ TỈNH ĐẮK LẮK", "Liên đoàn Lao động tỉnh Đắk Lắk", "Đắk Lắk"),
        (
            "HỘI NÔNG DÂN VIỆT NAM\nBCH HỘI NÔNG DÂN TỈNH CÀ MAU",
            "Ban Chấp hành Hội Nông dân tỉnh Cà Mau",
            "Cà Mau",
        ),
        # a National Assembly committee has a name of its own
        (
            "QUỐC HỘI KHÓA XV\nỦY BAN PHÁP LUẬT VÀ TƯ PHÁP",
            "Ủy ban Pháp luật và Tư pháp",
            None,
        ),
    ],
)
def test_an_organ_with_no_name_of_its_own_is_named_with_the_body_it_serves(
    header: str, issuer: str, province: str | None
) -> None:
    info = _metadata(
        f"{header}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 08-KH/BTT\nngày 02 tháng 3 năm 2026\nKẾ HOẠCH\nChuyển đổi số năm 2026\n"
    )
    assert (info.issuer, info.province) == (issuer, province)


def test_a_national_body_under_its_ministry_issues_in_its_own_name() -> None:
    # Since 2025 Vietnam Social Security and the State Treasury sit under the Ministry of
    # Finance, whose name stands over theirs.
    for lower, issuer in [
        ("BẢO HIỂM XÃ HỘI VIỆT NAM", "Bảo hiểm xã hội Việt Nam"),
        ("KHO BẠC NHÀ NƯỚC", "Kho bạc Nhà nước"),
    ]:
        info = _metadata(
            f"BỘ TÀI CHÍNH\n{lower}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 15/KH-X\n"
            "Hà Nội, ngày 05 tháng 3 năm 2026\nKẾ HOẠCH\nChuyển đổi số năm 2026\n"
        )
        assert info.issuer == issuer


def test_a_body_whose_name_runs_over_two_header_lines_is_one_issuer() -> None:
    for upper, lower, issuer in [
        ("ỦY BAN THƯỜNG VỤ", "QUỐC HỘI", "Ủy ban Thường vụ Quốc hội"),
        ("TÒA ÁN NHÂN DÂN", "TỐI CAO", "Tòa án nhân dân tối cao"),
    ]:
        info = _metadata(
            f"{upper}\n{lower}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 15/KH-X\n"
            "Hà Nội, ngày 05 tháng 3 năm 2026\nKẾ HOẠCH\nChuyển đổi số năm 2026\n"
        )
        assert (info.issuer, info.province) == (issuer, None)


def test_a_national_body_named_for_its_city_has_no_province() -> None:
    # The national university in Hồ Chí Minh City and the Ministry's are central bodies; the
    # city's own ward is not.
    for header, province in [
        ("ĐẠI HỌC QUỐC GIA\nTHÀNH PHỐ HỒ CHÍ MINH", None),
        ("ĐẠI HỌC QUỐC GIA HÀ NỘI", None),
        ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH", "Hồ Chí Minh"),
    ]:
        info = _metadata(
            f"{header}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 15/KH-X\n"
            "Thành phố Hồ Chí Minh, ngày 05 tháng 3 năm 2026\nKẾ HOẠCH\nChuyển đổi số năm 2026\n"
        )
        assert info.province == province, header


def test_a_commission_of_the_central_committee_issues_under_its_central_name() -> None:
    # Under ``BAN CHẤP HÀNH TRUNG ƯƠNG`` a commission writes its bare name; it is the
    # Central one (Ban Tổ chức Trung ương, Văn phòng Trung ương Đảng).
    for organ, issuer in [
        ("BAN TỔ CHỨC", "Ban Tổ chức Trung ương"),
        ("BAN TUYÊN GIÁO VÀ DÂN VẬN", "Ban Tuyên giáo và Dân vận Trung ương"),
        ("VĂN PHÒNG", "Văn phòng Trung ương Đảng"),
    ]:
        info = _metadata(
            f"BAN CHẤP HÀNH TRUNG ƯƠNG\n{organ}\n*\nSố 12-KH/X\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Hà Nội, ngày 05 tháng 3 năm 2026\nKẾ HOẠCH\ntuyên truyền năm 2026\n"
        )
        assert (info.issuer, info.province) == (issuer, None)
