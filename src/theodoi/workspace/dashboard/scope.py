"""What a dashboard shows: the plan, group, agency and round asked for in the query string,
checked against what the person may see. A reporter always sees its own agency's view."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.plans.models import PLAN_DOCUMENTS, Plan, TaskGroup
from theodoi.reporting.access import reporter_organisation, visible_plans
from theodoi.reporting.models import ReportingRound
from theodoi.snapshots.reading import Results
from theodoi.snapshots.records import successors
from theodoi.snapshots.services import latest_snapshot
from theodoi.users import AnyUser

PARAMS = ("ke_hoach", "nhom", "co_quan", "ky")
LABELS = {
    "ke_hoach": lambda: _("Plan"),
    "nhom": lambda: _("Task group"),
    "co_quan": lambda: _("Agency"),
    "ky": lambda: _("Round"),
}
# An id has at most this many digits (a bigint has 19); a longer one is no row's.
ID_DIGITS = 18


@dataclass
class Scope:
    plan: Plan | None
    results: Results | None = None
    group: TaskGroup | None = None
    agency: int | None = None
    round: ReportingRound | None = None
    own_agency_only: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def group_key(self) -> str | None:
        return str(self.group.pk) if self.group else None

    def query(self, **changes: object) -> str:
        """The query string of this scope with ``changes`` (None drops a filter)."""
        values: dict[str, object] = {
            "ke_hoach": self.plan.pk if self.plan else None,
            "nhom": self.group.pk if self.group else None,
            "co_quan": None if self.own_agency_only else self.agency,
            "ky": self.round.pk if self.round else None,
        }
        values.update(changes)
        query = QueryDict(mutable=True)
        for key in PARAMS:
            if values.get(key) is not None:
                query[key] = str(values[key])
        return query.urlencode()


def asked_number(params: QueryDict, name: str, problems: list[str]) -> int | None:
    """The id ``params`` give for ``name``, or None; a value that is not one (nor a number a
    row could have) is named among ``problems``."""
    raw = params.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > ID_DIGITS:
        problems.append(
            _("%(field)s: “%(value)s” is not a valid choice.")
            % {"field": LABELS[name](), "value": raw[:40]}
        )
        return None
    return int(raw)


def scope_for(user: AnyUser, params: QueryDict, *, today: datetime.date | None = None) -> Scope:
    today = today or timezone.localdate()
    problems: list[str] = []
    plans = visible_plans(user).defer(*PLAN_DOCUMENTS).order_by("-published_at", "pk")
    plan_id = asked_number(params, "ke_hoach", problems)
    plan = plans.filter(pk=plan_id).first() if plan_id is not None else plans.first()
    if plan_id is not None and plan is None:
        raise Http404
    scope = Scope(plan=plan, problems=problems)
    if plan is None:
        return scope

    round_id = asked_number(params, "ky", problems)
    if round_id is not None:
        scope.round = plan.rounds.filter(pk=round_id).first()
        if scope.round is None:
            problems.append(_("Round: this plan has no such round."))
    as_of = min(today, timezone.localdate(scope.round.deadline)) if scope.round else today
    # With its results: both pages that read a scope show them.
    snapshot = latest_snapshot(plan, as_of=as_of, results=True)
    scope.results = Results.of(snapshot) if snapshot else None

    group_id = asked_number(params, "nhom", problems)
    if group_id is not None:
        scope.group = plan.groups.filter(pk=group_id).first()
        if scope.group is None:
            problems.append(_("Task group: this plan has no such group."))

    organisation = reporter_organisation(user)
    if organisation is not None:
        scope.own_agency_only = True
        scope.agency = successors({organisation.pk}, as_of)[organisation.pk]
        return scope
    agency_id = asked_number(params, "co_quan", problems)
    if agency_id is not None:
        if scope.results and agency_id in scope.results.agencies:
            scope.agency = agency_id
        else:
            problems.append(_("Agency: it has no task in this plan."))
    return scope
