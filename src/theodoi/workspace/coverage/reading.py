"""What the links and coverage pages show, read from the database for one reader: the bodies
whose uptake of the national plan they see, the confirmed links between tasks, and each task's
status in its plan's latest evaluation. The rules are evaluation.coverage's; nothing is judged
here."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from theodoi.evaluation import TaskStatus
from theodoi.evaluation.coverage import (
    Audience,
    Carrier,
    CoverageRow,
    NationalTask,
    Uptake,
    coverage,
)
from theodoi.ingest.textnorm import fold
from theodoi.orgs.models import Organisation, OrganisationKind
from theodoi.plans.models import PLAN_DOCUMENTS, AgencyRole, LinkState, Plan, Task, TaskLink
from theodoi.reporting.access import Who, persona, visible_tasks
from theodoi.snapshots.reading import Results
from theodoi.snapshots.results import TaskResult
from theodoi.snapshots.services import latest_snapshot

_AUDIENCE = {
    OrganisationKind.PROVINCE: Audience.LOCALITIES,
    OrganisationKind.MINISTRY: Audience.MINISTRIES,
}


def results_of(tasks: Iterable[Task], *, as_of: datetime.date) -> dict[int, TaskResult]:
    """Each task's result in its plan's latest evaluation up to ``as_of`` (missing: the plan
    has not been evaluated yet)."""
    by_plan: dict[int, set[int]] = defaultdict(set)
    for task in tasks:
        by_plan[task.plan_id].add(task.pk)
    found: dict[int, TaskResult] = {}
    for plan in Plan.objects.filter(pk__in=by_plan).defer(*PLAN_DOCUMENTS):
        snapshot = latest_snapshot(plan, as_of=as_of)
        if snapshot is None:
            continue
        judged = Results.of(snapshot).tasks
        found.update({pk: judged[pk] for pk in by_plan[plan.pk] if pk in judged})
    return found


# --- which bodies carry the national plan out ---------------------------------------------


def _current_of() -> dict[int, int]:
    """Each province and ministry mapped to the body that carries its work today, following
    successors (Tiền Giang → Đồng Tháp), in one query."""
    successor = dict(
        Organisation.objects.filter(kind__in=list(_AUDIENCE)).values_list("pk", "successor_id")
    )
    current: dict[int, int] = {}
    for pk in successor:
        seen, body = {pk}, pk
        while (after := successor.get(body)) is not None and after not in seen:
            seen.add(after)
            body = after
        current[pk] = body
    return current


def carriers_for(who: Who) -> list[Carrier]:
    """The provinces and ministries whose uptake ``who`` reads: those of its scope, every one
    for the nation; provinces first, each kind by name."""
    bodies = Organisation.objects.filter(
        kind__in=list(_AUDIENCE), active=True, successor__isnull=True
    )
    scope_ids = persona(who).scope_ids
    if scope_ids is not None:
        bodies = bodies.filter(pk__in=scope_ids)
    ordered = sorted(bodies, key=lambda o: (o.kind != OrganisationKind.PROVINCE, o.name))
    return [
        Carrier(str(body.pk), body.name, _AUDIENCE[OrganisationKind(body.kind)], (body.name,))
        for body in ordered
    ]


# --- the coverage of the national plan --------------------------------------------------------


@dataclass(frozen=True)
class Taken:
    """A lower task confirmed as carrying a higher task out, with its evaluation."""

    task: Task
    result: TaskResult | None
    carrier: Carrier | None = None

    @property
    def done(self) -> bool:
        return self.result is not None and TaskStatus.from_code(self.result["status"]).done


@dataclass
class CoverageLine:
    row: CoverageRow
    taken: list[Taken] = field(default_factory=list)
    # The first line of the tasks taken up, after those nobody has: the page links to it.
    first_taken: bool = False


@dataclass
class CoveragePage:
    lines: list[CoverageLine]
    expected: int  # national tasks expected of at least one body shown
    nobody: int  # of those, taken up by none of the bodies shown
    some: int  # of those, taken up by at least one
    links: int  # confirmed links of the bodies shown


def _lead_and_cooperating(national: Plan) -> dict[int, tuple[str, ...]]:
    names: dict[int, list[str]] = defaultdict(list)
    for task_id, name, role in national.tasks.filter(archived_at=None).values_list(
        "pk", "agencies__name", "agencies__role"
    ):
        if name and role in (AgencyRole.LEAD, AgencyRole.COOPERATING):
            names[task_id].append(name)
    return {pk: tuple(found) for pk, found in names.items()}


def confirmed_below(who: Who, higher: Iterable[int] | Plan) -> list[TaskLink]:
    """The confirmed links to ``higher`` (a plan's tasks, or task ids) from the tasks ``who``
    may read, with their task, plan and province."""
    links = TaskLink.objects.filter(
        state=LinkState.CONFIRMED, task__in=visible_tasks(who)
    ).select_related("task", "task__plan")
    if isinstance(higher, Plan):
        links = links.filter(higher__plan=higher)
    else:
        links = links.filter(higher_id__in=list(higher))
    return list(links.defer(*(f"task__plan__{name}" for name in PLAN_DOCUMENTS)))


def read_coverage(
    who: Who, national: Plan, carriers: Sequence[Carrier], *, as_of: datetime.date
) -> CoveragePage:
    tasks = list(national.tasks.filter(archived_at=None).order_by("pk"))
    agencies = _lead_and_cooperating(national)
    national_tasks = [
        NationalTask(str(t.pk), t.code, t.title, agencies.get(t.pk, ())) for t in tasks
    ]
    by_key = {carrier.key: carrier for carrier in carriers}
    current = _current_of()
    links = [
        link
        for link in confirmed_below(who, national)
        if link.task.plan.province_id is not None
        and str(current.get(link.task.plan.province_id, link.task.plan.province_id)) in by_key
    ]
    results = results_of((link.task for link in links), as_of=as_of)
    uptakes: dict[str, list[Uptake]] = defaultdict(list)
    taken: dict[str, list[Taken]] = defaultdict(list)
    for link in links:
        assert link.task.plan.province_id is not None  # kept above
        carrier = by_key[str(current.get(link.task.plan.province_id, 0))]
        result = results.get(link.task_id)
        status = result["status"] if result else ""
        key = str(link.higher_id)
        uptakes[key].append(Uptake(carrier.key, str(link.task_id), link.task.code, status))
        taken[key].append(Taken(link.task, result, carrier))
    rows = [
        row for row in coverage(national_tasks, carriers, uptakes) if row.expected or row.uptakes
    ]
    expected = [row for row in rows if row.expected]
    nobody = sum(1 for row in expected if not row.uptakes)
    lines = [CoverageLine(row, taken[row.task.key]) for row in rows]
    first = next((line for line in lines if line.row.uptakes), None)
    if first is not None:
        first.first_taken = True
    return CoveragePage(
        lines=lines,
        expected=len(expected),
        nobody=nobody,
        some=len(expected) - nobody,
        links=len(links),
    )


# --- a plan's links ---------------------------------------------------------------------------

# How many higher tasks a search shows, and how long a query is read.
MAX_FOUND = 20
MAX_QUERY = 200
_WORD = re.compile(r"\w+")


@dataclass
class RollUp:
    """The lower tasks confirmed as carrying a task out, with how far they have come."""

    below: list[Taken]

    @property
    def done(self) -> int:
        return sum(1 for taken in self.below if taken.done)

    @property
    def progress(self) -> int | None:
        """The mean reported progress (%) of the lower tasks that report one."""
        values = [
            progress
            for taken in self.below
            if taken.result and (progress := taken.result["progress"]) is not None
        ]
        return round(sum(values) / len(values)) if values else None


@dataclass
class LinkLine:
    task: Task
    links: list[TaskLink]
    roll_up: RollUp

    @property
    def confirmed(self) -> bool:
        return any(link.state == LinkState.CONFIRMED for link in self.links)


def link_lines(who: Who, plan: Plan, *, as_of: datetime.date) -> list[LinkLine]:
    """Each task of ``plan`` that ``who`` reads: its links to higher tasks (confirmed first,
    then suggestions by likeness, rejected last) and the roll-up of the lower tasks confirmed
    as carrying it out."""
    tasks = list(visible_tasks(who).filter(plan=plan).order_by("pk"))
    order = {LinkState.CONFIRMED: 0, LinkState.SUGGESTED: 1, LinkState.REJECTED: 2}
    up: dict[int, list[TaskLink]] = defaultdict(list)
    for link in (
        TaskLink.objects.filter(task__in=[t.pk for t in tasks])
        .select_related("higher", "higher__plan")
        .defer(*(f"higher__plan__{name}" for name in PLAN_DOCUMENTS))
    ):
        up[link.task_id].append(link)
    below = confirmed_below(who, [t.pk for t in tasks])
    results = results_of((link.task for link in below), as_of=as_of)
    down: dict[int, list[Taken]] = defaultdict(list)
    for link in below:
        down[link.higher_id].append(Taken(link.task, results.get(link.task_id)))

    def surest_first(link: TaskLink) -> tuple[int, float]:
        return order[LinkState(link.state)], -(link.score or 1)

    return [
        LinkLine(task, sorted(up[task.pk], key=surest_first), RollUp(down[task.pk]))
        for task in tasks
    ]


def _searchable(text: str) -> str:
    """Lower case without diacritics: "Chuyển đổi số" is found as "chuyen doi so" too."""
    bare = unicodedata.normalize("NFD", fold(text).replace("đ", "d"))
    return "".join(c for c in bare if not unicodedata.combining(c))


def find_higher(plan: Plan, query: str) -> list[Task]:
    """The tasks of the plans ``plan`` implements whose number or title holds every word of
    ``query`` as a whole word (diacritics and case as typed or not), those holding the words
    in a row first, at most ``MAX_FOUND``: "nhan luc so" finds "nhân lực số" before "nhân
    lực chuyển đổi số", and "119" task 119 but not 1190."""
    words = _WORD.findall(_searchable(query[:MAX_QUERY]))
    if not words:
        return []
    phrase, wanted = f" {' '.join(words)} ", set(words)
    in_a_row: list[Task] = []
    apart: list[Task] = []
    tasks = (
        Task.objects.filter(plan__in=plan.implements.all(), archived_at=None)
        .select_related("plan")
        .defer(*(f"plan__{name}" for name in PLAN_DOCUMENTS))
        .order_by("plan", "pk")
    )
    for task in tasks:
        held = _WORD.findall(_searchable(f"{task.code} {task.title}"))
        if phrase in f" {' '.join(held)} ":
            in_a_row.append(task)
        elif wanted <= set(held):
            apart.append(task)
        if len(in_a_row) >= MAX_FOUND:
            break
    return [*in_a_row, *apart][:MAX_FOUND]
