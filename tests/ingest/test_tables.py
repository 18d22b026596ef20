"""Column roles from header words, and tables flattened to one cell per line rebuilt."""

from __future__ import annotations

import pytest

from theodoi.ingest.blocks import Paragraph, Table
from theodoi.ingest.tables import (
    Column,
    RebuiltTable,
    column_of,
    column_roles,
    header_year,
    is_header_row,
    is_indicator_header,
    place_cells,
    rebuild_flattened_tables,
    roman_value,
    row_number,
    successors,
    title_prefix,
)


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("TT", Column.NUMBER),
        ("STT", Column.NUMBER),
        ("Số TT", Column.NUMBER),
        ("Tên nhiệm vụ", Column.TITLE),
        ("Nội dung công việc", Column.TITLE),
        ("Nhiệm vụ", Column.TITLE),
        ("Chỉ tiêu", Column.TITLE),
        ("Cơ quan chủ trì", Column.LEAD),
        ("Đơn vị chủ trì", Column.LEAD),
        ("Cơ quan chủ trì theo dõi, đánh giá", Column.LEAD),
        ("Cơ quan phối hợp", Column.COOPERATING),
        ("Đơn vị phối hợp thực hiện", Column.COOPERATING),
        ("Thời gian hoàn thành", Column.DUE),
        ("Thời hạn", Column.DUE),
        ("Tiến độ thực hiện", Column.DUE),
        ("Kết quả", Column.OUTPUT),
        ("Sản phẩm", Column.OUTPUT),
        ("Kết quả/Sản phẩm", Column.OUTPUT),
        ("Đơn vị", Column.UNIT),
        ("Đơn vị tính", Column.UNIT),
        ("ĐVT", Column.UNIT),
        ("Mục tiêu", Column.TARGET),
        ("Chỉ tiêu đến năm 2030", Column.TARGET),
        ("Năm 2025", Column.TARGET),
        ("Nguồn kinh phí", Column.IGNORED),
        ("Ghi chú", Column.IGNORED),
        ("Theo dõi, kiểm tra, đôn đốc", Column.IGNORED),
    ],
)
def test_a_column_is_known_by_its_header_words(header: str, column: Column) -> None:
    assert column_of(header) is column


@pytest.mark.parametrize(
    "text",
    ["Các sở, ngành, địa phương", "Phổ biến, quán triệt nghị quyết", "1", ""],
)
def test_content_is_not_taken_for_a_header(text: str) -> None:
    assert column_of(text) is None


def test_result_column_is_the_target_in_an_indicator_table_and_the_output_in_a_task_table() -> None:
    indicators = ["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá"]
    tasks = ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả", "Thời gian"]
    assert column_roles(indicators)[3] is Column.TARGET
    assert column_roles(tasks)[4] is Column.OUTPUT


def test_header_row_is_recognised_whatever_the_column_order() -> None:
    assert is_header_row(("Thời hạn", "Nội dung", "Đơn vị phối hợp", "Đơn vị chủ trì", "STT"))
    assert not is_header_row(("1", "Phổ biến nghị quyết", "Sở Nội vụ", "Năm 2025"))


def test_a_row_whose_cells_open_with_header_words_is_a_row_when_it_is_numbered() -> None:
    # ``Giải pháp …`` opens like a title header, ``Chủ trì: …`` like a lead one, ``Năm
    # 2026`` like a target one; the row's number says it is one of the rows.
    cells = ("4", "Giải pháp thanh toán số", "Thời gian: 2026", "Năm 2026", "Hoạt động mới")
    assert not is_header_row(cells)


@pytest.mark.parametrize("cell", ["Chủ trì: Sở Tài chính", "Phối hợp: Công an tỉnh, Sở Y tế"])
def test_a_label_with_its_value_is_not_a_header(cell: str) -> None:
    assert column_of(cell) is None


def test_year_of_a_target_column() -> None:
    assert header_year("Chỉ tiêu đến năm 2030") == 2030
    assert header_year("Kết quả") is None


@pytest.mark.parametrize(
    ("cell", "number"),
    [("1", "1"), ("1.", "1"), ("11.1", "11.1"), ("IV.", "IV"), ("VII", "VII"), ("Năm", None)],
)
def test_row_numbers(cell: str, number: str | None) -> None:
    assert row_number(cell) == number


def test_roman_numerals() -> None:
    assert [roman_value(n) for n in ("I", "IV", "IX", "XIV")] == [1, 4, 9, 14]
    assert roman_value("IIV2") is None


def test_a_row_number_may_be_the_next_at_any_level_or_a_first_sub_row() -> None:
    assert {"8", "7.1", "II"} <= successors("7", "7", "I")
    assert {"7.13", "8"} <= successors("7.12", "7.12", "I")
    # a target that happens to be a number is not the next row
    assert "1" not in successors("19", "19", "I")
    assert "12" not in successors("14", "14", "I")
    # after a group row, numbering may restart or go on
    assert {"1", "26"} <= successors("II", "25", "II")


def test_a_row_that_lacks_a_cell_does_not_shift_the_others() -> None:
    roles = [Column.TITLE, Column.LEAD, Column.COOPERATING, Column.DUE]
    # seed 004, PHỤ LỤC II row 49: no cooperating agency
    placed = place_cells(
        [
            "Đẩy mạnh kết nối, chia sẻ dữ liệu phục vụ phát triển thương mại điện tử",
            "Ngân hàng nhà nước chi nhánh tỉnh; Sở Công Thương, Sở Khoa học và Công nghệ",
            "Năm 2025 và những năm tiếp theo",
        ],
        roles,
    )
    assert placed[1].startswith("Ngân hàng")
    assert placed[2] == ""
    assert placed[3] == "Năm 2025 và những năm tiếp theo"


def test_an_indicator_row_without_a_unit_keeps_its_target_in_place() -> None:
    roles = [Column.TITLE, Column.UNIT, Column.TARGET, Column.LEAD]
    placed = place_cells(
        ["Tỷ lệ dân số có chữ ký số", "≥ 70", "Sở Thông tin và Truyền thông"], roles
    )
    assert placed == ["Tỷ lệ dân số có chữ ký số", "", "≥ 70", "Sở Thông tin và Truyền thông"]


def _lines(*texts: str) -> list[Paragraph]:
    return [Paragraph(t) for t in texts]


def test_flattened_table_is_rebuilt_from_header_and_row_numbers() -> None:
    # seed 004, PHỤ LỤC I (shortened): a group row, a row with sub-rows, a number as target
    blocks = [
        Paragraph("PHỤ LỤC I"),
        *_lines("TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá"),
        *_lines("I", "Đến năm 2030"),
        *_lines("1", "Chỉ tiêu về thực hiện thủ tục hành chính, dịch vụ công"),
        *_lines(
            "1.1",
            "Tỷ lệ sử dụng dịch vụ công trực tuyến",
            "%",
            "≥ 80",
            "Sở Thông tin và Truyền thông",
        ),
        *_lines(
            "1.2",
            "Tỷ lệ cung cấp dịch vụ công trực tuyến toàn trình",
            "%",
            "90",
            "Văn phòng Ủy ban nhân dân tỉnh",
        ),
        *_lines("2", "Hạ tầng số", "Tiên tiến, hiện đại", "Sở Thông tin và Truyền thông"),
        *_lines(
            "3",
            "Hoàn thành xây dựng đô thị thông minh",
            "Thành phố",
            "4",
            "Ủy ban nhân dân thành phố Mỹ Tho",
        ),
        Paragraph("PHỤ LỤC II"),
    ]
    out = rebuild_flattened_tables(blocks)
    assert isinstance(out[0], Paragraph)
    assert isinstance(out[2], Paragraph)
    table = out[1]
    assert isinstance(table, RebuiltTable)
    numbers = [row[0] for row in table.rows[1:]]
    assert numbers == ["I", "1", "1.1", "1.2", "2", "3"]
    by_number = {row[0]: row for row in table.rows}
    assert by_number["1.2"][3] == "90"
    assert by_number["3"][3] == "4"
    assert by_number["2"][1:] == (
        "Hạ tầng số",
        "",
        "Tiên tiến, hiện đại",
        "Sở Thông tin và Truyền thông",
    )
    assert table.rows.index(by_number["2"]) in table.guessed_rows


def test_real_tables_and_prose_are_left_alone() -> None:
    blocks = [
        Paragraph("1. Mục đích"),
        Table(rows=(("TT", "Nội dung"), ("1", "Việc"))),
        Paragraph("TT"),
    ]
    assert rebuild_flattened_tables(blocks) == blocks


def test_flattened_task_table_with_an_output_column_ends_at_the_next_part() -> None:
    blocks = [
        *_lines("STT", "Nội dung công việc", "Sản phẩm", "Đơn vị chủ trì", "Đơn vị phối hợp"),
        Paragraph("Thời gian hoàn thành"),
        *_lines("1", "Xây dựng kho dữ liệu", "Kho dữ liệu", "Phòng Quản lý khoa học"),
        *_lines("Trung tâm Ứng dụng tiến bộ khoa học", "Quý III/2025"),
        *_lines("2", "Số hóa hồ sơ lưu trữ", "Văn phòng Sở", "12/2025"),
        *_lines("3", "Tập huấn kỹ năng số", "Văn phòng Sở", "Các phòng thuộc Sở", "Năm 2025"),
        *_lines("IV. TỔ CHỨC THỰC HIỆN", "Các phòng triển khai thực hiện."),
    ]
    out = rebuild_flattened_tables(blocks)
    table = out[0]
    assert isinstance(table, RebuiltTable)
    assert out[1:] == _lines("IV. TỔ CHỨC THỰC HIỆN", "Các phòng triển khai thực hiện.")
    assert table.rows[2] == ("2", "Số hóa hồ sơ lưu trữ", "", "Văn phòng Sở", "", "12/2025")
    assert table.rows[3] == (
        "3", "Tập huấn kỹ năng số", "", "Văn phòng Sở", "Các phòng thuộc Sở", "Năm 2025"
    )  # fmt: skip
    assert table.guessed_rows == {2, 3}


def test_a_table_of_targets_and_tasks_with_times_is_a_task_table() -> None:
    assert is_indicator_header(["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì"])
    assert is_indicator_header(["STT", "Chỉ tiêu", "Cơ quan chủ trì"])
    assert not is_indicator_header(["TT", "Chỉ tiêu, nhiệm vụ", "Cơ quan chủ trì", "Thời gian"])


def test_header_cells_wrapped_over_two_lines_are_joined_back() -> None:
    # A Party committee's appendix copied from a PDF: ``Cơ quan`` / ``chủ trì`` was one cell,
    # and the monitoring and notes columns are read past, not taken for the partners.
    blocks = _lines(
        "TT",
        "Nhiệm vụ",
        "Cơ quan",
        "chủ trì",
        "Cơ quan",
        "phối hợp",
        "Thời gian",
        "hoàn thành",
        "Theo dõi, kiểm tra, đôn đốc",
        "Ghi chú",
        "1",
        "Số hóa hồ sơ đảng viên",
        "Ban Tổ chức Tỉnh ủy",
        "Văn phòng Tỉnh ủy; Sở Nội vụ",
        "2025 - 2026",
        "Ủy ban Kiểm tra Tỉnh ủy",
        "Nhiệm vụ mới",
    )
    (table,) = rebuild_flattened_tables(blocks)
    assert isinstance(table, Table)
    assert table.rows == (
        (
            "TT",
            "Nhiệm vụ",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian hoàn thành",
            "Theo dõi, kiểm tra, đôn đốc",
            "Ghi chú",
        ),
        (
            "1",
            "Số hóa hồ sơ đảng viên",
            "Ban Tổ chức Tỉnh ủy",
            "Văn phòng Tỉnh ủy; Sở Nội vụ",
            "2025 - 2026",
            "Ủy ban Kiểm tra Tỉnh ủy",
            "Nhiệm vụ mới",
        ),
    )


def test_a_spanning_header_cell_of_a_two_row_header_heads_no_column() -> None:
    # ``Cơ quan thực hiện`` over ``Chủ trì`` | ``Phối hợp``, flattened one cell per line
    blocks = _lines(
        "STT",
        "Nội dung nhiệm vụ",
        "Cơ quan thực hiện",
        "Chủ trì",
        "Phối hợp",
        "Thời gian thực hiện",
        "1",
        "Làm sạch dữ liệu dân cư",
        "Công an tỉnh",
        "Sở Khoa học và Công nghệ",
        "Quý I/2026",
    )
    (table,) = rebuild_flattened_tables(blocks)
    assert isinstance(table, Table)
    assert table.rows[0] == (
        "STT",
        "Nội dung nhiệm vụ",
        "Chủ trì",
        "Phối hợp",
        "Thời gian thực hiện",
    )
    assert table.rows[1] == (
        "1",
        "Làm sạch dữ liệu dân cư",
        "Công an tỉnh",
        "Sở Khoa học và Công nghệ",
        "Quý I/2026",
    )


def test_a_year_alone_heads_a_target_column_of_an_indicator_table_only() -> None:
    indicators = ["TT", "Chỉ tiêu", "Đơn vị tính", "2026", "2027"]
    tasks = ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian", "2026"]
    assert column_roles(indicators)[3:] == [Column.TARGET, Column.TARGET]
    assert [header_year(h) for h in indicators[3:]] == [2026, 2027]
    assert column_roles(tasks)[4] is None


def test_a_column_of_whom_an_inspection_visits_is_the_title_and_names_the_act() -> None:
    headers = ["STT", "Tổ chức đảng được kiểm tra", "Thời gian kiểm tra", "Đoàn kiểm tra"]
    assert column_roles(headers) == [Column.NUMBER, Column.TITLE, Column.DUE, Column.LEAD]
    assert title_prefix("Tổ chức đảng được kiểm tra") == "Kiểm tra"
    # A cell that says who was inspected when is content, not a header.
    assert column_of("Đảng ủy xã Tháp Mười được kiểm tra trong tháng 5") is None


@pytest.mark.parametrize(
    "cited",
    [
        "Nhiệm vụ được giao tại Nghị quyết số 71/NQ-CP",
        "Nhiệm vụ theo Quyết định số 1385/QĐ-BCT",
        "Nội dung tại Chương trình hành động của Chính phủ",
    ],
)
def test_a_title_column_that_cites_the_higher_document_is_not_the_rows_own(cited: str) -> None:
    # A ministry maps each task the Government gave it to its own tasks: the row is its own.
    roles = column_roles(["STT", cited, "Nhiệm vụ cụ thể của Bộ", "Đơn vị chủ trì", "Thời hạn"])
    assert roles[1:3] == [Column.IGNORED, Column.TITLE]
    # alone, such a column is the title all the same
    assert column_roles(["STT", cited, "Đơn vị chủ trì", "Thời hạn"])[1] is Column.TITLE
