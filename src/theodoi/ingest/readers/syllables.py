"""Whether the start of a line can be the rest of a word broken at the end of the line above.

Asked only where the glyphs leave it open: a word that fills its line to the edge with no room
left for a space leaves no trace of whether it broke there or ended there. Vietnamese
spelling settles it: every syllable has a vowel, and a syllable is an initial consonant, a
vowel nucleus and a final consonant; so ``Thườn`` + ``g`` and ``chuy`` + ``ển`` are one
syllable broken, while ``Nhiệm`` + ``vụ`` are two syllables.
"""

from __future__ import annotations

import re
import unicodedata

_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$"
)
_VOWEL = re.compile(r"[aeiouy]")
_LEADING_LETTERS = re.compile(r"^[^\W\d_]+")
_TRAILING_LETTERS = re.compile(r"[^\W\d_]+$")


def _base_letters(text: str) -> str:
    """Lower-case letters without tone marks and vowel shapes (``ường`` -> ``uong``)."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def continues_word(head: str, tail: str) -> bool:
    """Whether ``tail`` (the next line's first word) continues ``head`` (the word the line
    above ends with) without a space: a number broken in two, a tail that no word starts
    with (a closing mark), or two parts that spell one syllable together."""
    if not head or not tail:
        return False
    last, first = head[-1], tail[0]
    if last.isdigit() and first.isdigit():
        return True
    if first in "/),.;:%&" or (last in "/&" and first.isalnum()):
        return True  # ``Người`` + ``/vạn dân``, ``KH&`` + ``CN``
    if last == "." and first.isdigit():
        return not tail.endswith((".", ")"))  # ``11.`` + ``1``; not ``51.`` + ``52.``
    if not (last.isalpha() and first.isalpha()) or (last.islower() and first.isupper()):
        return False  # no word turns to a capital in its middle (``và`` + ``Công``)
    before = _base_letters(_TRAILING_LETTERS.search(head).group())  # type: ignore[union-attr]
    after = _base_letters(_LEADING_LETTERS.search(tail).group())  # type: ignore[union-attr]
    # One syllable spelled across the break (``Thườn`` + ``g``), or letters with no vowel
    # at all (the ``KH&C`` + ``N`` of an abbreviation).
    return bool(_SYLLABLE.match(before + after)) or not _VOWEL.search(before + after)
