"""Word (.docx): paragraphs and tables in document order, with the labels of automatic
numbering put back in front of the items they number (numbering.py).

The body is walked as XML rather than through ``Document.paragraphs`` and
``Document.tables``, which lose the order between the two and skip text inside content
controls. Merged cells are repeated in every row and column they span; a row that starts late
(``w:gridBefore``) is padded with empty cells, so no cell shifts into its neighbour's column.

A file is read as Word shows it with its tracked changes accepted: deleted text, rows and
paragraph marks are gone (a paragraph whose mark is deleted runs on into the next, and is no
item of its list), hidden text is not read. Lines typed in two columns with tabs (a header
block without a table) are read column by column (docxcolumns.py), as a layout table is.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml.ns import qn
from lxml import etree

from theodoi.ingest.blocks import Block, Origin, Paragraph, SourceText, Table, table_from_grid
from theodoi.ingest.chrome import strip_chrome
from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.readers.bounds import MAX_COLUMNS, CellBudget, too_many_columns
from theodoi.ingest.readers.docxcolumns import FAR_STOP_TWIPS, TAB, ColumnRun, columns_of
from theodoi.ingest.readers.docxstyles import draws_lines, hidden_styles, is_on, ruled_styles
from theodoi.ingest.readers.numbering import Numbering, read_numbering
from theodoi.ingest.textnorm import normalize_text

# A Word plan with its appendices unpacks to a few MB; far more is a zip bomb.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

_P, _TBL, _SDT, _SDT_CONTENT = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
_TR, _TC, _TC_PR, _TR_PR = qn("w:tr"), qn("w:tc"), qn("w:tcPr"), qn("w:trPr")
_VAL, _P_PR, _DEL = qn("w:val"), qn("w:pPr"), qn("w:del")
_TABS, _POS, _JC = qn("w:tabs"), qn("w:pos"), qn("w:jc")
# Text runs, tabs and breaks as they appear in a paragraph; deleted text (w:delText) is not
# taken, inserted text (w:ins) is, as Word shows it with changes accepted.
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_R, _R_PR, _VANISH, _R_STYLE = qn("w:r"), qn("w:rPr"), qn("w:vanish"), qn("w:rStyle")
# Word's non-breaking hyphen, typed in ``57-NQ/TW`` so that the number stays on one line, is
# an element of its own, not a character; a positional tab is a tab.
_HYPHEN, _PTAB = qn("w:noBreakHyphen"), qn("w:ptab")
# A character from a symbol font (w:sym) typed first in a paragraph is its bullet, read as
# numbering's bullets are ("-"); anywhere else it is an ornament.
_SYM = qn("w:sym")
_NOT_SHOWN = {_DEL, qn("w:moveFrom"), qn("w:instrText"), qn("w:fldData")}
# A text box drawn by Word is saved twice, as a drawing and as the older picture that other
# programs show instead (mc:Fallback): it is read once, from the drawing.
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# A text box or footnote reference inside a paragraph is read at its place in the text.
_TEXTBOX = qn("w:txbxContent")
# Blocks wrapped in custom XML or a content control are read as if unwrapped.
_CUSTOM_XML = qn("w:customXml")
_WRAPPERS = (_SDT, _CUSTOM_XML)


def _hidden(run: etree._Element, hidden_styles: frozenset[str]) -> bool:
    """Whether a run is hidden text (``w:vanish``, its own or its character style's), which
    Word neither shows nor prints."""
    props = run.find(_R_PR)
    if props is None:
        return False
    own = is_on(props.find(_VANISH))
    if own is not None:
        return own
    style = props.find(_R_STYLE)
    return style is not None and style.get(_VAL, "") in hidden_styles


def _unwrapped(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """The ``tag`` children of ``parent``, those inside content controls and custom XML
    included (a form's table rows and cells may be wrapped so)."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from _unwrapped(content, tag)


def _paragraph_text(p: etree._Element, hidden_styles: frozenset[str]) -> str:
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        for child in node:
            tag = child.tag
            if tag in _NOT_SHOWN or tag in (_FALLBACK, _P_PR):  # tab stops are no tabs
                continue
            if tag == _R and _hidden(child, hidden_styles):
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _HYPHEN:
                parts.append("-")
            elif tag == _SYM and not "".join(parts).strip():
                parts.append("- ")
            elif tag in (_TAB, _PTAB):
                parts.append(TAB)  # a space, or where two columns part (docxcolumns.py)
            elif tag in (_BR, _CR):
                parts.append("\n")
            elif tag == _TEXTBOX:
                lines = (_paragraph_text(x, hidden_styles) for x in child.iter(_P))
                parts.append("\n" + "\n".join(lines) + "\n")
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _cell_text(tc: etree._Element, context: _Context) -> str:
    """A cell's text: its paragraphs and any nested table's cells, one per line."""
    lines: list[str] = []
    for block in _blocks_of(tc, context):
        if isinstance(block, Paragraph):
            lines.append(block.text)
        else:
            lines += [" ".join(cell for cell in row if cell) for row in block.rows]
    return "\n".join(line for line in lines if line)


def _grid_span(tc: etree._Element) -> int:
    props = tc.find(_TC_PR)
    span = props.find(qn("w:gridSpan")) if props is not None else None
    try:
        return min(max(1, int(span.get(_VAL, "1"))), MAX_COLUMNS) if span is not None else 1
    except ValueError:
        return 1


def _continues_merge(tc: etree._Element) -> bool:
    props = tc.find(_TC_PR)
    merge = props.find(qn("w:vMerge")) if props is not None else None
    return merge is not None and merge.get(_VAL, "continue") == "continue"


def _grid_before(tr: etree._Element) -> int:
    props = tr.find(_TR_PR)
    before = props.find(qn("w:gridBefore")) if props is not None else None
    try:
        return min(max(0, int(before.get(_VAL, "0"))), MAX_COLUMNS) if before is not None else 0
    except ValueError:
        return 0


def _table(tbl: etree._Element, context: _Context) -> Table:
    """A ruled table with its merges: a cell continuing a vertical merge (``w:vMerge`` other
    than ``restart``) belongs to the cell above it, column by column of the grid. A span runs
    at most to Word's last column; a cell past it refuses the document."""
    texts: dict[Origin, str] = {}
    grid: list[list[Origin]] = []
    cells = context.cells.table()
    for r, tr in enumerate(_rows(tbl)):
        row: list[Origin] = [(r, c) for c in range(_grid_before(tr))]
        above = grid[-1] if grid else []
        for tc in _unwrapped(tr, _TC):
            own = (r, len(row))
            if own[1] >= MAX_COLUMNS:
                raise too_many_columns(context.cells.name)
            continued = _continues_merge(tc)
            for k in range(min(_grid_span(tc), MAX_COLUMNS - own[1])):
                column = own[1] + k
                row.append(above[column] if continued and column < len(above) else own)
            if own in row:
                texts[own] = normalize_text(_cell_text(tc, context))
        cells.row(len(row))
        grid.append(row)
    return table_from_grid(texts, grid)


@dataclass
class _Context:
    """What reading a paragraph or a table needs from the rest of the document."""

    numbering: Numbering
    ruled_styles: dict[str, bool]  # table style id -> whether it draws lines
    hidden_styles: frozenset[str]  # character styles of hidden text
    cells: CellBudget


def _mark_removed(p: etree._Element) -> bool:
    """Whether the paragraph's mark is deleted with changes tracked, or hidden: its text, if
    any, runs on into the next paragraph, and it is no item of a list."""
    props = p.find(_P_PR)
    mark = props.find(_R_PR) if props is not None else None
    return mark is not None and (mark.find(_DEL) is not None or bool(is_on(mark.find(_VANISH))))


def _lines(text: str) -> Iterator[Paragraph]:
    for line in normalize_text(text).split("\n"):
        if line:
            yield Paragraph(line)


def _labelled(text: str, label: str) -> str:
    if label and text.strip():
        return f"{label} {text}"
    return label or text  # a label alone: a numbered empty cell of a TT column


def _far_stop(p: etree._Element) -> bool:
    """Whether the paragraph sets a tab stop past the middle of its line."""
    for stop in p.iterfind(f"{_P_PR}/{_TABS}/{_TAB}"):
        if stop.get(_VAL) != "clear" and _int(stop.get(_POS)) >= FAR_STOP_TWIPS:
            return True
    return False


def _aligned_on_the_page(p: etree._Element) -> bool:
    """Whether the paragraph is centred, set right or justified: on the page's whole line,
    not in a column typed with tabs."""
    jc = p.find(f"{_P_PR}/{_JC}")
    return jc is not None and jc.get(_VAL, "left") not in ("left", "start")


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _blocks_of(container: etree._Element, context: _Context) -> Iterator[Block]:
    carried = ""  # the text of paragraphs whose mark is removed
    columns = ColumnRun()
    for child in container:
        if child.tag == _P:
            text = carried + _paragraph_text(child, context.hidden_styles)
            if _mark_removed(child):
                carried = text
                continue
            carried = ""
            label = context.numbering.label(child)
            split = None if label else columns_of(text, far_stop=_far_stop(child))
            if split is not None:
                columns.add(split)
            elif label or _aligned_on_the_page(child) or not columns.hold(text):
                yield from _lines(columns.flush())
                yield from _lines(_labelled(text, label))
            continue
        yield from _lines("\n".join([columns.flush(), carried]))
        carried = ""
        if child.tag == _TBL:
            yield from _table_blocks(child, context)
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _blocks_of(content, context)
        elif child.tag == _CUSTOM_XML:
            yield from _blocks_of(child, context)
    yield from _lines("\n".join([columns.flush(), carried]))


def _table_blocks(tbl: etree._Element, context: _Context) -> Iterator[Block]:
    """A table that draws lines; or the paragraphs of one that lays out the page."""
    cells = (tc for tr in _rows(tbl) for tc in _unwrapped(tr, _TC))
    if not draws_lines(tbl, cells, context.ruled_styles):
        for tc in _layout_cells(tbl):
            yield from _blocks_of(tc, context)
        return
    table = _table(tbl, context)
    if table.rows:
        yield table


def _rows(tbl: etree._Element) -> Iterator[etree._Element]:
    """A table's rows but those deleted with changes tracked."""
    for tr in _unwrapped(tbl, _TR):
        props = tr.find(_TR_PR)
        if props is None or props.find(_DEL) is None:
            yield tr


def _layout_cells(tbl: etree._Element) -> Iterator[etree._Element]:
    """The cells of a table with no lines, in the order they are read. Such a table is page
    layout (the header block of Nghị định 30/2020: issuer | national motto, number | place
    and date; the signature block: recipients | signer), and its columns are read one after
    the other, as a PDF printed from it is (layout.in_reading_order); a row of one cell across
    the table ends one run of columns and starts the next."""
    run: list[tuple[int, int, etree._Element]] = []  # (column, row, cell)
    for r, tr in enumerate(_rows(tbl)):
        cells = list(_unwrapped(tr, _TC))
        if len(cells) == 1:
            yield from (tc for _, _, tc in sorted(run, key=lambda cell: cell[:2]))
            run = []
        column = _grid_before(tr)
        for tc in cells:
            if not _continues_merge(tc):
                run.append((column, r, tc))
            column += _grid_span(tc)
    yield from (tc for _, _, tc in sorted(run, key=lambda cell: cell[:2]))


def _split_tables_joined(blocks: Iterator[Block]) -> Iterator[Block]:
    """A table the office split in two at a page break, with nothing but empty paragraphs
    between the parts, made one again, as it is read from its PDF (pdftables.TableGrid):
    the second part's header rows, when it repeats them, are dropped. Without this, a second
    part that does not repeat the header is a table nobody can read the columns of."""
    previous: Table | None = None
    for block in blocks:
        if isinstance(block, Table) and previous is not None and _width(block) == _width(previous):
            previous = _joined(previous, block)
            continue
        if previous is not None:
            yield previous
            previous = None
        if isinstance(block, Table):
            previous = block
        else:
            yield block
    if previous is not None:
        yield previous


def _width(table: Table) -> int:
    return max((len(row) for row in table.rows), default=0)


def _joined(first: Table, second: Table) -> Table:
    heads = 0
    while heads < min(len(first.rows), len(second.rows)) and (
        second.rows[heads] == first.rows[heads]
    ):
        heads += 1
    texts: dict[Origin, str] = {}
    grid: list[list[Origin]] = []
    for part, skip, offset in ((first, 0, 0), (second, heads, len(first.rows) - heads)):
        for r in range(skip, len(part.rows)):
            row: list[Origin] = []
            for c, text in enumerate(part.rows[r]):
                top, left = part.origin(r, c)
                origin = (top + offset, left) if top >= skip else (r + offset, c)
                texts.setdefault(origin, text)
                row.append(origin)
            grid.append(row)
    return table_from_grid(texts, grid)


def _without_chrome(blocks: Iterator[Block]) -> Iterator[Block]:
    for block in blocks:
        if isinstance(block, Paragraph):
            text = strip_chrome(block.text)
            if text:
                yield Paragraph(text)
        else:
            yield block


def read_docx(path: Path) -> SourceText:
    """A .docx file's paragraphs and tables. A zip that is not a Word document, or a damaged
    one, raises :class:`UnreadableInput`."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as err:
        raise UnreadableInput(f"Tệp {name} bị hỏng: không mở được như tệp Word (.docx).") from err
    if unpacked > MAX_UNPACKED_BYTES:
        raise UnreadableInput(
            f"Tệp {name} giải nén ra quá lớn ({unpacked // 1024 // 1024} MB); "
            "một văn bản kế hoạch không lớn như vậy."
        )
    if "word/document.xml" not in names:
        kind = "bảng tính Excel" if "xl/workbook.xml" in names else "tệp nén ZIP"
        if "ppt/presentation.xml" in names:
            kind = "bài trình chiếu PowerPoint"
        elif "content.xml" in names:
            kind = "tài liệu OpenDocument"
        raise UnreadableInput(
            f"Tệp {name} là {kind}, không phải tài liệu Word (.docx). "
            "Hãy tải lên văn bản kế hoạch dạng .docx, .pdf hoặc .txt."
        )
    try:
        document = docx.Document(str(path))
        context = _Context(
            read_numbering(document),
            ruled_styles(document),
            hidden_styles(document),
            CellBudget(name),
        )
        body = _blocks_of(document.element.body, context)
        blocks = list(_split_tables_joined(_without_chrome(body)))
    except UnreadableInput:
        raise
    # A damaged package fails in many ways (bad XML, bad deflate stream, missing part, bad
    # relationship); every one of them means the same thing to the person who uploaded it.
    except Exception as err:
        raise UnreadableInput(
            f"Tệp {name} bị hỏng: nội dung Word không đọc được ({type(err).__name__})."
        ) from err
    if not blocks:
        raise UnreadableInput(f"Tệp {name} không có chữ nào: tài liệu Word trống.")
    return SourceText(name=name, blocks=blocks)
