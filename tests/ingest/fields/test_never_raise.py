"""Every field parser takes any text, however broken, without raising."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from theodoi.ingest.fields.agencies import expand_abbreviations, split_agencies
from theodoi.ingest.fields.dates import find_dates, parse_date
from theodoi.ingest.fields.docnumbers import find_document_numbers, kind_of_number
from theodoi.ingest.fields.targets import find_prose_targets, parse_number, parse_target
from theodoi.ingest.fields.times import parse_due

# Pieces of real cells, so that random text reaches the parsers' inner branches.
PIECES = [
    "Năm",
    "2025",
    " - ",
    "2030",
    "Quý",
    "II",
    "/",
    "Tháng",
    "10",
    ",",
    ";",
    ".",
    ":",
    "%",
    "≥",
    "≤",
    ">",
    "tối thiểu",
    "khoảng",
    "trên",
    "đạt",
    "chiếm",
    "nhóm",
    "20",
    "tỉnh",
    "dẫn đầu",
    "0,7",
    "1.234,5",
    "1.2.3,4,5",
    "12,3.4",
    "ngày",
    "31/02/2025",
    "sau khi",
    "Theo hướng dẫn",
    "Sở",
    "Bộ",
    "UBND",
    "TT&TT",
    "các",
    "sở, ban, ngành",
    " và ",
    "Các Sở:",
    "57-NQ/TW",
    "66/KH-UBND",
    "trong đó,",
    "người trên một vạn dân",
    "GRDP%",
    "(GRDP)",
    "Thứ bậc",
    "²",
    "Thường xuyên",
    "hằng năm",
    "và những năm tiếp theo",
    "từ",
    "trở lên",
    "\n",
    "\u00a0",
    " ",
]
cells = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
    st.lists(st.sampled_from(PIECES), max_size=30).map(" ".join),
)


@settings(max_examples=300, deadline=None)
@given(cells, st.one_of(st.none(), st.sampled_from(["%", "Thứ bậc", "", "% GRDP"])))
def test_no_parser_raises_on_any_text(text: str, unit: str | None) -> None:
    parse_due(text)
    parse_target(text, unit=unit)
    parse_number(text)
    find_prose_targets(text)
    split_agencies(text)
    expand_abbreviations(text)
    find_document_numbers(text)
    kind_of_number(text)
    find_dates(text)
    parse_date(text)
