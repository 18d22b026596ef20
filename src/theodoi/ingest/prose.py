"""The paragraphs of a plan's tasks-and-solutions part, for tasks written as prose.

A Party committee's programme often writes its tasks as paragraphs under ``3. Nhiệm vụ và
giải pháp chủ yếu`` / ``3.1. Nâng cao nhận thức …``, with no numbered item to take a task
from; the extractor then finds no task. The coordinator can choose which paragraphs are
tasks: these are offered, each with the part it stands in (its group).
"""

from __future__ import annotations

from dataclasses import dataclass

from theodoi.ingest.blocks import SourceText
from theodoi.ingest.roles import NOT_TASKS, Role
from theodoi.ingest.segment import Section, segment
from theodoi.ingest.tables import rebuild_flattened_tables

# A line shorter than this is a label or a stray heading, not a task.
_SHORTEST = 20
# Bounds what one page offers; a plan's tasks part is far shorter.
MAX_PARAGRAPHS = 400


@dataclass(frozen=True)
class ProseParagraph:
    section_code: str
    section_title: str
    text: str


def _offered(sections: list[Section]) -> list[ProseParagraph]:
    out = []
    for section in sections:
        for text in section.paragraphs:
            words = " ".join(text.lstrip("-+•* ").split())
            if len(words) >= _SHORTEST:
                out.append(ProseParagraph(section.code, section.title, words))
    return out[:MAX_PARAGRAPHS]


def task_paragraphs(source: SourceText) -> list[ProseParagraph]:
    """The paragraphs of the parts whose role is tasks; where no part says so, those of every
    numbered part that is not about purpose, views, the situation, targets, organisation or
    funding."""
    root = segment(rebuild_flattened_tables(source.blocks)).root
    parts = [s for s in root.walk() if s is not root]
    tasks = [s for s in parts if s.role == Role.TASKS]
    return _offered(tasks or [s for s in parts if s.role not in NOT_TASKS])
