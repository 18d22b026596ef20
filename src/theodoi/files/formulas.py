"""Text that a spreadsheet program would run as a formula, written so that it stays text.

A task title or a reporter's sentence may begin with "=" ("=Quyết định 123/QĐ-UBND"), "+",
"-" or "@"; Excel and LibreOffice take such a cell for a formula (OWASP "CSV injection"), which
can run commands or send the sheet's data away. Every .xlsx and .csv theodoi writes passes its
text through here:

- in .xlsx the cell is stored as a string (openpyxl stores text starting with "=" as a
  formula otherwise), so it opens as the exact text and reads back exactly;
- in .csv, which has no types, text starting with one of ``FORMULA_STARTS`` or with an
  apostrophe gets one apostrophe in front. A consumer gets the exact value back by removing
  one leading apostrophe from any text value that has one; numbers are never changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl.cell.cell import TYPE_STRING
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_TEXT_MARK = "'"


def csv_value(value: Any) -> Any:
    """``value`` as a CSV cell may hold it: text marked when a spreadsheet could run it."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, CSV_TEXT_MARK)):
        return CSV_TEXT_MARK + value
    return value


def append_row(sheet: Worksheet, values: Sequence[Any]) -> int:
    """Append ``values`` as a row of ``sheet``, every text as text; the row's number."""
    sheet.append(list(values))
    row = sheet.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            sheet.cell(row=row, column=column).data_type = TYPE_STRING
    return row
