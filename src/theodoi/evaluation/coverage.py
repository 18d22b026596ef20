"""Which national tasks the provinces and ministries have taken up (issue 12, "Coverage").

A national task is expected of every locality when it names them ("các bộ, ngành, địa
phương", "UBND các tỉnh"), of every ministry when it names them all ("các bộ, ngành"), and of
one ministry when it names it. A body has taken the task up when one of its plans has a task
confirmed as carrying it out; the tasks expected of bodies that have not taken them up are
listed first, since they are what a national coordinator has to chase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from theodoi.ingest.textnorm import normalize_text


class Audience(StrEnum):
    LOCALITIES = "localities"
    MINISTRIES = "ministries"


_LOCALITIES = re.compile(r"địa phương|ủy ban nhân dân (các )?tỉnh|ubnd (các )?tỉnh|các tỉnh", re.I)
_ALL_MINISTRIES = re.compile(r"(^|\s)(các )?bộ,? ngành", re.I)


def audiences(agencies: Iterable[str]) -> set[Audience]:
    """Whom a national task is expected of, from its lead and cooperating agencies as written."""
    found: set[Audience] = set()
    for name in agencies:
        text = normalize_text(name)
        if _LOCALITIES.search(text):
            found.add(Audience.LOCALITIES)
        if _ALL_MINISTRIES.search(text):
            found.add(Audience.MINISTRIES)
    return found


@dataclass(frozen=True)
class NationalTask:
    key: str
    code: str
    title: str
    agencies: tuple[str, ...]


@dataclass(frozen=True)
class Carrier:
    """A province or a ministry whose plans may carry national tasks out."""

    key: str
    name: str
    audience: Audience
    # The names a national task may give it ("Bộ Công an"), besides the collective ones.
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Uptake:
    """A task of a carrier's plan confirmed as carrying the national task out."""

    carrier: str
    task_key: str
    task_code: str
    status: str


@dataclass
class CoverageRow:
    task: NationalTask
    expected: list[Carrier] = field(default_factory=list)
    uptakes: list[Uptake] = field(default_factory=list)

    @property
    def missing(self) -> list[Carrier]:
        taken = {uptake.carrier for uptake in self.uptakes}
        return [carrier for carrier in self.expected if carrier.key not in taken]

    @property
    def share(self) -> float | None:
        """The part of the bodies it is expected of that have taken it up (None: nobody)."""
        if not self.expected:
            return None
        return 1 - len(self.missing) / len(self.expected)


def _folded(name: str) -> str:
    return normalize_text(name).casefold()


def expected_of(task: NationalTask, carriers: Sequence[Carrier]) -> list[Carrier]:
    wanted = audiences(task.agencies)
    written = {_folded(name) for name in task.agencies}
    return [
        c
        for c in carriers
        if c.audience in wanted or any(_folded(name) in written for name in c.names)
    ]


def coverage(
    tasks: Iterable[NationalTask],
    carriers: Sequence[Carrier],
    uptakes: Mapping[str, Sequence[Uptake]],
) -> list[CoverageRow]:
    """One row a national task, ``uptakes`` keyed by the national task's key. Rows expected of
    somebody come first: those nobody has taken up, then the others; within each, those with
    the most bodies missing first, then in the plan's order. Rows expected of nobody (a task
    of one central body) come last."""
    rows = [
        CoverageRow(task, expected_of(task, carriers), list(uptakes.get(task.key, ())))
        for task in tasks
    ]
    # sorted() is stable: rows that tie stay in the plan's order.
    return sorted(rows, key=lambda row: (not row.expected, bool(row.uptakes), -len(row.missing)))
