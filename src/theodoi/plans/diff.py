"""What a new version of a plan changes: entries added, removed and altered, with the fields.

Pure: both sides are lists of Plan JSON entries (tasks or indicators). Entries are matched by
code where the code is unique on both sides and the titles still look alike, then by title
similarity, so a renumbered task is still the same task and keeps whatever was filed on it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from theodoi.ingest.textnorm import fold

# The scorer's threshold (extraction/SCHEMA.md): below it two titles are different tasks.
SIMILAR = 0.6
# Same code but hardly a word in common: the document was renumbered, not this task edited.
SAME_CODE_FLOOR = 0.3

TASK_FIELDS = ("code", "group", "title", "lead", "cooperating", "expected_output", "due")
INDICATOR_FIELDS = ("code", "name", "unit", "target", "year", "agencies")

_WORD = re.compile(r"\w+")


def words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(fold(text)))


def dice(left: frozenset[str], right: frozenset[str]) -> float:
    if not left or not right:
        return 0.0
    return 2 * len(left & right) / (len(left) + len(right))


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the two texts' word sets, case and tone placement ignored."""
    return dice(words(a), words(b))


@dataclass(frozen=True)
class Change:
    old: Any
    new: Any


@dataclass(frozen=True)
class Altered:
    old_index: int
    new_index: int
    code: str
    title: str
    changes: dict[str, Change]


@dataclass
class EntryDiff:
    added: list[int] = field(default_factory=list)  # indexes into the new list
    removed: list[int] = field(default_factory=list)  # indexes into the old list
    altered: list[Altered] = field(default_factory=list)
    # new index -> old index, for every matched entry, altered or not.
    matches: dict[int, int] = field(default_factory=dict)

    @property
    def unchanged(self) -> int:
        return len(self.matches) - len(self.altered)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.altered)


@dataclass
class PlanDiff:
    tasks: EntryDiff
    indicators: EntryDiff

    @property
    def is_empty(self) -> bool:
        return self.tasks.is_empty and self.indicators.is_empty


def match_entries(
    old: Sequence[dict[str, Any]],
    new: Sequence[dict[str, Any]],
    text_of: Callable[[dict[str, Any]], str],
) -> dict[int, int]:
    """new index -> old index for the entries that are the same across two versions."""
    matches: dict[int, int] = {}
    old_words = [words(text_of(entry)) for entry in old]
    new_words = [words(text_of(entry)) for entry in new]
    old_codes = Counter(entry.get("code") for entry in old)
    new_codes = Counter(entry.get("code") for entry in new)
    old_by_code = {entry.get("code"): i for i, entry in enumerate(old)}
    for j, entry in enumerate(new):
        code = entry.get("code")
        if old_codes[code] == 1 and new_codes[code] == 1:
            i = old_by_code[code]
            if dice(old_words[i], new_words[j]) >= SAME_CODE_FLOOR:
                matches[j] = i
    taken = set(matches.values())
    candidates = sorted(
        (
            (dice(old_words[i], new_words[j]), -abs(i - j), j, i)
            for j in range(len(new))
            if j not in matches
            for i in range(len(old))
            if i not in taken
        ),
        reverse=True,
    )
    for score, _distance, j, i in candidates:
        if score < SIMILAR:
            break
        if j not in matches and i not in taken:
            matches[j] = i
            taken.add(i)
    return matches


def diff_entries(
    old: Sequence[dict[str, Any]],
    new: Sequence[dict[str, Any]],
    *,
    fields: Sequence[str],
    text_of: Callable[[dict[str, Any]], str],
) -> EntryDiff:
    matches = match_entries(old, new, text_of)
    result = EntryDiff(matches=matches)
    result.added = [j for j in range(len(new)) if j not in matches]
    matched_old = set(matches.values())
    result.removed = [i for i in range(len(old)) if i not in matched_old]
    for j, i in sorted(matches.items()):
        changes = {
            name: Change(old[i].get(name), new[j].get(name))
            for name in fields
            if _comparable(old[i].get(name)) != _comparable(new[j].get(name))
        }
        if changes:
            result.altered.append(
                Altered(i, j, str(new[j].get("code") or ""), text_of(new[j]), changes)
            )
    return result


def _comparable(value: Any) -> Any:
    """Spacing and tone placement are not changes; ``None`` and ``""`` are the same."""
    if isinstance(value, str):
        return fold(value) or None
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items() if _comparable(v) is not None}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    return value


def _task_text(entry: dict[str, Any]) -> str:
    return str(entry.get("title") or "")


def _indicator_text(entry: dict[str, Any]) -> str:
    # One indicator is often written once per target year (2025, 2030): the year tells them apart.
    return f"{entry.get('name') or ''} {entry.get('year') or ''}"


def diff_plan_json(old: dict[str, Any], new: dict[str, Any]) -> PlanDiff:
    """The difference between two Plan JSON documents."""
    return PlanDiff(
        tasks=diff_entries(
            old.get("tasks") or [], new.get("tasks") or [], fields=TASK_FIELDS, text_of=_task_text
        ),
        indicators=diff_entries(
            old.get("indicators") or [],
            new.get("indicators") or [],
            fields=INDICATOR_FIELDS,
            text_of=_indicator_text,
        ),
    )
