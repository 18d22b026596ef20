"""The sheet of a plan's identifiers in other systems, as the coordinator fills it: one row per
task or indicator and system. Pure: rows of cell values in, what to set (or why not) out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SHEET = "Mã liên thông"
HEADERS = ("Loại", "Mã theodoi", "Số hiệu", "Nội dung", "Hệ thống", "Mã")
KINDS = {"nhiệm vụ": "task", "chỉ tiêu": "indicator"}
LABELS = {kind: label.capitalize() for label, kind in KINDS.items()}
MAX_ROWS = 5000
TEXT_LIMIT = 100


@dataclass(frozen=True)
class Entry:
    line: int  # the sheet's row number, for messages
    kind: str  # "task" or "indicator"
    row_id: int
    system: str
    identifier: str


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_entries(rows: Sequence[Sequence[object]]) -> tuple[list[Entry], list[str]]:
    """Each filled row as an :class:`Entry`, and a message per row that cannot be read. A row
    whose system is empty sets nothing; an empty identifier removes the link."""
    if not rows or tuple(_text(c) for c in rows[0][: len(HEADERS)]) != HEADERS:
        return [], [f"Dòng 1 phải là tiêu đề: {', '.join(HEADERS)}."]
    entries: list[Entry] = []
    problems: list[str] = []
    seen: dict[tuple[str, int, str], int] = {}
    for line, row in enumerate(rows[1:], start=2):
        cells = [_text(c) for c in (*row, *([None] * len(HEADERS)))[: len(HEADERS)]]
        label, raw_id, _code, _title, system, identifier = cells
        if not any(cells) or not system:
            continue
        kind = KINDS.get(label.casefold())
        if kind is None:
            problems.append(f"Dòng {line}: loại “{label}” phải là Nhiệm vụ hoặc Chỉ tiêu.")
            continue
        if not raw_id.isdigit() or len(raw_id) > 12:
            problems.append(f"Dòng {line}: mã theodoi “{raw_id}” không phải là một số.")
            continue
        if len(system) > TEXT_LIMIT or len(identifier) > TEXT_LIMIT:
            problems.append(f"Dòng {line}: hệ thống và mã dài tối đa {TEXT_LIMIT} ký tự.")
            continue
        key = (kind, int(raw_id), system)
        if key in seen:
            problems.append(
                f"Dòng {line}: hệ thống “{system}” của dòng này đã có ở dòng {seen[key]}."
            )
            continue
        seen[key] = line
        entries.append(Entry(line, kind, int(raw_id), system, identifier))
    return entries, problems
