"""Which audit entries a reader sees, and which plan and agency an entry is about.

An entry is about an object (``object_type``, ``object_id``); each kind of object that belongs
to a plan is declared once in :data:`PLAN_PATHS` with the path from it to its plan, and the
kinds that belong to an agency in :data:`AGENCY_PATHS`. A reader of a province or ministry sees
the entries about the plans of its scope (and the imports of its province) and the entries
written by people whose membership works in its scope; the nation sees every entry.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Model, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone

from theodoi.audit.models import AuditEntry
from theodoi.directives.models import Directive
from theodoi.orgs.models import Membership
from theodoi.plans.models import (
    PLAN_DOCUMENTS,
    ImportDraft,
    Indicator,
    Plan,
    Task,
    TaskGroup,
    TaskLink,
)
from theodoi.portal.models import Feedback
from theodoi.reporting.access import persona
from theodoi.reporting.models import (
    DeadlineExtension,
    Evidence,
    IndicatorValue,
    ReportingRound,
    ReportingSchedule,
    RoundReopening,
    TaskUpdate,
)
from theodoi.snapshots.models import PlanSnapshot, RankingPublication, ScoringSettings
from theodoi.users import AnyUser

# Each kind of object that belongs to a plan, with the path from it to the plan's id.
PLAN_PATHS: dict[type[Model], str] = {
    Plan: "pk",
    ImportDraft: "published_plan_id",
    TaskGroup: "plan_id",
    Task: "plan_id",
    Indicator: "plan_id",
    TaskLink: "task__plan_id",
    ReportingSchedule: "plan_id",
    ReportingRound: "plan_id",
    RoundReopening: "round__plan_id",
    TaskUpdate: "task__plan_id",
    IndicatorValue: "indicator__plan_id",
    Evidence: "task__plan_id",
    PlanSnapshot: "plan_id",
    RankingPublication: "plan_id",
    ScoringSettings: "plan_id",
    DeadlineExtension: "task__plan_id",
    Feedback: "plan_id",
    Directive: "plan_id",
}
# Each kind of object that belongs to an agency, with the path to the organisation's id.
AGENCY_PATHS: dict[type[Model], str] = {
    TaskUpdate: "organisation_id",
    IndicatorValue: "organisation_id",
    Evidence: "organisation_id",
    RoundReopening: "organisation_id",
    DeadlineExtension: "organisation_id",
    Feedback: "agency_id",
    Directive: "agency_id",
}


def _about(model: type[Model], rows: QuerySet[Model]) -> Q:
    """Entries about one of ``rows`` (of ``model``)."""
    ids = rows.annotate(entry_id=Cast("pk", CharField())).values("entry_id")
    return Q(object_type=ContentType.objects.get_for_model(model), object_id__in=ids)


def _about_plans(plans: QuerySet[Plan]) -> Q:
    condition = Q(pk__in=[])
    for model, path in PLAN_PATHS.items():
        rows = model._default_manager.filter(**{f"{path}__in": plans.values("pk")})
        condition |= _about(model, rows)
    return condition


def visible_entries(who: AnyUser) -> QuerySet[AuditEntry]:
    """The entries ``who`` may read (the page's gate decides who may open it)."""
    scope_ids = persona(who).scope_ids
    entries = AuditEntry.objects.all()
    if scope_ids is None:
        return entries
    plans = Plan.objects.filter(province_id__in=scope_ids)
    drafts = ImportDraft.objects.filter(province_id__in=scope_ids)
    staff = Membership.objects.filter(scope_id__in=scope_ids).values("user_id")
    return entries.filter(_about_plans(plans) | _about(ImportDraft, drafts) | Q(by_id__in=staff))


@dataclass(frozen=True)
class Filters:
    plan: Plan | None = None
    agency: int | None = None
    person: str = ""
    action: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None


def filtered(entries: QuerySet[AuditEntry], filters: Filters) -> QuerySet[AuditEntry]:
    """``entries`` narrowed to ``filters``, newest first. Days are the platform's: an entry
    of ``end`` is in."""
    if filters.plan is not None:
        entries = entries.filter(_about_plans(Plan.objects.filter(pk=filters.plan.pk)))
    if filters.agency is not None:
        condition = Q(by__memberships__organisation_id=filters.agency)
        for model, path in AGENCY_PATHS.items():
            condition |= _about(model, model._default_manager.filter(**{path: filters.agency}))
        entries = entries.filter(condition)
    if filters.person:
        words = filters.person
        entries = entries.filter(
            Q(by__username__icontains=words)
            | Q(by__first_name__icontains=words)
            | Q(by__last_name__icontains=words)
            | Q(by__email__icontains=words)
        )
    if filters.action:
        entries = entries.filter(action=filters.action)
    zone = timezone.get_current_timezone()
    if filters.start is not None:
        entries = entries.filter(
            at__gte=datetime.datetime.combine(filters.start, datetime.time(), zone)
        )
    if filters.end is not None:
        after = filters.end + datetime.timedelta(days=1)
        entries = entries.filter(at__lt=datetime.datetime.combine(after, datetime.time(), zone))
    return entries.distinct().order_by("-at", "-pk")


def plans_of(entries: Iterable[AuditEntry]) -> dict[int, Plan]:
    """The plan each entry is about, by the entry's id, for those about a plan's object."""
    wanted: dict[int, list[AuditEntry]] = defaultdict(list)
    for entry in entries:
        if entry.object_type_id is not None:
            wanted[entry.object_type_id].append(entry)
    found: dict[int, int] = {}
    for model, path in PLAN_PATHS.items():
        kind = ContentType.objects.get_for_model(model)
        mine = wanted.get(kind.pk)
        if not mine:
            continue
        ids = {e.object_id for e in mine if e.object_id.isdigit()}
        plan_of = dict(
            model._default_manager.filter(pk__in=[int(i) for i in ids]).values_list("pk", path)
        )
        for entry in mine:
            if entry.object_id.isdigit() and int(entry.object_id) in plan_of:
                found[entry.pk] = plan_of[int(entry.object_id)]
    plans = Plan.objects.defer(*PLAN_DOCUMENTS).in_bulk(set(found.values()))
    return {entry: plans[plan] for entry, plan in found.items() if plan in plans}
