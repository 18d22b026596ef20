"""The coordinator's corrections of a draft: cells and rows changed, the latest taken back,
unknown agency names mapped, paragraphs of prose offered as tasks. Each is kept with who made
it and when (plans.edits), and replayed on the plan's next version by stage_import."""

from __future__ import annotations

import datetime
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.ingest.errors import ConversionBusy, UnreadableInput
from theodoi.ingest.prose import ProseParagraph, task_paragraphs
from theodoi.ingest.readers import read_file
from theodoi.ingest.validate import validate_plan_json
from theodoi.orgs.models import Organisation
from theodoi.orgs.resolve import find_province
from theodoi.orgs.services import remember_alias
from theodoi.plans.edits import Edit, Record, apply_edit, replay
from theodoi.plans.errors import PlanError
from theodoi.plans.importing import conversion_advice, conversion_slots, staged, unresolved_names
from theodoi.plans.models import ImportDraft
from theodoi.users import User


def _check(plan_json: dict[str, Any]) -> None:
    problems = validate_plan_json(plan_json)
    if problems:
        raise PlanError(" ".join(problems[:3]))


def _save_corrected(
    draft: ImportDraft, plan_json: dict[str, Any], records: list[Record], now: datetime.datetime
) -> None:
    draft.province = find_province((plan_json.get("document") or {}).get("province"))
    draft.plan_json = plan_json
    draft.corrections = records
    draft.unresolved = unresolved_names(plan_json, draft.province, as_of=timezone.localdate(now))
    draft.save(update_fields=["plan_json", "corrections", "unresolved", "province"])


@transaction.atomic
def apply_corrections(
    draft: ImportDraft, edits: Sequence[Edit], *, by: User | None, now: datetime.datetime
) -> ImportDraft:
    """Apply the coordinator's corrections (a cell, or rows added, deleted, split, merged or
    made from paragraphs) to the draft, all or none. Each is kept with who made it and when,
    the values before and after, and is replayed on the plan's next version."""
    draft = staged(draft)
    plan_json = json.loads(json.dumps(draft.plan_json))
    who = {"by": by.get_username() if by is not None else None, "at": now.isoformat()}
    records = [{**apply_edit(plan_json, edit), **who} for edit in edits]
    _check(plan_json)
    _save_corrected(draft, plan_json, [*draft.corrections, *records], now)
    record(Action.IMPORT_CORRECTED, draft, by=by, now=now, after=records)
    return draft


@transaction.atomic
def undo_correction(draft: ImportDraft, *, by: User | None, now: datetime.datetime) -> ImportDraft:
    """Take back the latest correction: the draft is the extraction with the others replayed."""
    draft = staged(draft)
    if not draft.corrections:
        raise PlanError(_("There is no correction to undo."))
    *kept, undone = draft.corrections
    plan_json = json.loads(json.dumps(draft.extracted_json))
    replayed = replay(plan_json, kept)
    # Corrections never touch the warnings, which also name corrections set aside at staging.
    if draft.plan_json.get("warnings"):
        plan_json["warnings"] = list(draft.plan_json["warnings"])
    _check(plan_json)
    _save_corrected(draft, plan_json, replayed.applied, now)
    record(Action.IMPORT_CORRECTION_UNDONE, draft, by=by, now=now, before=undone)
    return draft


@transaction.atomic
def map_agency(
    draft: ImportDraft,
    name: str,
    organisation: Organisation,
    *,
    by: User | None,
    now: datetime.datetime,
) -> ImportDraft:
    """The coordinator says which body an unknown name means; remembered for every later plan
    of the province."""
    draft = staged(draft)
    if name not in draft.unresolved:
        raise PlanError(
            _("“%(name)s” is not among the agencies of this import to be mapped.") % {"name": name}
        )
    remember_alias(name, organisation, scope=draft.province, by=by, now=now)
    draft.unresolved = unresolved_names(
        draft.plan_json, draft.province, as_of=timezone.localdate(now)
    )
    draft.save(update_fields=["unresolved"])
    record(
        Action.IMPORT_AGENCY_MAPPED,
        draft,
        by=by,
        now=now,
        after={"name": name, "organisation": organisation.pk},
    )
    return draft


def offered_paragraphs(draft: ImportDraft) -> list[ProseParagraph]:
    """The paragraphs of the draft's tasks part, for the coordinator to make tasks of; none
    for a Plan JSON upload, which has no prose. A .doc, .rtf or .odt is read from the .docx
    kept at staging; a draft staged before that was kept has it converted again, and
    PlanError says so when the server has no conversion slot free for it."""
    if PurePath(draft.filename).suffix.lower() == ".json":
        return []
    stored = draft.converted_file or draft.source_file
    with tempfile.TemporaryDirectory() as folder, stored.open("rb") as handle:
        # Named as the upload, so that every message names the file that was given.
        path = Path(folder) / PurePath(draft.filename).name
        path.write_bytes(handle.read())
        try:
            return task_paragraphs(read_file(path, slots=conversion_slots()))
        except ConversionBusy as busy:
            raise PlanError(conversion_advice(busy, draft.filename)) from busy
        except UnreadableInput:
            return []
