"""What a Word file's styles and borders decide about its text: which tables draw lines (a
table with none is page layout, read as the paragraphs it lays out) and which character
styles hide their text.

A style inherits what it does not set from the style it is based on (``w:basedOn``), up to
a few levels; a cell's own borders override its table's and its table style's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from docx.oxml.ns import qn
from lxml import etree

_VAL = qn("w:val")
_BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
_CELL_SIDES = ("top", "left", "bottom", "right")
# Word nests styles a few deep; a longer chain is a loop.
_MAX_BASED_ON = 10

T = TypeVar("T")


def _inherited(
    document: Any, kind: str, own: Callable[[etree._Element], T | None]
) -> dict[str, T | None]:
    """For each style of ``kind`` (``table``, ``character``): what ``own`` reads from it, or
    from the nearest style it is based on that sets it."""
    set_by: dict[str, T | None] = {}
    based_on: dict[str, str] = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        if style.get(qn("w:type")) != kind:
            continue
        name = style.get(qn("w:styleId"), "")
        set_by[name] = own(style)
        parent = style.find(qn("w:basedOn"))
        if parent is not None:
            based_on[name] = parent.get(_VAL, "")
    resolved: dict[str, T | None] = {}
    for name in set_by:
        current: str | None = name
        for _ in range(_MAX_BASED_ON):
            if current is None or set_by.get(current) is not None:
                break
            current = based_on.get(current)
        resolved[name] = set_by.get(current) if current is not None else None
    return resolved


def is_on(flag: etree._Element | None) -> bool | None:
    """A toggle property's value (``<w:vanish/>``, ``w:val="0"``), None when it is not set."""
    return None if flag is None else flag.get(_VAL, "true") not in ("0", "false", "off")


def hidden_styles(document: Any) -> frozenset[str]:
    """The character styles whose text is hidden (``w:vanish``)."""

    def vanish(style: etree._Element) -> bool | None:
        props = style.find(qn("w:rPr"))
        return is_on(props.find(qn("w:vanish"))) if props is not None else None

    return frozenset(name for name, on in _inherited(document, "character", vanish).items() if on)


def ruled_styles(document: Any) -> dict[str, bool]:
    """For each table style, whether it draws lines."""

    def borders(style: etree._Element) -> etree._Element | None:
        props = style.find(qn("w:tblPr"))
        return props.find(qn("w:tblBorders")) if props is not None else None

    return {name: _drawn(b) for name, b in _inherited(document, "table", borders).items()}


def _drawn(borders: etree._Element | None, sides: tuple[str, ...] = _BORDER_SIDES) -> bool:
    """Whether a ``w:tblBorders``/``w:tcBorders`` element draws a line on any of ``sides``."""
    if borders is None:
        return False
    return any(
        side.get(_VAL, "nil") not in ("nil", "none")
        for side in borders
        if etree.QName(side).localname in sides
    )


def _clears_every_side(borders: etree._Element | None) -> bool:
    if borders is None:
        return False
    set_sides = {etree.QName(side).localname for side in borders}
    return set_sides.issuperset(_CELL_SIDES) and not _drawn(borders, _CELL_SIDES)


def draws_lines(
    tbl: etree._Element, cells: Iterator[etree._Element], styles: dict[str, bool]
) -> bool:
    """Whether a table draws lines: those of its own borders or its style's, unless each of
    its ``cells`` takes every line off (as a clerk clears a grid cell by cell); else its
    cells' own lines."""
    props = tbl.find(qn("w:tblPr"))
    lined = False
    if props is not None:
        own = props.find(qn("w:tblBorders"))
        style = props.find(qn("w:tblStyle"))
        if own is not None:
            lined = _drawn(own)
        elif style is not None:
            lined = styles.get(style.get(_VAL, ""), False)
    borders = [_cell_borders(tc) for tc in cells]
    if lined:
        return not borders or not all(_clears_every_side(b) for b in borders)
    return any(_drawn(b) for b in borders)


def _cell_borders(tc: etree._Element) -> etree._Element | None:
    props = tc.find(qn("w:tcPr"))
    return props.find(qn("w:tcBorders")) if props is not None else None
