"""Opening an uploaded workbook within bounds: the archive's directory first, then one
streaming pass over its XML, then openpyxl in read-only (streaming) mode for the sheets the
reading needs, each read into plain rows of values no larger than the round can hold."""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from typing import Any

from openpyxl import load_workbook

from theodoi.files.zips import ArchiveError, NotAnArchiveError, open_bounded_zip
from theodoi.reporting.workbook.bounds import WORKBOOK_ZIP, UnreadableWorkbookError, check_parts

logger = logging.getLogger(__name__)

Rows = list[tuple[Any, ...]]
# Columns read from each sheet: the task sheet has 7 and one per update field (15 today); a
# reporter may insert a few.
MAX_COLUMNS = 40
_NOT_A_WORKBOOK = "Tệp không đọc được như một bảng tính Excel (.xlsx)."


def open_sheets(data: bytes, titles: Sequence[str] | None, *, max_rows: int) -> dict[str, Rows]:
    """The rows of each sheet of ``titles`` the workbook has (values only, formulas as their
    saved results), of its first sheet whatever its title when ``titles`` is None;
    :class:`UnreadableWorkbookError` when the file is not a workbook, is broken, or is larger
    than a workbook of ``max_rows`` rows."""
    try:
        archive = open_bounded_zip(data, WORKBOOK_ZIP)
    except NotAnArchiveError as refused:
        raise UnreadableWorkbookError(_NOT_A_WORKBOOK) from refused
    except ArchiveError as refused:
        raise UnreadableWorkbookError(f"Bảng tính {refused}.") from refused
    with archive:
        check_parts(archive, max_rows=max_rows)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            wanted = workbook.sheetnames[:1] if titles is None else titles
            return {
                title: [
                    tuple(row)
                    for row in workbook[title].iter_rows(
                        min_row=1, max_row=max_rows, max_col=MAX_COLUMNS, values_only=True
                    )
                ]
                for title in wanted
                if title in workbook.sheetnames
            }
        finally:
            workbook.close()
    # The parts are well-formed and bounded by now; what openpyxl still finds wrong in them (a
    # missing part, an attribute out of range, a string index past the table) it reports with
    # many kinds of exception, and every one means the same to the reporter.
    except Exception as exc:
        logger.info("Workbook refused by openpyxl: %s: %s", type(exc).__name__, exc)
        raise UnreadableWorkbookError(
            f"{_NOT_A_WORKBOOK} Tệp bị hỏng ở bên trong; hãy mở bằng Excel hoặc LibreOffice, "
            "lưu lại rồi tải lên."
        ) from exc
