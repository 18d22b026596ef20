"""A plan's Word file as an official's copy of Word saves it, made from the tidy one the
builder types (builders.py): what the same text holds once it has been typed, numbered,
corrected and saved a few times in Word, none of which changes what Word shows.

- Numbers typed in front of items are Word's own numbering: the ``TT`` column of a table
  (``1``, ``2`` restarting under each group, ``I``, ``II`` for the groups), ``Điều 1.``,
  ``1.``, ``1.1.`` and ``+`` items; a list restarts where the text starts again at 1.
- The header block's table is drawn with the grid style and its lines taken off cell by
  cell, as a clerk removes them; or, in one plan in two whose header lines are short enough,
  typed without a table, its two columns parted by tabs.
- A lead or partner cell of several bodies holds one paragraph a body.
- Runs are cut inside words, as Word cuts them at each edit session (``w:rsidR``) and around
  spelling marks (``w:proofErr``), with a bookmark where the cursor last was.
- Tracked changes not yet accepted: a word inserted (``w:ins``), words deleted (``w:del``)
  and moved away (``w:moveFrom``); hidden text; a page header and a footer with the page
  number; the space after ``Số:`` and inside dates non-breaking.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from tests.ingest.layouts import MOTTOS
from theodoi.ingest.tables import Column, column_of

W = nsdecls("w")
_P, _R, _T, _TBL, _TR, _TC = (qn(f"w:{t}") for t in ("p", "r", "t", "tbl", "tr", "tc"))
_PPR, _RPR, _NUMPR = qn("w:pPr"), qn("w:rPr"), qn("w:numPr")
_ROMANS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# Abstract definitions of the lists added here, and the first list id they use.
_TT, _TT_COUNTING_ON, _ARTICLE, _DECIMAL, _OUTLINE2, _PLUS = 700, 701, 702, 703, 704, 705
_FIRST_NUM = 2000
_BY = 'w:author="Chuyên viên" w:date="2025-03-02T08:00:00Z"'


def _abstract(abstract_id: int, levels: str) -> Any:
    return parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
    )


def _lvl(ilvl: int, fmt: str, text: str, suffix: str = "space", extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{extra}'
        f'<w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
    )


_DEFINITIONS = {
    _TT: _lvl(0, "upperRoman", "%1", "nothing") + _lvl(1, "decimal", "%2", "nothing"),
    _TT_COUNTING_ON: _lvl(0, "upperRoman", "%1", "nothing")
    + _lvl(1, "decimal", "%2", "nothing", '<w:lvlRestart w:val="0"/>'),
    _ARTICLE: _lvl(0, "decimal", "Điều %1.", "space"),
    _DECIMAL: _lvl(0, "decimal", "%1.", "tab"),
    _OUTLINE2: _lvl(0, "decimal", "%1.") + _lvl(1, "decimal", "%1.%2."),
    _PLUS: _lvl(0, "bullet", "+", "tab"),
}


class _Lists:
    """The lists added to a document's numbering part; each restart is a new ``w:num`` with
    a start override, as Word's "Restart at 1" makes one."""

    def __init__(self, document: Any) -> None:
        self.root = document.part.numbering_part.element
        first_num = self.root.find(qn("w:num"))
        for abstract_id, levels in _DEFINITIONS.items():
            definition = _abstract(abstract_id, levels)
            if first_num is not None:
                first_num.addprevious(definition)
            else:
                self.root.append(definition)
        self.next_id = _FIRST_NUM

    def new(self, abstract_id: int, starts: dict[int, int] | None = None) -> int:
        num_id = self.next_id
        self.next_id += 1
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            for level, start in (starts or {0: 1}).items()
        )
        self.root.append(
            parse_xml(
                f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                f"{overrides}</w:num>"
            )
        )
        return num_id


def _props(p: Any) -> Any:
    """Paragraph ``p``'s properties, added first in it where it has none."""
    props = p.find(_PPR)
    if props is None:
        props = parse_xml(f"<w:pPr {W}/>")
        p.insert(0, props)
    return props


def _number(p: Any, num_id: int, level: int = 0) -> None:
    props = _props(p)
    style = props.find(qn("w:pStyle"))
    numpr = parse_xml(
        f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
    )
    if style is not None:
        style.addnext(numpr)
    else:
        props.insert(0, numpr)


def _text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(_T))


def _drop_prefix(p: Any, length: int) -> None:
    """Take the first ``length`` characters (the typed label and its space) off the text."""
    for t in p.iter(_T):
        text = t.text or ""
        cut = min(length, len(text))
        t.text = text[cut:]
        length -= cut
        if length == 0:
            break
    first = next(p.iter(_T), None)
    if first is not None and first.text:
        first.text = first.text.lstrip()


# --- the TT column -------------------------------------------------------------------------


def _ruled_tables(body: Any) -> Iterator[Any]:
    for tbl in body.iter(_TBL):
        style = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
        if style is not None and style.get(qn("w:val")) == "TableGrid":
            yield tbl


def _cells(tr: Any) -> list[Any]:
    return list(tr.findall(_TC))


def _typed_tt(tbl: Any) -> list[tuple[Any, str]]:
    """The TT cells below the header that Word could number: (paragraph, number typed)."""
    rows = tbl.findall(_TR)
    if not rows or column_of(_text(_cells(rows[0])[0])) is not Column.NUMBER:
        return []
    out = []
    for tr in rows[1:]:
        cells = _cells(tr)
        merge = cells[0].find(f"{qn('w:tcPr')}/{qn('w:vMerge')}") if cells else None
        if not cells or (merge is not None and merge.get(qn("w:val")) != "restart"):
            continue
        paragraphs = cells[0].findall(_P)
        typed = _text(cells[0]).strip()
        if len(paragraphs) == 1 and (typed.isdigit() or typed in _ROMANS):
            out.append((paragraphs[0], typed))
    return out


def _number_tt_column(tbl: Any, lists: _Lists) -> None:
    """The TT column numbered by one list of two levels: the groups (I, II) and the tasks
    (1, 2), which restart under each group, or count on through the table when the text does
    (the tasks' level then never restarts: ``w:lvlRestart`` 0)."""
    typed = _typed_tt(tbl)
    numbers = [(p, (0, _ROMANS.index(t) + 1) if t in _ROMANS else (1, int(t))) for p, t in typed]
    groups = [k for k, (_, (lvl, _n)) in enumerate(numbers) if lvl == 0]
    counts_on = any(
        k + 1 < len(numbers) and numbers[k + 1][1][0] == 1 and numbers[k + 1][1][1] > 1
        for k in groups
    )
    num_id: int | None = None
    counts = [0, 0]
    for p, (lvl, n) in numbers:
        if num_id is not None and n == counts[lvl] + 1:
            pass
        elif n == 1 and (lvl == 0 or num_id is None):
            num_id, counts = lists.new(_TT_COUNTING_ON if counts_on else _TT), [0, 0]
        else:
            continue
        counts[lvl] = n
        if lvl == 0 and not counts_on:
            counts[1] = 0
        _drop_prefix(p, len(_text(p)))
        _number(p, num_id, lvl)


# --- items typed in the text ---------------------------------------------------------------

_ARTICLE_ITEM = re.compile(r"^Điều (\d{1,2})\. ")
_DECIMAL_ITEM = re.compile(r"^(\d{1,2})\. ")
_SUB_ITEM = re.compile(r"^(\d{1,2})\.(\d{1,2})\.? ")
_PLUS_ITEM = re.compile(r"^\+ ")


def _number_items(body: Any, lists: _Lists) -> None:
    """The typed labels of paragraphs the builder left typed, as Word's numbering, when Word
    would give the same number (the next one, or 1 in a list of its own)."""
    last: dict[int, tuple[int, tuple[int, ...]]] = {}  # definition -> (list, last label)
    plus: int | None = None
    for p in list(body.iterchildren(_P)):
        props = p.find(_PPR)
        if props is not None and (
            props.find(_NUMPR) is not None or props.find(qn("w:pStyle")) is not None
        ):
            continue  # numbered by the builder, itself or through its style
        text = _text(p)
        if _PLUS_ITEM.match(text):
            plus = plus if plus is not None else lists.new(_PLUS)
            _drop_prefix(p, 2)
            _number(p, plus)
            continue
        for pattern, definition in (
            (_ARTICLE_ITEM, _ARTICLE),
            (_SUB_ITEM, _OUTLINE2),
            (_DECIMAL_ITEM, _DECIMAL),
        ):
            match = pattern.match(text)
            if match is None:
                continue
            label = tuple(int(g) for g in match.groups())
            current = last.get(definition)
            level = len(label) - 1
            if (
                current is not None
                and label[:-1] == current[1][:-1]
                and (label[-1] == current[1][-1] + 1)
            ):
                num_id = current[0]
            elif label[-1] == 1:
                starts = {0: label[0]} if level else {0: 1}
                num_id = lists.new(definition, starts)
            else:
                break
            last[definition] = (num_id, label)
            _drop_prefix(p, match.end())
            _number(p, num_id, level)
            break


# --- cells ----------------------------------------------------------------------------------


def _one_body_a_paragraph(tbl: Any) -> None:
    rows = tbl.findall(_TR)
    if not rows:
        return
    header = [_text(tc) for tc in _cells(rows[0])]
    columns = {c for c, h in enumerate(header) if column_of(h) in (Column.LEAD, Column.COOPERATING)}
    for tr in rows[1:]:
        for c, tc in enumerate(_cells(tr)):
            paragraphs = tc.findall(_P)
            if c not in columns or len(paragraphs) != 1 or "; " not in _text(tc):
                continue
            p = paragraphs[0]
            if len(p.findall(_R)) != 1:
                continue
            parts = _text(tc).split("; ")
            for k, part in enumerate(parts):
                target = p if k == 0 else copy.deepcopy(p)
                target.find(f"{_R}/{_T}").text = part + (";" if k + 1 < len(parts) else "")
                if k:
                    tc.append(target)


def _unruled_by_cell(tbl: Any) -> None:
    """A layout table given the grid style and its lines removed from every cell."""
    props = tbl.find(qn("w:tblPr"))
    props.insert(0, parse_xml(f'<w:tblStyle {W} w:val="TableGrid"/>'))
    sides = "".join(f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right"))
    for tc in tbl.iter(_TC):
        tc_props = tc.find(qn("w:tcPr"))
        if tc_props is None:
            tc_props = parse_xml(f"<w:tcPr {W}/>")
            tc.insert(0, tc_props)
        tc_props.append(parse_xml(f"<w:tcBorders {W}>{sides}</w:tcBorders>"))


def _typed_with_tabs_fits(tbl: Any) -> bool:
    """Whether a header table could be typed with tabs: it holds the motto, and each of its
    lines fits in half a line (a clerk types a longer one in a table)."""
    lines = [_text(p) for p in tbl.iter(_P)]
    return any(motto in lines for motto in MOTTOS) and max(map(len, lines)) <= 60


def _typed_with_tabs(tbl: Any) -> None:
    """The header block typed without a table: each line of the left column, two tabs, the
    line beside it in the right column."""
    for tr in tbl.findall(_TR):
        left, right = ([_text(p) for p in tc.findall(_P)] for tc in _cells(tr)[:2])
        for k in range(max(len(left), len(right))):
            parts = [left[k] if k < len(left) else "", right[k] if k < len(right) else ""]
            runs = (
                f"<w:r><w:t xml:space='preserve'>{escape(parts[0])}</w:t></w:r>" if parts[0] else ""
            )
            if parts[1]:
                runs += "<w:r><w:tab/><w:tab/></w:r>"
                runs += f"<w:r><w:t xml:space='preserve'>{escape(parts[1])}</w:t></w:r>"
            tbl.addprevious(parse_xml(f"<w:p {W}>{runs}</w:p>"))
    tbl.getparent().remove(tbl)


# --- runs -----------------------------------------------------------------------------------

_WORD = re.compile(r"\w{4,}")


def _cut_runs(body: Any) -> None:
    """Every run of more than one word cut inside its longest word, with spelling marks
    around the cut and each half from another edit session."""
    session = 0
    for r in list(body.iter(_R)):
        ts = r.findall(_T)
        if len(ts) != 1 or r.getparent().tag != _P:
            continue
        text = ts[0].text or ""
        words = list(_WORD.finditer(text))
        if len(words) < 2:
            continue
        word = max(words, key=lambda m: len(m.group()))
        cut = word.start() + len(word.group()) // 2
        second = copy.deepcopy(r)
        ts[0].text = text[:cut]
        ts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        second_t = second.find(_T)
        second_t.text = text[cut:]
        second_t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        session += 1
        for half, rsid in ((r, session), (second, session + 1000)):
            half.set(qn("w:rsidR"), f"{rsid:08X}")
        r.addprevious(parse_xml(f'<w:proofErr {W} w:type="spellStart"/>'))
        r.addnext(second)
        second.addnext(parse_xml(f'<w:proofErr {W} w:type="spellEnd"/>'))


def _non_breaking(body: Any) -> None:
    for t in body.iter(_T):
        if t.text:
            t.text = re.sub(r"(?<=Số:) | (?=tháng \d)", "\u00a0", t.text)


def _revisions(body: Any) -> None:
    """Unaccepted changes in the first body paragraphs of some length: a deleted phrase and
    one moved away before the text, and the text itself inserted."""
    done = 0
    for p in body.iterchildren(_P):
        runs = p.findall(_R)
        if done == 3 or len(_text(p)) < 60 or not runs or p.find(_PPR) is None:
            continue
        done += 1
        runs[0].addprevious(
            parse_xml(
                f'<w:del {W} w:id="{900 + done}" w:author="A" w:date="2025-01-01T00:00:00Z">'
                "<w:r><w:delText xml:space='preserve'>Nội dung đã xóa </w:delText></w:r></w:del>"
            )
        )
        runs[0].addprevious(
            parse_xml(
                f'<w:moveFrom {W} w:id="{910 + done}" w:author="A" '
                'w:date="2025-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">Câu đã chuyển đi '
                "</w:t></w:r></w:moveFrom>"
            )
        )
        runs[0].addprevious(
            parse_xml(
                f"<w:r {W}><w:rPr><w:vanish/></w:rPr><w:t xml:space='preserve'>Ghi chú ẩn "
                "</w:t></w:r>"
            )
        )
        wrapper = parse_xml(
            f'<w:ins {W} w:id="{920 + done}" w:author="A" w:date="2025-01-01T00:00:00Z"/>'
        )
        runs[0].addprevious(wrapper)
        for run in runs:
            wrapper.append(run)


def _deleted(p: Any) -> Any:
    """A copy of paragraph ``p`` deleted whole with changes tracked, its mark with it."""
    gone = copy.deepcopy(p)
    _props(gone).append(parse_xml(f'<w:rPr {W}><w:del w:id="1" {_BY}/></w:rPr>'))
    for run in gone.findall(_R):
        for t in run.findall(_T):
            t.tag = qn("w:delText")
        wrapper = parse_xml(f'<w:del {W} w:id="2" {_BY}/>')
        run.addprevious(wrapper)
        wrapper.append(run)
    return gone


def _deleted_items(body: Any) -> None:
    """In each of the first lists, an item deleted after its first one (Word, showing the
    final text, numbers on as if it had never been)."""
    seen: set[str] = set()
    for p in list(body.iterchildren(_P)):
        num = p.find(f"{_PPR}/{_NUMPR}/{qn('w:numId')}")
        if num is None or num.get(qn("w:val")) in seen or len(seen) == 3:
            continue
        seen.add(num.get(qn("w:val")))
        p.addnext(_deleted(p))


def _deleted_rows(body: Any) -> None:
    """In each task table, a row deleted with changes tracked below its header."""
    for tbl in list(_ruled_tables(body)):
        rows = tbl.findall(_TR)
        plain = [
            tr
            for tr in rows[1:]
            if tr.find(f"{_TC}/{qn('w:tcPr')}/{qn('w:vMerge')}") is None
            and tr.find(f"{_TC}/{qn('w:tcPr')}/{qn('w:gridSpan')}") is None
        ]
        if len(rows) < 3 or not plain:
            continue
        gone = copy.deepcopy(plain[-1])
        props = gone.find(qn("w:trPr"))
        if props is None:
            props = parse_xml(f"<w:trPr {W}/>")
            gone.insert(0, props)
        props.append(parse_xml(f'<w:del {W} w:id="3" {_BY}/>'))
        for tc in gone.findall(_TC):
            for p in tc.findall(_P):
                p.addnext(_deleted(p))
                tc.remove(p)
        rows[0].addnext(gone)


def _hidden_notes(document: Any, body: Any) -> None:
    """A note to colleagues in a hidden character style after a few long paragraphs."""
    document.styles.element.append(
        parse_xml(
            f'<w:style {W} w:type="character" w:styleId="GhiChuNoiBo">'
            '<w:name w:val="Ghi chu noi bo"/><w:rPr><w:vanish/></w:rPr></w:style>'
        )
    )
    long = [p for p in body.iterchildren(_P) if len(_text(p)) > 80][:3]
    for p in long:
        p.append(
            parse_xml(
                f'<w:r {W}><w:rPr><w:rStyle w:val="GhiChuNoiBo"/></w:rPr>'
                '<w:t xml:space="preserve"> (xin ý kiến phòng Tổng hợp)</w:t></w:r>'
            )
        )


def _joined_paragraphs(body: Any) -> None:
    """A few long paragraphs typed as two, joined with changes tracked: the first part's mark
    deleted."""
    done = 0
    for p in list(body.iterchildren(_P)):
        runs = p.findall(_R)
        props = p.find(_PPR)
        numbered = props is not None and props.find(_NUMPR) is not None
        if done == 3 or numbered or len(runs) != 1 or len(_text(p)) < 120:
            continue
        t = runs[0].find(_T)
        text = t.text or ""
        cut = text.find(" ", len(text) // 2)
        if cut < 0:
            continue
        first = copy.deepcopy(p)
        _props(first).append(parse_xml(f'<w:rPr {W}><w:del w:id="4" {_BY}/></w:rPr>'))
        first.find(f"{_R}/{_T}").text = text[:cut]
        t.text = text[cut:]
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        p.addprevious(first)
        done += 1


def _page_furniture(document: Any) -> None:
    for section in document.sections:
        section.header.paragraphs[0].text = "Kế hoạch - bản lưu hành nội bộ"
        footer = section.footer.paragraphs[0]._p
        footer.append(
            parse_xml(f'<w:fldSimple {W} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>')
        )


def real_word(tidy: Path, out: Path) -> Path:
    """``out``: the Word file ``tidy`` (made by builders.build_docx) as an office saves it."""
    document = docx.Document(str(tidy))
    body = document.element.body
    lists = _Lists(document)
    # One plan in two has its header typed with tabs, the other in a table.
    tabbed = len(body.findall(_P)) % 2 == 1
    ruled = set(_ruled_tables(body))
    first_layout = next((t for t in body.iterchildren(_TBL) if t not in ruled), None)
    tabbed = tabbed and first_layout is not None and _typed_with_tabs_fits(first_layout)
    for tbl in list(body.iter(_TBL)):
        if tbl in ruled:
            _number_tt_column(tbl, lists)
            _one_body_a_paragraph(tbl)
        elif tbl.getparent() is body and tbl is first_layout and tabbed:
            _typed_with_tabs(tbl)
        elif tbl.getparent() is body:
            _unruled_by_cell(tbl)
    _number_items(body, lists)
    _deleted_items(body)
    _deleted_rows(body)
    _joined_paragraphs(body)
    _hidden_notes(document, body)
    _non_breaking(body)
    _revisions(body)
    _cut_runs(body)
    _page_furniture(document)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return out
