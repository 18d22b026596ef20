"""Ruled tables of a PDF: each cell's text from the words inside its lines, merged cells
from the cells' boxes, and a table that runs over a page break joined back together.

A cell's box that covers several rows or columns of the table's grid is a merged cell, as in
the Word file the PDF was printed from. Printed over a page break, a table repeats its header
row, may break a row in two (the part on the new page has no number), and draws a cell merged
down over the break again, empty, on the new page: all three are put back as they were.

One case the page cannot tell: a cell merged down over two rows that the page breaks exactly
between them is drawn, byte for byte, as two cells of which the lower is empty (LibreOffice
prints both documents alike). Such a cell is kept empty and listed in the table's
``may_continue``, for the reader of the table, who knows what its column holds, to decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from theodoi.ingest.blocks import Origin, Table, table_from_grid
from theodoi.ingest.readers.layout import (
    Line,
    Word,
    join_lines,
    line_text,
    rows_by_baseline,
    separator,
)
from theodoi.ingest.textnorm import normalize_text

# Text starts this far inside a cell's lines in Word and LibreOffice (0.19 cm); an inset
# read off the page is trusted up to a little more.
_MAX_PADDING = 7.0
_SAME_EDGE = 0.5


@dataclass
class TableGrid:
    """A ruled table (of one page or more): the origin of each cell of its grid, and the
    lines of text of each origin."""

    grid: list[list[Origin]]
    lines: dict[Origin, list[Line]] = field(default_factory=dict)
    bottoms: dict[Origin, float] = field(default_factory=dict)  # of each cell's last box
    may_continue: set[Origin] = field(default_factory=set)  # module docstring

    @property
    def width(self) -> int:
        return len(self.grid[0]) if self.grid else 0

    def text(self, origin: Origin) -> str:
        return normalize_text(join_lines(self.lines.get(origin, []))).strip()

    def row_texts(self, r: int) -> tuple[str, ...]:
        return tuple(self.text(origin) for origin in self.grid[r])

    def spans_rows(self, r: int, c: int) -> bool:
        """Whether the merged cell at (r, c) covers more than one row."""
        origin = self.grid[r][c]
        return origin[0] < r or (r + 1 < len(self.grid) and self.grid[r + 1][c] == origin)

    def to_table(self) -> Table:
        texts = {origin: self.text(origin) for row in self.grid for origin in row}
        return replace(table_from_grid(texts, self.grid), may_continue=frozenset(self.may_continue))

    def _cut(self, origin: Origin) -> bool:
        """Whether the cell's text runs down to the bottom of its box: the page cut it."""
        lines = self.lines.get(origin)
        if not lines or origin not in self.bottoms:
            return False
        height = lines[-1].bottom - lines[-1].top
        return lines[-1].bottom > self.bottoms[origin] - height - _MAX_PADDING

    def _merged_over_break(self, part: TableGrid, heads: int, c: int) -> bool:
        """Whether the cell at column ``c`` that opens ``part`` is the rest of the cell above
        it, merged down over the page break: the page draws that rest again, empty, or
        holding the words that did not fit above. An empty rest that goes on over several
        rows on the new page says so; words carry on only from a merged cell whose text the
        page cut off at its bottom. An empty cell one row high is the ambiguous one of the
        module docstring: not joined here."""
        last = len(self.grid) - 1
        above, below = self.grid[last][c], part.grid[heads][c]
        if not self.lines.get(above):
            return False
        spans = part.spans_rows(heads, c)
        if part.lines.get(below):
            return self._cut(above) and (spans or self.spans_rows(last, c))
        return spans

    def _unsure_under_break(self, part: TableGrid, heads: int, c: int) -> bool:
        """Whether the empty cell at column ``c`` that opens ``part`` may be the rest of the
        filled cell above the page break (module docstring)."""
        below = part.grid[heads][c]
        return (
            below == (heads, c)
            and not part.lines.get(below)
            and bool(self.lines.get(self.grid[-1][c]))
        )

    def _broken_by(self, part: TableGrid, start: int) -> bool:
        """Whether the page broke the last row in two: the part's first row has no number
        of its own, or only the rest of the last row's number (``10`` / ``4.``: a narrow
        column broke ``104.`` and the page broke the row under it) and its other cells go
        on with the words cut off (a cell of a new row starts with a capital)."""
        below = part.lines.get(part.grid[start][0])
        if not below:
            return True
        above = self.lines.get(self.grid[-1][0])
        if not above or separator(above[-1], below[0]) != "":
            return False
        rest = (part.text(origin) for origin in part.grid[start][1:])
        return any(text[:1].islower() for text in rest)

    def take_back_spilled(self, heads: int, header: tuple[str, ...]) -> None:
        """The words of a repeated header cell drawn shorter than its text on the new page
        (``Thời gian`` for ``Thời gian hoàn thành``) that the page set in the row under it
        (``hoàn``): they are the header's, dropped from the row."""
        for c, (drawn, whole) in enumerate(zip(self.row_texts(heads - 1), header, strict=False)):
            spilled = whole[len(drawn) :].split() if drawn != whole else []
            origin = self.grid[heads][c]
            if not spilled or origin[0] != heads:
                continue
            kept: list[Line] = []
            for line in self.lines.get(origin, []):
                words = line.text.split()
                while spilled and spilled[0] in words:
                    words.remove(spilled.pop(0))
                if words:
                    kept.append(replace(line, text=" ".join(words)))
            self.lines[origin] = kept

    def _repeated_heads(self, part: TableGrid) -> int:
        """How many rows at the top of ``part`` are the header row(s) again, repeated on
        each page; the header's words spilled into the row under them are taken back."""
        heads = 0
        while heads < min(len(part.grid), len(self.grid)) and _repeats(
            part.row_texts(heads), self.row_texts(heads)
        ):
            heads += 1
        if heads and heads < len(part.grid):
            part.take_back_spilled(heads, self.row_texts(heads - 1))
        return heads

    def append(self, part: TableGrid) -> bool:
        """Join ``part``, the same table continued on the next page; False (and nothing
        joined) when ``part`` is another table."""
        if part.width != self.width or not part.grid or not self.grid:
            return False
        heads = self._repeated_heads(part)
        moved: dict[Origin, Origin] = {}
        start = heads
        if start < len(part.grid):
            first = part.grid[start]
            mended = first[0] == (start, 0) and len(self.grid) > 1 and self._broken_by(part, start)
            for c, origin in enumerate(first):
                above = self.grid[-1][c]
                # The row broken by the page, or a cell merged down over the break.
                continues = mended or self._merged_over_break(part, heads, c)
                if continues and origin not in moved:
                    moved[origin] = above
                    self.lines.setdefault(above, []).extend(part.lines.get(origin, []))
                    if origin in part.bottoms:
                        self.bottoms[above] = part.bottoms[origin]
            if mended:
                start += 1
            else:
                self.may_continue.update(
                    (len(self.grid), c)
                    for c, origin in enumerate(first)
                    if origin not in moved and self._unsure_under_break(part, heads, c)
                )
        for r in range(start, len(part.grid)):
            row: list[Origin] = []
            for c, origin in enumerate(part.grid[r]):
                if origin not in moved:
                    moved[origin] = (len(self.grid), c)
                    self.lines[moved[origin]] = list(part.lines.get(origin, []))
                    if origin in part.bottoms:
                        self.bottoms[moved[origin]] = part.bottoms[origin]
                row.append(moved[origin])
            self.grid.append(row)
        return True


def _repeats(drawn: tuple[str, ...], header: tuple[str, ...]) -> bool:
    """Whether a row at the top of a new page is the table's header row again: the same
    cells, or a cell drawn shorter than its words (a merged header cell the page clips)."""
    return len(drawn) == len(header) and all(
        d == h or (d and h.startswith(f"{d} ")) for d, h in zip(drawn, header, strict=True)
    )


Box = tuple[float, float, float, float]


def _grid(cells: list[Box]) -> tuple[list[list[Origin]], list[tuple[Origin, Box]]]:
    """The origin of each cell of the grid that the boxes' left and top edges draw, and the
    box of each origin."""
    xs = sorted({round(box[0], 1) for box in cells})
    tops = sorted({round(box[1], 1) for box in cells})
    grid: list[list[Origin | None]] = [[None] * len(xs) for _ in tops]
    boxes: list[tuple[Origin, Box]] = []
    for box in sorted(cells, key=lambda b: (b[1], b[0])):
        x0, top, x1, bottom = box
        origin = (tops.index(round(top, 1)), xs.index(round(x0, 1)))
        boxes.append((origin, box))
        for r in range(origin[0], len(tops)):
            if tops[r] >= bottom - _SAME_EDGE:
                break
            for c in range(origin[1], len(xs)):
                if xs[c] >= x1 - _SAME_EDGE:
                    break
                if grid[r][c] is None:
                    grid[r][c] = origin
    full = [
        [o if o is not None else (r, c) for c, o in enumerate(row)] for r, row in enumerate(grid)
    ]
    return full, boxes


def _cell_lines(words: list[Word], box: Box, pad: float) -> list[Line]:
    lines: list[Line] = []
    for row in rows_by_baseline(words):
        row.sort(key=lambda w: w.x0)
        lines.append(
            Line(
                text=line_text(row),
                x0=row[0].x0,
                x1=row[-1].x1,
                top=min(w.top for w in row),
                bottom=max(w.bottom for w in row),
                first_word_width=row[0].x1 - row[0].x0,
                right=box[2] - pad,
                left=box[0] + pad,
                words=len(row),
                space_after=row[-1].space_after,
                first_glyph=row[0].first_glyph,
            )
        )
    return lines


def _inside(word: Word, box: Box) -> bool:
    x = (word.x0 + word.x1) / 2
    y = (word.top + word.bottom) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _contains(outer: Box, inner: Box) -> bool:
    return (
        outer != inner
        and outer[0] - _SAME_EDGE <= inner[0]
        and inner[2] <= outer[2] + _SAME_EDGE
        and outer[1] - _SAME_EDGE <= inner[1]
        and inner[3] <= outer[3] + _SAME_EDGE
    )


def _nested_rows(inner: list[Box], words: list[Word], outer: Box, pad: float) -> list[Line]:
    """The rows of a table nested in a cell, each as one line of that cell: its cells' texts
    side by side, as the Word file's cell reads (readers/docx.py). The page draws the inner
    table's lines among the outer one's, and pdfplumber takes them for columns and rows of
    the outer table, so that the row of the cell would come out three times, over columns
    of its own."""
    rows: dict[float, list[Box]] = {}
    for box in inner:
        rows.setdefault(round(box[1], 1), []).append(box)
    lines: list[Line] = []
    for top in sorted(rows):
        cells = sorted(rows[top], key=lambda box: box[0])
        texts = [
            join_lines(_cell_lines([w for w in words if _inside(w, box)], box, pad))
            for box in cells
        ]
        text = " ".join(t for t in texts if t)
        if text:
            bottom = max(box[3] for box in cells)
            lines.append(
                Line(
                    text,
                    cells[0][0],
                    cells[-1][2],
                    top,
                    bottom,
                    0.0,
                    outer[2] - pad,
                    outer[0] + pad,
                    words=len(text.split()),
                    space_after=True,
                )
            )
    return lines


def read_table(table: Any, words: list[Word]) -> TableGrid:
    """A pdfplumber table as a grid, its cells' text from ``words`` (those inside it); a
    table nested in a cell is read as lines of that cell (_nested_rows)."""
    cells: list[Box] = [tuple(box) for box in table.cells]
    nested = {k for k, box in enumerate(cells) if any(_contains(o, box) for o in cells)}
    outer = [box for k, box in enumerate(cells) if k not in nested]
    inner = [cells[k] for k in sorted(nested)]
    grid, boxes = _grid(outer)
    inside = {
        origin: [w for w in words if _inside(w, box) and not word_in_any(w, inner)]
        for origin, box in boxes
    }
    insets = [
        min(w.x0 for w in found) - box[0] for (origin, box) in boxes if (found := inside[origin])
    ]
    pad = min([_MAX_PADDING, *insets])
    out = TableGrid(grid, bottoms={origin: box[3] for origin, box in boxes})
    for origin, box in boxes:
        held = [b for b in inner if _contains(box, b)]
        lines = _cell_lines(inside[origin], box, max(pad, 0.0)) if inside[origin] else []
        if held:
            lines = sorted(
                lines + _nested_rows(held, words, box, max(pad, 0.0)), key=lambda line: line.top
            )
        if lines:
            out.lines[origin] = lines
    return out


def word_in_any(word: Word, boxes: list[Box]) -> bool:
    return any(_inside(word, box) for box in boxes)
