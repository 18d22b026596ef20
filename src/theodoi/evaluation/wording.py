"""Vietnamese writing inside the rules: dates and numbers in explanations, name order; and the
one rounding rule of every figure and percentage theodoi shows."""

from __future__ import annotations

import datetime
import functools
import math
import unicodedata
from decimal import ROUND_HALF_UP, Context, Decimal

# A percentage is shown with one decimal wherever it is shown (an explanation, a table, a
# report), so the same share always reads the same.
PERCENT_DIGITS = 1


# Room for every digit of the largest float (about 1.8e308) and its decimals.
_EXACT = Context(prec=400)


def _half_up(value: Decimal, digits: int) -> float:
    step = Decimal(1).scaleb(-digits)
    return float(value.quantize(step, rounding=ROUND_HALF_UP, context=_EXACT))


def rounded(value: float, digits: int) -> float:
    """``value`` to ``digits`` decimals, half away from zero as a reader rounds (9.55 -> 9.6,
    2.675 -> 2.68, -0.25 -> -0.3), taken on the decimal the float prints as. Every figure
    and percentage on a page, in an explanation or in a report is rounded here: round() would
    round half to even on the binary value (round(2.675, 2) == 2.67, round(0.125, 2) == 0.12),
    and Django's number format cuts the digits off (9.56 -> 9.5)."""
    if not math.isfinite(value):
        return value
    text = repr(value)
    fraction = text.partition(".")[2]
    if "e" in text or (len(fraction) == digits + 1 and fraction[-1] == "5"):
        return _half_up(Decimal(text), digits)
    if len(fraction) <= digits:
        return float(value)
    # Not a tie as printed: the printed decimal is the shortest that reads back as the float,
    # so no halfway point lies between them and both round to the same nearest (round() is
    # exact on the binary value). Decimal arithmetic, five times slower, is kept for the ties:
    # thousands of figures are rounded in each snapshot of a national plan.
    return round(value, digits)


def as_percent(share: float, digits: int = PERCENT_DIGITS) -> float:
    """A share as a rounded per cent: ``0.0955`` -> 9.6 (the float product 0.0955 * 100 is
    9.549999..., which would round down)."""
    if not math.isfinite(share):
        return share
    return _half_up(Decimal(repr(share)).scaleb(2), digits)


def vn_date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


# The same figures come back in every agency's explanation (1,700 numbers a snapshot of a
# national plan, a few hundred of them different): each written once. Typed, so that 1, 1.0
# and True are kept apart although they read alike.
@functools.lru_cache(maxsize=4096, typed=True)
def grouped(value: float, digits: int = 2, decimal: str = ",", thousand: str = ".") -> str:
    """``value`` rounded to ``digits`` decimals (``rounded``) and written with ``thousand``
    between groups of three digits and ``decimal`` before the decimals, no trailing 0:
    ``1234.5`` -> ``1.234,5``. Pages pass their language's separators."""
    # Adding 0.0 turns a rounded -0.0 into 0.0, so nothing prints as "-0".
    text = f"{rounded(value, digits) + 0.0:,.{digits}f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    whole = whole.replace(",", thousand)
    return f"{whole}{decimal}{fraction}" if fraction else whole


def vn_number(value: float, digits: int = 2) -> str:
    """``1234.5`` -> ``1.234,5``: dot between thousands, comma before decimals, no trailing 0."""
    return grouped(value, digits)


def vn_percent(share: float, digits: int = PERCENT_DIGITS) -> str:
    """A fraction as per cent: ``0.0432`` -> ``4,3%`` (``4,32%`` with ``digits=2``)."""
    return f"{vn_number(as_percent(share, digits), digits)}%"


# Dictionary order: the letters of the Vietnamese alphabet (foreign f, j, w, z in their Latin
# places), then the tones ngang, huyền, hỏi, ngã, sắc, nặng as a second key.
_ALPHABET = {letter: i for i, letter in enumerate("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz")}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _other_char_rank(char: str) -> int:
    """Spaces, digits and marks before every letter, in code point order."""
    return ord(char[0]) - 0x110000 if char else -0x110000


# Agency names come back at every rebuild and page (130 a plan at national scale), and their
# keys cost three Unicode normalisations a letter: computed once per name.
@functools.lru_cache(maxsize=8192)
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
