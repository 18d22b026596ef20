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


def set_page_edges(lines: list[Line]) -> list[Line]:
    """Record on each line the left and right edges of the text of its page."""
    right = max((line.x1 for line in lines), default=0.0)
    left = min((line.x0 for line in lines), default=0.0)
    for line in lines:
        line.right, line.left = right, left
    return lines


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
        ended_short = above.x1 + typical * 0.3 + line.first_word_width < above.right - 1
        # ``chính trị - xã hội`` wrapped before its dash is not a bullet: a bullet's words
        # start with a capital, and the line above it ends short.
        opens = bool(OPENS_ITEM.match(line.text)) and not (
            _DASH_THEN_LOWER.match(line.text) and not ended_short
        )
        # Nghị định 30/2020 asks for a first-line indent: an indented line opens a paragraph.
        indented = line.x0 > line.left + typical and not _centred(line, typical / 4)
        if opens or ended_short or indented or gap > typical * 1.2 or gap < -1:
            yield " ".join(current)
            current = []
        joined(current, line.text)
    yield " ".join(current)
