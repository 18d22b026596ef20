"""Vietnamese writing inside the rules: dates and numbers in explanations, name order."""

from __future__ import annotations

import datetime
import unicodedata


def vn_date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def vn_number(value: float, digits: int = 2) -> str:
    """``1234.5`` -> ``1.234,5``: dot between thousands, comma before decimals, no trailing 0."""
    # Adding 0.0 turns a rounded -0.0 into 0.0, so nothing prints as "-0".
    text = f"{round(value, digits) + 0.0:,.{digits}f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    whole = whole.replace(",", ".")
    return f"{whole},{fraction}" if fraction else whole


def vn_percent(share: float, digits: int = 1) -> str:
    """A fraction as per cent: ``0.0432`` -> ``4,32%`` with ``digits=2``."""
    return f"{vn_number(share * 100, digits)}%"


# Dictionary order: the letters of the Vietnamese alphabet (foreign f, j, w, z in their Latin
# places), then the tones ngang, huyền, hỏi, ngã, sắc, nặng as a second key.
_ALPHABET = {letter: i for i, letter in enumerate("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _other_char_rank(char: str) -> int:
    """Spaces, digits and marks before every letter, in code point order."""
    return ord(char[0]) - 0x110000 if char else -0x110000


def vn_sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A key that sorts names as a Vietnamese reader does: ``Đ`` after ``D``, ``Ư`` after
    ``U``, tones breaking ties only (``Sở Y tế`` after ``Sở Xây dựng``)."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text.casefold()):
        parts = unicodedata.normalize("NFD", char)
        tone = next((_TONES[p] for p in parts if p in _TONES), 0)
        bare = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
        letters.append(_ALPHABET.get(bare, _other_char_rank(bare)))
        tones.append(tone)
    return tuple(letters), tuple(tones), text
