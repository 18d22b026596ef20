from pathlib import Path

import pytest

from tests.ingest.fixtures import SEEDS
from theodoi.ingest.blocks import Block, Paragraph, Table
from theodoi.ingest.chrome import strip_chrome
from theodoi.ingest.readers import read_file
from theodoi.ingest.textnorm import normalize_text


@pytest.mark.parametrize(
    "line",
    [
        "A- A A+ | Tăng tương phản Giảm tương phản",  # seed 000
        "Tải văn bản",  # seed 003
        "Sao chép liên kết",
        "In trang",
        "Chia sẻ Facebook Zalo",
        "Trang thông tin điện tử",  # seed 000
        "Hệ thống pháp luật",  # seed 003
        "Thông tin chỉ đạo điều hành",  # seed 001
        "Trang chủ > Văn bản > Kế hoạch",
        "Trang chủ » Tin tức",
        "Trang chủ",
        "Lượt xem: 1234",
        "|",  # seed 002's last line
    ],
)
def test_portal_chrome_lines_are_dropped(line: str) -> None:
    assert strip_chrome(normalize_text(line)) == ""


def test_trailing_copy_link_button_is_cut_but_the_source_is_kept() -> None:
    line = (
        "Nguồn:https://vanban.quangngai.gov.vn/thongtin/vanban/detail?id=162879 Sao chép liên kết"
    )
    assert strip_chrome(line) == (
        "Nguồn:https://vanban.quangngai.gov.vn/thongtin/vanban/detail?id=162879"
    )


@pytest.mark.parametrize(
    "line",
    [
        "Nơi nhận:",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Trần Ngọc Căng",
        "- Lưu: VT, KG-VXlmc228.",
        "QTI 24/02/2025 16:42",
        "Sở Khoa học và Công nghệ",
        "> 0,7",
        "≥ 80",
        "-",
        "Tải văn bản hướng dẫn lên Cổng thông tin điện tử của tỉnh.",
        "Chia sẻ dữ liệu giữa các cơ quan nhà nước.",
        "Trang chủ của Cổng thông tin điện tử tỉnh được nâng cấp.",
        "a) Xây dựng nền tảng số > công cụ số > đo lường trực tuyến mức độ hoàn thành.",
        "Hạ tầng số / Dữ liệu số",
    ],
)
def test_content_and_signature_lines_are_kept(line: str) -> None:
    assert strip_chrome(line) == line


# Every line of the seeds and reference documents that strip_chrome changes, and nothing else.
CHROME_IN_SEEDS = {
    "000_7358453b67115249.txt": {
        "Trang thông tin điện tử",
        "A- A A+ | Tăng tương phản Giảm tương phản",
        "Nguồn:https://vanban.quangngai.gov.vn/thongtin/vanban/detail?id=162879 Sao chép liên kết",
    },
    "001_83f868006df64d46.txt": {"Thông tin chỉ đạo điều hành"},
    "002_1813b2d7934d17d9.txt": {"|"},
    "003_de113db257313a93.txt": {"Hệ thống pháp luật", "Tải văn bản"},
    "004_aea82470e0b2daef.txt": set(),
    "nq-03-nq-cp-2025.txt": set(),
    "nq-57-nq-tw-2024.txt": set(),
}


@pytest.mark.parametrize("name", sorted(CHROME_IN_SEEDS))
def test_only_the_portal_chrome_of_a_seed_is_touched(name: str) -> None:
    folder = SEEDS if name[0].isdigit() else SEEDS.parent / "reference"
    changed = set()
    for raw in (folder / name).read_text(encoding="utf-8").splitlines():
        line = normalize_text(raw)
        if line and strip_chrome(line) != line:
            changed.add(line)
    assert changed == CHROME_IN_SEEDS[name]


def _read_page(tmp_path: Path, text: str) -> list[Block]:
    page = tmp_path / "trang.txt"
    page.write_text(text, encoding="utf-8")
    return read_file(page).blocks


def test_the_list_of_other_articles_after_a_plan_is_not_read(tmp_path: Path) -> None:
    blocks = _read_page(
        tmp_path,
        "KẾ HOẠCH\nII. NHIỆM VỤ\n1. Số hóa hồ sơ địa chính của xã.\n"
        "| TT | Nhiệm vụ | Chủ trì |\n| 1 | Lắp wifi công cộng | Phòng Kinh tế |\n"
        "Các tin đã đưa\nXã tổ chức hội nghị cán bộ đạt 95% đại biểu tham dự (02/3/2026)\n"
        "Lịch tiếp công dân tháng 3\n",
    )
    assert isinstance(blocks[-1], Table)
    assert not any("tiếp công dân" in b.text for b in blocks if isinstance(b, Paragraph))


def test_a_list_of_articles_before_the_plan_drops_only_its_heading(tmp_path: Path) -> None:
    blocks = _read_page(
        tmp_path,
        "Tin liên quan\nTỉnh khai trương trung tâm dữ liệu\nKẾ HOẠCH\n"
        "I. MỤC TIÊU\n1. Phủ sóng 5G toàn tỉnh.\nBình luận\nBạn đọc A: Rất thiết thực.\n",
    )
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert texts == [
        "Tỉnh khai trương trung tâm dữ liệu",
        "KẾ HOẠCH",
        "I. MỤC TIÊU",
        "1. Phủ sóng 5G toàn tỉnh.",
    ]


def test_a_signature_read_after_the_list_heading_is_kept(tmp_path: Path) -> None:
    # A PDF reads the recipients, then the list heading under them, then the signature set
    # beside the recipients: the signature is still the document's.
    blocks = _read_page(
        tmp_path,
        "Nơi nhận:\n- Lưu: VT.\nTin liên quan\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Văn Bình\n"
        "Xã ra mắt tổ công nghệ số cộng đồng\n",
    )
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert "Tin liên quan" not in texts
    assert texts[2:5] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Bình"]
