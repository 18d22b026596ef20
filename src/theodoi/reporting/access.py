"""Who may see and do what, written once: every page, export, notice, cache key and service
asks here.

Three kinds of answer: predicates on a person (``is_coordinator``, ``is_leader``,
``is_reporter``, ``is_staff_reader``, ``has_role``), the rows a person may see
(``visible_plans``, ``visible_tasks``, ``visible_rounds``, ``visible_drafts``) and the
preconditions of a write (``coordinates``, ``may_write_task``, the ``require_*`` of the
services). A page asking for a row the person may not see gets 404 (its existence is not
disclosed); a role that may read but not write gets 403 (DESIGN.md: confidential tasks are
visible only to their agencies, the coordinator and leaders).

Which plans a person sees is decided in one function, :func:`_plans_of`, that tasks, rounds
and plan lists read; every coordinator's write asks :func:`coordinates` with its plan. Both
read the persona's scope (the province or ministry of the membership it acts in, with every
body that province succeeded; or the nation), as do :func:`visible_drafts` (an import has no
plan yet) and :func:`reader_key`, and nothing else does.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, Model, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.orgs.models import Organisation, Role
from theodoi.orgs.roles import Persona, persona_of
from theodoi.plans.models import (
    PLAN_DOCUMENTS,
    AgencyRole,
    DraftStatus,
    ImportDraft,
    Indicator,
    Plan,
    PlanStatus,
    Task,
    TaskAgency,
    documents_of,
)
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import AdHocRound, ReportingRound, RoundState
from theodoi.users import AnyUser

# A person as a request carries it, or the persona already looked up.
Who = AnyUser | Persona | None

_WRITERS = frozenset({Role.ADMIN, Role.COORDINATOR})
_READERS = frozenset({Role.ADMIN, Role.COORDINATOR, Role.LEADER, Role.INSPECTOR})
Row = TypeVar("Row", bound=Model)


def persona(who: Who) -> Persona:
    return who if isinstance(who, Persona) else persona_of(who)


# --- who a person is ---------------------------------------------------------------------


def has_role(who: Who) -> bool:
    """Signed in with a role of DESIGN.md's table; everyone else is the public."""
    return persona(who).role is not None


def is_coordinator(who: Who) -> bool:
    """The coordinator's work (import and publish plans, open and close rounds, review,
    publish the ranking) is the coordinator's and IT staff's."""
    return persona(who).role in _WRITERS


def is_leader(who: Who) -> bool:
    return persona(who).role == Role.LEADER


def is_inspector(who: Who) -> bool:
    return persona(who).role == Role.INSPECTOR


def is_reporter(who: Who) -> bool:
    return reporter_organisation(who) is not None


def is_staff_reader(who: Who) -> bool:
    """Admins, coordinators, leaders and inspectors read every plan and task of their scope,
    drafts too; confidential ones too, but an inspector only when granted them."""
    return persona(who).role in _READERS


def reads_confidential(who: Who) -> bool:
    found = persona(who)
    if found.role == Role.INSPECTOR:
        return found.confidential
    return found.role in _READERS


def reads_every_task_of(who: Who, plan: Plan) -> bool:
    """``who`` reads every live task of ``plan``, confidential ones too: a staff reader of the
    plan's scope who may read confidential tasks. Others read :func:`visible_tasks`."""
    return is_staff_reader(who) and reads_confidential(who) and in_scope(who, plan.province_id)


def in_scope(who: Who, province_id: int | None) -> bool:
    """The body ``province_id`` (a plan's or an import's province; None: national) is within
    the scope of ``who``."""
    scope_ids = persona(who).scope_ids
    return scope_ids is None or province_id in scope_ids


def reporter_organisation(who: Who) -> Organisation | None:
    """The organisation a reporter reports for; None for every other role."""
    found = persona(who)
    return found.organisation if found.role == Role.REPORTER else None


def reader_key(who: Who) -> tuple[object, ...] | None:
    """What decides which rows ``who`` sees, for a cache key: two people with the same key
    see the same rows. A reporter is named by the bodies whose tasks it reads (its
    organisation's lineage, as :func:`visible_tasks` reads it), not by the agency shown, so a
    reporter of a merged body shares no page with its successor's. None for a person whose
    pages are not cached (the public, a role without an organisation, an inspector granted
    confidential tasks)."""
    found = persona(who)
    if found.role == Role.INSPECTOR and found.confidential:
        # Each read of a confidential task is audited: never served from a cache.
        return None
    scope = "nation" if found.scope_ids is None else tuple(sorted(found.scope_ids))
    if is_staff_reader(found):
        return ("staff", scope, reads_confidential(found))
    organisation = found.organisation
    if organisation is None:
        return None
    return ("lineage", tuple(sorted(organisation.lineage_ids())), scope)


# --- what a person sees ------------------------------------------------------------------


def _scope_of(who: Who, path: str) -> Q:
    scope_ids = persona(who).scope_ids
    return Q() if scope_ids is None else Q(**{f"{path}province_id__in": scope_ids})


def _plans_of(who: Who, path: str = "", *, agency_rows: bool = False) -> Q:
    """The plans ``who`` may see, as a condition on the plan at ``path`` (``"plan__"`` from
    a task or a round).

    Staff readers: every plan of their scope, drafts too, and the published national plans
    that every plan carries out. Reporters: the published plans of their scope and those that
    name their agency. The public: every published plan (the portal).

    ``agency_rows``: the rows are a reporter's agency's own (:func:`tasks_of`), so each one's
    plan names the agency: the condition is what is left of it, without the subqueries that
    look for the plans naming the agency (half of the CPU time of a task's lookup)."""
    found = persona(who)
    published = Q(**{f"{path}status": PlanStatus.PUBLISHED})
    if is_staff_reader(found):
        if found.scope_ids is None:
            return Q()
        return _scope_of(found, path) | (published & Q(**{f"{path}province__isnull": True}))
    organisation = reporter_organisation(found)
    if organisation is None or agency_rows:
        return published
    # Two subqueries: one join over both tasks and indicators would multiply their rows.
    naming = Q(**{f"{path}pk__in": tasks_of(organisation).values("plan")}) | Q(
        **{f"{path}pk__in": indicators_of(organisation).values("plan")}
    )
    return published & (_scope_of(found, path) | naming)


def visible_plans(who: Who) -> QuerySet[Plan]:
    return Plan.objects.filter(_plans_of(who))


def tasks_of(organisation: Organisation) -> QuerySet[Task]:
    """Live tasks ``organisation`` (or a body it succeeded) leads or cooperates on."""
    return Task.objects.filter(
        archived_at__isnull=True, agencies__organisation_id__in=organisation.lineage_ids()
    ).distinct()


def indicators_of(organisation: Organisation) -> QuerySet[Indicator]:
    """Live indicators ``organisation`` (or a body it succeeded) reports on."""
    return Indicator.objects.filter(
        archived_at__isnull=True, agencies__organisation_id__in=organisation.lineage_ids()
    ).distinct()


def visible_tasks(who: Who) -> QuerySet[Task]:
    """Live (not archived) tasks ``who`` may read.

    A reporter reads only the tasks its organisation (or a body it succeeded) leads or
    cooperates on; the public reads the published, non-confidential ones."""
    if is_staff_reader(who):
        rows = Task.objects.filter(_plans_of(who, "plan__"), archived_at__isnull=True)
        if not reads_confidential(who):
            return rows.filter(confidential=False)
        if persona(who).scope_ids is None:
            return rows
        # Confidential tasks within the scope only, not those of the national plans beyond it.
        return rows.filter(Q(confidential=False) | _scope_of(who, "plan__"))
    organisation = reporter_organisation(who)
    if organisation is not None:
        return tasks_of(organisation).filter(_plans_of(who, "plan__", agency_rows=True))
    return Task.objects.filter(
        _plans_of(who, "plan__"), archived_at__isnull=True, confidential=False
    )


def visible_addressed(
    who: Who, rows: QuerySet[Row], readable: Combinable | None = None
) -> QuerySet[Row]:
    """Of ``rows`` about a plan and addressed to an agency (directives, feedback), those ``who``
    sees: a staff reader, those on the plans of their scope (every one, plan or none, for the
    nation's); a reporter, those addressed to their agency (or a body it succeeded); anyone
    else, none. ``readable`` narrows what both see."""
    found = persona(who)
    narrowed = readable if readable is not None else Q()
    if is_staff_reader(found):
        return rows.filter(_scope_of(found, "plan__"), narrowed)
    organisation = reporter_organisation(found)
    if organisation is not None:
        return rows.filter(narrowed, agency_id__in=organisation.lineage_ids())
    return rows.none()


def reports_for(who: Who, agency_id: int | None) -> bool:
    """``who`` reports for the agency ``agency_id`` (or a body it succeeded)."""
    organisation = reporter_organisation(who)
    return organisation is not None and agency_id in organisation.lineage_ids()


def visible_rounds(who: Who) -> QuerySet[ReportingRound]:
    """The rounds of the plans ``who`` may see."""
    return ReportingRound.objects.filter(_plans_of(who, "plan__"))


def visible_drafts(who: Who) -> QuerySet[ImportDraft]:
    """Imports awaiting publication: the coordinator's (and IT staff's) of their scope, and
    those whose province was not read that they uploaded; none for others."""
    found = persona(who)
    if not is_coordinator(found):
        return ImportDraft.objects.none()
    if found.scope_ids is None:
        return ImportDraft.objects.all()
    return ImportDraft.objects.filter(
        Q(province_id__in=found.scope_ids) | Q(province__isnull=True, created_by_id=found.user_id)
    )


def _count_per_plan(rows: QuerySet[Task] | QuerySet[Indicator]) -> Coalesce:
    per_plan = (
        rows.filter(plan=OuterRef("pk"))
        .order_by()
        .values("plan")
        .annotate(n=Count("pk", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(per_plan, output_field=IntegerField()), Value(0))


def listed_plans(who: Who) -> QuerySet[Plan]:
    """The plans ``who`` may see, for a list: without their documents, each with
    ``task_count`` (the tasks ``who`` may read) and ``indicator_count`` (live indicators).

    Each count is a subquery of its own: counting over joins to both tasks and indicators made
    one row per task and indicator of each plan and grouped them on every column, documents
    included (1 to 5 s for the five seed plans on SQLite)."""
    return (
        visible_plans(who)
        .defer(*PLAN_DOCUMENTS)
        .select_related("province")
        .annotate(
            task_count=_count_per_plan(visible_tasks(who)),
            indicator_count=_count_per_plan(Indicator.objects.filter(archived_at__isnull=True)),
        )
    )


def found_or_404(rows: QuerySet[Row], pk: int) -> Row:
    """The row ``pk`` of ``rows`` (what someone may see); Http404 when it is not among them, so a
    hidden row and a missing one answer alike."""
    row = rows.filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


def get_plan_for(who: Who, plan_id: int) -> Plan:
    """The plan, if ``who`` may see it (else Http404)."""
    return found_or_404(visible_plans(who), plan_id)


def _task_rows(who: Who, *, write: bool) -> QuerySet[Task]:
    """The tasks ``who`` may see; for a write with their agencies, which the checks of a write
    read (may_write_task here, then the page's and the service's task_role): one query for
    them all."""
    rows = visible_tasks(who)
    return rows.prefetch_related("agencies") if write else rows


def _opened(who: Who, task: Task, *, write: bool) -> Task:
    if write and not may_write_task(who, task):
        raise PermissionDenied
    note_confidential_reads(who, [task])
    return task


def get_task_for(who: Who, task_id: int, *, write: bool = False) -> Task:
    """The task, if ``who`` may see it (else Http404) and, with ``write``, change it (else
    PermissionDenied). An inspector's read of a confidential task is audited."""
    rows = _task_rows(who, write=write).select_related("plan", "group")
    return _opened(who, found_or_404(rows.defer(*documents_of("plan__")), task_id), write=write)


def get_round_and_task_for(
    who: Who, round_id: int, task_id: int, *, write: bool = False
) -> tuple[ReportingRound, Task]:
    """A round and a task of its plan, as :func:`get_round_for` and :func:`get_task_for` find
    them (Http404, then PermissionDenied), and Http404 when the task is of another plan.

    The round is looked up among the rounds of the task's plan: the task's lookup found that
    plan one ``who`` may see, so the condition on plans is read once, not twice. Neither row
    carries its plan's: the report form and the API's write read the plan's id alone (issue
    15: the report form's POST)."""
    task = found_or_404(_task_rows(who, write=write), task_id)
    round_ = found_or_404(
        ReportingRound.objects.filter(plan=task.plan_id).select_related("ad_hoc"), round_id
    )
    return round_, _opened(who, task, write=write)


def note_confidential_reads(who: Who, tasks: Iterable[Task]) -> None:
    """Each confidential task an inspector is shown leaves an audit entry (Quy chế 08-QC/TW
    lets inspection commissions follow them; the province knows who read what)."""
    if not is_inspector(who):
        return
    now = timezone.now()
    for task in tasks:
        if task.confidential:
            record(Action.CONFIDENTIAL_READ, task, by=_user_of(who), now=now)


def _user_of(who: Who) -> AnyUser | None:
    return None if isinstance(who, Persona) else who


def get_round_for(who: Who, round_id: int) -> ReportingRound:
    """The round, if its plan is one ``who`` may see (else Http404)."""
    return found_or_404(
        visible_rounds(who).select_related("plan", "ad_hoc").defer(*documents_of("plan__")),
        round_id,
    )


def get_draft_for(who: Who, draft_id: int) -> ImportDraft:
    """An import ``who`` may work on, whatever its state (else Http404): whether it still
    awaits review is the services' precondition, so a second click on "Publish" gets their
    message, not a 404."""
    return found_or_404(visible_drafts(who), draft_id)


def staged_drafts(who: Who) -> QuerySet[ImportDraft]:
    """The imports ``who`` may publish or discard."""
    return visible_drafts(who).filter(status=DraftStatus.STAGED)


def get_organisation_for(who: Who) -> Organisation:
    """The organisation a reporter's pages are about; PermissionDenied for other roles."""
    organisation = reporter_organisation(who)
    if organisation is None:
        raise PermissionDenied
    return organisation


# --- what a person may change ------------------------------------------------------------


def coordinates(who: Who, plan: Plan) -> bool:
    """``who`` may do the coordinator's work on ``plan``: a coordinator of its scope."""
    return is_coordinator(who) and in_scope(who, plan.province_id)


def may_write_task(who: Who, task: Task) -> bool:
    """Coordinators and admins edit any task; a reporter its own agency's tasks."""
    organisation = reporter_organisation(who)
    if organisation is not None:  # a reporter, never a coordinator: the plan is not read
        return task_role(task, organisation) is not None
    return coordinates(who, task.plan)


def require_coordinator(by: Who, plan: Plan) -> None:
    if not coordinates(by, plan):
        raise ReportingError(_("Only the coordinating agency can do this."))


def require_reporter(by: Who) -> Organisation:
    """The organisation ``by`` reports for."""
    organisation = reporter_organisation(by)
    if organisation is None:
        raise ReportingError(_("Only a reporter of an implementing agency can report."))
    return organisation


def task_role(task: Task, organisation: Organisation) -> str | None:
    """``lead`` or ``cooperating`` when ``organisation`` (or a body it succeeded) is named on
    the task; lead wins when it is named both ways. Read from the task's agencies, which a
    lookup for a write has prefetched (:func:`get_task_for`)."""
    lineage = organisation.lineage_ids()
    roles = {a.role for a in task.agencies.all() if a.organisation_id in lineage}
    if AgencyRole.LEAD in roles:
        return AgencyRole.LEAD
    return AgencyRole.COOPERATING if roles else None


def reports_on_indicator(indicator: Indicator, organisation: Organisation) -> bool:
    return indicator.agencies.filter(organisation_id__in=organisation.lineage_ids()).exists()


def accepts_reports_from(
    round_: ReportingRound, organisation: Organisation, now: datetime.datetime
) -> bool:
    """Open and before its deadline, or reopened for this agency until a later time; an
    ad-hoc round only from the agencies it was opened for."""
    if round_.state == RoundState.CLOSED or not takes_part_in(round_, organisation):
        return False
    if round_.state == RoundState.OPEN and now < round_.deadline:
        return True
    return round_.reopenings.filter(organisation=organisation, until__gt=now).exists()


def require_accepting(
    round_: ReportingRound, organisation: Organisation, now: datetime.datetime
) -> None:
    # The page may have loaded the round before the coordinator locked or closed it.
    round_.refresh_from_db(fields=["state", "deadline"])
    if not accepts_reports_from(round_, organisation, now):
        raise ReportingError(
            _(
                "The round “%(round)s” is locked since %(deadline)s; ask the coordinating "
                "agency to reopen it for your agency."
            )
            % {
                "round": round_,
                "deadline": timezone.localtime(round_.deadline).strftime("%H:%M %d/%m/%Y"),
            }
        )


def may_name_people(who: Who, assignment: TaskAgency) -> bool:
    """``who`` may name the officer and the leader in charge of ``assignment`` (a task's
    agency): the plan's coordinator, or a reporter of that agency (or of its successor)."""
    if coordinates(who, assignment.task.plan):
        return True
    organisation = reporter_organisation(who)
    return (
        organisation is not None
        and assignment.organisation_id is not None
        and assignment.organisation_id in organisation.lineage_ids()
    )


def _ad_hoc(round_: ReportingRound) -> AdHocRound | None:
    # Through the round's own relation, kept on it: a report's checks ask four times.
    try:
        return round_.ad_hoc
    except AdHocRound.DoesNotExist:
        return None


def takes_part_in(round_: ReportingRound, organisation: Organisation) -> bool:
    """Every agency of the plan reports in a round; in an ad-hoc round, only those it was
    opened for (or their successors)."""
    ad_hoc = _ad_hoc(round_)
    if ad_hoc is None:
        return True
    return ad_hoc.organisations.filter(pk__in=organisation.lineage_ids()).exists()


def round_tasks_of(round_: ReportingRound, organisation: Organisation) -> QuerySet[Task]:
    """The live tasks ``organisation`` reports on in ``round_``: its tasks of the round's
    plan; in an ad-hoc round, those of them the round was opened for."""
    tasks = tasks_of(organisation).filter(plan=round_.plan_id)
    ad_hoc = _ad_hoc(round_)
    if ad_hoc is None:
        return tasks
    if not takes_part_in(round_, organisation):
        return tasks.none()
    return tasks.filter(pk__in=ad_hoc.tasks.values("pk"))


def round_indicators_of(round_: ReportingRound, organisation: Organisation) -> QuerySet[Indicator]:
    """The live indicators ``organisation`` reports figures for in ``round_``; none in an
    ad-hoc round, which asks for reports on its tasks only."""
    if _ad_hoc(round_) is not None:
        return Indicator.objects.none()
    return indicators_of(organisation).filter(plan=round_.plan_id)


def asks_for(round_: ReportingRound, task: Task) -> bool:
    """A round asks for reports on every task of its plan; an ad-hoc round on its own."""
    ad_hoc = _ad_hoc(round_)
    return ad_hoc is None or ad_hoc.tasks.filter(pk=task.pk).exists()


def reports_on(round_: ReportingRound, organisation: Organisation, task: Task) -> bool:
    """``task`` is one of :func:`round_tasks_of`: live, of the round's plan, naming
    ``organisation`` (or a body it succeeded), and asked of the agency by the round. Read
    from the rows at hand: no query but the task's agencies and an ad-hoc round's lists."""
    return (
        task.archived_at is None
        and task.plan_id == round_.plan_id
        and takes_part_in(round_, organisation)
        and asks_for(round_, task)
        and task_role(task, organisation) is not None
    )
