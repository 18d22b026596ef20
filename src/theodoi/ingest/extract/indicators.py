"""Indicators (``chỉ tiêu``): the rows of the plan's indicator table when it has one, else
each explicit target figure of its text.

In a table, a row that has sub-rows (``7 Chỉ tiêu về thủ tục hành chính …`` over ``7.1``,
``7.2``) only names what they measure and is not an indicator. The year of a target is the
one its column names (``Chỉ tiêu đến năm 2030``) or its group row (``I. Đến năm 2030``).
In prose, the year is the one the sentence names, else the heading's (``2.1. Đến năm 2030``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from theodoi.ingest.blocks import Paragraph
from theodoi.ingest.extract.records import ReadTable
from theodoi.ingest.fields.agencies import split_agencies
from theodoi.ingest.fields.targets import ProseTarget, find_prose_targets, parse_target
from theodoi.ingest.plan import Indicator
from theodoi.ingest.roles import NO_TARGETS, Role
from theodoi.ingest.segment import Section
from theodoi.ingest.tables import Column

# ``đến năm 2030``, ``Năm 2025``; not the year of a date (``ngày 12 tháng 3 năm 2025``).
_YEAR = re.compile(r"(?<!tháng \d )(?<!tháng \d\d )\b(?:năm|đến)\s+((?:19|20)\d\d)\b", re.I)


def year_of_table(section: Section) -> int | None:
    """The year an indicator table's heading or caption names (``CÁC CHỈ TIÊU ĐẾN NĂM
    2030``): the year of targets whose row and column name none."""
    for text in [section.title, *section.paragraphs[:3]]:
        match = _YEAR.search(text)
        if match:
            return int(match.group(1))
    return None


def indicators_from_table(table: ReadTable, default_year: int | None = None) -> list[Indicator]:
    out: list[Indicator] = []
    for row in table.rows:
        name = " ".join(row.cells.get(Column.TITLE, "").split())
        if not name or table.has_sub_rows(row):
            continue
        unit = row.cells.get(Column.UNIT) or None
        agencies = split_agencies(row.cells.get(Column.LEAD))
        group_year = row.group.year if row.group else None
        for text, column_year in row.targets or [("", None)]:
            doubts = dict(row.doubts)
            target = parse_target(text or None, unit=unit)
            if text and target.value is None and any(ch.isdigit() for ch in text):
                doubts["target"] = f"Không đọc được giá trị mục tiêu: “{text}”."
            out.append(
                Indicator(
                    code=row.number,
                    name=name,
                    unit=unit,
                    target=target,
                    year=column_year or group_year or default_year,
                    agencies=agencies,
                    doubts=doubts,
                )
            )
    return out


def _heading_year(path: list[Section]) -> int | None:
    for section in reversed(path):
        match = _YEAR.search(section.title)
        if match:
            return int(match.group(1))
    return None


def _paragraphs(
    section: Section, path: list[Section], skipped: frozenset[Role] = NO_TARGETS
) -> Iterator[tuple[list[Section], str]]:
    """Every paragraph with the path of sections it sits in, skipping parts without targets
    but not the sub-parts of their own that they hold (``1. Quan điểm`` under ``I. QUAN ĐIỂM,
    MỤC TIÊU`` holds none; ``2. Mục tiêu`` beside it does)."""
    here = [*path, section]
    holds_targets = section.role not in skipped
    if holds_targets and section.title and section.kind != "appendix":
        yield here, section.title  # ``1. Phấn đấu 100% xã có …``: items carry figures too
    for item in section.items:
        if isinstance(item, Paragraph) and holds_targets:
            yield here, item.text
        elif isinstance(item, Section):
            yield from _paragraphs(item, here, skipped)


def indicators_from_prose(root: Section, leads: dict[str, list[str]]) -> list[Indicator]:
    """Each explicit target figure of the text, coded by the section it is in (``2.1.3``,
    ``II.5.c``); ``leads`` gives the lead agencies of task items by their code, since a
    target set inside a task is that task's lead's to follow.

    When the objectives part states figures, it is the plan's list of targets (as an
    indicator table would be) and figures among the tasks restate or detail it; otherwise
    (a summary that leaves the list out, a plan without objectives) the tasks' figures are
    the targets, and so are those the purpose part strives for (``Phấn đấu trong năm 2026,
    100% …``)."""
    paragraphs = list(_paragraphs(root, []))
    objectives = _found(
        (path, text) for path, text in paragraphs if path[-1].role is Role.OBJECTIVES
    )
    if objectives:
        return _coded(objectives, leads)
    # Without an objectives part, a figure is a target only when it is said as one; ``bố trí
    # tối thiểu 3% tổng chi`` sizes an action.
    with_purposes = _paragraphs(root, [], NO_TARGETS - {Role.PURPOSE})
    return _coded([f for f in _found(with_purposes) if f[1].aimed], leads)


def _found(
    paragraphs: Iterable[tuple[list[Section], str]],
) -> list[tuple[Section, ProseTarget, int | None]]:
    return [
        (path[-1], prose, prose.year or _heading_year(path))
        for path, text in paragraphs
        for prose in find_prose_targets(text, stated=path[-1].role is Role.OBJECTIVES)
    ]


def _coded(
    found: list[tuple[Section, ProseTarget, int | None]], leads: dict[str, list[str]]
) -> list[Indicator]:
    counts: dict[int, int] = {}
    for where, _, _ in found:
        counts[id(where)] = counts.get(id(where), 0) + 1
    seen: dict[int, int] = {}
    out: list[Indicator] = []
    for where, prose, year in found:
        code = where.code
        if counts[id(where)] > 1 or not where.code:
            seen[id(where)] = seen.get(id(where), 0) + 1
            code = f"{where.code}.{seen[id(where)]}" if where.code else str(seen[id(where)])
        out.append(
            Indicator(
                code=code,
                name=prose.name,
                unit=prose.unit,
                target=prose.target,
                year=year,
                agencies=list(leads.get(where.code, [])),
            )
        )
    return out
