"""Importing a plan document: stage (extract, resolve agencies), correct, map agencies, see
what a new version changes, publish. The import page, ``load_demo`` and the API call these and
nothing else, so every plan in the database came through the same checks."""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import tempfile
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from theodoi.audit.log import record
from theodoi.ingest.errors import OcrUnavailable, ScannedDocument, UnreadableInput
from theodoi.ingest.plan import Plan as PlanData
from theodoi.ingest.readers.detect import HEAD_SIZE
from theodoi.ingest.readers.pdf import OCR_HINT
from theodoi.ingest.validate import validate_plan_json
from theodoi.orgs.models import Organisation
from theodoi.orgs.resolve import Resolver, find_province
from theodoi.plans.diff import PlanDiff, diff_plan_json
from theodoi.plans.edits import describe, replay
from theodoi.plans.errors import PlanError
from theodoi.plans.identity import find_same_plan
from theodoi.plans.linking import suggest_around
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
)
from theodoi.plans.plan_json import indicator_json, live_indicators, live_tasks, task_json
from theodoi.plans.rows import set_indicator_fields, set_task_fields, sync_entries, sync_groups
from theodoi.plans.uploads import upload_problem
from theodoi.reporting.importing import schedule_from_import

User = AbstractBaseUser | None
log = logging.getLogger(__name__)


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
            plan = extract_file(path, ocr=settings.THEODOI_IMPORT_OCR)
        except (ScannedDocument, OcrUnavailable) as exc:
            # The command's and the packages' names are for IT staff, in the log.
            log.warning("Import of %s needs OCR: %s", filename, exc)
            raise PlanError(_scanned_advice(filename)) from exc
        except UnreadableInput as exc:
            raise PlanError(str(exc)) from exc
    plan.warnings = [official_warning(warning, filename) for warning in plan.warnings]
    return plan


def _scanned_advice(filename: str) -> str:
    return _(
        "“%(name)s” is a scanned PDF: its pages are pictures, with no text theodoi can read. "
        "Upload the Word file (.docx) of the plan instead; if only the scan exists, ask your "
        "IT staff to turn on text recognition (OCR) for imports."
    ) % {"name": filename}


def official_warning(warning: str, filename: str) -> str:
    """A reader's warning about scanned pages, without the command line it suggests."""
    if OCR_HINT not in warning:
        return warning
    log.warning("Import of %s: %s", filename, warning)
    return (
        warning.replace(OCR_HINT, "").strip()
        + " "
        + _(
            "Upload the Word file (.docx) to read them, or ask your IT staff to turn on text "
            "recognition (OCR) for imports."
        )
    )


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
    limit = settings.THEODOI_MAX_UPLOAD_BYTES
    # An upload Django spooled to disk is refused on its size before it is read into memory.
    if (file.size or 0) > limit:
        raise PlanError(upload_problem(filename, file.size, b"", limit) or "")
    data, sha256 = _read_upload(file)
    problem = upload_problem(filename, len(data), data[:HEAD_SIZE], limit)
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
    if replaces is None:
        replaces = find_same_plan(plan_json, province)
    corrected = json.loads(json.dumps(plan_json))
    replayed = replay(corrected, replaces.corrections) if replaces is not None else None
    if replayed is not None and replayed.set_aside:
        corrected.setdefault("warnings", []).extend(
            _(
                "A correction made to version %(version)s no longer applies, because this "
                "document says something else there: %(what)s"
            )
            % {"version": replaces.version, "what": describe(record)}  # type: ignore[union-attr]
            for record in replayed.set_aside
        )
    draft = ImportDraft(
        filename=filename,
        sha256=sha256,
        extracted_json=plan_json,
        plan_json=corrected,
        corrections=replayed.applied if replayed is not None else [],
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
            "corrections_replayed": len(draft.corrections),
            "corrections_set_aside": len(replayed.set_aside) if replayed else 0,
        },
    )
    return draft


def staged(draft: ImportDraft) -> ImportDraft:
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
    draft = staged(draft)
    draft.status = DraftStatus.DISCARDED
    draft.save(update_fields=["status"])
    record("plans.import.discarded", draft, by=by, now=now)
    return draft


# --- versions --------------------------------------------------------------------------------


def diff_plan(old_plan: Plan, new_plan_json: dict[str, Any]) -> PlanDiff:
    """What publishing ``new_plan_json`` over ``old_plan`` changes. Old indexes in the result
    refer to :func:`live_tasks` / :func:`live_indicators` of the plan."""
    old = {
        "tasks": [task_json(t) for t in live_tasks(old_plan)],
        "indicators": [indicator_json(i) for i in live_indicators(old_plan)],
    }
    return diff_plan_json(old, new_plan_json)


# --- publishing ------------------------------------------------------------------------------


def _link_implemented(plan: Plan) -> None:
    """Link the plan to the plans it implements, and the plans imported before it that
    implement it, whichever came first."""
    plan.implements.set(Plan.objects.filter(number__in=plan.implements_numbers).exclude(pk=plan.pk))
    if plan.number:
        # JSON containment is not portable to SQLite; plans are few, so compare in Python.
        for other in Plan.objects.exclude(pk=plan.pk).exclude(implements_numbers=[]):
            if plan.number in other.implements_numbers:
                other.implements.add(plan)


@transaction.atomic
def publish_import(
    draft: ImportDraft, *, by: User, now: datetime.datetime, confirm_empty: bool = False
) -> Plan:
    """Make the draft a plan in the database, or the new version of the plan it replaces.

    A task matched to one of the old version keeps its identity (and so every report filed
    on it); a removed task that anything refers to is archived, not deleted. A draft with no
    task and no indicator is published only with ``confirm_empty``."""
    draft = staged(draft)
    plan_json: dict[str, Any] = draft.plan_json
    if not (plan_json.get("tasks") or plan_json.get("indicators")) and not confirm_empty:
        raise PlanError(
            _("No task or indicator was found in this document; confirm to publish it anyway.")
        )
    doc = plan_json.get("document") or {}
    plan = Plan.objects.select_for_update().get(pk=draft.replaces_id) if draft.replaces_id else None
    clash = find_same_plan(plan_json, draft.province, besides=plan)
    if clash is not None:
        raise PlanError(
            _(
                "This plan is already in theodoi as %(plan)s, published on %(day)s: it is not "
                "published twice. Discard this import and upload the document again; it will "
                "then be compared with the plan as its new version."
            )
            % {"plan": clash, "day": formats.date_format(timezone.localtime(clash.published_at))}
            if clash.published_at
            else _("This plan is already in theodoi as %(plan)s: it is not published twice.")
            % {"plan": clash}
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
    plan.corrections = draft.corrections
    plan.implements_numbers = list(doc.get("implements") or [])
    plan.save()
    _link_implemented(plan)

    diff = diff_plan(plan, plan_json) if before else diff_plan_json({}, plan_json)
    groups = sync_groups(plan, plan_json)
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

    task_counts = sync_entries(
        plan,
        model=Task,
        old_rows=live_tasks(plan) if before else [],
        new_entries=plan_json.get("tasks") or [],
        matches=diff.tasks.matches,
        set_fields=lambda task, entry: set_task_fields(task, entry, groups),
        mention_rows=task_mentions,
        now=now,
    )
    indicator_counts = sync_entries(
        plan,
        model=Indicator,
        old_rows=live_indicators(plan) if before else [],
        new_entries=plan_json.get("indicators") or [],
        matches=diff.indicators.matches,
        set_fields=set_indicator_fields,
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
    suggest_around(plan, now=now)
    return plan
