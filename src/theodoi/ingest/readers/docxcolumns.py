"""Two columns typed with tabs, as offices type a header block without a table::

    ỦY BAN NHÂN DÂN<tab><tab>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    TỈNH BẮC NINH<tab><tab>Độc lập - Tự do - Hạnh phúc
    Số: 12/KH-UBND<tab><tab>Bắc Ninh, ngày 5 tháng 3 năm 2025

and a signature block likewise (recipients | signer). Such lines are read column by column,
the left column's lines first, as a table laying out the page is (docx._layout_cells) and as
a PDF printed from it is; read across, the issuer would run into the motto.

A tab separates columns when it is wide: two tabs or more in a row, or one to a tab stop
past the middle of the line. A label and its text (``a)<tab><tab>Rà soát``) is one line.
"""

from __future__ import annotations

import re

# Where the reader put a tab (docx._paragraph_text): a tab character each.
TAB = "\t"
# A tab stop this far from the margin (twentieths of a point) is past the middle of a
# portrait A4 line, whatever its margins (Nghị định 30/2020: a line of 16 to 17 cm).
FAR_STOP_TWIPS = 4300
_WIDE = re.compile(r"[ ]*\t(?:[ ]*\t)+[ ]*")
_ONE = re.compile(r"[ ]*\t[ ]*")
# The label of a list item typed before its text: ``a)``, ``1.``, ``1.2.``, ``Điều 3.``, a bullet.
# A column is half a line: some 50 characters of 13-point Times; a longer line spans both.
MAX_COLUMN_CHARS = 60
MAX_HELD = 3
_LABEL = re.compile(r"(?:Điều\s+)?[\w.]{1,8}[.)]|[-+•*]")


def columns_of(text: str, *, far_stop: bool) -> list[tuple[str, str]] | None:
    """A paragraph's lines (it may break its lines) as their left and right columns (the
    left one may be empty), or None when it is one column. ``far_stop``: the paragraph sets
    a tab stop past the middle of the line."""
    rows = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        wide = _WIDE.search(line) or (_ONE.search(line) if far_stop else None)
        if wide is None:
            return None
        left, right = line[: wide.start()].strip(), line[wide.end() :].strip()
        if not right or TAB in right or _LABEL.fullmatch(left):
            return None
        rows.append((left, right))
    return rows or None


class ColumnRun:
    """Lines typed in two columns, gathered until the run ends. A short line with no tab
    between two of them is the left column's alone (``ĐẢNG ỦY PHƯỜNG …`` under ``ĐẢNG BỘ
    TỈNH …<tab><tab>ĐẢNG CỘNG SẢN VIỆT NAM``): it is held until the run goes on or ends."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str]] = []
        self.held: list[str] = []

    def add(self, rows: list[tuple[str, str]]) -> None:
        self.rows += [(line, "") for line in self.held] + rows
        self.held = []

    def hold(self, text: str) -> bool:
        """Hold a line that may be the left column's alone; False when it cannot be."""
        if not self.rows or len(self.held) == MAX_HELD or len(text.strip()) > MAX_COLUMN_CHARS:
            return False
        self.held.append(text)
        return True

    def flush(self) -> str:
        """The run's text in reading order (module docstring), and the run emptied."""
        rows, held = self.rows, self.held
        self.rows, self.held = [], []
        lines = [left for left, _ in rows if left] + [right for _, right in rows if right]
        return "\n".join(lines + held)
