"""Reading a coordinator's Excel list of people to invite: rows of cell values in, people and
errors out, each error naming its row and column in Vietnamese. Plain Python: no database."""

from __future__ import annotations

from typing import Any

import pytest

from theodoi.orgs.people_list import (
    MAX_PEOPLE,
    Column,
    PersonLine,
    column_of,
    email_problem,
    normal_email,
    read_people_list,
    role_of,
    text_of,
)

HEADER = ("Họ và tên", "E-mail", "Cơ quan", "Vai trò")


def read(*rows: tuple[Any, ...]) -> Any:
    return read_people_list([HEADER, *rows])


def messages(reading: Any) -> list[str]:
    return [str(error) for error in reading.errors]


def test_a_list_of_five_agencies_reads_one_line_a_person_with_sheet_row_numbers() -> None:
    reading = read(
        (
            "Nguyễn Văn An",
            "an.nv@sokhcn.dongthap.gov.vn",
            "Sở Khoa học và Công nghệ",
            "Đơn vị thực hiện",
        ),
        ("Trần Thị Bình", "binh.tt@syt.dongthap.gov.vn", "Sở Y tế", "đơn vị thực hiện"),
        ("Lê Văn Cường", "cuong@ubnd.dongthap.gov.vn", "UBND tỉnh", "Lãnh đạo"),
        ("Phạm Thị Dung", "dung@stc.dongthap.gov.vn", "Sở Tài chính", "Cơ quan đầu mối"),
        ("Hoàng Văn Em", "em@thanhtra.dongthap.gov.vn", "Thanh tra tỉnh", "Thanh tra"),
    )
    assert reading.errors == []
    assert [line.row for line in reading.lines] == [2, 3, 4, 5, 6]
    assert reading.lines[0] == PersonLine(
        2, "Nguyễn Văn An", "an.nv@sokhcn.dongthap.gov.vn", "Sở Khoa học và Công nghệ", "reporter"
    )
    assert [line.role for line in reading.lines] == [
        "reporter",
        "reporter",
        "leader",
        "coordinator",
        "inspector",
    ]


@pytest.mark.parametrize(
    ("header", "column"),
    [
        ("Họ và tên", Column.NAME),
        ("HỌ VÀ TÊN", Column.NAME),
        ("Ho ten", Column.NAME),
        ("Họ tên *", Column.NAME),
        ("Tên cán bộ", Column.NAME),
        ("Name", Column.NAME),
        ("E-mail", Column.EMAIL),
        ("Email", Column.EMAIL),
        ("Thư điện tử", Column.EMAIL),
        ("Địa chỉ e-mail:", Column.EMAIL),
        ("Email công vụ", Column.EMAIL),
        ("Cơ quan", Column.AGENCY),
        ("Cơ quan, đơn vị", Column.AGENCY),
        ("Đơn vị công tác", Column.AGENCY),
        ("Agency", Column.AGENCY),
        ("Vai trò", Column.ROLE),
        ("Quyền", Column.ROLE),
        ("role", Column.ROLE),
        ("STT", None),
        ("Ghi chú", None),
        (None, None),
        (12, None),
    ],
)
def test_headers_are_recognised_however_they_are_written(
    header: Any, column: Column | None
) -> None:
    assert column_of(header) == column


@pytest.mark.parametrize(
    ("written", "role"),
    [
        ("Đơn vị thực hiện", "reporter"),
        ("don vi thuc hien", "reporter"),
        ("Báo cáo", "reporter"),
        ("Cán bộ báo cáo", "reporter"),
        ("cơ quan đầu mối", "coordinator"),
        ("Đầu mối", "coordinator"),
        ("LÃNH ĐẠO", "leader"),
        ("Thanh tra, kiểm tra, giám sát", "inspector"),
        ("Giám sát", "inspector"),
        ("reporter", "reporter"),
        ("Quản trị hệ thống", None),
        ("Chuyên viên", None),
        ("", None),
    ],
)
def test_roles_are_read_as_the_interface_names_them_or_as_a_short_word(
    written: str, role: str | None
) -> None:
    assert role_of(written) == role


def test_the_columns_may_stand_in_any_order_under_a_title_beside_others() -> None:
    reading = read_people_list(
        [
            ("DANH SÁCH CÁN BỘ ĐẦU MỐI BÁO CÁO NGHỊ QUYẾT 57",),
            (),
            ("STT", "Vai trò", "Cơ quan, đơn vị", "Thư điện tử", "Họ tên", "Ghi chú"),
            (1, "Lãnh đạo", "Sở Y tế", "GiamDoc@SYT.gov.vn", "Võ Thành Phát", "Giám đốc"),
        ]
    )
    assert reading.errors == []
    (line,) = reading.lines
    assert line == PersonLine(4, "Võ Thành Phát", "giamdoc@syt.gov.vn", "Sở Y tế", "leader")


def test_blank_rows_are_skipped_and_cells_are_tidied() -> None:
    reading = read(
        (None, None, None, None),
        ("  Nguyễn\u00a0 Văn   An ", " <an@so.gov.vn> ", " Sở  Y tế ", " Báo cáo "),
        ("", "", "", ""),
        ("Lê Thị Hoa", "mailto:Hoa@So.Gov.Vn", "Sở Nội vụ", "Đơn vị thực hiện"),
    )
    assert reading.errors == []
    assert [(line.row, line.name, line.email, line.agency) for line in reading.lines] == [
        (3, "Nguyễn Văn An", "an@so.gov.vn", "Sở Y tế"),
        (5, "Lê Thị Hoa", "hoa@so.gov.vn", "Sở Nội vụ"),
    ]


def test_a_name_typed_decomposed_is_kept_composed() -> None:
    decomposed = "Nguye\u0302\u0303n Va\u0306n An"
    reading = read((decomposed, "an@so.gov.vn", "Sở Y tế", "Báo cáo"))
    assert reading.lines[0].name == "Nguyễn Văn An"


def test_a_duplicate_address_within_the_file_names_both_rows() -> None:
    reading = read(
        ("Nguyễn Văn An", "an@so.gov.vn", "Sở Y tế", "Báo cáo"),
        ("Trần Văn Bình", "binh@so.gov.vn", "Sở Y tế", "Báo cáo"),
        ("Nguyễn Văn An (2)", "AN@so.gov.vn", "Sở Nội vụ", "Báo cáo"),
    )
    assert messages(reading) == ["Dòng 4, cột “E-mail”: địa chỉ an@so.gov.vn đã có ở dòng 2."]


@pytest.mark.parametrize(
    "address",
    [
        "an.so.gov.vn",
        "an@",
        "@so.gov.vn",
        "an@so",
        "an@@so.gov.vn",
        "an nguyen@so.gov.vn",
        "an@so..gov.vn",
        "an@-so.gov.vn",
        "an@so.gov.123",
        "nguyễn@so.gov.vn",
        "an@sở.gov.vn",
        ".an@so.gov.vn",
    ],
)
def test_a_bad_address_is_refused_naming_row_and_column(address: str) -> None:
    reading = read(("Nguyễn Văn An", address, "Sở Y tế", "Báo cáo"))
    assert reading.lines == []
    (message,) = messages(reading)
    assert message.startswith("Dòng 2, cột “E-mail”: ")
    assert "không phải địa chỉ e-mail hợp lệ" in message


def test_two_addresses_in_one_cell_are_told_as_such() -> None:
    reading = read(("Nguyễn Văn An", "an@so.gov.vn; binh@so.gov.vn", "Sở Y tế", "Báo cáo"))
    assert messages(reading) == [
        "Dòng 2, cột “E-mail”: “an@so.gov.vn; binh@so.gov.vn” có nhiều địa chỉ; mỗi dòng chỉ "
        "ghi một địa chỉ e-mail."
    ]


@pytest.mark.parametrize(
    "address",
    ["an@so.gov.vn", "an.nguyen+nq57@sokhcn.dongthap.gov.vn", "a_b-c@x-y.vn", "so.khcn@gmail.com"],
)
def test_good_addresses_pass(address: str) -> None:
    assert email_problem(address) is None


def test_an_address_too_long_is_refused() -> None:
    assert email_problem("a" * 65 + "@so.gov.vn") is not None
    assert "254" in (email_problem("a@" + "b" * 250 + ".vn") or "")


def test_every_missing_cell_of_a_row_is_named() -> None:
    reading = read(("", "", "", ""), ("Nguyễn Văn An", None, None, None))
    assert messages(reading) == [
        "Dòng 3, cột “E-mail”: chưa có địa chỉ e-mail.",
        "Dòng 3, cột “Cơ quan”: chưa có tên cơ quan.",
        "Dòng 3, cột “Vai trò”: chưa có vai trò; ghi một trong các vai trò “đơn vị thực hiện”, "
        "“cơ quan đầu mối”, “lãnh đạo”, “thanh tra, kiểm tra, giám sát”.",
    ]


def test_an_unknown_role_and_the_administrator_role_are_refused() -> None:
    reading = read(
        ("Nguyễn Văn An", "an@so.gov.vn", "Sở Y tế", "Chuyên viên"),
        ("Trần Văn Bình", "binh@so.gov.vn", "Sở Y tế", "Quản trị hệ thống"),
    )
    first, second = messages(reading)
    assert first.startswith("Dòng 2, cột “Vai trò”: “Chuyên viên” không phải vai trò")
    assert second.startswith("Dòng 3, cột “Vai trò”: vai trò quản trị hệ thống không cấp được")


def test_a_missing_column_is_named_and_nothing_is_read() -> None:
    reading = read_people_list(
        [("Họ và tên", "E-mail", "Vai trò"), ("Nguyễn Văn An", "an@so.gov.vn", "Báo cáo")]
    )
    assert reading.lines == []
    (message,) = messages(reading)
    assert message.startswith("Dòng 1: thiếu cột “Cơ quan” trong dòng tiêu đề")


def test_a_sheet_without_a_header_says_which_columns_it_needs() -> None:
    reading = read_people_list([("Nguyễn Văn An", "an@so.gov.vn", "Sở Y tế", "Báo cáo")])
    assert messages(reading) == [
        "Không thấy dòng tiêu đề; danh sách cần các cột “Họ và tên”, “E-mail”, “Cơ quan”, "
        "“Vai trò”."
    ]


def test_an_empty_sheet_and_a_header_alone_are_refused() -> None:
    assert messages(read_people_list([]))[0].startswith("Không thấy dòng tiêu đề")
    assert messages(read()) == ["Danh sách không có người nào."]


def test_a_column_named_twice_is_refused() -> None:
    reading = read_people_list(
        [(*HEADER, "Email"), ("A", "a@so.gov.vn", "Sở Y tế", "Báo cáo", "b@so.gov.vn")]
    )
    assert messages(reading) == ["Dòng 1, cột “E-mail”: có 2 cột cùng tên; chỉ giữ một cột."]


def test_a_formula_error_in_a_cell_is_named() -> None:
    reading = read(("#REF!", "an@so.gov.vn", "Sở Y tế", "Báo cáo"))
    assert messages(reading) == ["Dòng 2, cột “Họ và tên”: ô có lỗi công thức (#REF!)."]


def test_a_name_too_long_is_refused() -> None:
    reading = read(("A" * 151, "an@so.gov.vn", "Sở Y tế", "Báo cáo"))
    assert messages(reading) == ["Dòng 2, cột “Họ và tên”: họ và tên dài quá 150 ký tự."]


def test_more_people_than_the_bound_refuses_the_list() -> None:
    rows = [
        (f"Người {i}", f"nguoi{i}@so.gov.vn", "Sở Y tế", "Báo cáo") for i in range(MAX_PEOPLE + 1)
    ]
    reading = read(*rows)
    assert messages(reading)[-1] == (
        f"Dòng {MAX_PEOPLE + 2}: danh sách có quá {MAX_PEOPLE} người; hãy chia thành nhiều tệp."
    )


def test_short_rows_and_numbers_read_as_text() -> None:
    reading = read_people_list(
        [("Vai trò", "Họ và tên", "E-mail", "Cơ quan"), ("Báo cáo", 2024.0, "a@so.gov.vn")]
    )
    assert messages(reading) == ["Dòng 2, cột “Cơ quan”: chưa có tên cơ quan."]
    assert text_of(2024.0) == "2024"
    assert normal_email(" MAILTO:An@So.vn ") == "an@so.vn"
