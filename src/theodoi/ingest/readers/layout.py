"""Paragraphs from the lines of a laid-out page (a PDF's text layer, OCR).

A page knows lines, not paragraphs. A line continues the paragraph above it unless it opens
an item (the marks of Nghị định 30/2020/NĐ-CP: ``I.``, ``1.``, ``a)``, ``đ)``, ``-``, and the
lines of the header and signature blocks), or the line above ended short (the line's first
word would have fitted there), or it is indented, or a wider gap separates them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

OPENS_ITEM = re.compile(
    r"^(?:[IVXLC]+[.\-)]\s|\d+(?:\.\d+)*[.)]\s|[a-zđ][).]\s|[-+•*]\s|\(\d+\)\s|"
    r"Điều \d|PHỤ LỤC|Phụ lục|Căn cứ |Nơi nhận|Số:|TM\.|KT\.)"
)
_DASH_THEN_LOWER = re.compile(r"^[-+]\s+[a-zđà-ỹ]")


@dataclass
class Line:
    """A line of text where it stands on its page (points for a PDF, pixels for OCR)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    first_word_width: float
    right: float = 0.0  # the right edge of the text on this line's page
    left: float = 0.0  # the left edge of the text on this line's page
    new_page: bool = False
    in_column: bool = False  # one of two columns side by side (see in_reading_order)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def _segment(words: list[Word]) -> Line:
    return Line(
        text=" ".join(w.text for w in words),
        x0=words[0].x0,
        x1=words[-1].x1,
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        first_word_width=words[0].x1 - words[0].x0,
    )


def rows_by_baseline(words: list[Word]) -> list[list[Word]]:
    """Words grouped into the rows they stand on: a word joins a row it overlaps vertically by
    half its height (tone marks above and dots below make boxes uneven)."""
    rows: list[list[Word]] = []
    spans: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        if spans:
            top, bottom = spans[-1]
            overlap = min(bottom, word.bottom) - max(top, word.top)
            if overlap > 0.5 * min(word.bottom - word.top, bottom - top):
                rows[-1].append(word)
                spans[-1] = (min(top, word.top), max(bottom, word.bottom))
                continue
        rows.append([word])
        spans.append((word.top, word.bottom))
    return rows


def lines_from_rows(rows: list[list[Word]]) -> list[Line]:
    """The lines of a page from its rows of words: a gap of several letters splits a row in two
    (the header and signature blocks of Nghị định 30/2020 stand side by side). Lines come top
    to bottom, left to right, with the page's edges."""
    lines: list[Line] = []
    for row in rows:
        row = sorted(row, key=lambda w: w.x0)
        height = max(w.bottom - w.top for w in row)  # a dash's box is a sliver: take the tallest
        segment = [row[0]]
        for word in row[1:]:
            if word.x0 - segment[-1].x1 > 2.5 * height:
                lines.append(_segment(segment))
                segment = []
            segment.append(word)
        lines.append(_segment(segment))
    return set_page_edges(lines)


def set_page_edges(lines: list[Line]) -> list[Line]:
    """Record on each line the left and right edges of the text of its page."""
    right = max((line.x1 for line in lines), default=0.0)
    left = min((line.x0 for line in lines), default=0.0)
    for line in lines:
        line.right, line.left = right, left
    return lines


def in_reading_order(lines: list[Line]) -> list[Line]:
    """Lines of a page (sorted top to bottom, left to right) in the order they are read.

    Where two columns stand side by side (the header and signature blocks of Nghị định
    30/2020: issuer | national motto, recipients | signer), the left column is read before the
    right one, as in the Word document the page was printed from. Each column is taken to be
    half the page wide, which tells a wrapped line from a new one even when lines are centred.
    """
    if not lines:
        return lines
    middle = (lines[0].left + lines[0].right) / 2
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []

    def close_zone() -> None:
        page_left, page_right = lines[0].left, lines[0].right
        for column, edges in ((left, (page_left, middle)), (right, (middle, page_right))):
            if column:
                for line in column:
                    line.left, line.right = edges
                    line.in_column = True
                out.extend(column)
                column.clear()

    rows: list[list[Line]] = []
    for line in lines:
        if rows and abs(rows[-1][0].top - line.top) <= 0.4 * (line.bottom - line.top):
            rows[-1].append(line)
        else:
            rows.append([line])
    for row in rows:
        side_by_side = len(row) > 1 and all(x.x1 < middle or x.x0 > middle for x in row)
        aside = len(row) == 1 and (row[0].x1 < middle or row[0].x0 > middle)
        if side_by_side or ((left or right) and aside):
            for line in row:
                (left if line.x1 < middle else right).append(line)
        else:
            close_zone()
            out.extend(row)
    close_zone()
    return out


def _centred(line: Line, tolerance: float) -> bool:
    return abs((line.x0 + line.x1) / 2 - (line.left + line.right) / 2) < tolerance


def joined(current: list[str], text: str) -> None:
    # A line broken at the hyphen of ``57-NQ/TW`` (after it or before it) continues without
    # a space; a dash standing between words (``kinh tế - xã hội``) keeps its spaces.
    if current and (
        re.search(r"\w-$", current[-1])
        or (re.match(r"-\w", text) and re.search(r"\w$", current[-1]))
    ):
        current[-1] += text
    else:
        current.append(text)


def paragraphs(lines: list[Line]) -> Iterator[str]:
    """Lines of one stretch of text (between tables, maybe over pages) joined into
    paragraphs."""
    if not lines:
        return
    heights = sorted(line.bottom - line.top for line in lines)
    typical = heights[len(heights) // 2] or 10.0
    current = [lines[0].text]
    for above, line in itertools.pairwise(lines):
        gap = 0.0 if line.new_page else line.top - above.bottom
        if line.in_column:  # often centred: what counts is the room left on the line above
            room = (above.right - above.left) - (above.x1 - above.x0) - typical
            ended_short = typical * 0.3 + line.first_word_width < room
        else:
            ended_short = above.x1 + typical * 0.3 + line.first_word_width < above.right - 1
        # ``chính trị - xã hội`` wrapped before its dash is not a bullet: a bullet's words
        # start with a capital, and the line above it ends short.
        opens = bool(OPENS_ITEM.match(line.text)) and not (
            _DASH_THEN_LOWER.match(line.text) and not ended_short
        )
        # Nghị định 30/2020 asks for a first-line indent: an indented line opens a paragraph.
        indented = (
            line.x0 > line.left + typical and not line.in_column and not _centred(line, typical / 4)
        )
        if opens or ended_short or indented or gap > typical * 1.2 or gap < -1:
            yield " ".join(current)
            current = []
        joined(current, line.text)
    yield " ".join(current)
