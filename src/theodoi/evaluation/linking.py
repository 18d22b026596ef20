"""Which task of a higher plan a lower plan's task carries out: suggestions for the
coordinator to confirm (issue 12, "Links to higher tasks").

A provincial plan that implements 03/NQ-CP seldom cites the national task by its number; it
copies or rewrites the national task's title ("Xây dựng nền tảng đào tạo trực tuyến mở …"
becomes "Triển khai nền tảng đào tạo trực tuyến mở …"). So a link is suggested first where the
text cites a task of the higher document by its number, then by the likeness of the titles.

Likeness is the cosine of the two titles' pairs of syllables, each pair weighted by how rare it
is among the higher plan's titles: the words every task of the field shares ("khoa học, công
nghệ", "chuyển đổi số") say little, the words of one task ("đào tạo trực tuyến mở") say much.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from theodoi.ingest.textnorm import normalize_text

# Below this likeness two titles share only the field's common words (measured on the seed
# plans against 03/NQ-CP: true pairs from 0.36 up, unrelated ones below 0.2).
TITLE_THRESHOLD = 0.3
MAX_SUGGESTIONS = 3

_SYLLABLE = re.compile(r"\w+")
_NUMBERS = r"\d+(?:\s*(?:,|và|;)\s*\d+)*"
# "nhiệm vụ số 7", "nhiệm vụ thứ 12", "các nhiệm vụ 15, 16 và 20", "STT 7", "mục 7"
_CITED = re.compile(rf"(?:nhiệm\s+vụ(?:\s+(?:số|thứ))?|stt|mục(?:\s+số)?)\s+({_NUMBERS})", re.I)
# How far after a cited number the higher document's own number may stand.
_CITATION_REACH = 120


class Basis(StrEnum):
    CITED = "cited"
    TITLE = "title"


@dataclass(frozen=True)
class HigherTask:
    key: str
    code: str
    title: str


@dataclass(frozen=True)
class Suggestion:
    key: str
    basis: Basis
    score: float


def _pairs(text: str) -> list[str]:
    syllables = _SYLLABLE.findall(normalize_text(text).lower())
    return [f"{a} {b}" for a, b in pairwise(syllables)]


def ordinal(code: str) -> str | None:
    """The number a task is cited by: "PL2.25" and "25." are both task 25."""
    match = re.search(r"(\d+)\.?$", code.strip())
    return str(int(match.group(1))) if match else None


def cited_numbers(text: str, higher_number: str) -> list[str]:
    """The task numbers the text cites of the document numbered ``higher_number``.

    A number counts only when that document is named right after it, since a plan also
    numbers its own tasks ("nhiệm vụ 3 tại Phụ lục II Nghị quyết số 03/NQ-CP" counts,
    "nhiệm vụ 3 nêu trên" does not)."""
    text = normalize_text(text)
    name = _document_pattern(higher_number)
    found: list[str] = []
    for match in _CITED.finditer(text):
        if not name.search(text, match.end(), match.end() + _CITATION_REACH):
            continue
        for number in re.findall(r"\d+", match.group(1)):
            if (value := str(int(number))) not in found:
                found.append(value)
    return found


def _document_pattern(number: str) -> re.Pattern[str]:
    # "03/NQ-CP" is also written "3/NQ-CP", "Nghị quyết số 03" or "NQ 03".
    head, _, tail = number.partition("/")
    digits = re.escape(head.lstrip("0") or "0")
    full = rf"(?<!\d)0*{digits}\s*/\s*{re.escape(tail)}" if tail else None
    kinds = r"nghị\s+quyết|quyết\s+định|kế\s+hoạch|chương\s+trình|nq"
    short = rf"(?:{kinds})\s*(?:số\s*)?0*{digits}(?![\d/])"
    return re.compile("|".join(part for part in (full, short) if part), re.I)


class TitleIndex:
    """The higher plan's task titles, weighted once, to compare many lower titles with."""

    def __init__(self, tasks: Iterable[HigherTask]) -> None:
        self.tasks = list(tasks)
        counts = [Counter(_pairs(task.title)) for task in self.tasks]
        frequency: Counter[str] = Counter()
        for count in counts:
            frequency.update(count.keys())
        total = len(self.tasks)
        self._weight = {pair: math.log((total + 1) / (n + 1)) + 1 for pair, n in frequency.items()}
        self._unknown = math.log(total + 1) + 1
        self._vectors = [self._vector(count) for count in counts]
        self._by_ordinal = {ordinal(task.code): task for task in self.tasks}

    def _vector(self, count: Counter[str]) -> dict[str, float]:
        vector = {pair: n * self._weight.get(pair, self._unknown) for pair, n in count.items()}
        norm = math.sqrt(sum(value * value for value in vector.values()))
        return {pair: value / norm for pair, value in vector.items()} if norm else {}

    def likeness(self, title: str) -> list[tuple[float, HigherTask]]:
        """Every higher task with its likeness to ``title``, most alike first."""
        vector = self._vector(Counter(_pairs(title)))
        scored = [
            (sum(value * other.get(pair, 0.0) for pair, value in vector.items()), task)
            for task, other in zip(self.tasks, self._vectors, strict=True)
        ]
        return sorted(scored, key=lambda item: -item[0])

    def by_ordinal(self, number: str) -> HigherTask | None:
        return self._by_ordinal.get(number)


def suggest_links(
    title: str, text: str, index: TitleIndex, *, higher_number: str
) -> Sequence[Suggestion]:
    """At most three higher tasks the task may carry out, the surest first: those its text
    cites by number, then those whose titles are alike enough."""
    suggestions: list[Suggestion] = []
    for number in cited_numbers(text, higher_number):
        task = index.by_ordinal(number)
        if task is not None:
            suggestions.append(Suggestion(task.key, Basis.CITED, 1.0))
    taken = {suggestion.key for suggestion in suggestions}
    for score, task in index.likeness(title):
        if len(suggestions) >= MAX_SUGGESTIONS or score < TITLE_THRESHOLD:
            break
        if task.key not in taken:
            suggestions.append(Suggestion(task.key, Basis.TITLE, round(score, 3)))
    return suggestions[:MAX_SUGGESTIONS]
