"""A published plan amended by its coordinator (điều chỉnh, bổ sung), and withdrawn.

Each service is atomic, checks every new value before writing any (``PlanError`` naming the
field), writes the plan's next :class:`PlanAmendment` listing each field that changed with its
value before and after, leaves the audit entry ``plans.plan.amended`` and, once committed,
announces :class:`PlanAmended` so the snapshots are rebuilt. Nothing filed is lost: a task is
changed in place (its reports stay on it) or archived, never deleted. Who may amend (the
coordinator of the plan's scope) is the caller's check, through ``reporting.access``."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.events import publish
from theodoi.orgs.resolve import Resolver
from theodoi.plans import amendment_fields as fields
from theodoi.plans.errors import PlanError
from theodoi.plans.events import PlanAmended
from theodoi.plans.models import (
    AgencyRole,
    AmendmentKind,
    DueKind,
    Indicator,
    IndicatorAgency,
    OfficialFigure,
    Plan,
    PlanAmendment,
    PlanStatus,
    Task,
    TaskAgency,
    TaskGroup,
)
from theodoi.plans.services import live_task
from theodoi.users import User


@dataclasses.dataclass(frozen=True)
class TaskFields:
    """What an amendment may set on a task, every field given (the form shows them all)."""

    due_text: str
    lead: tuple[str, ...]
    cooperating: tuple[str, ...]
    expected_output: str = ""
    confidential: bool = False
    condition_met_on: datetime.date | None = None
    external_ids: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, task: Task) -> TaskFields:
        agencies = sorted(task.agencies.all(), key=lambda a: (a.position, a.pk))
        return cls(
            due_text=task.due_text,
            lead=tuple(a.name for a in agencies if a.role == AgencyRole.LEAD),
            cooperating=tuple(a.name for a in agencies if a.role == AgencyRole.COOPERATING),
            expected_output=task.expected_output,
            confidential=task.confidential,
            condition_met_on=task.condition_met_on,
            external_ids=tuple(sorted(task.external_ids.items())),
        )


@dataclasses.dataclass(frozen=True)
class IndicatorFields:
    agencies: tuple[str, ...]
    baseline_value: float | None = None
    baseline_year: int | None = None


@dataclasses.dataclass(frozen=True)
class Figure:
    """A figure from an official statistic, with its source."""

    value: float
    measured_on: datetime.date | None  # None is refused by the checks
    source: str


@dataclasses.dataclass(frozen=True)
class Amendment:
    """Why and when: the reason and the date the coordinator gives every amendment."""

    reason: str
    amended_on: datetime.date


# --- checks -----------------------------------------------------------------------------------


def _resolver(plan: Plan, now: datetime.datetime) -> Resolver:
    return Resolver(plan.province, as_of=timezone.localdate(now))


def amendment_problems(amendment: Amendment, *, today: datetime.date) -> dict[str, str]:
    problems = {
        "reason": fields.reason_problem(amendment.reason),
        "amended_on": fields.day_problem(amendment.amended_on, today),
    }
    return {name: problem for name, problem in problems.items() if problem}


def task_problems(
    new: TaskFields,
    *,
    resolver: Resolver,
    today: datetime.date,
    old: TaskFields | None = None,
    waits_for_condition: bool = True,
) -> dict[str, str]:
    """Each field of ``new`` that cannot be stored, with the reason (field → message). A field
    left as it was (``old``) is not checked again: a plan's own words stand."""
    problems: dict[str, str | None] = {}

    def changed(name: str) -> bool:
        return old is None or getattr(old, name) != getattr(new, name)

    if changed("due_text"):
        try:
            fields.read_due(new.due_text)
        except ValueError as error:
            problems["due_text"] = str(error)
    if changed("lead"):
        problems["lead"] = fields.agency_problem(new.lead, resolver)
        if not new.lead:
            problems["lead"] = _("name the lead agency.")
    if changed("cooperating"):
        problems["cooperating"] = fields.agency_problem(new.cooperating, resolver)
    if len(new.expected_output) > fields.MAX_TEXT:
        problems["expected_output"] = _("at most %(limit)s characters.") % {
            "limit": fields.MAX_TEXT
        }
    if changed("condition_met_on") and new.condition_met_on is not None:
        if not waits_for_condition:
            problems["condition_met_on"] = _("this task does not wait for a condition.")
        elif new.condition_met_on > today:
            problems["condition_met_on"] = _("the date cannot be in the future.")
    return {name: problem for name, problem in problems.items() if problem}


def indicator_problems(
    new: IndicatorFields,
    figure: Figure | None,
    *,
    indicator: Indicator,
    resolver: Resolver,
    today: datetime.date,
) -> dict[str, str]:
    problems: dict[str, str | None] = {"agencies": fields.agency_problem(new.agencies, resolver)}
    if (new.baseline_value is None) != (new.baseline_year is None):
        problems["baseline_year" if new.baseline_year is None else "baseline_value"] = _(
            "a baseline is a value and its year, both or neither."
        )
    if new.baseline_year is not None:
        if not 1990 <= new.baseline_year <= today.year:
            problems["baseline_year"] = _("a year between 1990 and %(year)s.") % {
                "year": today.year
            }
        elif indicator.year is not None and new.baseline_year > indicator.year:
            problems["baseline_year"] = _(
                "the baseline's year is after the target's year (%(year)s)."
            ) % {"year": indicator.year}
    if figure is not None:
        if not figure.source.strip():
            problems["figure_source"] = _("give the official statistic the figure is from.")
        elif len(figure.source) > fields.MAX_SOURCE:
            problems["figure_source"] = _("at most %(limit)s characters.") % {
                "limit": fields.MAX_SOURCE
            }
        problems["figure_on"] = fields.day_problem(figure.measured_on, today)
    return {name: problem for name, problem in problems.items() if problem}


def _refuse(problems: dict[str, str], labels: dict[str, str]) -> None:
    """PlanError naming each field at fault, when there is one."""
    if problems:
        raise PlanError(
            " ".join(f"{labels.get(name, name)}: {problem}" for name, problem in problems.items())
        )


def _labels() -> dict[str, str]:
    return {
        "reason": pgettext("amendment", "Reason"),
        "amended_on": pgettext("amendment", "Date of the amendment"),
        "due_text": fields.label_of("due"),
        "lead": fields.label_of("lead"),
        "cooperating": fields.label_of("cooperating"),
        "expected_output": fields.label_of("expected_output"),
        "condition_met_on": fields.label_of("condition_met_on"),
        "external_ids": fields.label_of("external_ids"),
        "title": pgettext("amendment", "Task"),
        "code": pgettext("amendment", "Code"),
        "agencies": fields.label_of("agencies"),
        "baseline_value": fields.label_of("baseline_value"),
        "baseline_year": fields.label_of("baseline_year"),
        "figure_source": _("Source of the figure"),
        "figure_on": _("Date of the figure"),
    }


def _require_published(plan: Plan) -> Plan:
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.status != PlanStatus.PUBLISHED:
        raise PlanError(
            _("Plan %(plan)s is %(status)s: only a published plan is amended.")
            % {"plan": locked, "status": locked.get_status_display()}
        )
    return locked


# --- writing ----------------------------------------------------------------------------------


def _write_amendment(
    plan: Plan,
    kind: AmendmentKind,
    amendment: Amendment,
    changes: list[dict[str, Any]],
    *,
    by: User | None,
    now: datetime.datetime,
) -> PlanAmendment:
    if not changes:
        raise PlanError(_("Nothing was changed: there is no amendment to record."))
    plan.amendment_number += 1
    plan.save(update_fields=["amendment_number"])
    row = PlanAmendment.objects.create(
        plan=plan,
        number=plan.amendment_number,
        kind=kind,
        reason=amendment.reason.strip(),
        amended_on=amendment.amended_on,
        changes=changes,
        created_at=now,
        created_by=by,
    )
    record(
        Action.PLAN_AMENDED,
        plan,
        by=by,
        now=now,
        after={
            "amendment": row.number,
            "kind": kind.value,
            "reason": row.reason,
            "amended_on": row.amended_on.isoformat(),
            "changes": changes,
        },
    )
    transaction.on_commit(partial(publish, PlanAmended(plan_id=plan.pk, now=now)), robust=True)
    return row


def _change(
    row: Task | Indicator | Plan, field: str, before: str, after: str, *, secret: bool = False
) -> dict[str, Any]:
    subject = "plan"
    if isinstance(row, Task):
        subject = "task"
    elif isinstance(row, Indicator):
        subject = "indicator"
    return {
        "subject": subject,
        "id": row.pk,
        "code": getattr(row, "code", ""),
        "field": field,
        "before": before,
        "after": after,
        "public": fields.FIELDS[field].public and not secret,
    }


def _set_due(task: Task, text: str) -> None:
    due = fields.read_due(text)
    task.due_text = due.text or ""
    task.due_kind = due.kind
    task.due_start_year, task.due_end_year = due.start_year, due.end_year
    task.due_month, task.due_quarter = due.month, due.quarter
    task.due_date = datetime.date.fromisoformat(due.date) if due.date else None
    task.due_condition = due.condition or ""


def _set_task_agencies(
    task: Task, role: AgencyRole, names: tuple[str, ...], resolver: Resolver
) -> None:
    task.agencies.filter(role=role).delete()
    TaskAgency.objects.bulk_create(
        TaskAgency(
            task=task,
            role=role,
            name=name,
            position=position,
            organisation=resolver.resolve(name).organisation,
        )
        for position, name in enumerate(names)
    )


# The task's fields stored as they are given, each with how an amendment shows its value.
_SHOWN: dict[str, Callable[[Any], str]] = {
    "expected_output": lambda text: text or "—",
    "confidential": fields.shown_yes,
    "condition_met_on": fields.shown_day,
    "external_ids": lambda ids: fields.external_ids_text(dict(ids)) or "—",
}

# As _SHOWN, for the indicator's baseline (its agencies and figures are changed apart).
_INDICATOR_SHOWN: dict[str, Callable[[Any], str]] = {
    "baseline_value": fields.shown_number,
    "baseline_year": fields.shown_year,
}


def _apply_task(
    task: Task, old: TaskFields, new: TaskFields, resolver: Resolver
) -> list[dict[str, Any]]:
    """Store what differs between ``old`` and ``new`` on the locked task; the changes. What
    changes on a task confidential before or after is never public."""
    secret = old.confidential or new.confidential
    changes = []
    if new.due_text != old.due_text:
        _set_due(task, new.due_text)
        changes.append(_change(task, "due", old.due_text or "—", task.due_text, secret=secret))
    for role, name in ((AgencyRole.LEAD, "lead"), (AgencyRole.COOPERATING, "cooperating")):
        before, after = getattr(old, name), getattr(new, name)
        if after != before:
            _set_task_agencies(task, role, after, resolver)
            names = fields.shown_names(before), fields.shown_names(after)
            changes.append(_change(task, name, *names, secret=secret))
    for name, shown in _SHOWN.items():
        before, after = getattr(old, name), getattr(new, name)
        if after != before:
            setattr(task, name, dict(after) if name == "external_ids" else after)
            changes.append(_change(task, name, shown(before), shown(after), secret=secret))
    task.save()
    return changes


@transaction.atomic
def amend_task(
    task: Task,
    new: TaskFields,
    amendment: Amendment,
    *,
    by: User | None,
    now: datetime.datetime,
) -> PlanAmendment:
    """Change a live task of a published plan: its time, agencies, expected output,
    confidentiality, the day its condition was met, its identifiers elsewhere. Its reports
    stay on it."""
    plan = _require_published(task.plan)
    task = live_task(task, plan)
    old = TaskFields.of(task)
    resolver = _resolver(plan, now)
    problems = amendment_problems(amendment, today=timezone.localdate(now)) | task_problems(
        new,
        resolver=resolver,
        today=timezone.localdate(now),
        old=old,
        waits_for_condition=task.due_kind == DueKind.CONDITIONAL.value or bool(task.due_condition),
    )
    _refuse(problems, _labels())
    changes = _apply_task(task, old, new, resolver)
    return _write_amendment(plan, AmendmentKind.ADJUSTED, amendment, changes, by=by, now=now)


def next_code(plan: Plan) -> str:
    """The code an added task gets when the coordinator gives none: ``BS1``, ``BS2``…"""
    taken = set(plan.tasks.values_list("code", flat=True))
    n = 1
    while f"BS{n}" in taken:
        n += 1
    return f"BS{n}"


@transaction.atomic
def add_task(
    plan: Plan,
    *,
    title: str,
    code: str,
    group: TaskGroup | None,
    new: TaskFields,
    amendment: Amendment,
    by: User | None,
    now: datetime.datetime,
) -> Task:
    """Add a task to a published plan (bổ sung), at the end of its group."""
    plan = _require_published(plan)
    title, code = " ".join(title.split()), " ".join(code.split()) or next_code(plan)
    problems = amendment_problems(amendment, today=timezone.localdate(now))
    if not title:
        problems["title"] = _("give the task's wording.")
    elif len(title) > fields.MAX_TITLE:
        problems["title"] = _("at most %(limit)s characters.") % {"limit": fields.MAX_TITLE}
    if len(code) > fields.MAX_CODE:
        problems["code"] = _("at most %(limit)s characters.") % {"limit": fields.MAX_CODE}
    if group is not None and group.plan_id != plan.pk:
        raise PlanError(_("This group is not part of plan %(plan)s.") % {"plan": plan})
    try:
        due = fields.read_due(new.due_text)
        waits = due.kind == "conditional" or bool(due.condition)
    except ValueError:
        waits = True  # the time's own message is enough
    resolver = _resolver(plan, now)
    problems |= task_problems(
        new, resolver=resolver, today=timezone.localdate(now), waits_for_condition=waits
    )
    _refuse(problems, _labels())
    taken = set(plan.tasks.values_list("key", flat=True))
    key, n = code, 2
    while key in taken:
        key, n = f"{code}~{n}", n + 1
    last = plan.tasks.aggregate(last=Max("position"))["last"]
    task = Task(plan=plan, group=group, key=key, code=code, title=title, position=(last or 0) + 1)
    _set_due(task, new.due_text)
    task.save()
    changes = [_change(task, "added", "—", title[:200], secret=new.confidential)]
    changes += _apply_task(task, TaskFields(due_text="", lead=(), cooperating=()), new, resolver)
    _write_amendment(plan, AmendmentKind.SUPPLEMENTED, amendment, changes, by=by, now=now)
    return task


@transaction.atomic
def archive_task(
    task: Task, amendment: Amendment, *, by: User | None, now: datetime.datetime
) -> PlanAmendment:
    """Take a task out of the plan: it is no longer judged nor shown, and every report filed
    on it is kept (the amendments page lists them)."""
    plan = _require_published(task.plan)
    task = live_task(task, plan)
    _refuse(amendment_problems(amendment, today=timezone.localdate(now)), _labels())
    task.archived_at = now
    task.save(update_fields=["archived_at"])
    change = _change(task, "archived", task.title[:200], "—", secret=task.confidential)
    return _write_amendment(plan, AmendmentKind.ADJUSTED, amendment, [change], by=by, now=now)


@transaction.atomic
def amend_indicator(
    indicator: Indicator,
    new: IndicatorFields,
    figure: Figure | None,
    amendment: Amendment,
    *,
    by: User | None,
    now: datetime.datetime,
) -> PlanAmendment:
    """Set an indicator's responsible agencies and baseline, and enter a figure from an
    official statistic with its source; each is a change of the amendment."""
    plan = _require_published(indicator.plan)
    locked = Indicator.objects.select_for_update().filter(pk=indicator.pk, plan=plan).first()
    if locked is None or locked.archived_at is not None:
        raise PlanError(_("This indicator is not part of plan %(plan)s.") % {"plan": plan})
    indicator = locked
    resolver = _resolver(plan, now)
    problems = amendment_problems(amendment, today=timezone.localdate(now)) | indicator_problems(
        new, figure, indicator=indicator, resolver=resolver, today=timezone.localdate(now)
    )
    _refuse(problems, _labels())
    old = tuple(a.name for a in indicator.agencies.order_by("position", "pk"))
    changes = []
    if new.agencies != old:
        indicator.agencies.all().delete()
        IndicatorAgency.objects.bulk_create(
            IndicatorAgency(
                indicator=indicator,
                name=name,
                position=position,
                organisation=resolver.resolve(name).organisation,
            )
            for position, name in enumerate(new.agencies)
        )
        changes.append(
            _change(
                indicator, "agencies", fields.shown_names(old), fields.shown_names(new.agencies)
            )
        )
    for name, shown in _INDICATOR_SHOWN.items():
        before, after = getattr(indicator, name), getattr(new, name)
        if after != before:
            changes.append(_change(indicator, name, shown(before), shown(after)))
            setattr(indicator, name, after)
    indicator.save(update_fields=list(_INDICATOR_SHOWN))
    if figure is not None:
        changes.append(
            _change(
                indicator,
                "official_figure",
                "—",
                f"{fields.shown_number(figure.value)} {indicator.unit}".strip()
                + f" ({fields.shown_day(figure.measured_on)}; {figure.source.strip()})",
            )
        )
    row = _write_amendment(plan, AmendmentKind.ADJUSTED, amendment, changes, by=by, now=now)
    if figure is not None:
        assert figure.measured_on is not None  # indicator_problems refused it
        OfficialFigure.objects.create(
            indicator=indicator,
            amendment=row,
            value=float(figure.value),
            measured_on=figure.measured_on,
            source=figure.source.strip(),
            entered_at=now,
        )
    return row


@transaction.atomic
def withdraw_plan(
    plan: Plan, amendment: Amendment, *, by: User | None, now: datetime.datetime
) -> PlanAmendment:
    """Withdraw a published plan (thu hồi): off the public portal and out of reporting, kept in
    the workspace marked withdrawn, with everything filed on it."""
    plan = _require_published(plan)
    _refuse(amendment_problems(amendment, today=timezone.localdate(now)), _labels())
    before = plan.get_status_display()
    plan.status = PlanStatus.WITHDRAWN
    plan.save(update_fields=["status"])
    change = _change(plan, "status", str(before), str(plan.get_status_display()))
    row = _write_amendment(plan, AmendmentKind.WITHDRAWN, amendment, [change], by=by, now=now)
    record(Action.PLAN_WITHDRAWN, plan, by=by, now=now, after={"reason": row.reason})
    return row
