"""Where a plan's tasks are: its tasks-and-solutions part and the groups in it.

The part is the first heading named for tasks (``II. NHIỆM VỤ, GIẢI PHÁP``, ``3. Nhiệm vụ và
giải pháp chủ yếu``) that is not inside another such part. A summary without such a heading
announces its groups in a sentence (``… 07 nhóm nhiệm vụ, cụ thể:``) and numbers them right
after. Each heading directly under the part is a group (``nhóm nhiệm vụ, giải pháp``).
"""

from __future__ import annotations

import re

from theodoi.ingest.blocks import Paragraph
from theodoi.ingest.extract.assignees import (
    addressee_of,
    announced_assignee,
    assignee_of,
    time_at_end,
)
from theodoi.ingest.extract.tasks import (
    BULLET,
    assigned_bullets,
    is_assigned,
    is_one_task,
    lone_task,
    read_item,
    split_assignment,
)
from theodoi.ingest.plan import Group
from theodoi.ingest.roles import NOT_TASKS, Role, role_of
from theodoi.ingest.segment import Section
from theodoi.ingest.tables import Column
from theodoi.ingest.textnorm import fold_normalized

_ANNOUNCES = ("nhiệm vụ", "giải pháp")


def _tasks_part(section: Section) -> Section | None:
    for child in section.children:
        if child.role is Role.TASKS:
            return child
        if child.role in NOT_TASKS:
            continue
        found = _tasks_part(child)
        if found is not None:
            return found
    return None


def _announced_groups(section: Section) -> list[Section]:
    """Headings that follow a sentence announcing the groups (``… nhóm nhiệm vụ, cụ thể:``)."""
    announced = False
    out: list[Section] = []
    for item in section.items:
        if isinstance(item, Section):
            if announced and item.kind in ("roman", "arabic") and item.role not in NOT_TASKS:
                out.append(item)
            elif out:
                break
            else:
                found = _announced_groups(item) if item.role not in NOT_TASKS else []
                if found:
                    return found
        elif isinstance(item, Paragraph):
            key = fold_normalized(item.text)
            if (key.endswith(":") and any(word in key for word in _ANNOUNCES)) or (
                item.text == item.text.upper() and role_of(item.text) is Role.TASKS
            ):
                # ``… 07 nhóm nhiệm vụ, cụ thể:`` or an unnumbered ``NHIỆM VỤ, GIẢI PHÁP``
                announced = True
            elif out:
                break
    return out


def _assigned_parents(section: Section) -> list[Section]:
    """Sections holding items that assign a task (``Cơ quan chủ trì:`` lines, or a line that
    opens with the body it asks: ``1. Giao Công an xã chủ trì …``), outside the parts that
    hold no tasks: where a plan or a notice names its tasks part in words of its own (``II.
    KẾT LUẬN CỦA CHỦ TỊCH …``)."""
    out: list[Section] = []
    for child in section.children:
        if child.role in NOT_TASKS:
            continue
        if child.kind in ("letter", "arabic") and (is_assigned(child) or lone_task(child)):
            if section not in out:
                out.append(section)
        else:
            out += [s for s in _assigned_parents(child) if s not in out]
    return out


def _assigning_bullets(section: Section) -> list[Section]:
    """Parts, outside those that hold no tasks, whose ``-`` bullets each name who leads
    them (an inspection's schedule: ``- Tháng 5/2026: giám sát Chi bộ … (Ủy ban Kiểm tra
    chủ trì).``)."""
    out: list[Section] = []
    for child in section.children:
        if child.role in NOT_TASKS:
            continue
        if child.kind == "roman" and not child.children and assigned_bullets(child):
            out.append(child)
        else:
            out += _assigning_bullets(child)
    return out


def _assignees(section: Section) -> list[Section]:
    """Headings that name the body they give tasks to (``1. Giao Sở Y tế:``), outside the
    parts that hold no tasks: an official letter's or a decision's tasks, by agency; with
    the items beside them that are each one task of the body they open with."""
    out: list[Section] = []
    lone: list[Section] = []
    for child in section.children:
        if child.role in NOT_TASKS:
            continue
        named = assignee_of(child.title)
        if named and (child.items or named[1]):
            out.append(child)
        elif lone_task(child):
            out.append(child)
            lone.append(child)
        else:
            out += _assignees(child)
    # A lone line among other kinds of item is a task only beside a body's heading or
    # another such line (``1. … ghi nhận …`` then ``2. Giao Ban cán sự đảng … lãnh đạo …``,
    # ``3. Đảng đoàn … lãnh đạo …``).
    return out if len(out) > len(lone) or len(lone) > 1 else []


def _without_closing(item: Section) -> Section:
    """The item without the plain lines a letter closes with after its last item (``Trong
    quá trình thực hiện, nếu có vướng mắc …``, ``Trân trọng./.``); its bullets stay, and so
    do its own labelled lines (``Thời gian hoàn thành: trước ngày 31/12/2026.``)."""
    kept = [
        b
        for b in item.items
        if not isinstance(b, Paragraph) or b.text[:1] in "-+•*" or _labels_only(b.text)
    ]
    return Section(item.kind, item.label, item.title, item.code, item.role, kept)


def _labels_only(text: str) -> bool:
    """``Thời gian: …``, ``Cơ quan phối hợp: …``: a line that is its labels and nothing else."""
    words, values = split_assignment(text)
    return bool(values) and not words


def announced_items(root: Section) -> tuple[str | None, list[Section]] | None:
    """An official letter's numbered items after the sentence that names who is to do them
    (``… đề nghị Ủy ban nhân dân các tỉnh, thành phố chỉ đạo thực hiện các nội dung sau:``),
    with that body; or, in a letter that conveys instructions to several bodies (``Thủ tướng
    Chính phủ có ý kiến như sau:``), items that each name the body they address (``2. Bộ Y
    tế khẩn trương …``, ``3. Giao Bộ Công an chủ trì …``), with no body for all. None when
    the text has neither. A letter that writes its items as ``-`` bullets after the
    sentence has them as items too, numbered in order."""
    assignee: str | None = None
    addressee: str | None = None  # ``Kính gửi: Sở …``: whom ``Quý Sở`` means
    items: list[Section] = []
    bullets = False
    for item in root.items:
        if isinstance(item, Paragraph):
            if assignee and (not items or bullets) and (mark := BULLET.match(item.text)):
                bullets = True
                label = str(len(items) + 1)
                items.append(Section("bullet", label, item.text[mark.end() :], label))
                continue
            if items:
                break
            addressee = addressee or addressee_of(item.text)
            assignee = announced_assignee(item.text, addressee) or assignee
        elif (
            isinstance(item, Section)
            and item.kind in ("arabic", "letter")
            and item.role not in NOT_TASKS
        ):
            items.append(_without_closing(item))
        elif items:
            break
    if items and (assignee or all(Column.LEAD in read_item(i).assignment for i in items)):
        return assignee, items
    return None


def _assigns_by_body(part: Section) -> bool:
    """A part that opens with ``Phân công`` and gives each body its tasks under a heading
    naming it (``1. Văn phòng Sở``, ``2. Phòng Giáo dục phổ thông``)."""
    bodies = part.children
    return (
        part.kind == "roman"
        and fold_normalized(part.title).startswith("phân công")
        and bool(bodies)
        and all(assignee_of(b.title) and b.items for b in bodies)
    )


def tasks_in_assignments(root: Section) -> None:
    """A plan with no part named for tasks whose ``PHÂN CÔNG THỰC HIỆN`` part lists the
    bodies with their tasks under each has its tasks there (the part reads as the plan's
    tasks part; ``phân công`` opens ``Tổ chức thực hiện`` arrangements only where the plan
    has its tasks elsewhere, unless each body's every line there closes with a time of its
    own: then they are tasks too). The part and what inherits its role are re-read as
    tasks."""
    elsewhere = any(s.role is Role.TASKS for s in root.walk())
    for part in root.children:
        if (
            part.role is Role.ORGANISATION
            and _assigns_by_body(part)
            and (not elsewhere or _each_line_timed(part))
        ):
            for section in part.walk():
                if section is part or role_of(section.title) is None:
                    section.role = Role.TASKS


def _each_line_timed(part: Section) -> bool:
    """Whether every body's lines under ``part`` each close with a time (``…; trước ngày
    15/4/2026.``): tasks, not the standing duties of ``Tổ chức thực hiện``."""
    lines = [text for body in part.children for text in body.paragraphs]
    return bool(lines) and all(time_at_end(BULLET.sub("", text)) for text in lines)


def task_groups(root: Section) -> list[Section]:
    """The group headings of the tasks part, in document order."""
    part = _tasks_part(root)
    if part is not None:
        groups = [c for c in part.children if c.kind != "letter"]
        # A part whose items are lettered straight under it, or whose numbered items are
        # each a task (with its own assignment lines, or a line with nothing under it: a
        # group heading always heads something), has no groups but itself.
        if all(is_one_task(g) for g in groups):
            groups = [part]
        # A ``PHÂN CÔNG THỰC HIỆN`` part after it, read as tasks, adds its bodies.
        return groups + [
            body
            for later in root.children
            if later is not part and later.role is Role.TASKS and _assigns_by_body(later)
            for body in later.children
        ]
    return (
        _announced_groups(root)
        or _parents_and_lone_tasks(root)
        or _assignees(root)
        or _assigning_bullets(root)
    )


def _parents_and_lone_tasks(root: Section) -> list[Section]:
    """The sections whose items assign tasks, and beside them, in document order, the lines
    of the document's own list that are each one task (``2. Đề nghị Ủy ban nhân dân tỉnh chỉ
    đạo:`` over ``a) Sở … rà soát …``, then ``3. Đề nghị Ban Kinh tế - Ngân sách theo dõi
    …``)."""
    parents = _assigned_parents(root)
    groups = [s for s in parents if s.kind != "document"]
    if not groups or root not in parents:
        return groups
    lone = [c for c in root.children if c.kind in ("letter", "arabic") and lone_task(c)]
    order = {id(s): k for k, s in enumerate(root.walk())}
    return sorted(groups + lone, key=lambda s: order[id(s)])


def group_of(section: Section) -> Group:
    return Group(code=section.code, title=" ".join(section.title.split()).rstrip(" ."))


# ``Báo cáo của các Bộ đề nghị gửi về Ủy ban trước ngày 15/5/2026 để tổng hợp.``: the deadline
# a letter sets, after its items, for all that it asks.
_SHARED_DEADLINE = re.compile(
    r"\b(?:gửi|báo cáo)\b.*?\b(?P<due>(?:trước|chậm nhất(?: là)?|không muộn hơn)\s+ngày\s+"
    r"\d{1,2}(?:/\d{1,2}/\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))",
    re.IGNORECASE,
)


def shared_deadline(root: Section, items: list[Section]) -> str | None:
    """The deadline the closing sentence after a letter's last item sets for all it asks
    (``… gửi về Ủy ban … trước ngày 15/5/2026 …``), or None. The sentence is a plain line
    under the last item or the paragraph after it."""
    closing: list[str] = []
    for k, item in enumerate(root.items):
        if isinstance(item, Section) and items and item.code == items[-1].code:
            closing = [text for text in item.paragraphs if text[:1] not in "-+•*"]
            following = root.items[k + 1] if k + 1 < len(root.items) else None
            if isinstance(following, Paragraph):
                closing.append(following.text)
            break
    for text in closing:
        if match := _SHARED_DEADLINE.search(text):
            return match.group("due")
    return None
