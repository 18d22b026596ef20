"""Tasks: from a table of tasks when the plan has one, else from the lettered or numbered
items of its tasks-and-solutions part.

An item assigns its task in lines of its own (``- Cơ quan chủ trì: …``, ``- Cơ quan phối
hợp: …``, ``- Thời gian thực hiện: …``, ``- Sản phẩm: …``), several labels on one line, or
a closing parenthesis (``… (Sở Nội vụ chủ trì, phối hợp với các sở; năm 2025).``); what is
left is the task's own words. A table's single ``Cơ quan thực hiện`` column may name both
roles (``Sở Nội vụ chủ trì, phối hợp với các sở``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from theodoi.ingest.blocks import Paragraph
from theodoi.ingest.extract.assignees import (
    assignee_of,
    body_before_colon,
    given_sentence,
    lead_as_subject,
    lead_asked,
    lead_in_front,
    partners_in_words,
    partners_last,
    subject_of,
    time_at_end,
    time_before_colon,
    time_clause,
    time_in_words,
)
from theodoi.ingest.extract.records import ReadTable, TableRow
from theodoi.ingest.fields.agencies import split_agencies
from theodoi.ingest.fields.bodies import opens_with_body
from theodoi.ingest.fields.times import parse_due
from theodoi.ingest.plan import Due, Task
from theodoi.ingest.roles import Role
from theodoi.ingest.segment import Section
from theodoi.ingest.tables import Column, looks_like_agency, looks_like_time
from theodoi.ingest.textnorm import without_footnote_marks

# The labels of an item's assignment (``- Cơ quan chủ trì:``, ``Đơn vị phối hợp:``, ``Thời
# gian hoàn thành:``, ``Sản phẩm:``), at the start of a line or after a ``;`` or ``.`` when
# several share one line (``- Chủ trì: Sở Nội vụ; phối hợp: các sở; thời gian: 2025.``). Who
# is named by the kind of body or person (a commune writes ``Bộ phận phụ trách:``,
# ``Công chức phụ trách:``, or only ``(Giao: …; thời gian: …)``), then the role.
_LABEL = re.compile(
    r"(?:^|(?<=[;.])\s*)[-+*•]?\s*(?P<label>"
    r"phân công|giao(?: cho)?|(?:(?:cơ quan|đơn vị|bộ phận|người|cán bộ|công chức|thành viên)"
    r"(?:,? (?:cơ quan|đơn vị|bộ phận|cá nhân))?\s+)?(?:chủ trì|phối hợp|thực hiện|phụ trách)"
    r"(?: thực hiện| theo dõi| tham mưu)?"
    r"|thời gian(?: thực hiện| hoàn thành)?|thời hạn(?: hoàn thành| thực hiện)?"
    r"|tiến độ(?: thực hiện| hoàn thành)?"
    r"|kết quả(?: dự kiến| đầu ra|\s*/\s*sản phẩm)?|sản phẩm(?: dự kiến| đầu ra)?"
    r")\s*:\s*",
    re.IGNORECASE,
)


def _column_of_label(label: str) -> Column:
    key = label.lower()
    if key.startswith(("thời gian", "thời hạn", "tiến độ")):
        return Column.DUE
    if key.startswith(("kết quả", "sản phẩm")):
        return Column.OUTPUT
    if "phối hợp" in key:
        return Column.COOPERATING
    return Column.LEAD  # ``Cơ quan chủ trì:``, ``Đơn vị thực hiện:``


# ``… (Sở Nội vụ chủ trì, phối hợp với các sở, ngành; hoàn thành trong năm 2025).``: the
# assignment in a closing parenthesis, as resolutions often write it, in parts split by
# ``;``: the lead (``A chủ trì``, ``A và B đồng chủ trì``), the partners (``phối hợp với
# C``, ``C phối hợp``) and the time; or labelled (``(Cơ quan chủ trì: A; thời gian: …)``).
_CLOSING = re.compile(r"\s*\((?P<inner>[^()]{3,400})\)(?=\s*[.;]?\s*$)")
# A Party document says the role of the body that leads in its own verbs: ``Đảng ủy Ủy ban
# nhân dân tỉnh lãnh đạo, chỉ đạo``, ``Ban Tổ chức Tỉnh ủy tham mưu``.
_LEADS = re.compile(
    r"^(?P<lead>.{3,150}?)\s+(?P<co>đồng\s+)?(?:chủ trì|thực hiện|chịu trách nhiệm"
    r"|lãnh đạo(?:,?\s*chỉ đạo)?(?: thực hiện)?|chỉ đạo(?: thực hiện)?|tham mưu)"
    r"(?:,?\s*phối hợp(?: với)?\s+(?P<coop>.{3,200}))?$",
    re.IGNORECASE,
)
_PARTNERS = re.compile(
    r"^(?:phối hợp(?: với)?\s+(?P<after>.{3,200})|(?P<before>.{3,200}?)\s+(?:cùng\s+)?phối hợp)$",
    re.IGNORECASE,
)


def _co_leads(text: str) -> str:
    """``Sở Giáo dục và Đào tạo và Sở Tài chính`` (đồng chủ trì) as ``…; Sở Tài chính``:
    the ``và`` that opens another agency separates; the one inside a name does not."""
    pieces = text.split(" và ")
    out = [pieces[0]]
    for piece in pieces[1:]:
        if looks_like_agency(piece) and piece[:1].isupper():
            out.append(piece)
        else:
            out[-1] = f"{out[-1]} và {piece}"
    return "; ".join(out)


_GIVEN = re.compile(r"^giao(?: cho)?\s+", re.IGNORECASE)
_LEAD_FIRST = re.compile(r"^(?P<lead>.+?)\s+(?:đồng\s+)?chủ trì\b\s*[,;]?\s*(?P<rest>.*)$", re.I)


def _given(inner: str) -> dict[Column, str] | None:
    """``(Giao Phòng Quản lý khoa học, hoàn thành trước ngày 30/9/2026)``, ``(Giao Phòng A
    chủ trì, Phòng B phối hợp; Quý II/2026)``, ``(Giao Văn phòng Sở, theo quy định …)``: a
    bracket that opens with ``Giao`` names the bodies given the task, then, after its last
    ``;`` or ``,``, the time, which may be a condition."""
    opening = _GIVEN.match(inner)
    if opening is None:
        return None
    who = inner[opening.end() :].strip(" .")
    values: dict[Column, str] = {}
    for separator in (";", ","):
        head, found, tail = who.rpartition(separator)
        time = time_clause(tail) or (tail.strip() if parse_due(tail).kind == "conditional" else "")
        if found and time:
            who, values[Column.DUE] = head.strip(" ,;"), time
            break
    lead = _LEAD_FIRST.match(who)
    if lead is None:
        values[Column.LEAD] = re.sub(r"\s+thực hiện$", "", who, flags=re.IGNORECASE)
        return values
    values[Column.LEAD] = lead.group("lead")
    partners = _PARTNERS.match(lead.group("rest").strip(" ,;"))
    if partners:
        values[Column.COOPERATING] = partners.group("after") or partners.group("before")
    return values


def _closing_assignment(text: str) -> tuple[str, dict[Column, str]] | None:
    closing = _CLOSING.search(text)
    if closing is None:
        return None
    inner = closing.group("inner")
    words = text[: closing.start()].strip() + text[closing.end() :].strip()
    labelled = _labelled(inner)
    if labelled and _LABEL.match(inner):
        return words, labelled[1]
    if given := _given(inner):
        return words, given
    values: dict[Column, str] = {}
    parts = [p.strip(" ,.") for p in inner.split(";")]
    for part in parts:
        leads = _LEADS.match(part)
        partners = _PARTNERS.match(part)
        if leads and Column.LEAD not in values:
            lead = leads.group("lead")
            values[Column.LEAD] = _co_leads(lead) if leads.group("co") else lead
            coop, due = _time_at_end(leads.group("coop"))
            values.update({c: v for c, v in ((Column.COOPERATING, coop), (Column.DUE, due)) if v})
        elif partners and Column.LEAD in values and Column.COOPERATING not in values:
            values[Column.COOPERATING] = partners.group("after") or partners.group("before")
        elif Column.LEAD in values and Column.COOPERATING not in values and (doers := _doers(part)):
            values[Column.COOPERATING] = doers
        elif Column.LEAD in values and Column.DUE not in values and part:
            values[Column.DUE] = part
        elif Column.LEAD not in values and opens_with_body(part) and _names_a_time(parts):
            values[Column.LEAD] = part  # ``(Công an phường; năm 2025)``: who, then when
        else:
            return None
    return (words, values) if Column.LEAD in values else None


# ``(Ban Tuyên giáo và Dân vận chủ trì; các chi bộ, đảng bộ trực thuộc thực hiện; …)``: after
# the lead, the bodies that carry the task out with it are its partners.
_DOERS = re.compile(r"^(?P<who>.{3,200}?)\s+(?:cùng\s+)?(?:tổ chức\s+)?thực hiện$", re.IGNORECASE)


def _doers(part: str) -> str | None:
    doers = _DOERS.match(part)
    return doers.group("who") if doers and opens_with_body(doers.group("who")) else None


def _names_a_time(parts: list[str]) -> bool:
    return len(parts) > 1 and looks_like_time(parts[-1])


def _time_at_end(partners: str | None) -> tuple[str | None, str | None]:
    """``các sở, ngành, năm 2025``: the partners and a time after the last comma."""
    if partners is None:
        return None, None
    head, _, tail = partners.rpartition(", ")
    if head and looks_like_time(tail):
        return head, tail
    return partners, None


def _labelled(text: str) -> tuple[str, dict[Column, str]] | None:
    matches = list(_LABEL.finditer(text))
    if not matches:
        return None
    values: dict[Column, str] = {}
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        value = text[match.end() : following.start() if following else len(text)]
        values.setdefault(_column_of_label(match.group("label")), value.strip(" ;,."))
    return text[: matches[0].start()].strip(), values


_BRACKET = re.compile(r"\s*\((?:giao\s+)?(?P<inner>[^()]{3,300})\)", re.IGNORECASE)


def _bracket_assignment(text: str) -> tuple[str, dict[Column, str]] | None:
    """``Xây dựng nền tảng … (giao Sở Công Thương chủ trì thực hiện), bảo đảm …``: an
    assignment in a bracket inside the sentence, not at its end."""
    for bracket in _BRACKET.finditer(text):
        parts = [p.strip(" ,.") for p in bracket.group("inner").split(";")]
        leads = _LEADS.match(parts[0])
        if leads is None or not opens_with_body(leads.group("lead")):
            continue
        values = {Column.LEAD: leads.group("lead")}
        if leads.group("coop"):
            values[Column.COOPERATING] = leads.group("coop")
        if len(parts) > 1 and looks_like_time(parts[-1]):
            values[Column.DUE] = parts[-1]
        words = text[: bracket.start()] + text[bracket.end() :]
        return " ".join(words.split()), values
    return None


def split_assignment(text: str) -> tuple[str, dict[Column, str]]:
    """The words of a line before its first assignment label, and the labelled values; or
    the words before an assignment in a closing parenthesis, and its values."""
    return _closing_assignment(text) or _labelled(text) or (text, {})


def clean_title(text: str) -> str:
    """A task's words as written: footnote marks dropped, whitespace folded."""
    return without_footnote_marks(text)


def _due(text: str | None, doubts: dict[str, str], *, year: int | None = None) -> Due:
    due = parse_due(text or None, year=year)
    if text and text.strip(" -") and due.kind == "unspecified":
        doubts["due"] = f"Không đọc được thời gian: “{text}”."
    return due


def _agencies(text: str | None, field_name: str, doubts: dict[str, str]) -> list[str]:
    agencies = split_agencies(text)
    written = len((text or "").split())
    if written > 3 and sum(len(a.split()) for a in agencies) < 0.7 * written:
        doubts[field_name] = (
            f"Ô cơ quan có cả câu ngoài tên cơ quan; chỉ giữ tên cơ quan, cần kiểm tra: “{text}”."
        )
    return agencies


# --- from a table -----------------------------------------------------------------------------


def tasks_from_table(table: ReadTable, prefix: str) -> list[Task]:
    """One task per numbered row; ``prefix`` is the appendix's code (``PL2``)."""
    return [
        _task_from_row(row, prefix, table)
        for row in table.rows
        if clean_title(row.cells.get(Column.TITLE, "")) and not _only_names_sub_tasks(table, row)
    ]


def _only_names_sub_tasks(table: ReadTable, row: TableRow) -> bool:
    """``1 | Chuyển đổi số trong y tế`` over ``1.1``, ``1.2`` with nobody and no time of its
    own: a heading of sub-tasks, not a task. (A blank numbered row assigns nothing either.)"""
    assigned = any(row.cells.get(c) for c in (Column.LEAD, Column.COOPERATING, Column.DUE))
    return table.has_sub_rows(row) and not assigned


_INSPECTION_ACT = re.compile(r"^(kiểm tra|giám sát|khảo sát)\b[^,;.]{0,40}$", re.IGNORECASE)
_ROLE_WORD = re.compile(r"\(?\b(chủ trì|phối hợp)\b\)?", re.IGNORECASE)
_WORKS_WITH = re.compile(
    r"^(?P<lead>.+?)\s+phối hợp(?:\s+với|\s+cùng)?\s+(?P<coop>.+)$", re.IGNORECASE
)
_WITH = re.compile(r"\bphối hợp\s+(?:với|cùng)\s", re.IGNORECASE)
_LEAD_THEN_PARTNERS = re.compile(
    r"^(?P<lead>.+?)\s*\(?chủ trì\)?\s*[,;]?\s*(?:phối hợp(?: với)?\s+)?(?P<coop>.*)$",
    re.IGNORECASE,
)
# ``…; Tòa án nhân dân cấp tỉnh thực hiện``, ``…, Sở Tài chính cùng tham gia``: the partners'
# own verb after their names.
_PARTNERS_VERB = re.compile(r"\s+(?:cùng\s+)?(?:thực hiện|tham gia|phối hợp)\s*$", re.IGNORECASE)


def split_roles(cell: str) -> tuple[str, str | None]:
    """One ``Cơ quan thực hiện`` cell that names both roles, as lead and cooperating text:
    ``Chủ trì: Sở Nội vụ; phối hợp: các sở``, ``Sở Nội vụ (chủ trì); các sở (phối hợp)``,
    ``Sở Nội vụ chủ trì, phối hợp với các sở``. A cell without those words is all lead."""
    if not _ROLE_WORD.search(cell):
        return cell, None
    before, labelled = split_assignment(cell)
    if labelled:
        return labelled.get(Column.LEAD, before), labelled.get(Column.COOPERATING)
    parts = [p.strip() for p in cell.split(";") if p.strip()]
    if len(parts) > 1 and any("phối hợp" in p.lower() for p in parts):
        lead = [_ROLE_WORD.sub("", p).strip() for p in parts if "phối hợp" not in p.lower()]
        coop = [_ROLE_WORD.sub("", p).strip() for p in parts if "phối hợp" in p.lower()]
        return "; ".join(lead), "; ".join(coop)
    match = _LEAD_THEN_PARTNERS.match(cell)
    if match and opens_with_body(match.group("lead")):
        # Whatever bodies the lead's role is followed by work with it (``A (chủ trì), B, C``,
        # ``A chủ trì; B, C thực hiện``); words that name none are the lead's work.
        partners = _PARTNERS_VERB.sub("", match.group("coop").strip(" ,;."))
        return match.group("lead"), partners if partners and opens_with_body(partners) else None
    # ``Cấp ủy phối hợp Thủ trưởng đơn vị``: a body, the verb, the bodies it works with.
    match = _WORKS_WITH.match(cell)
    # "phối hợp với / cùng" names a partner, whoever it is (``doanh nghiệp viễn thông``); a
    # bare "phối hợp" only when a body follows it.
    partner = match and (_WITH.search(cell) or opens_with_body(match.group("coop")))
    if match and partner and opens_with_body(match.group("lead")):
        return match.group("lead"), match.group("coop")
    return cell, None


def _group_body(row: TableRow) -> str:
    """``I | CÔNG AN TỈNH`` over rows that name no lead: a table that lists the tasks of each
    body under a group row naming it; the body leads them."""
    if row.group is None or row.number == row.group.code:
        return ""
    named = assignee_of(row.group.title)
    return named[0] if named and not named[1] else ""


def _task_from_row(row: TableRow, prefix: str, table: ReadTable) -> Task:
    doubts = dict(row.doubts)
    cells = row.cells
    own = row.group is not None and row.number == row.group.code
    in_group = table.numbers_restart and row.group is not None and not own
    number = f"{row.group.code}.{row.number}" if in_group and row.group else row.number
    lead, partners = split_roles(cells.get(Column.LEAD, "") or _group_body(row))
    title = clean_title(cells.get(Column.TITLE, ""))
    output = clean_title(cells.get(Column.OUTPUT, ""))
    if table.title_prefix:
        # A schedule's ``Hình thức`` column (``Kiểm tra``, ``Giám sát chuyên đề``) says each
        # row's own act, in place of the one its header names for all; it is no product.
        act = output if _INSPECTION_ACT.match(output) else table.title_prefix
        output = "" if act == output else output
        title = f"{act} {title}"
    return Task(
        code=f"{prefix}.{number}" if prefix else number,
        group=row.group.code if row.group else None,
        title=title,
        lead=_agencies(lead, "lead", doubts),
        cooperating=_agencies(cells.get(Column.COOPERATING) or partners, "cooperating", doubts),
        expected_output=output or None,
        due=_due(cells.get(Column.DUE), doubts, year=table.due_year),
        doubts=doubts,
    )


# --- from the narrative ---------------------------------------------------------------------


@dataclass
class Item:
    """A task item of the narrative: its own words and its assignment, with the assignee its
    heading gives when its own lines name none."""

    section: Section
    words: list[str]
    assignment: dict[Column, str]
    assignee: str | None = None

    @property
    def section_texts(self) -> list[str]:
        return [self.section.title, *self.section.paragraphs]


# ``1. Về hạ tầng số: Giao Sở Khoa học và Công nghệ chủ trì …``: the field a letter's item is
# about, before the colon, then the sentence that gives it.
_TOPIC = re.compile(r"^(?P<topic>(?:về|đối với)\s[^:;]{2,80}):\s*(?P<rest>\S.*)$", re.IGNORECASE)


def read_line(text: str) -> tuple[str, dict[Column, str]]:
    """A line's own words and what it assigns: labels and closing brackets
    (:func:`split_assignment`), a body before a colon or in front of the verb, partners
    before the verb, and a time after the last ``;``; after the field an item is about
    (``Về dữ liệu: Giao Sở Nội vụ chủ trì …``), the same."""
    if (topic := _TOPIC.match(text)) is not None:
        words, values = _read_sentence(topic.group("rest"))
        if Column.LEAD in values:
            return f"{topic.group('topic')}: {words[:1].lower()}{words[1:]}", values
    return _read_sentence(text)


def _read_sentence(text: str) -> tuple[str, dict[Column, str]]:
    words, values = split_assignment(text)
    if Column.LEAD not in values and (inside := _bracket_assignment(words)):
        words, found = inside
        values = {**found, **values}
    if Column.LEAD not in values and (given := given_sentence(words)):
        words, found, after = given
        values = {**found, **values}
        if Column.DUE not in values and (closing := time_at_end(after)):
            values[Column.DUE] = closing[1]
    if Column.LEAD not in values:
        if colon := body_before_colon(words):
            values[Column.LEAD], words = colon
        elif front := lead_in_front(words) or lead_asked(words) or lead_as_subject(words):
            found, words = front
            values = {**found, **values}
    if Column.DUE not in values and (opening := time_before_colon(words)):
        values[Column.DUE], words = opening
    if Column.DUE not in values and (closing := time_at_end(words)):
        words, values[Column.DUE] = closing
    if Column.COOPERATING not in values:
        partners, words = partners_in_words(words)
        if partners := partners or partners_last(words):
            values[Column.COOPERATING] = partners
    return words, values


def read_item(section: Section, assignee: str | None = None) -> Item:
    words: list[str] = []
    assignment: dict[Column, str] = {}
    for text in [section.title, *section.paragraphs]:
        before, values = read_line(text)
        if before:
            words.append(before)
        for column, value in values.items():
            assignment.setdefault(column, value)
    return Item(section, words, assignment, assignee)


def is_assigned(section: Section) -> bool:
    """Whether a numbered item carries its own assignment lines (then it is a task even
    without lettered items under it)."""
    return any(
        split_assignment(text)[1] or given_sentence(text)
        for text in [section.title, *section.paragraphs]
    )


def lone_task(section: Section) -> bool:
    """Whether a numbered item with nothing under it is one task of the body its sentence
    opens with or asks (``4. Văn phòng Sở theo dõi, đôn đốc …, báo cáo Giám đốc Sở trước
    ngày 05 hằng tháng.``, ``3. Giao Văn phòng UBND tỉnh theo dõi, đôn đốc …``): among
    headings that give their items to a body, it is a task, not a group of them. (``2. Sở
    Tài chính: bố trí …`` names its body before a colon: a heading's own reading.)"""
    title = section.title
    return (
        not section.items
        and ":" not in title
        and (lead_as_subject(title) or lead_asked(title)) is not None
    )


def is_one_task(section: Section) -> bool:
    """Whether a numbered item of the tasks part is one task rather than a group of them: it
    carries its own assignment lines, or it is a line with nothing under it; not a heading
    that gives its bullets to a body (:func:`bullets_given_by_heading`), nor one whose
    bullets each assign a task of their own (:func:`assigned_bullets`): that is a group."""
    return (
        not section.children
        and not bullets_given_by_heading(section)
        and not assigned_bullets(section)
        and (
            is_assigned(section)
            or lone_task(section)
            or (not section.items and section.role is Role.TASKS)
        )
    )


def bullets_given_by_heading(section: Section) -> list[Item]:
    """``1. Nhóm trụ cột thể chế (Sở Tư pháp chủ trì, phối hợp với các sở, ngành)`` over
    bullets that each end with a time of their own (``- Rà soát …; hoàn thành Quý II/2026.``):
    the heading names who does all of them, and each bullet is a task. A heading that gives
    its own time is one task, and its bullets say what it holds."""
    _, given = split_assignment(section.title)
    bullets = [BULLET.sub("", text) for text in section.paragraphs if BULLET.match(text)]
    if section.children or Column.LEAD not in given or Column.DUE in given or not bullets:
        return []
    if not all(time_at_end(text) for text in bullets):
        return []
    items = _bullet_items(section, bullets, given[Column.LEAD])
    if partners := given.get(Column.COOPERATING):
        for item in items:
            item.assignment.setdefault(Column.COOPERATING, partners)
    return items


def task_from_item(item: Item, group: str | None) -> Task:
    doubts: dict[str, str] = {}
    lead, partners = split_roles(item.assignment.get(Column.LEAD) or item.assignee or "")
    cooperating = item.assignment.get(Column.COOPERATING) or partners
    title = clean_title(" ".join(item.words))
    # A plan organised by agency, or one that names the assignee in a sentence, gives each
    # task a time at the end of its words, with no label (``… xếp loại cơ quan hằng năm.``);
    # elsewhere such words belong to the sentence.
    given = (
        item.assignee
        or assignee_of(item.section.title)  # ``1. Bộ Tài chính: bố trí … năm 2027.``
        or given_sentence(" ".join(item.section_texts))
        or lone_task(item.section)  # ``3. Giao Văn phòng … báo cáo trước ngày 25 hằng tháng.``
    )
    due = item.assignment.get(Column.DUE) or (time_in_words(title) if given else None)
    return Task(
        code=item.section.code,
        group=group,
        title=title,
        lead=_agencies(lead, "lead", doubts),
        cooperating=_agencies(cooperating, "cooperating", doubts),
        expected_output=item.assignment.get(Column.OUTPUT) or None,
        due=_due(due, doubts),
        doubts=doubts,
    )


def task_from_paragraph(text: str, code: str, group: str | None) -> Task:
    """A paragraph of prose that the coordinator made a task of, read as a bullet is: who
    leads it, who helps and when, guessed from its words (``… Sở Tài chính chủ trì; năm
    2026.``); a time that closes its words is its time, as it is for an agency's lines."""
    task = task_from_item(read_item(Section("paragraph", code, text, code, Role.TASKS)), group)
    if task.due.kind == "unspecified" and (closing := time_in_words(task.title)):
        task.due = _due(closing, task.doubts)
    return task


BULLET = re.compile(r"^[-+•*–]\s*(?=\S)")


def _bullet_items(section: Section, texts: list[str], assignee: str | None) -> list[Item]:
    return [
        read_item(Section("bullet", str(n), text, f"{section.code}.{n}", section.role), assignee)
        for n, text in enumerate(texts, start=1)
    ]


def assigned_bullets(section: Section, assignee: str | None = None) -> list[Item]:
    """The ``-`` bullets of a heading that each assign a task of their own (``- Triển khai …
    (Sở Tài chính chủ trì, phối hợp với …; năm 2025).``), as items coded after the heading
    (``III.2.1``). A bullet with no assignment explains its heading; it is not a task. A
    notice's bullets that each open with the body they address (``- Vụ Giáo dục Đại học: chủ
    trì xây dựng …``, ``- Cục Kế hoạch - Tài chính: tổng hợp …``, ``- Công an xã tích cực rà
    soát …``) each assign one too."""
    bullets = [BULLET.sub("", text) for text in section.paragraphs if BULLET.match(text)]
    if bullets and all(body_before_colon(text) or lead_as_subject(text) for text in bullets):
        return _bullet_items(section, bullets, assignee)
    if not bullets or not all(split_assignment(text)[1] for text in bullets):
        return []
    if not any(split_assignment(text)[0] for text in bullets):
        return []  # ``- Đơn vị thực hiện: …``, ``- Thời hạn: …``: the heading's own lines
    return _bullet_items(section, bullets, assignee)


def _assignees_tasks(section: Section, assignee: str) -> list[Item]:
    """Under a heading that names the assignee, every line is one of its tasks (bullets or
    not); a heading with nothing under it but words after its colon is one task itself."""
    bullets = [BULLET.sub("", t) for t in section.paragraphs if BULLET.match(t)]
    # Where the tasks are bullets, a plain line is the letter's closing words, not a task.
    lines = bullets or list(section.paragraphs)
    if lines:
        return _bullet_items(section, lines, assignee)
    rest = assignee_of(section.title)
    if rest and rest[1]:
        item = read_item(section, assignee)
        item.words = [read_line(rest[1])[0]]
        return [item]
    return []


def _given_to_all(children: list[Section]) -> tuple[list[Section], dict[Column, str]]:
    """``a) …``, ``b) …`` then ``Giao Sở Y tế chủ trì, phối hợp với … thực hiện các nội dung
    trên; thời gian: năm 2026.``: a sentence after the last lettered item that opens with
    ``Giao`` gives all of them (each keeps what it says itself); it is no part of the last."""
    letters = [c for c in children if c.kind == "letter"]
    last = letters[-1] if len(letters) > 1 else None
    if last is None or not last.items or not isinstance(gift := last.items[-1], Paragraph):
        return children, {}
    if not _GIVEN.match(gift.text) or Column.LEAD not in (values := read_line(gift.text)[1]):
        return children, {}
    trimmed = replace(last, items=last.items[:-1])
    return [trimmed if c is last else c for c in children], values


def task_items(group: Section, assignee: str | None = None) -> list[Item]:
    """The items of a group that are tasks, in document order, each with the assignee its
    nearest heading names (``1. Sở Y tế:``, ``a) Tổ đảng ở …:``): its lettered items, its
    numbered sub-items that carry assignment lines, the bullets of a heading that names an
    assignee or that each carry an assignment; sub-groups are walked."""
    named = assignee_of(group.title) if group.kind not in ("document", "appendix") else None
    if named:
        assignee = named[0]
    children, for_all = _given_to_all(group.children)
    out: list[Item] = []
    # ``1. Các tổ chức đảng trực thuộc Tỉnh ủy`` over ``a) Đảng ủy Ủy ban nhân dân tỉnh`` and
    # its bullets: the heading names a kind of body, and a lettered task beside those
    # headings is its own subject's (``c) Tổ đảng ở Thường trực … lãnh đạo …``).
    kinds = any(assignee_of(c.title) and c.items for c in group.children)
    for child in children:
        if child.kind == "letter" and not (assignee_of(child.title) and child.items):
            subject = subject_of(child.title) if kinds else None
            item = read_item(child, subject or assignee)
            for column, value in for_all.items():
                item.assignment.setdefault(column, value)
            out.append(item)
        elif not assignee_of(child.title) and (bullets := assigned_bullets(child, assignee)):
            out.extend(bullets)
        elif given := bullets_given_by_heading(child):
            out.extend(given)
        elif is_one_task(child) or (named and _line_alone(child)):
            # ``I. SỞ NỘI VỤ`` over ``1. Hoàn thành số hóa hồ sơ …; tháng 11/2026.``: under a
            # heading that names a body, a numbered line alone is one of its tasks.
            out.append(read_item(child, assignee))
        else:
            out.extend(task_items(child, assignee))
    return out or _own_tasks(group, assignee, named)


def _line_alone(section: Section) -> bool:
    """A numbered or lettered line with nothing under it that names no body of its own."""
    return (
        section.kind in ("arabic", "letter")
        and not section.items
        and assignee_of(section.title) is None
    )


def _own_tasks(group: Section, assignee: str | None, named: tuple[str, str] | None) -> list[Item]:
    """The tasks of a group with no item of its own that is one: the bullets its heading
    gives, its assignee's lines, its bullets that each assign, or the group itself."""
    if given := bullets_given_by_heading(group):
        return given
    if named:
        return _assignees_tasks(group, assignee or named[0])
    if bullets := assigned_bullets(group, assignee):
        return bullets
    if group.kind != "document" and is_one_task(group):
        # ``4. Sở Nội vụ chủ trì tham mưu …; tháng 5/2026.`` among groups that give their
        # bullets to a body: a group heading heads something, so a line alone is a task.
        return [read_item(group, assignee)]
    return []
