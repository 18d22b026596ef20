"""Text as the rest of the pipeline expects it: NFC, one tone placement, plain spaces,
one dash and one pair of quotes.

Vietnamese is typed with two tone placements (``hoá``/``hóa``, ``uỷ``/``ủy``); the gold
files and today's official usage put the tone on the main vowel (``hóa``, ``ủy``), so that
is the one kept.
"""

from __future__ import annotations

import re
import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng (combining)
# In decomposed text: o+a, o+e, u+y ending a syllable, tone on the second vowel. ``qu`` is a
# consonant cluster (``quý``), so the tone there already sits right.
_OLD_TONE = re.compile(rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONES}])(?![\w\u0300-\u036f])")
_SPACES = re.compile(r"[\u00a0\u2000-\u200b\u202f\u205f\u3000\t\f\v]")
_ZERO_WIDTH = re.compile(r"[\u200c\u200d\u2060\ufeff\u00ad]")
_DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
_DOUBLE_QUOTES = re.compile(r"[\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033]")
_SINGLE_QUOTES = re.compile(r"[\u2018\u2019\u201a\u201b\u2032]")
_RUNS_OF_SPACE = re.compile(r" {2,}")
# Superscript digits a Word file or a portal leaves where a footnote was (``Nghị quyết¹``).
_FOOTNOTE_MARKS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+")


def new_tone_placement(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    moved = _OLD_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", moved)


def normalize_text(text: str) -> str:
    """Normalise one line or cell of text; line breaks are kept, other spaces folded."""
    text = unicodedata.normalize("NFC", text)
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _DASHES.sub("-", text)
    text = _DOUBLE_QUOTES.sub('"', text)
    text = _SINGLE_QUOTES.sub("'", text)
    text = new_tone_placement(text)
    return "\n".join(_RUNS_OF_SPACE.sub(" ", line).strip() for line in text.split("\n"))


def fold(text: str) -> str:
    """A comparison key: normalised, lower case, single spaces."""
    return " ".join(normalize_text(text).lower().split())


def fold_normalized(text: str) -> str:
    """:func:`fold` for text already through :func:`normalize_text` (every block a reader
    produces): only case and spaces remain to fold, at a fraction of the cost."""
    return " ".join(text.lower().split())


def without_footnote_marks(text: str) -> str:
    """The words of a title or a sentence without footnote marks, whitespace folded."""
    return " ".join(_FOOTNOTE_MARKS.sub("", text).split())
