"""The labels of Word's automatic numbering (``a)``, ``1.``, ``II.``, ``-``), which Word shows
but does not keep in the paragraph's text.

Plans typed in Word often number their items and the ``TT`` column of their appendix tables
this way; without the labels the items could not be told apart. The labels are counted as
Word counts them: per list (``w:num``), a level restarting when a higher one advances.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

_VAL = qn("w:val")
# Bullets are drawn from symbol fonts (private-use code points) or typed; all read as "-".
_BULLET = "-"


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class Numbering:
    """Numbering definitions of one document and the counters of its lists."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> levels
    starts: dict[tuple[str, int], int] = field(default_factory=dict)  # startOverride
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> numId, ilvl
    counters: dict[str, list[int]] = field(default_factory=dict)

    def label(self, p: etree._Element) -> str:
        """The label Word shows before paragraph ``p``, or "" when it is not numbered."""
        reference = self._reference(p)
        if reference is None:
            return ""
        num_id, level = reference
        levels = self.levels.get(num_id)
        if not levels or level not in levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        if not 0 <= level < len(counts):
            return ""
        counts[level] += 1
        for deeper in range(level + 1, len(counts)):
            counts[deeper] = 0
        text = levels[level].text
        if levels[level].fmt == "bullet":
            return _BULLET
        for k in range(level, -1, -1):
            if f"%{k + 1}" in text:
                text = text.replace(f"%{k + 1}", self._formatted(num_id, k, levels, counts))
        return text.strip()

    def _reference(self, p: etree._Element) -> tuple[str, int] | None:
        props = p.find(qn("w:pPr"))
        if props is None:
            return None
        num = props.find(qn("w:numPr"))
        style = props.find(qn("w:pStyle"))
        styled = self.styles.get(style.get(_VAL, "")) if style is not None else None
        if num is None:
            return styled
        num_id = num.find(qn("w:numId"))
        ilvl = num.find(qn("w:ilvl"))
        value = num_id.get(_VAL) if num_id is not None else (styled[0] if styled else None)
        if value is None or value == "0":  # numId 0 switches numbering off
            return None
        try:
            level = int(ilvl.get(_VAL, "0")) if ilvl is not None else (styled[1] if styled else 0)
        except ValueError:
            level = 0
        return value, level

    def _formatted(
        self, num_id: str, level: int, levels: dict[int, _Level], counts: list[int]
    ) -> str:
        definition = levels.get(level)
        if definition is None:
            return ""
        start = self.starts.get((num_id, level), definition.start)
        return _format(definition.fmt, start + max(counts[level], 1) - 1)


def _format(fmt: str, n: int) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out += numeral
            n -= value
    return out


def _int(element: etree._Element | None, default: int) -> int:
    try:
        return int(element.get(_VAL, default)) if element is not None else default
    except ValueError:
        return default


def read_numbering(document: Any) -> Numbering:
    """The numbering of a python-docx document (empty when it has none)."""
    numbering = Numbering()
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return numbering
    abstract: dict[str, dict[int, _Level]] = {}
    for definition in root.iterchildren(qn("w:abstractNum")):
        levels: dict[int, _Level] = {}
        for lvl in definition.iterchildren(qn("w:lvl")):
            fmt = lvl.find(qn("w:numFmt"))
            text = lvl.find(qn("w:lvlText"))
            level = lvl.get(qn("w:ilvl"), "0")
            if not level.isdigit():
                continue
            levels[int(level)] = _Level(
                fmt=fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
                text=text.get(_VAL, "") if text is not None else "",
                start=_int(lvl.find(qn("w:start")), 1),
            )
        abstract[definition.get(qn("w:abstractNumId"), "")] = levels
    for num in root.iterchildren(qn("w:num")):
        num_id = num.get(qn("w:numId"), "")
        link = num.find(qn("w:abstractNumId"))
        numbering.levels[num_id] = abstract.get(link.get(_VAL, "") if link is not None else "", {})
        for override in num.iterchildren(qn("w:lvlOverride")):
            start = override.find(qn("w:startOverride"))
            level = override.get(qn("w:ilvl"), "0")
            if start is not None and level.isdigit():
                numbering.starts[(num_id, int(level))] = _int(start, 1)
    for style in document.styles.element.iterchildren(qn("w:style")):
        props = style.find(qn("w:pPr"))
        num = props.find(qn("w:numPr")) if props is not None else None
        num_id = num.find(qn("w:numId")) if num is not None else None
        if num is not None and num_id is not None:
            level = _int(num.find(qn("w:ilvl")), 0)
            numbering.styles[style.get(qn("w:styleId"), "")] = (num_id.get(_VAL, ""), level)
    return numbering
