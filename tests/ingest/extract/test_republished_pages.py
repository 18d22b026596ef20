"""Plans as provincial, ward and commune portals and e-newspapers republish them: the site's
name, its menus and a news intro come before the document's own header, and the page's lists
of other articles come after the document."""

from __future__ import annotations

from theodoi.ingest.extract.metadata import read_metadata
from theodoi.ingest.plan import DocumentInfo
from theodoi.ingest.readers import read_text
from theodoi.ingest.segment import segment


def _metadata(text: str) -> DocumentInfo:
    return read_metadata(segment(read_text(text).blocks), text)


def test_the_issuer_is_read_from_the_header_below_a_portals_name_and_news_intro() -> None:
    info = _metadata(
        "CỔNG THÔNG TIN ĐIỆN TỬ XÃ NAM HÒA\nGiới thiệu\nTin tức\n"
        "Xã ban hành kế hoạch chuyển đổi số năm 2026\nNgày đăng: 12/3/2026\n"
        "UBND xã vừa ban hành Kế hoạch số 9/KH-UBND với nhiều nhiệm vụ cụ thể.\n"
        "ỦY BAN NHÂN DÂN\nXÃ NAM HÒA\nSố: 9/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Nam Hòa, ngày 10 tháng 3 năm 2026\nKẾ HOẠCH\nChuyển đổi số năm 2026\n"
        "Thực hiện Kế hoạch số 30/KH-UBND ngày 02/02/2026 của Ủy ban nhân dân tỉnh Hưng Yên.\n"
    )
    assert info.issuer == "Ủy ban nhân dân xã Nam Hòa"
    assert info.province == "Hưng Yên"


def test_a_department_header_below_an_e_newspapers_lead() -> None:
    info = _metadata(
        "Báo điện tử Bình Minh\nThời sự | Kinh tế | Xã hội\n"
        "Sở Xây dựng vừa ban hành kế hoạch ứng dụng dữ liệu số. Toàn văn như sau:\n"
        "UBND TỈNH NINH BÌNH\nSỞ XÂY DỰNG\nSố: 41/KH-SXD\nNinh Bình, ngày 02 tháng 4 năm 2026\n"
        "KẾ HOẠCH\nỨng dụng dữ liệu số năm 2026\n"
    )
    assert info.issuer == "Sở Xây dựng tỉnh Ninh Bình"


def test_a_standing_board_is_named_with_the_body_it_serves() -> None:
    info = _metadata(
        "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM\nTỈNH THÁI NGUYÊN\nBAN THƯỜNG TRỰC\n"
        "Số: 14/KH-MTTQ-BTT\nThái Nguyên, ngày 05 tháng 3 năm 2026\nKẾ HOẠCH\n"
        "Vận động Nhân dân tham gia chuyển đổi số\n"
    )
    assert info.issuer == "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thái Nguyên"


def test_a_letters_subject_between_its_issuer_and_its_number_is_part_of_the_header() -> None:
    # A Word header's left column read down: issuer, the subject wrapped in two, the number.
    info = _metadata(
        "UBND TỈNH LẠNG SƠN\nSỞ NỘI VỤ\nVề việc bồi dưỡng kỹ năng số cho công chức\n"
        "cấp xã năm 2026\nSố: 310/SNV-CCVC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Lạng Sơn, ngày 06 tháng 5 năm 2026\nKính gửi: Ủy ban nhân dân các xã, phường.\n"
    )
    assert info.issuer == "Sở Nội vụ tỉnh Lạng Sơn"
