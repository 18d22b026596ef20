"""From a document as read to its Plan: tables rebuilt, structure found, then metadata,
groups, tasks and indicators, each by a module of its own.

Where a plan has an appendix table of tasks (``DANH MỤC CÁC NHIỆM VỤ``), its rows are the
tasks and its group rows the groups; the narrative that restates them is not repeated.
Otherwise tasks are the items of the tasks-and-solutions part. Likewise an indicator table,
when there is one, is the list of indicators; else each target figure of the text is one.
"""

from __future__ import annotations

from theodoi.ingest.blocks import Paragraph, SourceText
from theodoi.ingest.extract.context import (
    date_in_own_year,
    doubt_early_deadlines,
    period_end,
)
from theodoi.ingest.extract.groups import (
    announced_items,
    group_of,
    shared_deadline,
    task_groups,
    tasks_in_assignments,
)
from theodoi.ingest.extract.indicators import (
    indicators_from_prose,
    indicators_from_table,
    year_of_table,
)
from theodoi.ingest.extract.metadata import read_metadata
from theodoi.ingest.extract.records import ReadTable, read_table
from theodoi.ingest.extract.tasks import (
    assigned_bullets,
    lone_task,
    read_item,
    task_from_item,
    task_items,
    tasks_from_table,
)
from theodoi.ingest.fields.times import parse_due
from theodoi.ingest.plan import DocumentInfo, Group, Indicator, Plan, Task
from theodoi.ingest.roles import NO_TARGETS, NOT_TASKS, Role
from theodoi.ingest.segment import Section, segment
from theodoi.ingest.tables import Column, rebuild_flattened_tables

NO_TASKS_NOTE = (
    "Không tìm thấy nhiệm vụ được đánh số (a, b, c … hoặc bảng danh mục nhiệm vụ); "
    "nhiệm vụ viết thành đoạn văn không được liệt kê."
)


def _tables(root: Section, warnings: list[str]) -> list[tuple[Section, ReadTable]]:
    """Every plan table with the section that holds it (its appendix, usually); a table of
    several rows whose columns cannot be told is reported, not guessed at."""
    out: list[tuple[Section, ReadTable]] = []
    count = 0
    for section in root.walk():
        for table in section.tables:
            count += 1
            read = read_table(table)
            if read is not None and read.rows:
                # A table of past results or of reporting dates is not the plan's list.
                excluded = NOT_TASKS if read.kind == "tasks" else NO_TARGETS
                if section.role not in excluded:
                    out.append((section, read))
            elif read is None and len(table.rows) > 2:
                where = f" ({section.code})" if section.code else ""
                warnings.append(
                    f"Bảng thứ {count}{where} không có dòng tiêu đề cột nhận ra được (TT, "
                    "Tên nhiệm vụ, Cơ quan chủ trì, Chỉ tiêu …); bảng này không được đọc."
                )
    return out


def _from_tables(tables: list[tuple[Section, ReadTable]]) -> tuple[list[Group], list[Task]]:
    groups: list[Group] = []
    tasks: list[Task] = []
    for section, read in tables:
        table = read.only("tasks")
        if not table.rows:
            continue
        prefix = section.code if section.kind == "appendix" else ""
        if prefix and {g.code for g in table.groups} & {g.code for g in groups}:
            # A second table of tasks numbers its groups I, II … again: keep them apart.
            for group in table.groups:
                group.code = f"{prefix}.{group.code}"
        groups += [Group(code=g.code, title=g.title) for g in table.groups]
        tasks += tasks_from_table(table, prefix)
    return groups, tasks


def _from_announced(assignee: str | None, items: list[Section]) -> tuple[list[Group], list[Task]]:
    """An official letter's items: each is a task, or, where it heads lettered items
    (``1. Đối với các bộ, ngành:`` over ``a)``, ``b)``, or ``2. Nhiệm vụ thời gian tới`` over
    bullets that each name their body), a group of the tasks under it, given to the body its
    heading names."""
    groups: list[Group] = []
    tasks: list[Task] = []
    for section in items:
        if any(child.kind == "letter" for child in section.children) or assigned_bullets(section):
            group = group_of(section)
            groups.append(group)
            tasks += [task_from_item(item, group.code) for item in task_items(section, assignee)]
            continue
        item = read_item(section, assignee)
        # Each item is given to the body it names: its time closes its words.
        item.assignee = item.assignee or item.assignment.get(Column.LEAD)
        tasks.append(task_from_item(item, None))
    return groups, tasks


def _from_items(root: Section) -> tuple[list[Group], list[Task]]:
    groups: list[Group] = []
    tasks: list[Task] = []
    announced = announced_items(root)
    if announced and {g.code for g in task_groups(root)} <= {i.code for i in announced[1]}:
        groups, tasks = _from_announced(*announced)
        if deadline := shared_deadline(root, announced[1]):
            for task in tasks:
                if task.due.kind == "unspecified" and task.due.text is None:
                    task.due = parse_due(deadline)
        return groups, tasks
    for section in task_groups(root):
        if not section.code:
            # A part without a number (``NHIỆM VỤ, GIẢI PHÁP``) whose items are the tasks:
            # there are no groups to put them in.
            tasks += [task_from_item(item, None) for item in task_items(section)]
            continue
        if lone_task(section):
            # A task among the groups, given to the body its sentence opens with: its time
            # closes its words, as a letter's item's does.
            item = read_item(section)
            item.assignee = item.assignment.get(Column.LEAD)
            tasks.append(task_from_item(item, None))
            continue
        group = group_of(section)
        groups.append(group)
        tasks += [task_from_item(item, group.code) for item in task_items(section)]
    return groups, tasks


def _reads_like_a_plan(root: Section, document: DocumentInfo, tasks: list[Task]) -> bool:
    """Figures in prose are targets only in a plan (or a summary of one): a news story's
    rainfall or a letter's order date is not a target."""
    return (
        bool(tasks)
        or document.kind != "khac"
        or any(s.role in (Role.OBJECTIVES, Role.TASKS) for s in root.walk())
    )


def extract_source(source: SourceText) -> Plan:
    """The Plan of a document as a reader produced it."""
    blocks = rebuild_flattened_tables(source.blocks)
    segmented = segment(blocks)
    root = segmented.root
    tasks_in_assignments(root)
    all_text = "\n".join(
        b.text if isinstance(b, Paragraph) else "\n".join(" | ".join(r) for r in b.rows)
        for b in blocks
    )
    warnings = list(source.warnings)
    tables = _tables(root, warnings)
    groups, tasks = _from_tables(tables)
    if not tasks:
        groups, tasks = _from_items(root)
    indicators: list[Indicator] = [
        indicator
        for section, table in tables
        for indicator in indicators_from_table(table.only("indicators"), year_of_table(section))
    ]
    document = read_metadata(segmented, all_text)
    if not indicators and _reads_like_a_plan(root, document, tasks):
        leads = {task.code: task.lead for task in tasks}
        indicators = indicators_from_prose(root, leads)
    date_in_own_year(tasks, document.title)
    doubt_early_deadlines(tasks, document.issued_on)
    own_period = period_end(document.title)
    for indicator in indicators:
        if indicator.year is None and own_period is not None:
            indicator.year = own_period
    plan = Plan(
        document=document,
        groups=groups,
        tasks=tasks,
        indicators=indicators,
        warnings=warnings,
    )
    if not tasks:
        plan.notes = NO_TASKS_NOTE
    if not source.blocks:
        plan.warnings.append("Văn bản trống: không có nội dung để trích xuất.")
    elif not (tasks or indicators or groups) and plan.document.kind == "khac":
        plan.warnings.append(
            "Văn bản không giống một kế hoạch: không thấy nhiệm vụ, chỉ tiêu hay nhóm nhiệm vụ."
        )
    return plan
