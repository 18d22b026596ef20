"""Paragraphs from the words of a laid-out page (a PDF's text layer, OCR), by their places.

A page knows words where they stand, not lines or paragraphs. Words are grouped into rows by
their baseline, and a row is cut into segments where two columns stand side by side: the
header and signature blocks of Nghị định 30/2020/NĐ-CP (issuer | national motto, recipients |
signer) are laid out that way. Columns are read one after the other (in_reading_order).

A line continues the paragraph above it unless it opens an item (the marks of Nghị định
30/2020: ``I.``, ``1.``, ``a)``, ``đ)``, ``-``, and the lines of the header and signature
blocks), or the line above ended short (the line's first word would have fitted there), or
it is indented, or a wider gap separates them. Where a line broke inside a word (a narrow
table column breaks ``Thường`` into ``Thườn`` / ``g``), the glyphs say so and the two parts
are joined without a space (separator).
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from theodoi.ingest.readers.syllables import continues_word

OPENS_ITEM = re.compile(
    r"^(?:[IVXLC]+[.\-)]\s|\d+(?:\.\d+)*[.)]\s|[a-zđ][).]\s|[-+•*]\s|\(\d+\)\s|"
    r"Điều \d|PHỤ LỤC|Phụ lục|Căn cứ |Nơi nhận|Số:|TM\.|KT\.)"
)
_LABEL = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]$|^[-+•*]$|^\(\d+\)$")
_DASH_THEN_LOWER = re.compile(r"^[-+]\s+[a-zđà-ỹ]")
_ITEM_LABEL = re.compile(r"^(?:[IVXLC]+|\d+|[a-zđ])\)\s")
# Breaks a writer allows without a space: after the hyphen or slash of ``57-NQ/TW``, or
# before its hyphen.
_BREAKS_AFTER = re.compile(r"\S[-/]$")
_BREAKS_BEFORE = re.compile(r"^-\w")
_ENDS_IN_WORD = re.compile(r"\w$")
# Two runs of text on one baseline with a gap this wide between them (in line heights) are
# two columns, whatever else the page says.
_COLUMN_GAP = 2.5
# A narrower gap still parts columns when no space glyph fills it, or when it is several
# times the row's usual gap between words.
_NARROW_COLUMN_GAP = 0.8
# Lines of one column that line up start within this of each other (points).
_ALIGNED = 2.0
# Word and LibreOffice set a table cell's text this far inside its lines (0.19 cm).
_PADDING = 5.4


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    space_after: bool = False  # the page draws a space glyph right after the word
    first_glyph: float = 0.0  # the width of its first letter (0 when unknown)
    next_space: float | None = None  # where the next space glyph on its baseline starts
    fonts: tuple[str, str] = ("", "")  # the font of its first and last letter ("" unknown)


@dataclass
class Line:
    """A line of text where it stands on its page (points for a PDF, pixels for OCR)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    first_word_width: float
    right: float = 0.0  # the right edge of the text on this line's page, column or cell
    left: float = 0.0  # the left edge of the text on this line's page, column or cell
    page: int = 0  # the page it stands on: a gap to a line of another page means nothing
    in_column: bool = False  # one of two columns side by side (see in_reading_order)
    words: int = 1
    space_after: bool = False  # a space glyph ends the line: it broke between words
    first_glyph: float = 0.0
    fonts: tuple[str, str] = ("", "")  # the font it starts and ends in ("" unknown)


# What a reader puts for a glyph whose font gives no Unicode value. First on its line it is
# a list's bullet drawn from a symbol font, and reads as one; anywhere else it is dropped.
UNDECODABLE = "\ufffd"


def line_text(words: list[Word]) -> str:
    """The words of one line, left to right, as text."""
    texts = [w.text for w in words]
    if texts[0] == UNDECODABLE:
        texts[0] = "-"
    return " ".join(t for t in texts if t != UNDECODABLE)


def _segment(words: list[Word]) -> Line:
    return Line(
        text=line_text(words),
        x0=words[0].x0,
        x1=words[-1].x1,
        top=min(w.top for w in words),
        bottom=max(w.bottom for w in words),
        first_word_width=words[0].x1 - words[0].x0,
        words=len(words),
        space_after=words[-1].space_after,
        first_glyph=words[0].first_glyph,
        fonts=(words[0].fonts[0], words[-1].fonts[1]),
    )


def rows_by_baseline(words: list[Word]) -> list[list[Word]]:
    """Words grouped into the rows they stand on: a word joins a row when it overlaps the
    row's first word vertically by half its height (tone marks above and dots below make boxes
    uneven; a raised footnote mark still belongs to its line). The first word, not the whole
    row, is the measure: a tall line beside two short ones must not chain them together."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        if rows:
            first = rows[-1][0]
            overlap = min(first.bottom, word.bottom) - max(first.top, word.top)
            if overlap > 0.5 * min(word.bottom - word.top, first.bottom - first.top):
                rows[-1].append(word)
                continue
        rows.append([word])
    return rows


def lines_from_rows(rows: list[list[Word]], *, spaces: bool = False) -> list[Line]:
    """The lines of a page from its rows of words: a row is cut where columns part (the
    header and signature blocks of Nghị định 30/2020 stand side by side). ``spaces`` says
    that the page draws its spaces as glyphs, so that a wide gap with no space glyph in it
    parts two columns. Lines come top to bottom, left to right, with the page's edges."""
    lines: list[Line] = []
    for row in rows:
        row = sorted(row, key=lambda w: w.x0)
        height = max(w.bottom - w.top for w in row)  # a dash's box is a sliver: take the tallest
        gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(row)]
        usual = statistics.median(gaps) if len(gaps) >= 3 else None
        segment = [row[0]]
        for before, word, gap in zip(row, row[1:], gaps, strict=False):
            wide = gap > _NARROW_COLUMN_GAP * height
            spaced = before.next_space is not None and before.next_space < word.x0
            parts = gap > _COLUMN_GAP * height or (
                wide
                and ((spaces and not spaced) or (usual is not None and gap > 3 * max(usual, 0.1)))
            )
            # A list's label stands a tab away from its item's words (``a)⇥Xây dựng``).
            label = before.text == UNDECODABLE or _LABEL.match(before.text)
            if parts and not (len(segment) == 1 and label):
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


@dataclass
class _Zone:
    """Rows where columns stand side by side, and the gutter between them."""

    gutter: tuple[float, float]
    left: list[Line]
    right: list[Line]
    top: float
    bottom: float

    @classmethod
    def of(cls, row: list[Line]) -> _Zone:
        row = sorted(row, key=lambda line: line.x0)
        cut = max(range(1, len(row)), key=lambda k: row[k].x0 - row[k - 1].x1)
        left, right = row[:cut], row[cut:]
        gutter = (max(line.x1 for line in left), min(line.x0 for line in right))
        top = min(line.top for line in row)
        return cls(gutter, left, right, top, max(line.bottom for line in row))

    def take(self, row: list[Line]) -> bool:
        """Add the row if it keeps to the columns: no line crosses the gutter, and a line
        alone on its row stands close under the rows already taken, inside its column."""
        start, end = self.gutter
        middle = (start + end) / 2
        left = [line for line in row if line.x1 <= end and (line.x0 < start or line.x1 < middle)]
        right = [line for line in row if line not in left and line.x0 >= start]
        if len(left) + len(right) < len(row):
            return False
        if len(row) == 1 and not self._inside(row[0], self.left if left else self.right):
            return False
        new_start = max([start, *(line.x1 for line in left)])
        new_end = min([end, *(line.x0 for line in right)])
        if new_start >= new_end:
            return False
        self.gutter = (new_start, new_end)
        self.left += left
        self.right += right
        self.bottom = max(self.bottom, *(line.bottom for line in row))
        return True

    def _inside(self, line: Line, column: list[Line]) -> bool:
        # A paragraph of the body after the block starts at the margin or its indent, not
        # within the column's lines; the lines of a column line up or are centred.
        if not column:
            return False
        height = line.bottom - line.top
        centre = statistics.median((c.x0 + c.x1) / 2 for c in column)
        aligned = line.x0 >= min(c.x0 for c in column) - _ALIGNED
        centred = abs((line.x0 + line.x1) / 2 - centre) < height
        return line.top - self.bottom <= 2 * height and (aligned or centred)

    def lines(self, page_left: float, page_right: float) -> list[Line]:
        """The left column's lines, then the right one's, each with its column's inner
        edges. The block is a table with no lines whose left cell starts at the margin;
        the lines of a column being centred as a rule, the left column reaches as far past
        their centre as the margin lies before it, the right one starts a cell's padding on
        each side further, and reaches as far again past its lines' centre."""
        right_of_left = page_left
        if self.left:
            centre = statistics.median((line.x0 + line.x1) / 2 for line in self.left)
            right_of_left = max(2 * centre - page_left, *(line.x1 for line in self.left))
            self._set(self.left, page_left, right_of_left)
        if self.right:
            centre = statistics.median((line.x0 + line.x1) / 2 for line in self.right)
            start = min(right_of_left + 2 * _PADDING, *(line.x0 for line in self.right))
            if not self.left:
                start = min(2 * centre - page_right, *(line.x0 for line in self.right))
            end = min(page_right, max(2 * centre - start, *(line.x1 for line in self.right)))
            self._set(self.right, start, end)
        return self.left + self.right

    @staticmethod
    def _set(column: list[Line], left: float, right: float) -> None:
        for line in column:
            line.left, line.right = left, right
            line.in_column = True


def _rows(lines: list[Line]) -> list[list[Line]]:
    rows: list[list[Line]] = []
    for line in lines:
        if rows and abs(rows[-1][0].top - line.top) <= 0.4 * (line.bottom - line.top):
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


class ReadingOrder:
    """Puts the lines of a document's pages in the order they are read.

    Where columns stand side by side (the header and signature blocks of Nghị định 30/2020:
    issuer | national motto, recipients | signer), the left column is read before the right
    one, as in the Word document the page was printed from. The columns are told apart by
    the gutter between them, wherever it lies: issuer and motto columns are seldom halves.
    Columns that run on over a page break (a long list of recipients) stay one block."""

    def __init__(self) -> None:
        self._zone: _Zone | None = None
        self._carried = False  # the open block began on an earlier page
        self._edges = (0.0, 0.0)

    def page(self, lines: list[Line], tables: Sequence[float] = ()) -> list[tuple[float, Line]]:
        """The lines of the next page (top to bottom, left to right) that can be placed now,
        each with where it stands on the page: the top of the page (-1) for a block of
        columns begun on an earlier page. No block runs past a table (``tables``: their
        tops)."""
        out: list[tuple[float, Line]] = []
        if not lines:
            return out
        zone, carried = self._zone, self._carried
        if zone is not None:
            zone.bottom = lines[0].top  # a new page: the block may go on at its top
        self._edges = (lines[0].left, lines[0].right)
        for row in _rows(lines):
            past_table = zone is not None and any(zone.bottom < t <= row[0].top for t in tables)
            if zone is not None and not past_table and zone.take(row):
                continue
            if zone is not None:
                at = -1.0 if carried else zone.top
                out += [(at, line) for line in zone.lines(*self._edges)]
                zone, carried = None, False
            if len(row) > 1:
                zone = _Zone.of(row)
            else:
                out.append((row[0].top, row[0]))
        if zone is not None and any(zone.bottom < t for t in tables):
            # A table below the block ends it: nothing after the table may join it.
            out += [(-1.0 if carried else zone.top, line) for line in zone.lines(*self._edges)]
            zone = None
        self._zone, self._carried = zone, zone is not None
        return out

    def close(self) -> list[Line]:
        """The lines of a block of columns still open (at a table or the document's end)."""
        zone, self._zone = self._zone, None
        return zone.lines(*self._edges) if zone is not None else []


def in_reading_order(lines: list[Line]) -> list[Line]:
    """The lines of one page (sorted top to bottom, left to right) in reading order."""
    order = ReadingOrder()
    return [line for _, line in order.page(lines)] + order.close()


def separator(above: Line, line: Line, word: str | None = None) -> str:
    """What stands between two lines of one paragraph or cell: a space, or nothing where the
    line above broke inside a word.

    A word is broken only when it is wider than its line (it would otherwise have moved to
    the next line whole), so its first part stands alone on the line above, fills it, and
    leaves no room for the next letter. A space glyph ending the line says it broke between
    words; a writer also breaks after the hyphen or slash of ``57-NQ/TW`` or before its
    hyphen, with no space. A word that fills its line exactly may have ended there too: the
    spelling of the two parts decides (syllables.py); ``word`` is the word the text so far
    ends with, when a narrow column broke it over more lines than the one above."""
    if above.space_after:
        return " "
    head = word or above.text
    if _BREAKS_AFTER.search(head) or (
        _BREAKS_BEFORE.match(line.text) and _ENDS_IN_WORD.search(above.text)
    ):
        return ""
    filled = above.words == 1 and line.first_glyph > 0 and above.x1 + line.first_glyph > above.right
    if filled and continues_word(head, line.text.split(" ", 1)[0]):
        return ""
    return " "


def join_lines(lines: list[Line]) -> str:
    """The lines of one cell (or one paragraph) as one text."""
    if not lines:
        return ""
    text = lines[0].text
    for above, line in itertools.pairwise(lines):
        text += separator(above, line, text.rsplit(" ", 1)[-1]) + line.text
    return text


# The parts of a header block (Nghị định 30/2020, Phụ lục I): the number, the summary of an
# official letter, its addressees; each is a paragraph of its own in the Word file, however
# close the page sets them.
_HEADER_PART = re.compile(r"^(?:Số\s*:|V/v\b|Về việc\b|Kính gửi\s*:)")


def _open_bracket(lines: list[Line]) -> bool:
    # ``c)`` opening an item closes no bracket.
    text = _ITEM_LABEL.sub("", "".join(line.text for line in lines))
    return text.count("(") > text.count(")")


def _in_capitals(text: str) -> bool:
    """A line of two words or more in capitals (``UBND TỈNH ĐỒNG NAI``, ``KẾ HOẠCH THỰC
    HIỆN …``): a heading's or a header's, never the rest of a sentence in lower case."""
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return len(words) >= 2 and text == text.upper()


def _centred(line: Line, tolerance: float) -> bool:
    return abs((line.x0 + line.x1) / 2 - (line.left + line.right) / 2) < tolerance


def paragraphs(lines: list[Line]) -> Iterator[str]:
    """Lines of one stretch of text (between tables, maybe over pages) joined into
    paragraphs."""
    if not lines:
        return
    heights = sorted(line.bottom - line.top for line in lines)
    typical = heights[len(heights) // 2] or 10.0
    current = [lines[0]]
    for above, line in itertools.pairwise(lines):
        gap = 0.0 if line.page != above.page else line.top - above.bottom
        # A space glyph at the end of the line above says it wrapped; it still ended short
        # when far more room was left than the next word needed (a space typed at the end).
        needed = typical * 0.3 + line.first_word_width + (typical if above.space_after else 0)
        if line.in_column:
            # Often centred: what counts is the room left on the line above, within a
            # column whose inner edge is only estimated (in_reading_order). In a header or
            # signature block, a line set in another font (the issuer in bold under its
            # parent body in plain capitals, a rule under it) is a line of its own.
            room = (above.right - above.left) - (above.x1 - above.x0) - typical
            restyled = "" not in (above.fonts[1], line.fonts[0]) and above.fonts[1] != line.fonts[0]
            ended_short = needed < room or restyled
        else:
            ended_short = above.x1 + needed < above.right - 1
        # ``chính trị - xã hội`` wrapped before its dash is not a bullet: a bullet's words
        # start with a capital, and the line above it ends short. Nor is ``(Ban Dân chủ`` /
        # ``- Pháp luật; …)``: no bullet opens inside a bracket left open.
        wrapped_dash = _DASH_THEN_LOWER.match(line.text) or (
            line.text.startswith(("-", "+")) and _open_bracket(current)
        )
        opens = bool(OPENS_ITEM.match(line.text) or _HEADER_PART.match(line.text)) and not (
            wrapped_dash and not ended_short
        )
        # Nghị định 30/2020 asks for a first-line indent: an indented line opens a paragraph.
        indented = (
            line.x0 > line.left + typical and not line.in_column and not _centred(line, typical / 4)
        )
        # A paragraph never runs from one column into another, nor out of the columns.
        crossed = (line.in_column, line.left, line.right) != (
            above.in_column,
            above.left,
            above.right,
        )
        # A sentence does not wrap into capitals: a header set below a news intro starts a
        # paragraph of its own even where the intro's last line runs to the margin.
        capitals = _in_capitals(line.text) and not _in_capitals(above.text)
        if (
            opens
            or ended_short
            or indented
            or crossed
            or capitals
            or gap > typical * 1.2
            or gap < -1
        ):
            yield join_lines(current)
            current = []
        current.append(line)
    yield join_lines(current)
