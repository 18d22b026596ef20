"""The one rule for text a spreadsheet could run: CSV marks it with an apostrophe that a
consumer removes to get the exact text back; numbers and plain text pass unchanged."""

from __future__ import annotations

import pytest

from theodoi.files.formulas import CSV_TEXT_MARK, csv_value


@pytest.mark.parametrize(
    "text",
    [
        "=Quyết định 123/QĐ-UBND",
        '=HYPERLINK("http://x";"a")',
        "+84 912 345 678",
        "-",
        "- Xây dựng nền tảng",
        "@SUM(A1:A9)",
        "\tcmd",
        "\rcmd",
        "'đã có dấu nháy",
    ],
)
def test_text_a_spreadsheet_could_run_is_marked_and_comes_back_exactly(text: str) -> None:
    written = csv_value(text)
    assert written == CSV_TEXT_MARK + text
    assert written[1:] == text


@pytest.mark.parametrize(
    "value", ["Sở Khoa học và Công nghệ", "2026-05-15", ">=", "", -1, -0.25, 3, True, None]
)
def test_plain_text_and_numbers_pass_unchanged(value: object) -> None:
    assert csv_value(value) == value
