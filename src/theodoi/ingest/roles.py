"""What a part of a plan is for, judged from its whole heading: where tasks and targets are,
and where they are not.

A heading often names several things at once (``QUAN ĐIỂM, MỤC TIÊU, YÊU CẦU``, ``NHIỆM VỤ
VÀ PHÂN CÔNG THỰC HIỆN``, ``MỤC TIÊU, CHỈ TIÊU VÀ NHIỆM VỤ, GIẢI PHÁP``), so every role word
in it counts, not the first one: a part that states views, targets and requirements holds the
targets; a part that assigns tasks (``PHÂN CÔNG NHIỆM VỤ``) holds tasks even though
``phân công`` also opens the arrangements of ``Tổ chức thực hiện``; a part that holds both
targets and tasks leaves it to its sub-parts. A sub-part's own heading always wins over the
role it would inherit.
"""

from __future__ import annotations

import re
from enum import Enum

from theodoi.ingest.textnorm import fold_normalized


class Role(Enum):
    PURPOSE = "purpose"  # Mục đích, yêu cầu
    VIEWS = "views"  # Quan điểm
    SITUATION = "situation"  # Tình hình, kết quả đạt được: past figures, not targets
    OBJECTIVES = "objectives"  # Mục tiêu, chỉ tiêu
    TASKS = "tasks"  # Nhiệm vụ, giải pháp; phân công nhiệm vụ
    ORGANISATION = "organisation"  # Tổ chức thực hiện
    FUNDING = "funding"  # Kinh phí
    CRITERIA = "criteria"  # Nội dung kiểm tra, giám sát: what an inspection looks at


NOT_TASKS = frozenset(
    {
        Role.PURPOSE,
        Role.VIEWS,
        Role.SITUATION,
        Role.OBJECTIVES,
        Role.ORGANISATION,
        Role.FUNDING,
        Role.CRITERIA,
    }
)
# Parts whose figures are not targets: the situation so far, purposes, arrangements, money,
# what an inspection checks.
NO_TARGETS = NOT_TASKS - {Role.OBJECTIVES}

# Headings that say at their start what the whole part is, whatever else they name.
_OPENING: list[tuple[re.Pattern[str], Role]] = [
    (re.compile(r"^(nội dung|tiêu chí) (kiểm tra|giám sát|đánh giá)"), Role.CRITERIA),
    (re.compile(r"^phân công (nhiệm vụ|thực hiện nhiệm vụ)"), Role.TASKS),
    (
        re.compile(r"^(tổ chức thực hiện|trách nhiệm (thực hiện|của)|phân công|chế độ báo cáo)"),
        Role.ORGANISATION,
    ),
    (re.compile(r"^(kinh phí|nguồn kinh phí|dự toán kinh phí)"), Role.FUNDING),
    (
        re.compile(
            r"^(khái quát|tình hình|đánh giá|kết quả (đạt được|thực hiện)|thực trạng|"
            r"bối cảnh|sự cần thiết|căn cứ"
            # a notice's ``I. NỘI DUNG CUỘC HỌP``: what the meeting heard, not what it asks
            r"|nội dung (cuộc|buổi|phiên) (họp|làm việc|giải trình)|nội dung hội nghị)"
        ),
        Role.SITUATION,
    ),
    (
        re.compile(
            r"^((các |những |một số )?nhiệm vụ(?!.*\b(mục tiêu|chỉ tiêu)\b)|(các )?giải pháp"
            r"|nội dung\b|(các )?hoạt động\b)"
        ),
        Role.TASKS,
    ),
]
# Role words wherever they stand in the heading.
_WORDS: list[tuple[re.Pattern[str], Role]] = [
    (re.compile(r"\b(mục đích|yêu cầu)\b"), Role.PURPOSE),
    (re.compile(r"\bquan điểm\b"), Role.VIEWS),
    (re.compile(r"\b(mục tiêu|chỉ tiêu)\b"), Role.OBJECTIVES),
    (re.compile(r"\b(nhiệm vụ|giải pháp)\b"), Role.TASKS),
]
_LONGEST_HEADING = 14  # words: a longer line is a group's own title or a sentence


def role_of(title: str) -> Role | None:
    """The role a part's heading gives it, or None (a group's own title, a mixed part)."""
    key = fold_normalized(title).strip(" .:")
    if not key or len(key.split()) > _LONGEST_HEADING:
        return None
    for pattern, role in _OPENING:
        if pattern.search(key):
            return role
    named = {role for pattern, role in _WORDS if pattern.search(key)}
    if Role.TASKS in named:
        # ``Mục tiêu, nhiệm vụ …`` holds both: its sub-parts say which is where.
        return None if Role.OBJECTIVES in named else Role.TASKS
    if Role.OBJECTIVES in named:
        return Role.OBJECTIVES  # ``QUAN ĐIỂM, MỤC TIÊU, YÊU CẦU``: the targets are there
    if not named:
        return None
    return Role.PURPOSE if Role.PURPOSE in named else Role.VIEWS
