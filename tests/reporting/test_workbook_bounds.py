"""An uploaded workbook is read within bounds: what its sheets declare, what they really
hold, how far its archive inflates, and whether its XML is whole. Each hostile file is refused
with one Vietnamese message and proposes nothing."""

from __future__ import annotations

import io
import zipfile

import pytest

from tests.reporting.hostile import TASK_PART, numbered_rows, sheet, with_parts
from tests.reporting.test_workbook import TASKS, make, read
from theodoi.files.zips import ArchiveError, ZipLimits, open_bounded_zip
from theodoi.reporting.workbook.bounds import SPARE_ROWS

# The test round has two tasks and two indicators: its workbook holds at most this many rows.
MAX_ROWS = 1 + len(TASKS) + SPARE_ROWS


def refusal(data: bytes) -> str:
    reading = read(data)
    assert (reading.tasks, reading.indicators) == ([], [])
    assert len(reading.errors) == 1, [str(e) for e in reading.errors]
    return str(reading.errors[0])


def test_a_sheet_declaring_two_million_rows_is_refused_before_its_rows_are_read() -> None:
    data = with_parts(make(), {TASK_PART: sheet(numbered_rows(1, 3), "A1:N2000000")})
    assert refusal(data) == (
        "Một trang của bảng tính khai báo dòng 2.000.000; bảng tính của kỳ báo cáo này có "
        f"không quá {MAX_ROWS} dòng. Hãy dùng bảng tính đã tải về, không thêm dòng."
    )


def test_a_sheet_whose_declared_size_lies_is_bounded_while_it_streams() -> None:
    data = with_parts(make(), {TASK_PART: sheet(numbered_rows(1, 20_000), "A1:N3")})
    assert len(data) < 300_000
    assert refusal(data).startswith(f"Một trang của bảng tính có dữ liệu tới dòng {MAX_ROWS + 1};")


def test_a_value_in_a_far_row_refuses_the_sheet() -> None:
    far = b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>'
    data = with_parts(make(), {TASK_PART: sheet([*numbered_rows(1, 2), far])})
    assert "có dữ liệu tới dòng 1.048.576" in refusal(data)


def test_a_row_of_a_hundred_thousand_cells_is_refused() -> None:
    cells = (f'<c r="A2" t="n"><v>{i}</v></c>'.encode() for i in range(100_000))
    data = with_parts(make(), {TASK_PART: sheet([b'<row r="2">', *cells, b"</row>"])})
    assert "Dòng 2 của một trang có trên 256 ô" in refusal(data)


def test_broken_sheet_xml_is_refused_in_vietnamese() -> None:
    original = zipfile.ZipFile(io.BytesIO(make())).read(TASK_PART)
    data = with_parts(make(), {TASK_PART: original[: len(original) // 2]})
    assert refusal(data).startswith(
        "Bảng tính bị hỏng: phần xl/worksheets/sheet1.xml không phải XML hợp lệ"
    )


def test_a_sheet_with_an_entity_declaration_is_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>&b;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    assert "khai báo DOCTYPE" in refusal(with_parts(make(), {TASK_PART: laughs}))


def test_a_string_index_past_the_shared_strings_is_refused() -> None:
    row = b'<row r="2"><c r="A2" t="s"><v>999999</v></c></row>'
    data = with_parts(make(), {TASK_PART: sheet([row])})
    assert refusal(data).startswith("Tệp không đọc được như một bảng tính Excel (.xlsx).")


def test_a_part_that_inflates_a_thousandfold_is_refused() -> None:
    zeros = (bytes(1024 * 1024) for _ in range(8))
    data = with_parts(make(), {"xl/media/image1.png": zeros})
    assert len(data) < 100_000
    assert refusal(data).startswith("Bảng tính có phần xl/media/image1.png giải nén ra gấp 1.0")


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (150, "Bảng tính có 161 phần bên trong; giới hạn là 100."),
        (
            3000,
            "Bảng tính có danh mục nén quá lớn; tệp hợp lệ có không quá 100 phần bên trong.",
        ),
    ],
)
def test_an_archive_of_too_many_parts_is_refused(parts: int, message: str) -> None:
    data = with_parts(make(), {f"xl/media/p{i}.bin": b"" for i in range(parts)})
    assert refusal(data) == message


def test_the_inflated_size_of_all_parts_together_is_bounded() -> None:
    text = b"".join(b"Nhiem vu %d; " % i for i in range(150_000))  # 2 MB, inflates ~4-fold
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xml", text)
    limits = ZipLimits(members=10, inflated_bytes=1024 * 1024, ratio=100)
    with pytest.raises(ArchiveError, match=r"^giải nén ra 2,\d MB; giới hạn là 1 MB$"):
        open_bounded_zip(out.getvalue(), limits)
