"""The consolidated report of a round as a Word file, in the layout of Nghị định 30/2020/NĐ-CP
(Phụ lục I: thể thức văn bản hành chính).

What the decree sets and this file follows: A4 paper; margins top and bottom 20-25 mm, left
30-35 mm, right 15-20 mm; Times New Roman throughout; the national title (Quốc hiệu) upper
case, bold, 12-13 pt, the motto (Tiêu ngữ) bold 13-14 pt with a rule under it as long as the
motto; the issuing body under the body that governs it, bold, with a short rule; number and
date lines to be filled at signing; the document's name (BÁO CÁO) and summary bold 14 pt;
body 13-14 pt justified with the first line indented and at least 6 pt between paragraphs;
recipients (Nơi nhận) 12 pt bold italic with 11 pt lines; the appendix on its own page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from theodoi.evaluation import TaskStatus
from theodoi.evaluation.wording import vn_number
from theodoi.exports.chart import bar_chart
from theodoi.exports.content import PlanReport, Remark, TaskLine
from theodoi.reporting.fields import InReports, fields_in

# Fixed by the decree in these words; never translated.
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"
BODY_PT = 14
# Width of the writing area on A4 with 30 mm and 15 mm side margins.
TEXT_WIDTH_MM = 165
LEFT_HEAD_MM, RIGHT_HEAD_MM = 62, 106
# The motto at 13 pt bold is about 55 mm long; its rule is as long as the motto.
MOTTO_MM = 55


def _set_font(document: DocumentObject) -> None:
    for name in ("Normal", "Table Grid"):
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(BODY_PT)
        # Word picks the East Asian font for some Vietnamese letters unless told otherwise.
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)


def _page(document: DocumentObject) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)


def _paragraph(
    container: DocumentObject | _Cell,
    text: str = "",
    *,
    size: int = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    after: int = 0,
    indent: bool = False,
    first: bool = False,
) -> Paragraph:
    """A paragraph of one run; ``first`` reuses the cell's own empty first paragraph."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = align
    layout = paragraph.paragraph_format
    layout.space_before, layout.space_after = Pt(0), Pt(after)
    if indent:
        layout.first_line_indent = Mm(10)
    if text:
        run = paragraph.add_run(text)
        run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return paragraph


def _rule(container: DocumentObject | _Cell, *, width_mm: float, column_mm: float) -> None:
    """A single rule ``width_mm`` long, centred in its column: the bottom border of an empty
    paragraph of its own, so the text above keeps the column's full width."""
    paragraph = _paragraph(container, size=2)
    run = paragraph.add_run(" ")
    run.font.size = Pt(2)
    side = max((column_mm - width_mm) / 2, 0)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    paragraph.paragraph_format.line_spacing = Pt(3)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # types-lxml types a child as its parent's class; python-docx builds pBdr as a plain element.
    paragraph._p.get_or_add_pPr().append(borders)  # type: ignore[arg-type]


def _widths(table: Table, widths_mm: Sequence[float]) -> None:
    """Column widths both in the grid (LibreOffice reads it) and in each cell (Word does)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _borderless(table: Table, widths_mm: Sequence[float]) -> None:
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, widths_mm)


def _heading(document: DocumentObject, report: PlanReport) -> None:
    """Issuer and number on the left, national title, motto, place and date on the right."""
    table = document.add_table(rows=1, cols=2)
    _borderless(table, (LEFT_HEAD_MM, RIGHT_HEAD_MM))
    left, right = table.rows[0].cells
    issuer = report.issuer
    if issuer.superior:
        _paragraph(left, issuer.superior.upper(), size=13, first=True)
        _paragraph(left, issuer.name.upper(), size=13, bold=True)
    else:
        _paragraph(left, issuer.name.upper(), size=13, bold=True, first=True)
    _rule(left, width_mm=25, column_mm=LEFT_HEAD_MM)
    _paragraph(left, "", size=6)
    _paragraph(
        left, _("No.: %(blank)s/BC-%(blank2)s") % {"blank": " " * 8, "blank2": "......"}, size=13
    )
    _paragraph(right, QUOC_HIEU, size=12, bold=True, first=True)
    _paragraph(right, TIEU_NGU, size=13, bold=True)
    _rule(right, width_mm=MOTTO_MM, column_mm=RIGHT_HEAD_MM)
    _paragraph(right, "", size=6)
    _paragraph(
        right,
        _("%(place)s, day ... month ... year %(year)s")
        % {"place": issuer.place, "year": report.as_of.year},
        size=13,
        italic=True,
    )


def _title(document: DocumentObject, report: PlanReport) -> None:
    _paragraph(document, "", after=6)
    _paragraph(document, _("REPORT"), bold=True)
    plan = report.plan
    about = _("Results of carrying out %(kind)s No. %(number)s") % {
        "kind": plan.get_kind_display(),
        "number": plan.number or "......",
    }
    if report.round is not None:
        about += _(", round “%(round)s”") % {"round": report.round.title}
    _paragraph(document, about, bold=True)
    _rule(document, width_mm=40, column_mm=TEXT_WIDTH_MM)
    _paragraph(document, "", after=6)


def _body(document: DocumentObject, text: str, *, bold: bool = False) -> Paragraph:
    paragraph = _paragraph(
        document, text, bold=bold, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=6, indent=True
    )
    paragraph.paragraph_format.line_spacing = 1.15
    return paragraph


def _counts(counts: dict[str, int]) -> str:
    return "; ".join(
        f"{status.label.lower()}: {counts.get(status.code, 0)}"
        for status in TaskStatus
        if counts.get(status.code, 0)
    )


def _overview(document: DocumentObject, report: PlanReport) -> None:
    plan = report.plan
    _body(document, _("I. RESULTS OF THE TASKS"), bold=True)
    _body(document, _("1. Overview"), bold=True)
    _body(
        document,
        _(
            "%(kind)s No. %(number)s (%(title)s) sets %(tasks)s tasks in %(groups)s groups "
            "and %(indicators)s indicators. As of %(day)s, the tasks stand as follows: "
            "%(counts)s."
        )
        % {
            "kind": plan.get_kind_display().capitalize(),
            "number": plan.number or "......",
            "title": plan.title,
            "tasks": len(report.tasks),
            "groups": len([g for g in report.groups if g.title]),
            "indicators": len(report.indicators),
            "day": report.as_of.strftime("%d/%m/%Y"),
            "counts": _counts(report.status_counts),
        },
    )
    bars = [(s.label, report.status_counts.get(s.code, 0), s.colour) for s in TaskStatus]
    picture = _paragraph(document)
    picture.add_run().add_picture(io.BytesIO(bar_chart(bars)), width=Mm(150))
    _paragraph(
        document,
        _("Figure 1. Tasks by status as of %(day)s") % {"day": report.as_of.strftime("%d/%m/%Y")},
        size=13,
        italic=True,
        after=6,
    )


def _groups(document: DocumentObject, report: PlanReport) -> None:
    _body(document, _("2. Results by group of tasks"), bold=True)
    for number, group in enumerate(report.groups, start=1):
        title = group.title or _("Tasks outside any group")
        # Groups keep the plan's own numbering (I, II, ...); unnumbered ones get 2.1, 2.2.
        heading = f"{group.code}. {title}" if group.code else f"2.{number}. {title}"
        _body(document, heading, bold=True)
        counts = group.counts
        _body(
            document,
            _("%(total)s tasks: %(counts)s; overdue: %(overdue)s.")
            % {
                "total": len(group.tasks),
                "counts": _counts(dict(counts)),
                "overdue": group.overdue,
            },
        )
        for task in group.tasks:
            if reported := _reported(task):
                _body(document, f"- {task.code}. {task.title[:200]}: {reported}")


def _reported(task: TaskLine) -> str:
    """The task's TASK_LINE fields: the first as written, each other one after its label."""
    parts = []
    for index, field in enumerate(fields_in(InReports.TASK_LINE)):
        if text := task.reported.get(field.name, ""):
            parts.append(text if index == 0 else f"{_(field.read_label)}: {text}")
    return "; ".join(parts)


def _number(value: float | None) -> str:
    return "—" if value is None else vn_number(value)


def _grid(document: DocumentObject, headers: list[str], widths_mm: list[float]) -> Table:
    table: Table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, widths_mm)
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        _paragraph(cell, header, size=12, bold=True, first=True)
    # The header row repeats on every page the table runs over.
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    table.rows[0]._tr.get_or_add_trPr().append(repeat)  # type: ignore[arg-type]  # as in _rule
    return table


def _row(table: Table, values: list[str], widths_mm: list[float], *, bold: bool = False) -> None:
    cells = table.add_row().cells  # type: ignore[no-untyped-call]  # python-docx: no annotations
    for i, (cell, value, width) in enumerate(zip(cells, values, widths_mm, strict=True)):
        cell.width = Mm(width)
        align = WD_ALIGN_PARAGRAPH.CENTER if i == 0 else WD_ALIGN_PARAGRAPH.LEFT
        _paragraph(cell, value, size=12, bold=bold, align=align, first=True)


def _indicators(document: DocumentObject, report: PlanReport) -> None:
    _body(document, _("II. RESULTS OF THE INDICATORS"), bold=True)
    if not report.indicators:
        _body(document, _("The plan sets no indicator."))
        return
    widths = [14.0, 56.0, 40.0, 30.0, 25.0]
    table = _grid(
        document,
        [
            pgettext("report", "No."),
            pgettext("report", "Indicator"),
            pgettext("report", "Target as written"),
            pgettext("report", "Latest value"),
            pgettext("report", "Progress"),
        ],
        widths,
    )
    for line in report.indicators:
        latest = _number(line.latest_value)
        if line.latest_value is not None and line.unit:
            latest += f" {line.unit}"
        if line.latest_on is not None:
            latest += f" ({line.latest_on.strftime('%d/%m/%Y')})"
        _row(
            table,
            [line.code, line.name, line.target_text or "—", latest, line.band_label],
            widths,
        )
    _paragraph(document, "", after=6)


def _remarks(
    document: DocumentObject, heading: str, remarks: tuple[Remark, ...], none: str
) -> None:
    _body(document, heading, bold=True)
    if not remarks:
        _body(document, none)
    for remark in remarks:
        _body(
            document,
            _("- %(organisation)s (task %(code)s): %(text)s")
            % {"organisation": remark.organisation, "code": remark.task_code, "text": remark.text},
        )


def _directives(document: DocumentObject, report: PlanReport) -> None:
    """V. Ý kiến chỉ đạo: each directive with its agency, task and due day, open ones first,
    an answered one with its answer."""
    _body(document, _("V. DIRECTIVES"), bold=True)
    if not report.directives:
        _body(document, _("No directive was given on this plan."))
    for line in report.directives:
        where = (
            _("%(agency)s, task %(code)s") % {"agency": line.agency, "code": line.task_code}
            if line.task_code
            else line.agency
        )
        state = _("answered") if line.answered else _("awaiting an answer")
        _body(
            document,
            _("- %(where)s (answer due by %(due)s, %(state)s): %(text)s")
            % {
                "where": where,
                "due": line.due.strftime("%d/%m/%Y"),
                "state": state,
                "text": line.text,
            },
        )
        if line.answered:
            _body(document, _("  Answer: %(answer)s") % {"answer": line.answer})


def _closing(document: DocumentObject) -> None:
    table = document.add_table(rows=1, cols=2)
    _borderless(table, (80, 85))
    left, right = table.rows[0].cells
    _paragraph(
        left,
        _("Recipients:"),
        size=12,
        bold=True,
        italic=True,
        first=True,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    for line in (_("- As above;"), _("- Archived: VT.")):
        _paragraph(left, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _paragraph(right, _("HEAD OF THE AGENCY"), bold=True, first=True)
    _paragraph(right, _("(Signature, seal)"), italic=True, size=13)
    for _blank in range(3):
        _paragraph(right, "")
    _paragraph(right, _("Full name"), bold=True)


def _appendix(document: DocumentObject, report: PlanReport) -> None:
    _paragraph(document).add_run().add_break(WD_BREAK.PAGE)
    _paragraph(document, _("Appendix"), bold=True)
    _paragraph(document, _("LIST OF TASKS AND THEIR STATUS"), bold=True)
    _paragraph(
        document,
        _("(Attached to report No. %(blank)s/BC-...... dated ... month ... year %(year)s)")
        % {"blank": " " * 6, "year": report.as_of.year},
        italic=True,
        after=6,
    )
    widths = [16.0, 64.0, 35.0, 24.0, 26.0]
    table = _grid(
        document,
        [
            pgettext("report", "No."),
            pgettext("report", "Task"),
            pgettext("report", "Lead agency"),
            pgettext("report", "Time"),
            pgettext("report", "Status"),
        ],
        widths,
    )
    for group in report.groups:
        if group.title:
            _row(table, [group.code, group.title, "", "", ""], widths, bold=True)
        for task in group.tasks:
            status = task.status_label
            if task.progress is not None and not TaskStatus.from_code(task.status).done:
                status += f" ({task.progress}%)"
            _row(table, [task.code, task.title, task.lead, task.due_text, status], widths)


def round_report_docx(report: PlanReport) -> bytes:
    """The report as the bytes of a .docx file."""
    document = Document()
    _set_font(document)
    _page(document)
    _heading(document, report)
    _title(document, report)
    _overview(document, report)
    _groups(document, report)
    _indicators(document, report)
    for field in fields_in(InReports.REMARK):
        _remarks(
            document, _(field.remark_heading), report.remarks[field.name], _(field.remark_none)
        )
    _directives(document, report)
    _closing(document)
    _appendix(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
