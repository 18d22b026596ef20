"""Importing a plan document: stage (extract, resolve agencies), correct, map agencies, see
what a new version changes, publish. The import page, ``load_demo`` and the API call these and
nothing else, so every plan in the database came through the same checks."""

from __future__ import annotations

import datetime
import hashlib
import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from theodoi.audit.log import entries_for, record
from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.fields.times import parse_due
from theodoi.ingest.plan import Plan as PlanData
from theodoi.ingest.readers.detect import HEAD_SIZE
from theodoi.ingest.validate import validate_plan_json
from theodoi.orgs.models import Organisation
from theodoi.orgs.resolve import Resolver, find_province
from theodoi.orgs.services import remember_alias
from theodoi.plans.diff import PlanDiff, diff_plan_json
from theodoi.plans.errors import PlanError
from theodoi.plans.models import (
    AgencyRole,
    DraftStatus,
    ImportDraft,
    Indicator,
    IndicatorAgency,
    Plan,
    PlanStatus,
    Task,
    TaskAgency,
    TaskGroup,
)
from theodoi.plans.uploads import upload_problem
from theodoi.reporting.importing import schedule_from_import

User = AbstractBaseUser | None


# --- staging ---------------------------------------------------------------------------------


def _read_upload(file: File) -> tuple[bytes, str]:
    data = b"".join(file.chunks()) if hasattr(file, "chunks") else file.read()
    return data, hashlib.sha256(data).hexdigest()


def _extract(data: bytes, filename: str) -> PlanData:
    """Plan JSON files are read as they are (after the schema check); documents go through
    the extractor."""
    if PurePath(filename).suffix.lower() == ".json":
        try:
            parsed = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise PlanError(
                _("The file “%(name)s” is not valid JSON: %(error)s")
                % {"name": filename, "error": exc}
            ) from exc
        problems = validate_plan_json(parsed)
        if problems:
            raise PlanError(
                _("The file “%(name)s” is not Plan JSON: %(problems)s")
                % {"name": filename, "problems": " ".join(problems[:5])}
            )
        return PlanData.from_dict(parsed)
    from theodoi.ingest.pipeline import extract_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / PurePath(filename).name
        path.write_bytes(data)
        try:
            return extract_file(path)
        except UnreadableInput as exc:
            raise PlanError(str(exc)) from exc


def unresolved_names(
    plan_json: dict[str, Any], province: Organisation | None, *, as_of: datetime.date
) -> list[str]:
    """The agency names of a Plan JSON that are neither a known body nor a collective phrase,
    each once, in order of appearance."""
    resolver = Resolver(province, as_of=as_of)
    seen: dict[str, None] = {}
    for name in _agency_names(plan_json):
        if name not in seen and resolver.resolve(name).unresolved:
            seen[name] = None
    return list(seen)


def _agency_names(plan_json: dict[str, Any]) -> list[str]:
    names: list[str] = []
    for task in plan_json.get("tasks") or []:
        names += (task.get("lead") or []) + (task.get("cooperating") or [])
    for indicator in plan_json.get("indicators") or []:
        names += indicator.get("agencies") or []
    return names


def _not_a_plan(plan: PlanData) -> bool:
    """Nothing a plan has was found. A plan whose tasks could not be read (running prose, a
    news article about it) still has a number, a title or a province, and is staged."""
    doc = plan.document
    return not (plan.tasks or plan.indicators or doc.number or doc.title or doc.province)


@transaction.atomic
def stage_import(
    file: File, *, by: User, now: datetime.datetime, replaces: Plan | None = None
) -> ImportDraft:
    """Read an uploaded plan document into a draft for the coordinator to check.

    Refuses (PlanError) a file too big, of the wrong type, unreadable, not a plan, or already
    uploaded (same content). A plan of the same number and province already in theodoi makes
    this upload its new version."""
    filename = PurePath(file.name or "").name
    data, sha256 = _read_upload(file)
    problem = upload_problem(
        filename, len(data), data[:HEAD_SIZE], settings.THEODOI_MAX_UPLOAD_BYTES
    )
    if problem:
        raise PlanError(problem)
    existing = Plan.objects.filter(source_sha256=sha256).first()
    if existing is not None:
        raise PlanError(
            _("This document has already been imported as plan %(plan)s.") % {"plan": existing}
        )
    if ImportDraft.objects.filter(sha256=sha256, status=DraftStatus.STAGED).exists():
        raise PlanError(
            _("This document was already uploaded and is waiting for review in the import list.")
        )
    plan = _extract(data, filename)
    if _not_a_plan(plan):
        raise PlanError(
            _(
                "No plan was found in “%(name)s”: no number, title, province, task or "
                "indicator. Check that it is the plan document."
            )
            % {"name": filename}
        )
    plan_json = plan.to_dict()
    province = find_province(plan.document.province)
    if plan.document.province and province is None:
        plan_json.setdefault("warnings", []).append(
            _("The province “%(name)s” is not in the list of provinces.")
            % {"name": plan.document.province}
        )
    if replaces is None and plan.document.number:
        replaces = Plan.objects.filter(province=province, number=plan.document.number).first()
    draft = ImportDraft(
        filename=filename,
        sha256=sha256,
        extracted_json=plan_json,
        plan_json=plan_json,
        unresolved=unresolved_names(plan_json, province, as_of=now.date()),
        province=province,
        replaces=replaces,
        created_by=by,
        created_at=now,
    )
    draft.source_file.save(filename, ContentFile(data), save=False)
    draft.save()
    record(
        "plans.import.staged",
        draft,
        by=by,
        now=now,
        after={
            "filename": filename,
            "sha256": sha256,
            "tasks": len(plan.tasks),
            "indicators": len(plan.indicators),
            "unresolved": draft.unresolved,
            "replaces": replaces.pk if replaces else None,
        },
    )
    return draft


def _staged(draft: ImportDraft) -> ImportDraft:
    """The draft locked for a write, refused when it is no longer awaiting review."""
    locked = ImportDraft.objects.select_for_update().get(pk=draft.pk)
    if locked.status != DraftStatus.STAGED:
        raise PlanError(
            _("This import has already been %(status)s; upload the document again to start over.")
            % {"status": locked.get_status_display()}
        )
    return locked


@transaction.atomic
def discard_import(draft: ImportDraft, *, by: User, now: datetime.datetime) -> ImportDraft:
    """Give up a draft; the same document may then be uploaded again."""
    draft = _staged(draft)
    draft.status = DraftStatus.DISCARDED
    draft.save(update_fields=["status"])
    record("plans.import.discarded", draft, by=by, now=now)
    return draft


# --- corrections -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Correction:
    """One cell of the preview changed: ``table`` is ``tasks``, ``indicators`` or
    ``document``; ``row`` the entry's index (None for ``document``); ``field`` a Plan JSON
    field, dotted for nested ones (``due.text``, ``target.value``); ``value`` as typed."""

    table: str
    row: int | None
    field: str
    value: str


_TEXT_FIELDS = {
    "document": {"number", "title", "issuer", "province", "signer", "issued_on"},
    "tasks": {"code", "group", "title", "expected_output", "due.text", "due.condition"},
    "indicators": {"code", "name", "unit", "target.text"},
}
_LIST_FIELDS = {"tasks": {"lead", "cooperating"}, "indicators": {"agencies"}}
_NUMBER_FIELDS = {"indicators": {"target.value", "target.value_max"}}
_YEAR_FIELDS = {"tasks": {"due.start_year", "due.end_year"}, "indicators": {"year"}}
_CHOICE_FIELDS = {
    ("tasks", "due.kind"): (
        "recurring",
        "year",
        "month",
        "quarter",
        "range",
        "date",
        "conditional",
        "unspecified",
    ),
    ("indicators", "target.op"): (">=", ">", "<=", "<", "=", "range", "rank_top"),
}
_FIELD_LABELS = {
    "code": gettext_lazy("code"),
    "group": gettext_lazy("group"),
    "title": gettext_lazy("title"),
    "name": gettext_lazy("indicator name"),
    "expected_output": gettext_lazy("expected output"),
    "lead": gettext_lazy("lead agencies"),
    "cooperating": gettext_lazy("cooperating agencies"),
    "agencies": gettext_lazy("responsible agencies"),
    "unit": gettext_lazy("unit"),
    "year": gettext_lazy("year"),
    "due.text": gettext_lazy("time as written"),
    "due.kind": gettext_lazy("kind of time"),
    "due.start_year": gettext_lazy("start year"),
    "due.end_year": gettext_lazy("end year"),
    "due.condition": gettext_lazy("condition"),
    "target.text": gettext_lazy("target as written"),
    "target.op": gettext_lazy("comparator"),
    "target.value": gettext_lazy("target"),
    "target.value_max": gettext_lazy("target (upper bound)"),
    "number": gettext_lazy("number"),
    "issuer": gettext_lazy("issuer"),
    "province": gettext_lazy("province"),
    "signer": gettext_lazy("signer"),
    "issued_on": gettext_lazy("date of issue"),
}


def _label(table: str, row: int | None, field: str) -> str:
    name = str(_FIELD_LABELS.get(field, field))
    if row is None:
        return name
    what = _("task") if table == "tasks" else _("indicator")
    return f"{what} {row + 1}, {name}"


def _converted(correction: Correction) -> Any:
    table, field, raw = correction.table, correction.field, correction.value.strip()
    where = _label(table, correction.row, field)
    if field in _TEXT_FIELDS.get(table, set()):
        if field == "issued_on" and raw:
            try:
                return datetime.date.fromisoformat(raw).isoformat()
            except ValueError as exc:
                raise PlanError(
                    _("%(where)s: “%(value)s” is not a date (YYYY-MM-DD).")
                    % {"where": where, "value": raw}
                ) from exc
        if not raw and field in {"code", "title", "name"}:
            raise PlanError(_("%(where)s: must not be empty.") % {"where": where})
        return raw or None
    if field in _LIST_FIELDS.get(table, set()):
        return [part.strip() for part in raw.replace("\n", ";").split(";") if part.strip()]
    if field in _NUMBER_FIELDS.get(table, set()) or field in _YEAR_FIELDS.get(table, set()):
        if not raw:
            return None
        try:
            number = float(raw.replace(".", "").replace(",", ".") if "," in raw else raw)
        except ValueError as exc:
            raise PlanError(
                _("%(where)s: “%(value)s” is not a number.") % {"where": where, "value": raw}
            ) from exc
        if field in _YEAR_FIELDS.get(table, set()):
            if not number.is_integer() or not 1945 <= number <= 2100:
                raise PlanError(
                    _("%(where)s: “%(value)s” is not a year.") % {"where": where, "value": raw}
                )
            return int(number)
        return number
    choices = _CHOICE_FIELDS.get((table, field))
    if choices is not None:
        if raw not in choices:
            raise PlanError(
                _("%(where)s: “%(value)s” is not one of %(choices)s.")
                % {"where": where, "value": raw, "choices": ", ".join(choices)}
            )
        return raw
    raise PlanError(_("%(where)s cannot be corrected here.") % {"where": where})


def _apply(plan_json: dict[str, Any], correction: Correction) -> tuple[Any, Any]:
    """Apply one correction in place; returns the value before and after."""
    if correction.table == "document":
        target: dict[str, Any] = plan_json.setdefault("document", {})
    else:
        rows = plan_json.get(correction.table)
        if not isinstance(rows, list) or correction.row is None:
            raise PlanError(_("Unknown table “%(table)s”.") % {"table": correction.table})
        if not 0 <= correction.row < len(rows):
            raise PlanError(_("There is no row %(row)s.") % {"row": correction.row + 1})
        target = rows[correction.row]
    value = _converted(correction)
    *parents, leaf = correction.field.split(".")
    holder = target
    for part in parents:
        holder = holder.setdefault(part, {})
    before = holder.get(leaf)
    holder[leaf] = value
    if correction.field == "due.text":
        # The time as written decides its parsed fields, as it does in extraction.
        target["due"] = parse_due(value).to_dict()
    doubts = target.get("doubts")
    if isinstance(doubts, dict):
        doubts.pop(correction.field, None)
        doubts.pop(parents[0] if parents else leaf, None)
        if not doubts:
            target.pop("doubts")
    return before, value


@transaction.atomic
def apply_corrections(
    draft: ImportDraft, corrections: Sequence[Correction], *, by: User, now: datetime.datetime
) -> ImportDraft:
    """Apply the coordinator's corrections to the draft, all or none; a corrected cell is no
    longer doubtful."""
    draft = _staged(draft)
    plan_json = json.loads(json.dumps(draft.plan_json))
    changes = []
    for correction in corrections:
        before, after = _apply(plan_json, correction)
        changes.append(
            {
                "table": correction.table,
                "row": correction.row,
                "field": correction.field,
                "before": before,
                "after": after,
            }
        )
    problems = validate_plan_json(plan_json)
    if problems:
        raise PlanError(" ".join(problems[:3]))
    if any(c["table"] == "document" and c["field"] == "province" for c in changes):
        draft.province = find_province(plan_json["document"].get("province"))
    draft.plan_json = plan_json
    draft.unresolved = unresolved_names(plan_json, draft.province, as_of=now.date())
    draft.save(update_fields=["plan_json", "unresolved", "province"])
    record("plans.import.corrected", draft, by=by, now=now, after=changes)
    return draft


@transaction.atomic
def map_agency(
    draft: ImportDraft,
    name: str,
    organisation: Organisation,
    *,
    by: User,
    now: datetime.datetime,
) -> ImportDraft:
    """The coordinator says which body an unknown name means; remembered for every later plan
    of the province."""
    draft = _staged(draft)
    if name not in draft.unresolved:
        raise PlanError(
            _("“%(name)s” is not among the agencies of this import to be mapped.") % {"name": name}
        )
    remember_alias(name, organisation, scope=draft.province, by=by, now=now)
    draft.unresolved = unresolved_names(draft.plan_json, draft.province, as_of=now.date())
    draft.save(update_fields=["unresolved"])
    record(
        "plans.import.agency_mapped",
        draft,
        by=by,
        now=now,
        after={"name": name, "organisation": organisation.pk},
    )
    return draft


# --- versions --------------------------------------------------------------------------------


def _due_json(task: Task) -> dict[str, Any]:
    due: dict[str, Any] = {
        "text": task.due_text or None,
        "kind": task.due_kind,
        "start_year": task.due_start_year,
        "end_year": task.due_end_year,
        "date": task.due_date.isoformat() if task.due_date else None,
        "condition": task.due_condition or None,
    }
    if task.due_month is not None:
        due["month"] = task.due_month
    if task.due_quarter is not None:
        due["quarter"] = task.due_quarter
    return due


def live_tasks(plan: Plan) -> list[Task]:
    return list(
        plan.tasks.filter(archived_at__isnull=True)
        .select_related("group")
        .prefetch_related("agencies")
        .order_by("position")
    )


def live_indicators(plan: Plan) -> list[Indicator]:
    return list(
        plan.indicators.filter(archived_at__isnull=True)
        .prefetch_related("agencies")
        .order_by("position")
    )


def task_json(task: Task) -> dict[str, Any]:
    """A stored task as a Plan JSON entry, names as the plan wrote them."""
    agencies = sorted(task.agencies.all(), key=lambda a: a.position)
    return {
        "code": task.code,
        "group": task.group.code if task.group else None,
        "title": task.title,
        "lead": [a.name for a in agencies if a.role == AgencyRole.LEAD],
        "cooperating": [a.name for a in agencies if a.role == AgencyRole.COOPERATING],
        "expected_output": task.expected_output or None,
        "due": _due_json(task),
    }


def indicator_json(indicator: Indicator) -> dict[str, Any]:
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit or None,
        "target": {
            "text": indicator.target_text or None,
            "op": indicator.comparator or None,
            "value": indicator.target,
            "value_max": indicator.target_max,
        },
        "year": indicator.year,
        "agencies": [a.name for a in sorted(indicator.agencies.all(), key=lambda a: a.position)],
    }


def diff_plan(old_plan: Plan, new_plan_json: dict[str, Any]) -> PlanDiff:
    """What publishing ``new_plan_json`` over ``old_plan`` changes. Old indexes in the result
    refer to :func:`live_tasks` / :func:`live_indicators` of the plan."""
    old = {
        "tasks": [task_json(t) for t in live_tasks(old_plan)],
        "indicators": [indicator_json(i) for i in live_indicators(old_plan)],
    }
    return diff_plan_json(old, new_plan_json)


# --- publishing ------------------------------------------------------------------------------


def _is_referenced(obj: models.Model, own: set[type[models.Model]]) -> bool:
    """Whether anything besides the plan's own rows points to ``obj`` (a report, a value, an
    audit entry): such a row is archived, never deleted."""
    if entries_for(obj).exists():
        return True
    for relation in obj._meta.related_objects:
        if relation.related_model in own or relation.many_to_many:
            continue
        accessor = relation.get_accessor_name()
        if accessor is None:
            continue
        related = getattr(obj, accessor, None)
        if relation.one_to_one:
            if related is not None:
                return True
        elif related is not None and related.exists():
            return True
    return False


def _free_key(code: str, taken: set[str]) -> str:
    key, n = code or "_", 2
    while key in taken:
        key, n = f"{code}~{n}", n + 1
    taken.add(key)
    return key


def _set_task_fields(task: Task, entry: dict[str, Any], groups: dict[str, TaskGroup]) -> None:
    due = entry.get("due") or {}
    task.code = entry["code"]
    task.group = groups.get(entry.get("group") or "")
    task.title = entry["title"]
    task.expected_output = entry.get("expected_output") or ""
    task.due_text = due.get("text") or ""
    task.due_kind = due.get("kind") or "unspecified"
    task.due_start_year = due.get("start_year")
    task.due_end_year = due.get("end_year")
    task.due_month = due.get("month")
    task.due_quarter = due.get("quarter")
    task.due_date = datetime.date.fromisoformat(due["date"]) if due.get("date") else None
    task.due_condition = due.get("condition") or ""


def _set_indicator_fields(indicator: Indicator, entry: dict[str, Any]) -> None:
    target = entry.get("target") or {}
    indicator.code = entry["code"]
    indicator.name = entry["name"]
    indicator.unit = entry.get("unit") or ""
    indicator.target_text = target.get("text") or ""
    indicator.comparator = target.get("op") or ""
    indicator.target = target.get("value")
    indicator.target_max = target.get("value_max")
    indicator.year = entry.get("year")


def _sync_groups(plan: Plan, plan_json: dict[str, Any]) -> dict[str, TaskGroup]:
    existing = {g.code: g for g in plan.groups.all()}
    groups: dict[str, TaskGroup] = {}
    for position, entry in enumerate(plan_json.get("groups") or []):
        group = existing.pop(entry["code"], None) or TaskGroup(plan=plan, code=entry["code"])
        group.title, group.position = entry["title"], position
        group.save()
        groups[group.code] = group
    for stale in existing.values():
        if stale.tasks.exists():
            groups.setdefault(stale.code, stale)
        else:
            stale.delete()
    return groups


def _sync_entries(
    plan: Plan,
    *,
    model: type[Task] | type[Indicator],
    old_rows: list[Any],
    new_entries: list[dict[str, Any]],
    matches: dict[int, int],
    set_fields: Any,
    mention_rows: Any,
    now: datetime.datetime,
) -> dict[str, int]:
    """Update matched rows in place (their pk and key survive), create the new ones, archive
    or delete the removed ones; then rewrite the agencies each row names."""
    taken = set(model.objects.filter(plan=plan).values_list("key", flat=True))
    counts = {"kept": 0, "added": 0, "archived": 0, "deleted": 0}
    rows = []
    for position, entry in enumerate(new_entries):
        if position in matches:
            row = old_rows[matches[position]]
            counts["kept"] += 1
        else:
            row = model(plan=plan, key=_free_key(entry["code"], taken))
            counts["added"] += 1
        set_fields(row, entry)
        row.position = position
        row.archived_at = None
        row.save()
        rows.append(row)
        mention_rows(row, entry)
    matched = set(matches.values())
    own = {TaskAgency, IndicatorAgency}
    for index, row in enumerate(old_rows):
        if index in matched:
            continue
        if _is_referenced(row, own):
            row.archived_at = now
            row.save(update_fields=["archived_at"])
            counts["archived"] += 1
        else:
            row.delete()
            counts["deleted"] += 1
    return counts


@transaction.atomic
def publish_import(
    draft: ImportDraft, *, by: User, now: datetime.datetime, confirm_empty: bool = False
) -> Plan:
    """Make the draft a plan in the database, or the new version of the plan it replaces.

    A task matched to one of the old version keeps its identity (and so every report filed
    on it); a removed task that anything refers to is archived, not deleted. A draft with no
    task and no indicator is published only with ``confirm_empty``."""
    draft = _staged(draft)
    plan_json: dict[str, Any] = draft.plan_json
    if not (plan_json.get("tasks") or plan_json.get("indicators")) and not confirm_empty:
        raise PlanError(
            _("No task or indicator was found in this document; confirm to publish it anyway.")
        )
    doc = plan_json.get("document") or {}
    plan = Plan.objects.select_for_update().get(pk=draft.replaces_id) if draft.replaces_id else None
    if plan is None and doc.get("number"):
        clash = Plan.objects.filter(province=draft.province, number=doc["number"]).first()
        if clash is not None:
            raise PlanError(
                _(
                    "Plan %(number)s of this province is already in theodoi; upload this document "
                    "as its new version."
                )
                % {"number": doc["number"]}
            )
    before = {"version": plan.version, "sha256": plan.source_sha256} if plan else None
    if plan is None:
        plan = Plan(version=1)
    else:
        plan.version += 1
    plan.number = doc.get("number") or ""
    plan.kind = doc.get("kind") or "khac"
    plan.title = doc.get("title") or ""
    plan.issuer = doc.get("issuer") or ""
    plan.province = draft.province
    plan.issued_on = datetime.date.fromisoformat(doc["issued_on"]) if doc.get("issued_on") else None
    plan.signer = doc.get("signer") or ""
    plan.status = PlanStatus.PUBLISHED
    plan.published_at = now
    plan.source_file.name = draft.source_file.name
    plan.source_sha256 = draft.sha256
    plan.extracted_json = draft.extracted_json
    plan.corrected_json = plan_json
    plan.implements_numbers = list(doc.get("implements") or [])
    plan.save()
    plan.implements.set(Plan.objects.filter(number__in=plan.implements_numbers).exclude(pk=plan.pk))

    diff = diff_plan(plan, plan_json) if before else diff_plan_json({}, plan_json)
    groups = _sync_groups(plan, plan_json)
    resolver = Resolver(draft.province, as_of=now.date())

    def task_mentions(task: Task, entry: dict[str, Any]) -> None:
        task.agencies.all().delete()
        TaskAgency.objects.bulk_create(
            TaskAgency(
                task=task,
                role=role,
                name=name,
                position=position,
                organisation=resolver.resolve(name).organisation,
            )
            for role in (AgencyRole.LEAD, AgencyRole.COOPERATING)
            for position, name in enumerate(entry.get(role) or [])
        )

    def indicator_mentions(indicator: Indicator, entry: dict[str, Any]) -> None:
        indicator.agencies.all().delete()
        IndicatorAgency.objects.bulk_create(
            IndicatorAgency(
                indicator=indicator,
                name=name,
                position=position,
                organisation=resolver.resolve(name).organisation,
            )
            for position, name in enumerate(entry.get("agencies") or [])
        )

    task_counts = _sync_entries(
        plan,
        model=Task,
        old_rows=live_tasks(plan) if before else [],
        new_entries=plan_json.get("tasks") or [],
        matches=diff.tasks.matches,
        set_fields=lambda task, entry: _set_task_fields(task, entry, groups),
        mention_rows=task_mentions,
        now=now,
    )
    indicator_counts = _sync_entries(
        plan,
        model=Indicator,
        old_rows=live_indicators(plan) if before else [],
        new_entries=plan_json.get("indicators") or [],
        matches=diff.indicators.matches,
        set_fields=_set_indicator_fields,
        mention_rows=indicator_mentions,
        now=now,
    )
    schedule_from_import(plan, draft, by=by, now=now)
    draft.status = DraftStatus.PUBLISHED
    draft.published_plan = plan
    draft.save(update_fields=["status", "published_plan"])
    record(
        "plans.plan.published",
        plan,
        by=by,
        now=now,
        before=before,
        after={
            "version": plan.version,
            "sha256": plan.source_sha256,
            "draft": draft.pk,
            "tasks": task_counts,
            "indicators": indicator_counts,
        },
    )
    return plan
