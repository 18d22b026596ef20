"""Importing a plan document: stage (extract, resolve agencies), correct, map agencies, see
what a new version changes, publish. The import page, ``load_demo`` and the API call these and
nothing else, so every plan in the database came through the same checks."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.events import publish
from theodoi.files.uploads import RefusedFileError, check_upload
from theodoi.ingest.errors import (
    ConversionBusy,
    ConversionFailed,
    ConversionTimedOut,
    ConverterUnavailable,
    OcrUnavailable,
    ScannedDocument,
    UnreadableInput,
)
from theodoi.ingest.fields.references import cites
from theodoi.ingest.plan import Plan as PlanData
from theodoi.ingest.readers.office import convert_to_docx, office_format
from theodoi.ingest.readers.pdf import OCR_HINT
from theodoi.ingest.readers.slots import ConversionSlots
from theodoi.ingest.validate import validate_plan_json
from theodoi.orgs.models import Organisation
from theodoi.orgs.resolve import Resolver, find_province
from theodoi.plans.diff import PlanDiff, diff_plan_json
from theodoi.plans.edits import describe, replay
from theodoi.plans.errors import PlanError
from theodoi.plans.events import PlanPublished
from theodoi.plans.identity import find_same_plan
from theodoi.plans.linking import suggest_around
from theodoi.plans.models import (
    AgencyRole,
    DraftStatus,
    ImportDraft,
    Indicator,
    IndicatorAgency,
    Plan,
    PlanAmendment,
    PlanStatus,
    Task,
    TaskAgency,
)
from theodoi.plans.plan_json import indicator_json, live_indicators, live_tasks, task_json
from theodoi.plans.rows import set_indicator_fields, set_task_fields, sync_entries, sync_groups
from theodoi.plans.uploads import PLAN_KINDS
from theodoi.users import User

log = logging.getLogger(__name__)


# --- staging ---------------------------------------------------------------------------------


def conversion_slots() -> ConversionSlots:
    """The machine's slots for LibreOffice conversions (settings.THEODOI_CONVERT_SLOTS): every
    conversion the platform makes takes one, so its workers never run more at once."""
    return ConversionSlots(
        Path(settings.VAR_DIR) / "conversions",
        count=settings.THEODOI_CONVERT_SLOTS,
        wait_seconds=settings.THEODOI_CONVERT_WAIT_SECONDS,
    )


def _extract(data: bytes, filename: str) -> tuple[PlanData, bytes | None]:
    """Plan JSON files are read as they are (after the schema check); documents go through
    the extractor. A .doc, .rtf or .odt is read from the .docx LibreOffice makes of it, which
    comes back too, for the draft to keep."""
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
        return PlanData.from_dict(parsed), None
    from theodoi.ingest.pipeline import extract_file

    converted: bytes | None = None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / PurePath(filename).name
        path.write_bytes(data)
        try:
            kind = office_format(path)
            if kind is not None:
                # Named as the upload, so that every message names the file that was given.
                (Path(folder) / "docx").mkdir()
                docx = Path(folder) / "docx" / path.name
                convert_to_docx(path, kind, docx, slots=conversion_slots())
                converted, path = docx.read_bytes(), docx
            plan = extract_file(path, ocr=settings.THEODOI_IMPORT_OCR)
        except (ScannedDocument, OcrUnavailable) as exc:
            # The command's and the packages' names are for IT staff, in the log.
            log.warning("Import of %s needs OCR: %s", filename, exc)
            raise PlanError(_scanned_advice(filename)) from exc
        except (ConverterUnavailable, ConversionFailed, ConversionBusy) as exc:
            log.warning("Import of %s: %s", filename, exc)
            raise PlanError(conversion_advice(exc, filename)) from exc
        except UnreadableInput as exc:
            raise PlanError(str(exc)) from exc
    plan.warnings = [official_warning(warning, filename) for warning in plan.warnings]
    return plan, converted


def _scanned_advice(filename: str) -> str:
    return _(
        "“%(name)s” is a scanned PDF: its pages are pictures, with no text theodoi can read. "
        "Upload the Word file (.docx) of the plan instead; if only the scan exists, ask your "
        "IT staff to turn on text recognition (OCR) for imports."
    ) % {"name": filename}


def conversion_advice(failure: UnreadableInput, filename: str) -> str:
    """What an official can do about a .doc, .rtf or .odt that LibreOffice did not convert;
    what IT staff need (the package, LibreOffice's output) is in the log."""
    if isinstance(failure, ConversionBusy):
        return _(
            "The server is busy converting other documents: “%(name)s” waited %(seconds)s "
            "seconds for its turn. Try again in a few minutes, or upload the plan as .docx."
        ) % {"name": filename, "seconds": formats.number_format(failure.seconds)}
    if isinstance(failure, ConverterUnavailable):
        return _(
            "“%(name)s” is an older Word, RTF or OpenDocument file, which theodoi reads by "
            "converting it with LibreOffice, and LibreOffice is not installed on this server. "
            "Upload the plan as .docx or PDF instead, or ask your IT staff to install LibreOffice."
        ) % {"name": filename}
    if isinstance(failure, ConversionTimedOut):
        return _(
            "“%(name)s” could not be converted to .docx within %(seconds)s seconds: the file "
            "may be damaged or too complex. Open it in Word or LibreOffice, save it as .docx "
            "and upload that file."
        ) % {"name": filename, "seconds": formats.number_format(failure.seconds)}
    return _(
        "“%(name)s” could not be converted to .docx: the file is damaged, or is not really "
        "the Word, RTF or OpenDocument file its name says. Open it in Word or LibreOffice, "
        "save it as .docx and upload that file."
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
    news article about it) still has a number, a title or a province, and is staged. The
    title of another kind of document (a notice, a letter) that assigns nothing is no sign
    of a plan."""
    doc = plan.document
    titled = bool(doc.title) and doc.kind != "khac"
    return not (plan.tasks or plan.indicators or doc.number or titled or doc.province)


@contextlib.contextmanager
def _stored_with(draft: ImportDraft, data: bytes, converted: bytes | None) -> Iterator[None]:
    """Store the upload (and the .docx made of it) as the draft's files for the block that
    saves the draft; when the block fails, the files go too: no file without its draft."""
    stored: list[FieldFile] = []
    try:
        draft.source_file.save(draft.filename, ContentFile(data), save=False)
        stored.append(draft.source_file)
        if converted is not None:
            name = f"{PurePath(draft.filename).stem}.docx"
            draft.converted_file.save(name, ContentFile(converted), save=False)
            stored.append(draft.converted_file)
        yield
    except BaseException:
        for written in stored:
            if written.name:
                written.storage.delete(written.name)
        raise


@transaction.atomic
def stage_import(
    file: File[bytes], *, by: User | None, now: datetime.datetime, replaces: Plan | None = None
) -> ImportDraft:
    """Read an uploaded plan document into a draft for the coordinator to check.

    Refuses (PlanError) a file too big, of the wrong type, unreadable, not a plan, or already
    uploaded (same content). A plan of the same number and province already in theodoi makes
    this upload its new version."""
    try:
        upload = check_upload(
            file, PLAN_KINDS, max_bytes=settings.THEODOI_MAX_UPLOAD_BYTES, fallback_name="ke-hoach"
        )
    except RefusedFileError as refused:
        raise PlanError(str(refused)) from refused
    filename, data = upload.name, upload.data
    sha256 = hashlib.sha256(data).hexdigest()
    existing = Plan.objects.filter(source_sha256=sha256).first()
    if existing is not None:
        raise PlanError(
            _("This document has already been imported as plan %(plan)s.") % {"plan": existing}
        )
    if ImportDraft.objects.filter(sha256=sha256, status=DraftStatus.STAGED).exists():
        raise PlanError(
            _("This document was already uploaded and is waiting for review in the import list.")
        )
    plan, converted = _extract(data, filename)
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
    if replaces is not None:
        corrected.setdefault("warnings", []).extend(amendments_warning(replaces))
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
        unresolved=unresolved_names(plan_json, province, as_of=timezone.localdate(now)),
        province=province,
        replaces=replaces,
        created_by=by,
        created_at=now,
    )
    with _stored_with(draft, data, converted):
        draft.save()
        record(
            Action.IMPORT_STAGED,
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
def discard_import(draft: ImportDraft, *, by: User | None, now: datetime.datetime) -> ImportDraft:
    """Give up a draft; the same document may then be uploaded again."""
    draft = staged(draft)
    draft.status = DraftStatus.DISCARDED
    draft.save(update_fields=["status"])
    record(Action.IMPORT_DISCARDED, draft, by=by, now=now)
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


def amendments_since_publication(plan: Plan) -> list[PlanAmendment]:
    """The amendments made to ``plan`` since it was last published, newest first: what
    publishing a new version of its document replaces."""
    return list(plan.amendments.filter(created_at__gt=plan.published_at).order_by("-number"))


def amendments_warning(plan: Plan) -> list[str]:
    """What the import page says of a new version of an amended plan (none when it has not
    been amended since its publication)."""
    amended = amendments_since_publication(plan)
    if not amended:
        return []
    return [
        _(
            "Plan %(plan)s was amended %(count)s times since it was published, last on "
            "%(day)s: this document replaces those amendments where it says something else "
            "(the differences are listed below). Publishing asks you to confirm it."
        )
        % {
            "plan": plan,
            "count": len(amended),
            "day": amended[0].amended_on.strftime("%d/%m/%Y"),
        }
    ]


def _refuse_undoing_amendments(plan: Plan, *, confirmed: bool) -> None:
    amended = amendments_since_publication(plan)
    if amended and not confirmed:
        raise PlanError(
            _(
                "Plan %(plan)s was amended %(count)s times since it was published, last on "
                "%(day)s; this version of its document would replace those amendments. Check "
                "the differences, then confirm that the new version replaces them."
            )
            % {
                "plan": plan,
                "count": len(amended),
                "day": amended[0].amended_on.strftime("%d/%m/%Y"),
            }
        )


def _link_implemented(plan: Plan) -> None:
    """Link the plan to the plans it implements, and the plans imported before it that
    implement it, whichever came first: the number cited, and its year and issuer where
    the citing plan's document gives them (a 2025 ``50/NQ-CP`` is not the plan of 2020)."""
    higher = Plan.objects.filter(number__in=plan.implements_numbers).exclude(pk=plan.pk)
    plan.implements.set([h for h in higher if _cites(plan, h)])
    if plan.number:
        # JSON containment is not portable to SQLite; plans are few, so compare in Python.
        for other in Plan.objects.exclude(pk=plan.pk).exclude(implements_numbers=[]):
            if plan.number in other.implements_numbers and _cites(other, plan):
                other.implements.add(plan)


def _cites(plan: Plan, higher: Plan) -> bool:
    """Whether ``plan``'s citations of ``higher``'s number are of ``higher``; a number cited
    with no year nor issuer is taken at its word, as every plan was before references were
    dated."""
    references = PlanData.from_dict(plan.corrected_json).document.references
    year = higher.issued_on.year if higher.issued_on else None
    same_number = [r for r in references if r.number == higher.number]
    return not same_number or any(cites(r, higher.number, year, higher.issuer) for r in same_number)


def _refuse_a_second_copy(plan_json: dict[str, Any], draft: ImportDraft, plan: Plan | None) -> None:
    """PlanError when the draft is a plan already in theodoi other than the one it replaces."""
    clash = find_same_plan(plan_json, draft.province, besides=plan)
    if clash is None:
        return
    if clash.published_at:
        raise PlanError(
            _(
                "This plan is already in theodoi as %(plan)s, published on %(day)s: it is not "
                "published twice. Discard this import and upload the document again; it will "
                "then be compared with the plan as its new version."
            )
            % {"plan": clash, "day": formats.date_format(timezone.localtime(clash.published_at))}
        )
    raise PlanError(
        _("This plan is already in theodoi as %(plan)s: it is not published twice.")
        % {"plan": clash}
    )


def _describe_plan(plan: Plan, draft: ImportDraft, *, now: datetime.datetime) -> None:
    """The plan's own fields from the draft's document part and file, published at ``now``."""
    plan_json: dict[str, Any] = draft.plan_json
    doc = plan_json.get("document") or {}
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


class _Mentions:
    """Writes the agencies a task or an indicator names, each resolved as of the publication."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver

    def _named(self, position: int, name: str) -> dict[str, Any]:
        return {
            "name": name,
            "position": position,
            "organisation": self.resolver.resolve(name).organisation,
        }

    def of_task(self, task: Task, entry: dict[str, Any]) -> None:
        task.agencies.all().delete()
        TaskAgency.objects.bulk_create(
            TaskAgency(task=task, role=role, **self._named(*named))
            for role in (AgencyRole.LEAD, AgencyRole.COOPERATING)
            for named in enumerate(entry.get(role) or [])
        )

    def of_indicator(self, indicator: Indicator, entry: dict[str, Any]) -> None:
        indicator.agencies.all().delete()
        IndicatorAgency.objects.bulk_create(
            IndicatorAgency(indicator=indicator, **self._named(*named))
            for named in enumerate(entry.get("agencies") or [])
        )


def _sync_rows(
    plan: Plan, draft: ImportDraft, *, new_version: bool, now: datetime.datetime
) -> dict[str, dict[str, int]]:
    """Groups, tasks and indicators of the plan made what the draft says: matched rows keep
    their identity, the others are added or archived. The counts per kind, for the audit."""
    plan_json: dict[str, Any] = draft.plan_json
    diff = diff_plan(plan, plan_json) if new_version else diff_plan_json({}, plan_json)
    groups = sync_groups(plan, plan_json)
    mentions = _Mentions(Resolver(draft.province, as_of=timezone.localdate(now)))
    tasks = sync_entries(
        plan,
        model=Task,
        old_rows=live_tasks(plan) if new_version else [],
        new_entries=plan_json.get("tasks") or [],
        matches=diff.tasks.matches,
        set_fields=lambda task, entry: set_task_fields(task, entry, groups),
        mention_rows=mentions.of_task,
        now=now,
    )
    indicators = sync_entries(
        plan,
        model=Indicator,
        old_rows=live_indicators(plan) if new_version else [],
        new_entries=plan_json.get("indicators") or [],
        matches=diff.indicators.matches,
        set_fields=set_indicator_fields,
        mention_rows=mentions.of_indicator,
        now=now,
    )
    return {"tasks": tasks, "indicators": indicators}


@transaction.atomic
def publish_import(
    draft: ImportDraft,
    *,
    by: User | None,
    now: datetime.datetime,
    confirm_empty: bool = False,
    confirm_amendments: bool = False,
) -> Plan:
    """Make the draft a plan in the database, or the new version of the plan it replaces.

    A task matched to one of the old version keeps its identity (and so every report filed
    on it); a removed task that anything refers to is archived, not deleted. A draft with no
    task and no indicator is published only with ``confirm_empty``; a new version of a plan
    amended since its publication only with ``confirm_amendments`` (it replaces them). What
    other packages keep of a plan (its reporting schedule) they set on :class:`PlanPublished`."""
    draft = staged(draft)
    plan_json: dict[str, Any] = draft.plan_json
    if not (plan_json.get("tasks") or plan_json.get("indicators")) and not confirm_empty:
        raise PlanError(
            _("No task or indicator was found in this document; confirm to publish it anyway.")
        )
    plan = Plan.objects.select_for_update().get(pk=draft.replaces_id) if draft.replaces_id else None
    _refuse_a_second_copy(plan_json, draft, plan)
    if plan is not None:
        _refuse_undoing_amendments(plan, confirmed=confirm_amendments)
    before = {"version": plan.version, "sha256": plan.source_sha256} if plan else None
    if plan is None:
        plan = Plan(version=1)
    else:
        plan.version += 1
    _describe_plan(plan, draft, now=now)
    plan.save()
    _link_implemented(plan)
    counts = _sync_rows(plan, draft, new_version=before is not None, now=now)
    publish(PlanPublished(plan=plan, plan_json=plan_json, by=by, now=now))
    draft.status = DraftStatus.PUBLISHED
    draft.published_plan = plan
    draft.save(update_fields=["status", "published_plan"])
    record(
        Action.PLAN_PUBLISHED,
        plan,
        by=by,
        now=now,
        before=before,
        after={
            "version": plan.version,
            "sha256": plan.source_sha256,
            "draft": draft.pk,
            **counts,
        },
    )
    suggest_around(plan, now=now)
    return plan
