"""Merged cells read as a person reads them, whatever the format: a lead merged down over
several tasks leads each of them, a group title merged across is one group, and a task whose
number and title are merged down over two rows (two products, two times) is one task.

The Word tables are built with real ``w:vMerge``/``w:gridSpan`` (python-docx merges as Word
does), the HTML ones with ``rowspan``/``colspan``, the PDF ones printed from the Word file."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from tests.ingest.builders import build_pdf
from theodoi.ingest.blocks import Table, table_from_grid
from theodoi.ingest.pipeline import extract_file
from theodoi.ingest.readers import read_file

HEADER = ("TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Sản phẩm", "Thời gian hoàn thành")
GROUP = "TĂNG CƯỜNG HẠ TẦNG SỐ"
SKHCN = "Sở Khoa học và Công nghệ"
ROWS = [
    # number, title, lead, product, time
    ("1", "Xây dựng Trung tâm dữ liệu của tỉnh", SKHCN, "Trung tâm dữ liệu", "2026"),
    ("", "", "", "Quy chế vận hành", "2027"),
    ("2", "Nâng cấp mạng truyền số liệu chuyên dùng", "", "Mạng được nâng cấp", "2025"),
    ("3", "Phổ cập điện thoại thông minh", "Sở Công Thương", "Kế hoạch", "Hằng năm"),
]  # fmt: skip


def _plan(document: docx.Document) -> docx.table.Table:
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Phát triển hạ tầng số năm 2026")
    document.add_paragraph("I. NHIỆM VỤ, GIẢI PHÁP")
    table = document.add_table(rows=len(ROWS) + 2, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER, strict=True):
        cell.text = text
    table.cell(1, 0).text = "I"
    table.cell(1, 1).merge(table.cell(1, 4)).text = GROUP
    for r, row in enumerate(ROWS, start=2):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    # Task 1 has two products and two times: its number and title are merged down over both.
    table.cell(2, 0).merge(table.cell(3, 0)).text = "1"
    table.cell(2, 1).merge(table.cell(3, 1)).text = ROWS[0][1]
    # One lead for task 1 (both of its rows) and task 2.
    table.cell(2, 2).merge(table.cell(4, 2)).text = ROWS[0][2]
    return table


@pytest.fixture(scope="module")
def word(tmp_path_factory: pytest.TempPathFactory) -> Path:
    document = docx.Document()
    _plan(document)
    path = tmp_path_factory.mktemp("gop") / "gop.docx"
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def pdf(word: Path) -> Path:
    return build_pdf(word, word.parent)


HTML = f"""<html><body><p>KẾ HOẠCH</p><p>Phát triển hạ tầng số năm 2026</p>
<p>I. NHIỆM VỤ, GIẢI PHÁP</p><table>
<tr>{"".join(f"<th>{h}</th>" for h in HEADER)}</tr>
<tr><td>I</td><td colspan="4">{GROUP}</td></tr>
<tr><td rowspan="2">1</td><td rowspan="2">{ROWS[0][1]}</td><td rowspan="3">{ROWS[0][2]}</td>
<td>Trung tâm dữ liệu</td><td>2026</td></tr>
<tr><td>Quy chế vận hành</td><td>2027</td></tr>
<tr><td>2</td><td>{ROWS[2][1]}</td><td>Mạng được nâng cấp</td><td>2025</td></tr>
<tr><td>3</td><td>{ROWS[3][1]}</td><td>{ROWS[3][2]}</td><td>Kế hoạch</td><td>Hằng năm</td></tr>
</table></body></html>"""


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gop-html") / "gop.html"
    path.write_text(HTML, encoding="utf-8")
    return path


def _formats(word: Path, pdf: Path, html: Path) -> dict[str, Path]:
    return {"docx": word, "pdf": pdf, "html": html}


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_a_task_merged_over_two_rows_is_one_task(
    word: Path, pdf: Path, html: Path, fmt: str
) -> None:
    plan = extract_file(_formats(word, pdf, html)[fmt])
    assert [t.title for t in plan.tasks] == [row[1] for row in ROWS if row[1]]
    first = plan.tasks[0]
    assert first.expected_output == "Trung tâm dữ liệu Quy chế vận hành"
    assert (first.due.start_year, first.due.end_year) == (2026, 2027)
    assert "title" not in first.doubts  # no page broke it: nothing to check


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_a_lead_merged_down_leads_every_task_it_spans(
    word: Path, pdf: Path, html: Path, fmt: str
) -> None:
    plan = extract_file(_formats(word, pdf, html)[fmt])
    assert [t.lead for t in plan.tasks] == [
        ["Sở Khoa học và Công nghệ"],
        ["Sở Khoa học và Công nghệ"],
        ["Sở Công Thương"],
    ]


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_a_group_title_merged_across_is_one_group(
    word: Path, pdf: Path, html: Path, fmt: str
) -> None:
    plan = extract_file(_formats(word, pdf, html)[fmt])
    assert [(g.code, g.title) for g in plan.groups] == [("I", GROUP)]
    assert {t.group for t in plan.tasks} == {"I"}


def test_the_table_keeps_where_each_merged_cell_starts(word: Path) -> None:
    [table] = [b for b in read_file(word).blocks if isinstance(b, Table)]
    assert table.rows[1] == ("I", GROUP, GROUP, GROUP, GROUP)
    assert [table.continues_across(1, c) for c in range(5)] == [False, False, True, True, True]
    assert table.rows[3][:3] == ("1", ROWS[0][1], ROWS[0][2])
    assert table.continues_down(3, 0)
    assert table.continues_down(3, 1)
    assert table.origin(4, 2) == (2, 2)
    assert not table.continues_down(3, 3)


def test_word_html_and_pdf_give_the_same_grid_of_merges(word: Path, pdf: Path, html: Path) -> None:
    tables = [
        next(b for b in read_file(path).blocks if isinstance(b, Table))
        for path in (word, pdf, html)
    ]
    assert tables[0].origins == tables[1].origins == tables[2].origins
    assert tables[0].rows == tables[2].rows


def test_a_table_without_merges_is_equal_to_its_plain_rows() -> None:
    grid = [[(0, 0), (0, 1)], [(1, 0), (1, 1)]]
    table = table_from_grid({(0, 0): "TT", (0, 1): "Chỉ tiêu", (1, 0): "1"}, grid)
    assert table == Table(rows=(("TT", "Chỉ tiêu"), ("1", "")))
    assert not table.continues_down(1, 1)
