"""Reading a stored snapshot for a page: its results indexed by task, indicator and agency.

Pages show what the snapshot says; they never judge anything themselves."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import cast

from theodoi.evaluation import Colour, ProgressBand, TaskStatus
from theodoi.snapshots.evaluate import group_key
from theodoi.snapshots.models import PlanSnapshot, RankingRow
from theodoi.snapshots.results import (
    IndicatorResult,
    RankedAgency,
    RankingLine,
    SnapshotResults,
    SummaryResult,
    TaskResult,
)


@dataclass(frozen=True)
class StatusCount:
    status: TaskStatus
    count: int
    share: float  # 0-1

    @property
    def colour(self) -> str:
        return self.status.colour.code


@dataclass(frozen=True)
class Summary:
    """The tasks of a plan, a group, an agency or a matrix cell by status, in the statuses'
    order: as the snapshot stored it, or counted from the tasks a reader may see."""

    total: int
    overdue: int
    statuses: tuple[StatusCount, ...]
    colours: dict[str, int]

    @classmethod
    def of(cls, data: SummaryResult | None) -> Summary:
        data = data or {"total": 0, "overdue": 0, "by_status": {}, "by_colour": {}}
        total = data["total"]
        return cls(
            total=total,
            overdue=data["overdue"],
            statuses=tuple(
                StatusCount(s, n := data["by_status"].get(s.code, 0), n / total if total else 0.0)
                for s in TaskStatus
            ),
            colours={c.code: data["by_colour"].get(c.code, 0) for c in Colour},
        )

    @classmethod
    def counted(cls, judged: Iterable[TaskResult]) -> Summary:
        """The summary of exactly these tasks' results (as a snapshot stores each one)."""
        by_status: dict[str, int] = {}
        by_colour: dict[str, int] = {}
        total = overdue = 0
        for result in judged:
            total += 1
            overdue += bool(result["overdue"])
            by_status[result["status"]] = by_status.get(result["status"], 0) + 1
            by_colour[result["colour"]] = by_colour.get(result["colour"], 0) + 1
        return cls.of(
            {"total": total, "overdue": overdue, "by_status": by_status, "by_colour": by_colour}
        )

    def count(self, code: str) -> int:
        return next((s.count for s in self.statuses if s.status.code == code), 0)

    @property
    def done(self) -> int:
        return sum(s.count for s in self.statuses if s.status.done)

    @property
    def done_share(self) -> float:
        return self.done / self.total if self.total else 0.0


class Results:
    """A snapshot's results, indexed on first use: a page that finds its HTML in the cache
    never reads (or parses) the stored JSON."""

    def __init__(self, snapshot: PlanSnapshot) -> None:
        self.snapshot = snapshot

    @classmethod
    def of(cls, snapshot: PlanSnapshot) -> Results:
        return cls(snapshot)

    @property
    def results(self) -> SnapshotResults:
        stored: SnapshotResults = self.snapshot.results  # written by snapshots.evaluate
        return stored

    @cached_property
    def tasks(self) -> dict[int, TaskResult]:
        return {t["id"]: t for t in self.results["tasks"]}

    @cached_property
    def indicators(self) -> dict[int, IndicatorResult]:
        return {i["id"]: i for i in self.results["indicators"]}

    @cached_property
    def agencies(self) -> dict[int, str]:
        return {r["agency"]: r["name"] for r in self.results["ranking"]}

    @property
    def as_of(self) -> datetime.date:
        return self.snapshot.as_of

    @property
    def period(self) -> str:
        return str(self.results["period"]["label"])

    @property
    def ranking(self) -> list[RankedAgency]:
        return list(self.results["ranking"])

    def summary(
        self,
        *,
        among: Collection[int] | None = None,
        group: str | None = None,
        agency: int | None = None,
    ) -> Summary:
        """The summary of the plan, a group, an agency (as lead), or a cell of the agency x
        group matrix (``group`` as stored: the group's id, ``-`` for tasks outside any group).

        ``among`` holds the ids of the tasks the reader may see: the figures are then counted
        from those tasks alone, so they always match the lists the reader is shown (a task
        made confidential after the snapshot leaves both at once). None is every task of the
        snapshot, read as stored."""
        if among is not None:
            return Summary.counted(
                r
                for r in self.results["tasks"]
                if r["id"] in among
                and (group is None or group_key(r["group"]) == group)
                and (agency is None or agency in r["lead"])
            )
        stored = self.results["summary"]["all"]
        if group is not None and agency is not None:
            return Summary.of(stored["matrix"].get(f"{agency}:{group}"))
        if group is not None:
            return Summary.of(stored["groups"].get(group))
        if agency is not None:
            return Summary.of(stored["agencies"].get(str(agency)))
        return Summary.of(stored["plan"])

    def band_counts(self) -> list[tuple[ProgressBand, int]]:
        counts = self.results["indicator_bands"]
        return [(band, counts.get(band.code, 0)) for band in ProgressBand]


def task_colours(snapshot: PlanSnapshot, ids: Collection[int], *, colour: str) -> set[int]:
    """Which of the tasks ``ids`` the snapshot shows in ``colour``, reading its tasks alone
    (``results -> tasks``), as ``counted_summaries``."""
    tasks = (
        PlanSnapshot.objects.filter(pk=snapshot.pk).values_list("results__tasks", flat=True).get()
    )
    return {r["id"] for r in tasks or [] if r["id"] in ids and r["colour"] == colour}


def counted_summaries(
    snapshots: Iterable[int], among: Collection[int]
) -> dict[int, tuple[datetime.date, Summary]]:
    """Each of these snapshots' plan -> (its day, the summary of its tasks among ``among``), as
    ``Results.summary(among=…)`` counts them, in one statement that reads each snapshot's
    tasks alone (``results -> tasks``): not its indicators, ranking and summaries, four fifths
    of it, nor one statement a plan."""
    rows = PlanSnapshot.objects.filter(pk__in=snapshots).values_list(
        "plan_id", "as_of", "results__tasks"
    )
    return {
        plan: (as_of, Summary.counted(r for r in tasks if r["id"] in among))
        for plan, as_of, tasks in rows
    }


# The fields of a ranking line, in the order RankingLine declares them: RankingRow's columns.
RANKING_LINE_FIELDS = tuple(RankingLine.__annotations__)


class Ranking:
    """A snapshot's ranking, read a slice at a time from its rows (``models.RankingRow``),
    never from the stored results: a page of it costs its length, whatever the plan's size and
    however much the results weigh. ``ranking[a:b]`` is ``Results.ranking[a:b]`` cut to the
    fields of RankingLine."""

    def __init__(self, snapshot: PlanSnapshot) -> None:
        self.snapshot = snapshot

    def __getitem__(self, cut: slice) -> list[RankingLine]:
        start, stop = cut.start or 0, cut.stop
        if cut.step not in (None, 1) or start < 0 or stop is None or stop < start:
            raise ValueError("a ranking is read by a forward slice with an end")
        rows = RankingRow.objects.filter(snapshot=self.snapshot.pk).order_by("position")
        return [
            cast(RankingLine, dict(zip(RANKING_LINE_FIELDS, values, strict=True)))
            for values in rows.values_list(*RANKING_LINE_FIELDS)[start:stop]
        ]

    @property
    def period(self) -> str:
        """The label of the period the results are of, stored beside them."""
        return self.snapshot.period

    @property
    def as_of(self) -> datetime.date:
        return self.snapshot.as_of
