"""Open data of a published plan: datasets declared once with their data dictionary. The
formats they are written in (CSV, JSON) are exporters of ``theodoi.exports.registry``.

Only what the public may read goes out: published plans, tasks that are not confidential,
figures the coordinator accepted (as stored in the snapshot).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from theodoi.plans.models import AgencyRole, Plan
from theodoi.reporting.access import visible_tasks
from theodoi.snapshots.reading import Results

Row = dict[str, Any]


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # integer, number, string, date (ISO 8601), boolean
    description: str | Promise


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str | Promise
    fields: tuple[Field, ...]
    rows: Callable[[Plan, Results | None], Iterator[Row]]


def _names(mentions: list[Any], role: str) -> str:
    return "; ".join(m.name for m in mentions if m.role == role)


def _plan_rows(plan: Plan, results: Results | None) -> Iterator[Row]:
    yield {
        "plan_id": plan.pk,
        "number": plan.number,
        "kind": plan.kind,
        "title": plan.title,
        "issuer": plan.issuer,
        "province": plan.province.name if plan.province else "",
        "issued_on": plan.issued_on.isoformat() if plan.issued_on else None,
        "version": plan.version,
        "as_of": results.as_of.isoformat() if results else None,
    }


def _task_rows(plan: Plan, results: Results | None) -> Iterator[Row]:
    tasks = (
        visible_tasks(AnonymousUser())
        .filter(plan=plan)
        .select_related("group")
        .prefetch_related("agencies")
        .order_by("position", "pk")
    )
    for task in tasks:
        judged: Mapping[str, Any] = results.tasks.get(task.pk, {}) if results else {}
        mentions = list(task.agencies.all())
        yield {
            "plan_id": plan.pk,
            "task_id": task.pk,
            "code": task.code,
            "group_code": task.group.code if task.group else "",
            "title": task.title,
            "lead": _names(mentions, AgencyRole.LEAD),
            "cooperating": _names(mentions, AgencyRole.COOPERATING),
            "due_text": task.due_text,
            "due_kind": task.due_kind,
            "due_on": judged.get("due_on"),
            "expected_output": task.expected_output,
            "status": judged.get("status"),
            "status_label": judged.get("status_label"),
            "colour": judged.get("colour"),
            "progress": judged.get("progress"),
            "days_late": judged.get("days_late"),
            "external_ids": external_ids_text(task.external_ids),
        }


def _indicator_rows(plan: Plan, results: Results | None) -> Iterator[Row]:
    for indicator in plan.indicators.filter(archived_at__isnull=True).order_by("position", "pk"):
        judged: Mapping[str, Any] = results.indicators.get(indicator.pk, {}) if results else {}
        yield {
            "plan_id": plan.pk,
            "indicator_id": indicator.pk,
            "code": indicator.code,
            "name": indicator.name,
            "unit": indicator.unit,
            "target_text": indicator.target_text,
            "comparator": indicator.comparator,
            "target": indicator.target,
            "target_max": indicator.target_max,
            "year": indicator.year,
            "baseline_value": judged.get("baseline_value"),
            "baseline_on": judged.get("baseline_on"),
            "latest_value": judged.get("latest_value"),
            "latest_on": judged.get("latest_on"),
            "band": judged.get("band"),
            "band_label": judged.get("band_label"),
            "ratio": judged.get("ratio"),
            "external_ids": external_ids_text(indicator.external_ids),
        }


def _value_rows(plan: Plan, results: Results | None) -> Iterator[Row]:
    if results is None:
        return
    codes = dict(plan.indicators.values_list("pk", "code"))
    for indicator_id, judged in results.indicators.items():
        for on, value in judged["values"]:
            yield {
                "plan_id": plan.pk,
                "indicator_id": indicator_id,
                "indicator_code": codes.get(indicator_id, ""),
                "measured_on": on,
                "value": value,
                "is_baseline": on == judged["baseline_on"],
            }


def _status_rows(plan: Plan, results: Results | None) -> Iterator[Row]:
    if results is None:
        return
    groups = dict(plan.groups.values_list("pk", "code"))
    shown = set(visible_tasks(AnonymousUser()).filter(plan=plan).values_list("pk", flat=True))
    scopes: list[tuple[str, str | None]] = [("", None)]
    scopes += [(code, str(pk)) for pk, code in groups.items()]
    for code, group in scopes:
        summary = results.summary(among=shown, group=group)
        if group is not None and summary.total == 0:
            continue
        for count in summary.statuses:
            yield {
                "plan_id": plan.pk,
                "group_code": code,
                "status": count.status.code,
                "status_label": count.status.label,
                "tasks": count.count,
                "share": round(count.share, 4),
            }


def external_ids_text(ids: Mapping[str, str]) -> str:
    """``nq57=NV-2025-0123; nq71=12``: one cell of a CSV, sorted so a file diffs cleanly."""
    return "; ".join(f"{system}={identifier}" for system, identifier in sorted(ids.items()))


_PLAN_ID = Field("plan_id", "integer", _("Identifier of the plan in theodoi."))
_EXTERNAL_IDS = Field(
    "external_ids",
    "string",
    _("Its identifiers in other systems, as system=identifier; separated by ';'."),
)

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "plans",
            _("Plan"),
            (
                _PLAN_ID,
                Field("number", "string", _("Document number, e.g. 69/KH-UBND.")),
                Field("kind", "string", _("Kind of document: ke_hoach, chuong_trinh, ...")),
                Field("title", "string", _("Title of the document.")),
                Field("issuer", "string", _("Issuing body.")),
                Field("province", "string", _("Province the plan belongs to.")),
                Field("issued_on", "date", _("Date of issue.")),
                Field("version", "integer", _("Version of the plan in theodoi.")),
                Field("as_of", "date", _("Date of the evaluation the statuses come from.")),
            ),
            _plan_rows,
        ),
        Dataset(
            "tasks",
            _("Tasks and their status"),
            (
                _PLAN_ID,
                Field("task_id", "integer", _("Identifier of the task in theodoi.")),
                Field("code", "string", _("Number of the task in the plan.")),
                Field("group_code", "string", _("Number of its task group.")),
                Field("title", "string", _("The task as written.")),
                Field("lead", "string", _("Lead agencies as written, separated by ';'.")),
                Field("cooperating", "string", _("Cooperating agencies, separated by ';'.")),
                Field("due_text", "string", _("Time as written in the plan.")),
                Field(
                    "due_kind",
                    "string",
                    _("Kind of time: recurring, year, month, quarter, range, date, ..."),
                ),
                Field("due_on", "date", _("Day the task falls due; empty when it has none.")),
                Field("expected_output", "string", _("Expected result or product.")),
                Field("status", "string", _("Status code (one of the six statuses).")),
                Field("status_label", "string", _("Status in Vietnamese.")),
                Field("colour", "string", _("green, yellow, red or grey.")),
                Field("progress", "integer", _("Progress in per cent, as last accepted.")),
                Field("days_late", "integer", _("Days past the due day, when late.")),
                _EXTERNAL_IDS,
            ),
            _task_rows,
        ),
        Dataset(
            "indicators",
            _("Indicators and their progress"),
            (
                _PLAN_ID,
                Field("indicator_id", "integer", _("Identifier of the indicator in theodoi.")),
                Field("code", "string", _("Number of the indicator in the plan.")),
                Field("name", "string", _("The indicator as written.")),
                Field("unit", "string", _("Unit of measure.")),
                Field("target_text", "string", _("Target as written.")),
                Field("comparator", "string", _(">=, >, <=, <, =, range or rank_top.")),
                Field("target", "number", _("Target figure.")),
                Field("target_max", "number", _("Upper bound of a range target.")),
                Field("year", "integer", _("Year of the target.")),
                Field("baseline_value", "number", _("Baseline value y0.")),
                Field("baseline_on", "date", _("Date of the baseline t0.")),
                Field("latest_value", "number", _("Latest accepted value y.")),
                Field("latest_on", "date", _("Date of the latest value t.")),
                Field("band", "string", _("Progress band code (Open SDG method).")),
                Field("band_label", "string", _("Progress band in Vietnamese.")),
                Field("ratio", "number", _("Ratio R of observed to required growth.")),
                _EXTERNAL_IDS,
            ),
            _indicator_rows,
        ),
        Dataset(
            "values",
            _("Accepted indicator values"),
            (
                _PLAN_ID,
                Field("indicator_id", "integer", _("Identifier of the indicator in theodoi.")),
                Field("indicator_code", "string", _("Number of the indicator in the plan.")),
                Field("measured_on", "date", _("Date the figure refers to.")),
                Field("value", "number", _("The figure, in the indicator's unit.")),
                Field("is_baseline", "boolean", _("Whether the figure is the baseline.")),
            ),
            _value_rows,
        ),
        Dataset(
            "statuses",
            _("Tasks by status"),
            (
                _PLAN_ID,
                Field("group_code", "string", _("Task group; empty for the whole plan.")),
                Field("status", "string", _("Status code.")),
                Field("status_label", "string", _("Status in Vietnamese.")),
                Field("tasks", "integer", _("Number of public tasks in the status.")),
                Field("share", "number", _("Share of the public tasks, 0 to 1.")),
            ),
            _status_rows,
        ),
    )
}
