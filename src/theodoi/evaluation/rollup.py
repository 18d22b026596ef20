"""A province's (or ministry's) figures over all its plans, and provinces side by side
(issue 12, "Roll-up"; DESIGN.md: "the nation reads everything and compares provinces").

Each plan brings the counts its latest evaluation gives the reader; a province adds up the
plans of its scope, a former province's plans included (the caller names the current body).
Completion is the share of tasks done (on time or late, accepted with evidence, as the task
status counts it); provinces are ranked by it, then by the share done on time, then by the
share overdue (fewer first), ties sharing a rank (1, 2, 2, 4) as agencies do."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from theodoi.evaluation.colour import Colour
from theodoi.evaluation.wording import vn_sort_key


@dataclass(frozen=True)
class PlanFigures:
    """One plan's counts, as the reader may see them. ``evaluated`` False: the plan has no
    evaluation yet, and its counts are zeros."""

    plan: int
    scope: int  # the province or ministry whose plan it is now (a former body's successor)
    evaluated: bool
    tasks: int = 0
    done: int = 0
    on_time: int = 0
    overdue: int = 0

    def __post_init__(self) -> None:
        if min(self.tasks, self.done, self.on_time, self.overdue) < 0:
            raise ValueError("counts are never negative")
        if self.on_time > self.done or self.done + self.overdue > self.tasks:
            raise ValueError(
                f"plan {self.plan}: {self.on_time} on time of {self.done} done, "
                f"{self.overdue} overdue, {self.tasks} tasks"
            )


class CompletionBand(Enum):
    """How a province is coloured on the map: the project's colours (``Colour``) from red to
    green by the share of tasks done, and two greys for what cannot be judged."""

    NO_PLAN = ("no_plan", "Chưa có kế hoạch", Colour.GREY, None)
    NOT_EVALUATED = ("not_evaluated", "Chưa đánh giá", Colour.GREY, None)
    LOW = ("low", "Dưới 25%", Colour.RED, 0.0)
    MIDDLE = ("middle", "Từ 25% đến dưới 50%", Colour.YELLOW, 0.25)
    HIGH = ("high", "Từ 50% đến dưới 75%", Colour.GREEN, 0.5)
    TOP = ("top", "Từ 75% trở lên", Colour.GREEN, 0.75)

    def __init__(self, code: str, label: str, colour: Colour, lower: float | None) -> None:
        self.code = code
        self.label = label
        self.colour = colour
        self.lower = lower


_SHARE_BANDS = (CompletionBand.TOP, CompletionBand.HIGH, CompletionBand.MIDDLE)


@dataclass(frozen=True)
class RollUp:
    """A scope's figures over its plans."""

    scope: int
    plans: int = 0
    evaluated: int = 0
    tasks: int = 0
    done: int = 0
    on_time: int = 0
    overdue: int = 0

    @property
    def completion(self) -> float | None:
        """Share of tasks done, 0-1; None when no task was evaluated."""
        return self.done / self.tasks if self.tasks else None

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.tasks if self.tasks else None

    @property
    def overdue_share(self) -> float | None:
        return self.overdue / self.tasks if self.tasks else None

    @property
    def band(self) -> CompletionBand:
        share = self.completion
        if self.plans == 0:
            return CompletionBand.NO_PLAN
        if share is None:
            return CompletionBand.NOT_EVALUATED
        # Compared as whole tenths of a per cent, as the page shows them: 24.96% shows as
        # 25,0% and is coloured with the 25% band, never against its own label.
        shown = round(share * 1000)
        return next(
            (b for b in _SHARE_BANDS if b.lower is not None and shown >= round(b.lower * 1000)),
            CompletionBand.LOW,
        )


def roll_up(scope: int, plans: Iterable[PlanFigures]) -> RollUp:
    """The figures of ``scope`` over those of ``plans`` that are its own."""
    mine = [p for p in plans if p.scope == scope]
    return RollUp(
        scope=scope,
        plans=len(mine),
        evaluated=sum(p.evaluated for p in mine),
        tasks=sum(p.tasks for p in mine),
        done=sum(p.done for p in mine),
        on_time=sum(p.on_time for p in mine),
        overdue=sum(p.overdue for p in mine),
    )


def roll_up_all(plans: Iterable[PlanFigures], scopes: Iterable[int] = ()) -> dict[int, RollUp]:
    """One roll-up per scope: every scope of ``scopes`` (those without a plan too, with
    zeros) and every scope a plan names; in the order first named."""
    listed = list(plans)
    order = list(dict.fromkeys([*scopes, *(p.scope for p in listed)]))
    return {scope: roll_up(scope, listed) for scope in order}


def total(rollups: Iterable[RollUp]) -> RollUp:
    """The nation's figures: every scope's added up (scope 0)."""
    listed = list(rollups)
    return RollUp(
        scope=0,
        plans=sum(r.plans for r in listed),
        evaluated=sum(r.evaluated for r in listed),
        tasks=sum(r.tasks for r in listed),
        done=sum(r.done for r in listed),
        on_time=sum(r.on_time for r in listed),
        overdue=sum(r.overdue for r in listed),
    )


@dataclass(frozen=True)
class RankedScope:
    rank: int | None  # None: nothing evaluated yet, listed after the ranked ones
    tied: bool
    rollup: RollUp
    name: str


def _merit(rollup: RollUp) -> tuple[int, int, int]:
    """What ranks a scope, in tenths of a per cent (as shown): a tie is what reads as one."""
    assert rollup.tasks
    return (
        round(rollup.done * 1000 / rollup.tasks),
        round(rollup.on_time * 1000 / rollup.tasks),
        -round(rollup.overdue * 1000 / rollup.tasks),
    )


def rank_scopes(rollups: Iterable[RollUp], names: Mapping[int, str]) -> list[RankedScope]:
    """Scopes with evaluated tasks by completion, on-time share, then fewer overdue; ties
    share a rank and read by name; the others follow, unranked, by name."""
    listed = list(rollups)
    ranked = sorted(
        (r for r in listed if r.tasks),
        key=lambda r: (tuple(-m for m in _merit(r)), vn_sort_key(names[r.scope])),
    )
    out: list[RankedScope] = []
    counts = Counter(_merit(r) for r in ranked)
    rank = 0
    for position, rollup in enumerate(ranked, start=1):
        merit = _merit(rollup)
        if position == 1 or merit != _merit(ranked[position - 2]):
            rank = position
        out.append(RankedScope(rank, counts[merit] > 1, rollup, names[rollup.scope]))
    rest = sorted((r for r in listed if not r.tasks), key=lambda r: vn_sort_key(names[r.scope]))
    out += [RankedScope(None, False, r, names[r.scope]) for r in rest]
    return out
