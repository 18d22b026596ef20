"""Builders of plan documents in other formats, made at test time from a plan's text (never
committed as binaries): a Word file typed as offices type one, and a PDF printed from it by
LibreOffice.

``build_docx`` lays the text out as layouts.py decides: A4 with Nghị định 30/2020/NĐ-CP's
margins, Times New Roman, the header and signature blocks in tables with no lines (issuer |
motto, recipients | signer), headings in capitals set bold and centred, body text justified
with its first line indented, bullets and ``a)`` items numbered by Word itself, every pipe
table and every table that a portal flattened to one cell per line as a real Word table: a
bold header row repeated on each page, narrow number, time and unit columns, merged cells,
and a table long enough to run over a page break pushed down so that it does. An appendix
starts a new section, in landscape when its tables are wide.
"""

from __future__ import annotations

import atexit
import copy
import fcntl
import functools
import hashlib
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

from tests.ingest.layouts import (
    MOTTOS,
    Appendix,
    Layout,
    Numbered,
    column_widths,
    header_rows,
    laid_out,
    merges,
)
from tests.ingest.realword import real_word
from theodoi.ingest.blocks import Paragraph, Table
from theodoi.ingest.readers import read_file
from theodoi.ingest.tables import Column, column_of, rebuild_flattened_tables

_BUILDER_FILES = ("builders.py", "layouts.py", "realword.py")
_PORTRAIT_ROOM_CM = 16.0  # A4 less 3 cm left and 2 cm right (Nghị định 30/2020)
_LANDSCAPE_ROOM_CM = 25.7
# Empty paragraphs that push a long table down its page so that it runs over the break.
_PUSH = {False: 18, True: 7}
_LONG_TABLE = 4  # rows of data
_BULLET_NUM, _LETTER_ABSTRACT, _OUTLINE = 900, 901, 902
# The outline's paragraph styles, as Word links a multilevel list to heading styles: the
# style of level 0 names the list only, the list's level names its style back.
_OUTLINE_STYLES = {"roman": ("MucLaMa", 0), "decimal": ("MucSo", 1)}


def _is_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _bold_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


class _Numbering:
    """Word's own numbering for bullets (``-``) and letter items (``a)`` … ``d)``, followed by
    a tab as Word sets them), each letter list restarting at a); and the outline of ``I.``
    and ``1.`` headings, numbered through their paragraph styles."""

    def __init__(self, document: Any) -> None:
        self.root = document.part.numbering_part.element
        first_num = self.root.find(qn("w:num"))
        outline = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{_OUTLINE}">'
            '<w:multiLevelType w:val="multilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>'
            '<w:pStyle w:val="MucLaMa"/><w:suff w:val="space"/><w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            '<w:pStyle w:val="MucSo"/><w:suff w:val="space"/><w:lvlText w:val="%2."/></w:lvl>'
            "</w:abstractNum>"
        )
        if first_num is not None:
            first_num.addprevious(outline)
        else:
            self.root.append(outline)
        self.root.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{_OUTLINE}">'
                f'<w:abstractNumId w:val="{_OUTLINE}"/></w:num>'
            )
        )
        for name, level in _OUTLINE_STYLES.values():
            level_xml = f'<w:ilvl w:val="{level}"/>' if level else ""
            document.styles.element.append(
                parse_xml(
                    f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" '
                    f'w:styleId="{name}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>'
                    f'<w:pPr><w:numPr>{level_xml}<w:numId w:val="{_OUTLINE}"/></w:numPr>'
                    "</w:pPr></w:style>"
                )
            )
        for abstract_id, fmt, text, suffix in (
            (_BULLET_NUM, "bullet", "-", "space"),
            (_LETTER_ABSTRACT, "lowerLetter", "%1)", "tab"),
        ):
            abstract = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
                f'<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0">'
                f'<w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="{suffix}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
            )
            if first_num is not None:
                first_num.addprevious(abstract)
            else:
                self.root.append(abstract)
        self._add_num(_BULLET_NUM, _BULLET_NUM)
        self.lists: dict[int, int] = {}
        self.outlines: set[int] = set()

    def _add_num(self, num_id: int, abstract_id: int) -> None:
        self.root.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract_id}"/><w:lvlOverride w:ilvl="0">'
                f'<w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            )
        )

    def number(self, paragraph: Any, item: Numbered) -> None:
        if item.kind in _OUTLINE_STYLES:
            name, level = _OUTLINE_STYLES[item.kind]
            paragraph.style = name
            if item.run == 1:
                return  # the style numbers it
            # An attached document's outline starts at I. again: a list of its own.
            num_id = _OUTLINE + item.run
            if num_id not in self.outlines:
                self.outlines.add(num_id)
                self._add_num(num_id, _OUTLINE)
            paragraph._p.get_or_add_pPr().find(qn("w:pStyle")).addnext(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                    f'<w:numId w:val="{num_id}"/></w:numPr>'
                )
            )
            return
        if item.kind == "bullet":
            num_id = _BULLET_NUM
        else:
            if item.run not in self.lists:
                self.lists[item.run] = 1000 + item.run
                self._add_num(self.lists[item.run], _LETTER_ABSTRACT)
            num_id = self.lists[item.run]
        properties = paragraph._p.get_or_add_pPr()
        properties.insert(
            0,
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
            ),
        )


def _body(document: Any, text: str, numbered: Numbered | None, numbering: _Numbering) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(6)
    run = paragraph.add_run(text)
    if numbered is not None:
        numbering.number(paragraph, numbered)
    if numbered is not None and numbered.kind not in _OUTLINE_STYLES:
        paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        return
    letters = [c for c in text if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(text) < 200:
        run.bold = True
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        # Body text as Nghị định 30/2020/NĐ-CP sets it: justified, first line indented.
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)


def _borderless(document: Any, block: Layout) -> None:
    table = document.add_table(rows=0, cols=len(block.widths_cm))  # no style: no lines
    table.autofit = False
    for cells in block.rows:
        row = table.add_row()
        for cell, lines, cm in zip(row.cells, cells, block.widths_cm, strict=True):
            cell.width = Cm(cm)
            recipients = bool(lines) and lines[0] == "Nơi nhận:"
            capitals = [k for k, line in enumerate(lines) if _is_capitals(line)]
            for k, line in enumerate(lines):
                paragraph = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                run = paragraph.add_run(line)
                if recipients:
                    run.font.size = Pt(11 if k else 12)
                    run.bold = run.italic = k == 0
                    continue
                # Nghị định 30/2020: the body above the issuer in plain capitals, the issuer,
                # the motto, the signer's capacity and name in bold.
                above_issuer = k in capitals[:-1] and not line.startswith(MOTTOS)
                run.bold = (k in capitals and not above_issuer) or line.startswith("Độc lập")
                run.italic = ", ngày " in line
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for column, cm in zip(table.columns, block.widths_cm, strict=True):
        column.width = Cm(cm)


def _ruled(document: Any, block: Table, room_cm: float) -> None:
    width = max(len(row) for row in block.rows)
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    table.autofit = False
    heads = header_rows(block)
    number_at = (
        [column_of(c) for c in block.rows[0]].index(Column.NUMBER)
        if any(column_of(c) is Column.NUMBER for c in block.rows[0])
        else None
    )
    rows = [table.add_row() for _ in block.rows]
    merged = merges(block)
    covered = {
        (r, c)
        for m in merged
        for r in range(m.top, m.bottom + 1)
        for c in range(m.left, m.right + 1)
        if (r, c) != (m.top, m.left)
    }
    for r, (row, cells) in enumerate(zip(rows, block.rows, strict=True)):
        for c, text in enumerate(cells):
            if (r, c) in covered:
                continue
            paragraph = row.cells[c].paragraphs[0]
            run = paragraph.add_run(text)
            run.font.size = Pt(11)
            run.bold = r < heads
            if r < heads or c == number_at:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if r < heads:
            _bold_header(row)
    for m in merged:
        top = table.cell(m.top, m.left)
        top.merge(table.cell(m.bottom, m.right))
    # LibreOffice lays a table out from its grid, Word from its cells: set both.
    for column, cm in zip(table.columns, column_widths(block.rows[0], room_cm), strict=True):
        column.width = Cm(cm)
        for cell in column.cells:
            cell.width = Cm(cm)
    document.add_paragraph()


def _page_setup(section: Any, *, landscape: bool) -> None:
    long, short = Cm(29.7), Cm(21)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin = Cm(2 if landscape else 3)
    section.right_margin = Cm(2)


def build_docx(source_txt: Path, out: Path) -> Path:
    """Write ``out`` (.docx) from a plan's text and return it."""
    # Read as the extractor reads the text, so that the Word file holds what the text does.
    blocks = rebuild_flattened_tables(read_file(source_txt).blocks)
    document = docx.Document()
    _page_setup(document.sections[0], landscape=False)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"  # type: ignore[attr-defined]
    style.font.size = Pt(13)  # type: ignore[attr-defined]
    numbering = _Numbering(document)
    landscape = in_appendix = False
    for block in laid_out(blocks):
        if isinstance(block, Appendix):
            landscape, in_appendix = block.landscape, True
            _page_setup(document.add_section(WD_SECTION.NEW_PAGE), landscape=landscape)
        elif isinstance(block, Numbered):
            _body(document, block.text, block, numbering)
        elif isinstance(block, Paragraph):
            _body(document, block.text, None, numbering)
        elif isinstance(block, Layout):
            _borderless(document, block)
        else:
            if len(block.rows) - header_rows(block) >= _LONG_TABLE:
                if not in_appendix:
                    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                for _ in range(_PUSH[landscape]):
                    document.add_paragraph()
            _ruled(document, block, _LANDSCAPE_ROOM_CM if landscape else _PORTRAIT_ROOM_CM)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out


def split_longest_table(word: Path, out: Path, *, at: int, repeat_header: bool) -> Path:
    """``word`` with its longest table typed again as two tables from row ``at`` on, a page
    break between them, as an office splits a table that runs over a page: the second part
    with its header row typed again, or without. The rows must hold no merge across ``at``."""
    document = docx.Document(str(word))
    tables = list(document.element.body.iter(qn("w:tbl")))
    first = max(tables, key=lambda t: len(t.findall(qn("w:tr"))))
    rows = first.findall(qn("w:tr"))
    second = copy.deepcopy(first)
    for row in second.findall(qn("w:tr")):
        second.remove(row)
    if repeat_header:
        second.append(copy.deepcopy(rows[0]))
    for row in rows[at:]:
        second.append(row)  # moves it
    page_break = parse_xml(f'<w:p {nsdecls("w")}><w:r><w:br w:type="page"/></w:r></w:p>')
    first.addnext(page_break)
    page_break.addnext(second)
    document.save(str(out))
    return out


@functools.cache
def _profile() -> str:
    """A LibreOffice profile of this process's own: parallel test workers would otherwise lock
    each other out, and a profile made once makes every later conversion start faster."""
    profile = tempfile.mkdtemp(prefix="theodoi-lo-profile-")
    atexit.register(shutil.rmtree, profile, ignore_errors=True)
    return profile


def convert_all(sources: Sequence[Path], out_dir: Path, fmt: str) -> list[Path]:
    """Save files as ``fmt`` (pdf, doc, rtf, odt) with one LibreOffice run (it starts in
    seconds, converts in a fraction of one), as an office saves them; returns the new files'
    paths, in order."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError(f"LibreOffice (soffice) is needed to build {fmt} fixtures")
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{_profile()}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out_dir),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=60 + 20 * len(sources),
    )
    converted = [out_dir / f"{source.stem}.{fmt}" for source in sources]
    missing = [path for path in converted if not path.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing}")
    return converted


def build_pdfs(sources: Sequence[Path], out_dir: Path) -> list[Path]:
    """Print .docx files to PDF with one LibreOffice run; returns the PDFs' paths, in order."""
    return convert_all(sources, out_dir, "pdf")


def build_pdf(source_docx: Path, out_dir: Path) -> Path:
    """Print a .docx to PDF with LibreOffice headless; returns the PDF's path."""
    return build_pdfs([source_docx], out_dir)[0]


def raw_pdf(pages: Sequence[bytes]) -> bytes:
    """A PDF written byte by byte: each page's content stream as given, with two fonts to
    draw with: ``/F1`` (Helvetica, ASCII text) and ``/F2`` (a symbol font whose glyph 1 has
    no Unicode value, as a bullet drawn from Wingdings has none)."""
    objects: list[bytes] = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats "
        b"/Encoding << /Type /Encoding /Differences [1 /g1] >> >>",
    ]
    tree = 3 + 2 * len(pages)  # the page tree's object number
    kids = []
    for content in pages:
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objects.append(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 1 0 R /F2 2 0 R >> >> >>" % (tree, len(objects))
        )
        kids.append(b"%d 0 R" % len(objects))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids)))
    objects.append(b"<< /Type /Catalog /Pages %d 0 R >>" % tree)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref,
    )
    return bytes(out)


Built = Literal["txt", "docx", "realdocx", "pdf", "doc", "rtf", "odt"]
_BUILDERS_DIGEST = hashlib.sha256(
    b"".join((Path(__file__).parent / name).read_bytes() for name in _BUILDER_FILES)
).digest()


class BuiltDocuments:
    """Documents built from plans' texts, kept in one folder of the test run that every
    test worker shares, keyed by the text they are built from: LibreOffice prints each
    document once per run however many workers and tests ask for it, and prints all that
    one ``many`` asks for in one go.

    ``built(source_txt, "docx" | "pdf" | "txt" | "doc" | "rtf" | "odt")``: the document in
    that format; ``"realdocx"``: the Word file as an office saves it (realword.py)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def _stem(self, source: Path) -> str:
        # Keyed by the builders too: a folder kept between runs (bench/extract.py) must not
        # hand back a document typed the way the builders no longer type it.
        digest = hashlib.sha256(source.read_bytes() + _BUILDERS_DIGEST).hexdigest()[:12]
        return f"{source.stem}-{digest}"

    @contextmanager
    def _locked(self) -> Iterator[None]:
        with (self.folder / ".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def many(self, sources: Sequence[Path], fmt: Built) -> list[Path]:
        if fmt == "txt":
            return list(sources)
        docxs = [self.folder / f"{self._stem(source)}.docx" for source in sources]
        with self._locked():
            for source, path in zip(sources, docxs, strict=True):
                if not path.exists():
                    build_docx(source, path)
            if fmt == "docx":
                return docxs
            if fmt == "realdocx":
                saved = [path.with_suffix(".real.docx") for path in docxs]
                for tidy, path in zip(docxs, saved, strict=True):
                    if not path.exists():
                        real_word(tidy, path)
                return saved
            # The PDF printed from the Word file, or the Word file saved by LibreOffice in an
            # older format (.doc, .rtf, .odt) as an office keeps it.
            missing = [path for path in docxs if not path.with_suffix(f".{fmt}").exists()]
            if missing:
                convert_all(missing, self.folder, fmt)
        return [path.with_suffix(f".{fmt}") for path in docxs]

    def __call__(self, source: Path, fmt: Built) -> Path:
        return self.many([source], fmt)[0]
