"""Bad input never gives a traceback: a clear Vietnamese message naming the file (exit code
2), or an empty extraction with a warning (exit code 1)."""

import json
import os
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from tests.ingest.fixtures import SEED_004
from theodoi.ingest.cli import main
from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.pipeline import extract_file
from theodoi.ingest.readers import MAX_BYTES
from theodoi.ingest.validate import validate_plan_json

NEWS_ARTICLE = """Thời sự
Quảng Ngãi: Mưa lớn gây ngập cục bộ nhiều tuyến đường
Thứ Hai, 18/11/2024 08:30
(QNgO) - Do ảnh hưởng của không khí lạnh kết hợp với nhiễu động gió đông, từ đêm 17/11 đến
sáng 18/11, trên địa bàn tỉnh có mưa to đến rất to, lượng mưa phổ biến từ 150 đến 250mm.
Nhiều tuyến đường ở thành phố Quảng Ngãi bị ngập sâu từ 0,3 đến 0,5m, giao thông bị ách tắc.
Ông Nguyễn Văn A, người dân phường Nghĩa Chánh cho biết, nước lên nhanh từ khoảng 3 giờ sáng.
Ban Chỉ huy Phòng thủ dân sự tỉnh đã chỉ đạo các địa phương theo dõi chặt chẽ diễn biến mưa lũ,
sẵn sàng sơ tán người dân ở vùng trũng thấp đến nơi an toàn.
Theo Đài Khí tượng Thủy văn tỉnh, mưa lớn còn tiếp tục đến hết ngày 19/11.
Minh Châu
"""

LETTER = """CÔNG TY TNHH THƯƠNG MẠI AN PHÚ
Số: 15/2024/CV-AP
V/v xác nhận đơn hàng
Quảng Ngãi, ngày 05 tháng 3 năm 2024
Kính gửi: Công ty Cổ phần Vật tư Miền Trung
Công ty TNHH Thương mại An Phú xin trân trọng cảm ơn Quý Công ty đã quan tâm đến sản phẩm của
chúng tôi. Chúng tôi xác nhận đã nhận đơn đặt hàng ngày 01/3/2024 và sẽ giao hàng trong tuần sau.
Mọi thắc mắc xin liên hệ phòng kinh doanh.
Trân trọng./.
GIÁM ĐỐC
Trần Văn Bình
"""


def refused(path: Path, *expected: str) -> str:
    """Reading the file raises UnreadableInput naming it; the CLI exits 2 with the message."""
    with pytest.raises(UnreadableInput) as err:
        extract_file(path)
    message = str(err.value)
    assert path.name in message
    for words in expected:
        assert words in message
    return message


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", ["trong.txt", "trong.docx", "trong.pdf", "trong"])
def test_an_empty_file_is_refused_as_empty(tmp_path: Path, name: str) -> None:
    refused(write(tmp_path / name, b""), "trống")


@pytest.mark.parametrize("data", [b"   \r\n\t\n", b"\xef\xbb\xbf\n\n", b"\xff\xfe"])
def test_a_file_of_blank_lines_is_refused_as_empty(tmp_path: Path, data: bytes) -> None:
    refused(write(tmp_path / "trang.txt", data), "trống")


def test_a_binary_file_is_refused(tmp_path: Path) -> None:
    refused(write(tmp_path / "ke-hoach.txt", os.urandom(4096) + b"\x00" * 64), "nhị phân")


def test_an_image_is_named_as_an_image(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.docx"
    Image.new("RGB", (40, 40), "white").save(path, "PNG")
    refused(path, "tệp ảnh PNG")


def test_a_scanned_pdf_says_how_to_enable_ocr(tmp_path: Path) -> None:
    path = tmp_path / "quet.pdf"
    Image.new("RGB", (1240, 1754), "white").save(path, "PDF", resolution=150)
    refused(path, "bản quét", "--ocr", "theodoi[ocr]")


def test_a_renamed_zip_is_not_taken_for_word(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("anh/1.jpg", b"\xff\xd8\xff")
    refused(path, "không phải tài liệu Word")


def test_a_corrupt_docx_is_refused(tmp_path: Path) -> None:
    refused(write(tmp_path / "hong.docx", b"PK\x03\x04" + os.urandom(2000)), "bị hỏng")


def test_an_old_word_file_cut_short_is_refused_as_broken(tmp_path: Path) -> None:
    # Old Word files are read (test_readers_office.py); the header alone is not one.
    path = write(tmp_path / "ke-hoach.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    refused(path, "bị hỏng", ".doc")


def test_a_file_over_50_mb_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "lon.txt"
    with path.open("wb") as handle:
        handle.write("Kế hoạch\n".encode())
        handle.truncate(MAX_BYTES + 1)  # sparse: nothing is really written
    tracemalloc.start()
    try:
        refused(path, "quá lớn", "50 MB")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    refused(tmp_path, "không phải một tệp")


@pytest.mark.parametrize(("name", "text"), [("tin-bai.txt", NEWS_ARTICLE), ("thu.txt", LETTER)])
def test_a_text_that_is_not_a_plan_gives_an_empty_extraction_and_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    plan = extract_file(path)
    assert plan.tasks == []
    assert validate_plan_json(plan.to_dict()) == []
    assert main([str(path), "--json"]) == 1
    captured = capsys.readouterr()
    assert f"{path}: cảnh báo: " in captured.err
    assert "Traceback" not in captured.err
    assert validate_plan_json(json.loads(captured.out)) == []


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\x00\x01\x02" * 100,
        b"%PDF-1.4\n%%EOF",
        b"PK\x03\x04",
        b"<html><body></body></html>",
        "Kế hoạch".encode("utf-16-le"),
    ],
)
def test_the_cli_never_shows_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    path = write(tmp_path / "x.docx", data)
    assert main([str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"{path}: ")
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_a_very_long_plan_is_read_in_reasonable_time(tmp_path: Path) -> None:
    path = tmp_path / "dai.txt"
    path.write_text(SEED_004.read_text(encoding="utf-8") * 10, encoding="utf-8")
    started = time.perf_counter()
    plan = extract_file(path)
    assert time.perf_counter() - started < 20
    assert len(plan.tasks) >= 67
    assert validate_plan_json(plan.to_dict()) == []
