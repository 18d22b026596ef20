"""The labels of Word's automatic numbering (``a)``, ``1.``, ``II.``, ``-``), which Word shows
but does not keep in the paragraph's text.

Plans typed in Word often number their items and the ``TT`` column of their appendix tables
this way; without the labels the items could not be told apart. The labels are counted as
Word counts them: a level restarts when a higher one advances; lists (``w:num``) of one
definition (``w:abstractNum``) count on from each other unless one overrides a level (a
restart at 1, or a level of its own); a paragraph takes its numbering from its style, or the
style that style is based on, when it has none of its own; a legal level (``w:isLgl``)
shows every number in it as an Arabic one (``1.2.`` under ``I.``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

_VAL = qn("w:val")
# Bullets are drawn from symbol fonts (private-use code points) or typed; all read as "-",
# but for the "+" that plans type for the items under a "-" one.
_BULLET, _SUB_BULLET = "-", "+"


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int
    legal: bool = False
    style: str = ""  # the paragraph style this level is linked to (w:pStyle), if any
    # The levels whose use restarts this one: any above it (None), none (0), or those down
    # to the level it names, counted from 1 (w:lvlRestart).
    restart: int | None = None


@dataclass
class Numbering:
    """Numbering definitions of one document and the counters of its lists."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> levels
    starts: dict[tuple[str, int], int] = field(default_factory=dict)  # startOverride
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> numId, ilvl
    lists: dict[str, str] = field(default_factory=dict)  # numId -> whose counters it uses
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
        counts = self.counters.setdefault(self.lists.get(num_id, num_id), [0] * 9)
        if not 0 <= level < len(counts):
            return ""
        counts[level] += 1
        for deeper in range(level + 1, len(counts)):
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or level < restart:
                counts[deeper] = 0
        text = levels[level].text
        if levels[level].fmt == "bullet":
            return _SUB_BULLET if text.strip() == _SUB_BULLET else _BULLET
        legal = levels[level].legal
        for k in range(level, -1, -1):
            if f"%{k + 1}" in text:
                shown = self._formatted(num_id, k, levels, counts, legal=legal)
                text = text.replace(f"%{k + 1}", shown)
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
        self, num_id: str, level: int, levels: dict[int, _Level], counts: list[int], *, legal: bool
    ) -> str:
        definition = levels.get(level)
        if definition is None:
            return ""
        start = self.starts.get((num_id, level), definition.start)
        fmt = "decimal" if legal and definition.fmt != "decimalZero" else definition.fmt
        return _format(fmt, start + max(counts[level], 1) - 1)


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


def _levels(parent: etree._Element) -> dict[int, _Level]:
    levels: dict[int, _Level] = {}
    for lvl in parent.iterchildren(qn("w:lvl")):
        fmt = lvl.find(qn("w:numFmt"))
        text = lvl.find(qn("w:lvlText"))
        style = lvl.find(qn("w:pStyle"))
        legal = lvl.find(qn("w:isLgl"))
        restart = lvl.find(qn("w:lvlRestart"))
        level = lvl.get(qn("w:ilvl"), "0")
        if not level.isdigit():
            continue
        levels[int(level)] = _Level(
            fmt=fmt.get(_VAL, "decimal") if fmt is not None else "decimal",
            text=text.get(_VAL, "") if text is not None else "",
            start=_int(lvl.find(qn("w:start")), 1),
            legal=legal is not None and legal.get(_VAL, "true") not in ("0", "false", "off"),
            style=style.get(_VAL, "") if style is not None else "",
            restart=_int(restart, 0) if restart is not None else None,
        )
    return levels


def _style_numbering(styles: etree._Element) -> dict[str, tuple[str, int | None, str]]:
    """Each style's own numbering (numId, and ilvl when it says), or its parent's; with the
    style that sets it."""
    own: dict[str, tuple[str, int | None]] = {}
    based_on: dict[str, str] = {}
    for style in styles.iterchildren(qn("w:style")):
        name = style.get(qn("w:styleId"), "")
        parent = style.find(qn("w:basedOn"))
        if parent is not None:
            based_on[name] = parent.get(_VAL, "")
        props = style.find(qn("w:pPr"))
        num = props.find(qn("w:numPr")) if props is not None else None
        num_id = num.find(qn("w:numId")) if num is not None else None
        if num is not None and num_id is not None:
            ilvl = num.find(qn("w:ilvl"))
            own[name] = (num_id.get(_VAL, ""), _int(ilvl, 0) if ilvl is not None else None)
    resolved: dict[str, tuple[str, int | None, str]] = {}
    for name in {*own, *based_on}:
        current: str | None = name
        for _ in range(10):  # a style is numbered as its parent unless it says otherwise
            if current is None or current in own:
                break
            current = based_on.get(current)
        if current is not None and current in own:
            resolved[name] = (*own[current], current)
    return resolved


def _read_list(
    num: etree._Element,
    abstract: dict[str, dict[int, _Level]],
    abstract_of: dict[str, str],
    numbering: Numbering,
) -> None:
    """One list (``w:num``): its definition's levels with those it overrides."""
    num_id = num.get(qn("w:numId"), "")
    abstract_id = abstract_of[num_id]
    levels = dict(abstract.get(abstract_id, {}))
    overridden = False
    for override in num.iterchildren(qn("w:lvlOverride")):
        level = override.get(qn("w:ilvl"), "0")
        if not level.isdigit():
            continue
        overridden = True
        levels.update({k: v for k, v in _levels(override).items() if k == int(level)})
        start = override.find(qn("w:startOverride"))
        if start is not None:
            numbering.starts[(num_id, int(level))] = _int(start, 1)
    numbering.levels[num_id] = levels
    # Word counts on through every list of one definition; an override starts a new one.
    numbering.lists[num_id] = f"num:{num_id}" if overridden else f"abstract:{abstract_id}"


def read_numbering(document: Any) -> Numbering:
    """The numbering of a python-docx document (empty when it has none)."""
    numbering = Numbering()
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return numbering
    styles = _style_numbering(document.styles.element)
    abstract: dict[str, dict[int, _Level]] = {}
    linked: dict[str, str] = {}  # abstractNumId -> the numbering style it takes its levels from
    for definition in root.iterchildren(qn("w:abstractNum")):
        abstract_id = definition.get(qn("w:abstractNumId"), "")
        abstract[abstract_id] = _levels(definition)
        link = definition.find(qn("w:numStyleLink"))
        if link is not None:
            linked[abstract_id] = link.get(_VAL, "")
    abstract_of: dict[str, str] = {}
    for num in root.iterchildren(qn("w:num")):
        link = num.find(qn("w:abstractNumId"))
        abstract_of[num.get(qn("w:numId"), "")] = link.get(_VAL, "") if link is not None else ""
    for abstract_id, style in linked.items():
        # A list style's definition holds no levels: they are those of the list the style
        # itself is numbered with.
        target = abstract_of.get(styles.get(style, ("", None, ""))[0], "")
        if not abstract[abstract_id] and target != abstract_id:
            abstract[abstract_id] = abstract.get(target, {})
    for num in root.iterchildren(qn("w:num")):
        _read_list(num, abstract, abstract_of, numbering)
    for name, (num_id, level, owner) in styles.items():
        if level is None:  # the level that names the style, as Word links heading styles
            levels = numbering.levels.get(num_id, {})
            level = next((k for k, lvl in sorted(levels.items()) if lvl.style == owner), 0)
        numbering.styles[name] = (num_id, level)
    return numbering
