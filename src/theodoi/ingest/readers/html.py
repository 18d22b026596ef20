"""A page saved from a portal (.html): the document's text and its real tables.

Scripts, styles, forms, menus, breadcrumbs, share bars and footers are dropped by tag and by
the class or id that portals give them. A table that holds other tables is page layout, not
data, and is read as running text; a table without nested tables is read as a table with
``rowspan``/``colspan`` cells repeated.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

import lxml.html
from lxml import etree

from theodoi.ingest.blocks import Block, Origin, Paragraph, SourceText, Table, table_from_grid
from theodoi.ingest.chrome import strip_chrome
from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.readers.bounds import MAX_COLUMNS, CellBudget, too_many_columns
from theodoi.ingest.readers.text import decode
from theodoi.ingest.textnorm import normalize_text

_DROPPED_TAGS = {
    "script", "style", "noscript", "template", "head", "title", "meta", "link", "nav",
    "header", "footer", "aside", "form", "button", "input", "select", "textarea", "iframe",
    "svg", "canvas", "object", "embed", "audio", "video", "map", "dialog",
}  # fmt: skip
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "ul",
    "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "hr", "center", "address", "figure",
    "figcaption", "caption", "tr", "td", "th", "table", "tbody", "thead", "tfoot", "body",
}  # fmt: skip
# Class and id words of portal chrome (whole words of the attribute, case-insensitive).
_CHROME_WORDS = re.compile(
    r"(?:^|[\s_-])(nav|navbar|menu|breadcrumbs?|footer|share|sharing|social|sidebar|"
    r"banner|toolbar|comments?|related|font-?size|fontsize|login|search|advertisement|ads)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f]+")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_BULLET = re.compile(r"^[-+•*·–]")


def _decode(data: bytes, name: str) -> str:
    """The page's text: a BOM first, then the charset it declares, else UTF-8."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, name)
    declared = _CHARSET.search(data[:4096])
    if declared:
        label = declared.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(label).name
        except LookupError:
            codec = "utf-8"
        if codec not in ("utf-8", "ascii"):
            # An old portal page (windows-1258) names its own encoding, unlike a .txt file.
            return data.decode(codec, errors="replace")
    return decode(data, name)


def _is_chrome(element: etree._Element) -> bool:
    if element.tag == "header":
        # The site's header is chrome; an article's own header carries its headline.
        return not any(a.tag in ("article", "main") for a in element.iterancestors())
    if element.tag in _DROPPED_TAGS:
        return True
    words = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
    if element.get("role") in ("navigation", "banner", "contentinfo", "search"):
        return True
    if element.get("aria-hidden") == "true" or "display:none" in element.get("style", ""):
        return True
    # A container that holds the document's tables is never chrome, whatever it is named.
    return bool(_CHROME_WORDS.search(words)) and not element.xpath(".//table")


class _Flow:
    """Running text cut into lines at block boundaries, as a browser would lay it out."""

    def __init__(self, cells: CellBudget) -> None:
        self.cells = cells
        self.blocks: list[Block] = []
        self._line: list[str] = []
        self._bullet = False

    def text(self, text: str | None) -> None:
        if text:
            self._line.append(text)

    def start_item(self) -> None:
        self.flush()
        self._bullet = True

    def flush(self) -> None:
        line = _SPACES.sub(" ", "".join(self._line)).strip()
        self._line = []
        bullet, self._bullet = self._bullet, False
        line = strip_chrome(normalize_text(line))
        if line:
            if bullet and not _BULLET.match(line) and not re.match(r"^\w{1,3}[.)]", line):
                line = f"- {line}"
            self.blocks.append(Paragraph(line))

    def add(self, block: Block) -> None:
        self.flush()
        self.blocks.append(block)


def _walk(element: etree._Element, flow: _Flow) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag or _is_chrome(element):
        flow.text(element.tail)
        return
    if tag == "table" and not element.xpath(".//table"):
        flow.add(_table(element, flow.cells))
        flow.text(element.tail)
        return
    if tag == "br":
        flow.flush()
        flow.text(element.tail)
        return
    is_block = tag in _BLOCK_TAGS
    parent = element.getparent()
    if tag == "li" and parent is not None and parent.tag == "ul":
        flow.start_item()
    elif is_block:
        flow.flush()
    flow.text(element.text)
    for child in element:
        _walk(child, flow)
    if is_block:
        flow.flush()
    flow.text(element.tail)


def _cell_text(cell: etree._Element, cells: CellBudget) -> str:
    flow = _Flow(cells)
    flow.text(cell.text)
    for child in cell:
        _walk(child, flow)
    flow.flush()
    return "\n".join(b.text for b in flow.blocks if isinstance(b, Paragraph))


def _rows(table: etree._Element) -> Iterator[etree._Element]:
    for child in table:
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from (row for row in child if row.tag == "tr")


def _span(cell: etree._Element, attribute: str, room: int) -> int:
    try:
        return max(1, min(int(cell.get(attribute, "1")), room))
    except ValueError:
        return 1


def _table(table: etree._Element, cells: CellBudget) -> Table:
    """The table with its ``rowspan``/``colspan`` merges; a rowspan stops at the table's last
    row, as a browser draws it, and a colspan at the last column a table may have (a cell past
    it refuses the document). Rows left with no text at all are dropped."""
    rows = list(_rows(table))
    grid: list[list[Origin | None]] = [[] for _ in rows]
    texts: dict[Origin, str] = {}
    counted = cells.table()
    for r, tr in enumerate(rows):
        column = 0
        for cell in tr:
            if cell.tag not in ("td", "th"):
                continue
            while column < len(grid[r]) and grid[r][column] is not None:
                column += 1  # a cell spanning down from an earlier row sits here
            if column >= MAX_COLUMNS:
                raise too_many_columns(cells.name)
            origin = (r, column)
            texts[origin] = _cell_text(cell, cells)
            columns = _span(cell, "colspan", MAX_COLUMNS - column)
            for below in grid[r : r + _span(cell, "rowspan", len(rows) - r)]:
                below.extend([None] * (column + columns - len(below)))
                below[column : column + columns] = [origin] * columns
            column += columns
        counted.row(len(grid[r]))
    return _without_empty_rows(texts, grid)


def _without_empty_rows(texts: dict[Origin, str], grid: list[list[Origin | None]]) -> Table:
    kept = [r for r, row in enumerate(grid) if any(texts.get(o) for o in row if o is not None)]
    renumbered: dict[Origin, Origin] = {}
    out: list[list[Origin]] = []
    for new, r in enumerate(kept):
        row: list[Origin] = []
        for c, origin in enumerate(grid[r]):
            # A merged cell whose first row was dropped now starts in its first kept row.
            row.append(renumbered.setdefault(origin, (new, c)) if origin else (new, c))
        out.append(row)
    return table_from_grid({renumbered[o]: texts[o] for o in renumbered}, out)


def read_html(data: bytes, name: str = "") -> SourceText:
    """The text and tables of an HTML page."""
    # lxml refuses text that still declares an encoding; it has been decoded already.
    text = _XML_DECLARATION.sub("", _decode(data, name))
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as err:
        raise UnreadableInput(f"Tệp {name} không đọc được như trang HTML: {err}.") from err
    body = root.find("body")
    flow = _Flow(CellBudget(name))
    _walk(body if body is not None else root, flow)
    flow.flush()
    blocks = [b for b in flow.blocks if not isinstance(b, Table) or b.rows]
    if not blocks:
        raise UnreadableInput(f"Trang {name} không có nội dung chữ nào.")
    return SourceText(name=name, blocks=blocks)
