"""How much a document may make the readers build. A few KB of Word or HTML can declare cells
spanning millions of columns or rows; the readers clamp every span to the table and count the
cells they build, and a document past these bounds is refused, not read for minutes into GBs.

The bounds sit far above any plan: Word itself allows 63 columns, and a plan's appendices hold
a few thousand cells.
"""

from __future__ import annotations

from theodoi.ingest.errors import UnreadableInput

MAX_COLUMNS = 63
MAX_TABLE_CELLS = 100_000
MAX_DOCUMENT_CELLS = 300_000
MAX_PDF_PAGES = 500
# Seconds of reading per document, checked between pages: a real plan of 100 pages reads in
# well under a minute.
MAX_READ_SECONDS = 120.0


def _count(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # Vietnamese groups thousands with dots


def too_many_columns(name: str) -> UnreadableInput:
    return UnreadableInput(
        f"Tệp {name} có bảng rộng quá {MAX_COLUMNS} cột; văn bản kế hoạch không có bảng như "
        "vậy. Hãy kiểm tra lại tệp."
    )


class CellBudget:
    """The cells one document's tables may hold (a nested table counts as well)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.spent = 0

    def table(self) -> TableCells:
        return TableCells(self)


class TableCells:
    """The cells of one table as its rows are read: its rows times its widest row, because
    that is what its padded grid holds."""

    def __init__(self, budget: CellBudget) -> None:
        self._budget = budget
        self._rows = 0
        self._widest = 0

    def row(self, width: int) -> None:
        """Count one more row of ``width`` cells; past a bound, refuse the document."""
        before = self._rows * self._widest
        self._rows += 1
        self._widest = max(self._widest, width)
        cells = self._rows * self._widest
        self._budget.spent += cells - before
        name = self._budget.name
        if cells > MAX_TABLE_CELLS:
            raise UnreadableInput(
                f"Tệp {name} có bảng quá lớn (hơn {_count(MAX_TABLE_CELLS)} ô); văn bản kế "
                "hoạch không có bảng như vậy. Hãy kiểm tra lại tệp."
            )
        if self._budget.spent > MAX_DOCUMENT_CELLS:
            raise UnreadableInput(
                f"Tệp {name} có quá nhiều ô bảng (hơn {_count(MAX_DOCUMENT_CELLS)} ô); văn bản "
                "kế hoạch không lớn như vậy. Hãy kiểm tra lại tệp."
            )


# A .doc, .rtf or .odt is converted to .docx by LibreOffice in a process of its own
# (office.py): a plan of 100 pages converts in a few seconds with 250 MB; these bounds stop
# a file that makes it run away.
MAX_CONVERT_BYTES = 20 * 1024 * 1024
MAX_CONVERT_SECONDS = 60.0
MAX_CONVERT_MEMORY_BYTES = 1024 * 1024 * 1024  # address space (RLIMIT_AS)
MAX_CONVERT_OUTPUT_BYTES = 100 * 1024 * 1024  # any file it writes (RLIMIT_FSIZE), and all
