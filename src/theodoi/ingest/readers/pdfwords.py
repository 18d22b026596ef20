"""The words of a PDF page where they stand, with what their glyphs tell: whether a space
glyph follows a word (LibreOffice and Word draw the spaces they fit on a line, so a line
that ends without one may have broken inside a word), and how wide a word's first letter is.

A glyph whose font gives no Unicode value comes out of pdfminer as ``(cid:N)``; such a glyph
is no text, and a word made only of such glyphs (often a bullet drawn from a symbol font) is
marked as undecodable (layout.UNDECODABLE).

A footnote's mark, raised and smaller right after a word (``57-NQ/TW¹``), is not read: the
Word file keeps it out of the text too, and glued to the word it would change the number of
the resolution it follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from theodoi.ingest.readers.layout import UNDECODABLE, Word

_CID = re.compile(r"\(cid:\d+\)")
# A space glyph starts where the letter before it ends (kerning moves it a fraction), or,
# in a justified line, somewhere in the widened gap after it.
_TOUCHING = 1.5
_REACH = 3.0  # line heights
# A footnote mark is set at about two thirds of its text's size (Word and LibreOffice: 58%).
_MARK_SIZE = 0.8
_MARK = re.compile(r"^(?:\d{1,3}|\*{1,3})$")


@dataclass(frozen=True)
class PageText:
    words: list[Word]
    spaces: bool  # the page draws its spaces as glyphs
    letters: int  # letters that read as text
    undecodable: int  # glyphs without a Unicode value


def _spaces_by_baseline(chars: Iterable[dict[str, Any]]) -> dict[int, list[float]]:
    index: dict[int, list[float]] = {}
    for char in chars:
        if char["text"].isspace():
            index.setdefault(round(char["bottom"]), []).append(char["x0"])
    return index


def _next_space(last: dict[str, Any], spaces: dict[int, list[float]]) -> float | None:
    """Where the first space glyph after a word's last letter starts, on its baseline and
    within a few letters' reach; None when there is none."""
    key = round(last["bottom"])
    reach = last["x1"] + _REACH * (last["bottom"] - last["top"])
    found = [
        x
        for k in (key - 1, key, key + 1)
        for x in spaces.get(k, ())
        if last["x1"] - _TOUCHING <= x <= reach
    ]
    return min(found, default=None)


def _font(char: dict[str, Any]) -> str:
    return f"{char.get('fontname', '')}/{round(char.get('size', 0))}"


def _footnote_marks(raws: list[dict[str, Any]]) -> set[int]:
    """The indexes of the words that are footnote marks: digits or asterisks set smaller and
    higher than the word they touch on their left."""
    ending: dict[int, list[dict[str, Any]]] = {}
    for raw in raws:
        ending.setdefault(round(raw["x1"]), []).append(raw)
    marks: set[int] = set()
    for k, raw in enumerate(raws):
        if not _MARK.match(raw["text"]):
            continue
        at = round(raw["x0"])
        touching = (b for key in (at - 2, at - 1, at, at + 1, at + 2) for b in ending.get(key, ()))
        if any(
            abs(before["x1"] - raw["x0"]) < _TOUCHING
            and raw["size"] < _MARK_SIZE * before["size"]
            and before["top"] - 1 <= raw["top"]
            and raw["bottom"] < before["bottom"] - 1
            for before in touching
        ):
            marks.add(k)
    return marks


def page_text(page: Any) -> PageText:
    """The words of a pdfplumber page, and how much of its text layer reads as text."""
    spaces = _spaces_by_baseline(page.chars)
    words: list[Word] = []
    letters = undecodable = 0
    # Split at a change of size, so that a raised mark is a word of its own.
    raws = page.extract_words(return_chars=True, extra_attrs=["size"])
    marks = _footnote_marks(raws)
    for raw in (raw for k, raw in enumerate(raws) if k not in marks):
        undecodable += len(_CID.findall(raw["text"]))
        text = _CID.sub("", raw["text"]) or UNDECODABLE
        letters += sum(ch.isalpha() for ch in text)
        chars = [c for c in raw["chars"] if not _CID.fullmatch(c["text"])]
        first = chars[0] if chars else raw["chars"][0]
        space = _next_space(raw["chars"][-1], spaces)
        words.append(
            Word(
                text,
                raw["x0"],
                raw["x1"],
                raw["top"],
                raw["bottom"],
                space_after=space is not None and space - raw["x1"] < _TOUCHING,
                first_glyph=first["x1"] - first["x0"],
                next_space=space,
                fonts=(_font(first), _font(chars[-1] if chars else first)),
            )
        )
    return PageText(words, bool(spaces), letters, undecodable)
