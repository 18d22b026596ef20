"""What a reader hands to segmentation: the document as paragraphs and tables, in order."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    """A table as rows of cell texts. A merged cell is repeated in every row it spans;
    a missing cell is an empty string, never a shifted neighbour."""

    rows: tuple[tuple[str, ...], ...]


Block = Paragraph | Table


@dataclass
class SourceText:
    """A document as read: its blocks, and what went wrong while reading (Vietnamese)."""

    name: str
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
