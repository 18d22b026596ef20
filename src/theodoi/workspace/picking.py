"""Choosing a plan's agencies on a form that would otherwise list them all (a ministry's plan
names some 130): the form shows the agencies already chosen and those matching a search, and
``agency-pick.js`` searches as one types (``workspace:plan_find_agencies``). Without
JavaScript, the search box's button reloads the form, everything typed kept, with the
matches to tick.

Each form that picks says which agencies it picks from (a ``Purpose``): the endpoint answers
only with those, to whoever may fill in that form, so it tells nobody more than the form
would."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, QueryDict
from django.utils import timezone
from django.utils.text import Truncator

from theodoi.directives.agencies import plan_agencies
from theodoi.directives.services import may_direct
from theodoi.orgs.models import Organisation
from theodoi.orgs.search import AgencyChoice, Found, search
from theodoi.plans.models import Plan, Task
from theodoi.reporting.access import coordinates, get_plan_for, visible_tasks
from theodoi.reporting.round_changes import CHOSEN_MAX, ad_hoc_agencies
from theodoi.reporting.worklist import named_organisations
from theodoi.users import AnyUser, AuthenticatedRequest
from theodoi.workspace.agencies import choices_of

# The search box's name on the forms, and its button's: a POST with the button reloads the
# form with the matches, saving nothing.
SEARCH_PARAMETER = "tim_co_quan"
# The task picker's search box (the same button searches both).
TASK_SEARCH_PARAMETER = "tim_nhiem_vu"
SEARCH_BUTTON = "tim"
# How many matches a search offers; a longer list means the words typed are too few.
FOUND_MAX = 20


@dataclass(frozen=True)
class Purpose:
    """A form that picks agencies: who may fill it in, and the agencies it picks from."""

    may: Callable[[AnyUser, Plan], bool]
    agencies: Callable[[Plan], QuerySet[Organisation]]


def _directed(plan: Plan) -> QuerySet[Organisation]:
    return plan_agencies(plan, today=timezone.localdate())


# The ``cho`` parameter of the endpoint: which form asks.
PURPOSES: dict[str, Purpose] = {
    "dot-xuat": Purpose(coordinates, ad_hoc_agencies),
    "chi-dao": Purpose(may_direct, _directed),
    # A locked round reopened for chosen agencies (its coordinator's, as the form).
    "mo-lai": Purpose(coordinates, named_organisations),
}


def find(agencies: Iterable[Organisation], query: str) -> list[Found]:
    """The agencies one of whose names matches ``query``, best first."""
    return search(query, choices_of(list(agencies)), limit=FOUND_MAX)


@dataclass(frozen=True)
class Offered:
    """What the form lists: the agencies chosen (those of the plan among the ids sent) and
    the matches of the search, not chosen yet."""

    chosen: list[Organisation]
    found: list[Organisation]
    query: str
    parameter: ClassVar[str] = SEARCH_PARAMETER
    button: ClassVar[str] = SEARCH_BUTTON

    def choices(self) -> list[tuple[int, str]]:
        return [(o.pk, str(o)) for o in [*self.chosen, *self.found]]


def offered(agencies: QuerySet[Organisation], sent: Collection[str], query: str) -> Offered:
    """The agencies of ``agencies`` among the ids ``sent`` (a forged or foreign id is not
    among them, and the form refuses it), and, when ``query`` is not blank, those matching it.
    Bounded: at most CHOSEN_MAX ids are looked up, and the whole list is read only to search."""
    ids = {int(value) for value in list(sent)[:CHOSEN_MAX] if str(value).isdigit()}
    chosen = list(agencies.filter(pk__in=ids)) if ids else []
    found: list[Organisation] = []
    if query.strip():
        pool = {o.pk: o for o in agencies if o.pk not in ids}
        found = [pool[f.choice.pk] for f in find(pool.values(), query) if f.choice.pk in pool]
    return Offered(chosen, found, query.strip())


def searching(request: HttpRequest) -> bool:
    """The form was sent by its search button: reload it with the matches, save nothing."""
    return request.method == "POST" and SEARCH_BUTTON in request.POST


def sent_ids(data: QueryDict | None, initial: Mapping[str, Any] | None, name: str) -> list[str]:
    """The ids the form's field ``name`` was sent with, or those it starts with."""
    if data is not None:
        return data.getlist(name)
    chosen = (initial or {}).get(name) or []
    return [str(value) for value in (chosen if isinstance(chosen, list) else [chosen])]


def kept(sent: QueryDict, names: Iterable[str], *, lists: Collection[str] = ()) -> dict[str, Any]:
    """The values of a form that its search button sent, as the reloaded form's initial
    values (``lists``: the fields of several values)."""
    return {
        name: sent.getlist(name) if name in lists else sent.get(name)
        for name in names
        if name in sent
    }


# Tasks are picked the same way (a plan holds some hundred): by their code or words of their
# title, with agency-pick.js over workspace/_task_field.html and ``workspace:plan_find_tasks``;
# a form picks one task (the directive's) or several (the ad-hoc round's).


@dataclass(frozen=True)
class TaskPurpose:
    """A form that picks a task: who may fill it in, and the tasks of the plan one may pick."""

    may: Callable[[AnyUser, Plan], bool]
    tasks: Callable[[AnyUser, Plan], QuerySet[Task]]


def _directed_tasks(user: AnyUser, plan: Plan) -> QuerySet[Task]:
    return visible_tasks(user).filter(plan=plan)


def _live_tasks(user: AnyUser, plan: Plan) -> QuerySet[Task]:
    return plan.tasks.filter(archived_at__isnull=True)


TASK_PURPOSES: dict[str, TaskPurpose] = {
    "chi-dao": TaskPurpose(may_direct, _directed_tasks),
    "dot-xuat": TaskPurpose(coordinates, _live_tasks),
}


class _Fills(Protocol):
    @property
    def may(self) -> Callable[[AnyUser, Plan], bool]: ...


Fills = TypeVar("Fills", bound=_Fills)


def purpose_of(
    request: AuthenticatedRequest, plan_id: int, purposes: Mapping[str, Fills]
) -> tuple[Plan, Fills]:
    """The plan and the form (the ``cho`` parameter) an endpoint of the pickers answers for:
    404 for a plan one does not see or a form that does not exist, 403 for a form not one's
    to fill in."""
    plan = get_plan_for(request.user, plan_id)
    purpose = purposes.get(request.GET.get("cho", ""))
    if purpose is None:
        raise Http404
    if not purpose.may(request.user, plan):
        raise PermissionDenied
    return plan, purpose


def task_label(task: Task) -> str:
    # A long title ends with an ellipsis, not in the middle of a word with no sign it goes on.
    return f"{task.code}. {Truncator(task.title).chars(90)}"


def find_tasks(tasks: Iterable[Task], query: str) -> list[Task]:
    """The tasks whose code and title match ``query`` (each word typed opens one of theirs,
    without tone marks), best first, at most FOUND_MAX."""
    pool = {task.pk: task for task in tasks}
    choices = [
        AgencyChoice(name=task_label(t), label=task_label(t), names=(task_label(t),), pk=t.pk)
        for t in pool.values()
    ]
    return [pool[f.choice.pk] for f in search(query, choices, limit=FOUND_MAX) if f.choice.pk]


@dataclass(frozen=True)
class OfferedTasks:
    """What the form lists of the plan's tasks: those chosen (among the ids sent, a forged
    one left out) and the matches of the search."""

    chosen: list[Task]
    found: list[Task]
    query: str
    parameter: ClassVar[str] = TASK_SEARCH_PARAMETER
    button: ClassVar[str] = SEARCH_BUTTON

    @property
    def listed(self) -> list[Task]:
        return [*self.chosen, *self.found]

    def choices(self) -> list[tuple[int, str]]:
        return [(task.pk, task_label(task)) for task in self.listed]


def offered_tasks(tasks: QuerySet[Task], sent: Collection[str], query: str) -> OfferedTasks:
    """The tasks of ``tasks`` among the ids ``sent`` and, when ``query`` is not blank, those
    matching it; the whole list is read only to search."""
    ids = {int(value) for value in list(sent)[:CHOSEN_MAX] if str(value).isdigit()}
    chosen = list(tasks.filter(pk__in=ids).order_by("position", "pk")) if ids else []
    found: list[Task] = []
    if query.strip():
        found = find_tasks(tasks.exclude(pk__in=ids).only("pk", "code", "title"), query)
    return OfferedTasks(chosen, found, query.strip())
