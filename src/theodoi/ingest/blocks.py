"""What a reader hands to segmentation: the document as paragraphs and tables, in order.

Every format (text, Word, HTML, PDF, OCR) comes out in this one model, so that a plan reads
the same whatever file it came in: a paragraph is its text with its numbering label in front
(``a)``, ``1.``, ``-``), and a table is its grid of cells with the merged cells it has.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

Origin = tuple[int, int]


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    """A table as rows of cell texts. A merged cell is repeated in every row and column it
    spans; a missing cell is an empty string, never a shifted neighbour.

    ``origins`` keeps the merges where the source has them (Word's ``gridSpan`` and
    ``vMerge``, HTML's ``colspan`` and ``rowspan``, a PDF's ruled cells): for each cell, the
    (row, column) of the top-left cell of the merged cell it belongs to. It is empty when
    every cell is its own, as in a text file, which cannot say.

    ``may_continue`` lists the empty cells that may instead be the rest of the cell above
    them, merged down over a page break exactly between the two rows: a PDF draws both
    alike (readers/pdftables.py), and only what the column holds can tell."""

    rows: tuple[tuple[str, ...], ...]
    origins: tuple[tuple[Origin, ...], ...] = ()
    may_continue: frozenset[Origin] = frozenset()

    def origin(self, row: int, column: int) -> Origin:
        """Where the merged cell covering (row, column) starts; the cell itself if unmerged."""
        if row < len(self.origins) and column < len(self.origins[row]):
            return self.origins[row][column]
        return (row, column)

    def continues_down(self, row: int, column: int) -> bool:
        """Whether the cell is the lower part of a cell merged down from a row above."""
        return self.origin(row, column)[0] < row

    def continues_across(self, row: int, column: int) -> bool:
        """Whether the cell is the right part of a cell merged across from the left."""
        return self.origin(row, column)[1] < column


def table_from_grid(texts: Mapping[Origin, str], grid: Sequence[Sequence[Origin]]) -> Table:
    """A table from the origin of each cell (``grid``, row by row) and the text of each
    origin; rows are padded to the widest with empty cells of their own."""
    width = max((len(row) for row in grid), default=0)
    rows: list[tuple[str, ...]] = []
    origins: list[tuple[Origin, ...]] = []
    merged = False
    for r, row in enumerate(grid):
        full = [*row, *((r, c) for c in range(len(row), width))]
        merged = merged or any(o != (r, c) for c, o in enumerate(full))
        origins.append(tuple(full))
        rows.append(tuple(texts.get(o, "") for o in full))
    return Table(rows=tuple(rows), origins=tuple(origins) if merged else ())


Block = Paragraph | Table


@dataclass
class SourceText:
    """A document as read: its blocks, and what went wrong while reading (Vietnamese)."""

    name: str
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
