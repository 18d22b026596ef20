"""The reporting schedule a plan document states, set when the plan is published from it."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path, PurePath

from theodoi.ingest.blocks import Paragraph
from theodoi.ingest.errors import UnreadableInput
from theodoi.ingest.readers import read_file
from theodoi.plans.models import ImportDraft, Plan
from theodoi.reporting.models import ReportingSchedule
from theodoi.reporting.rounds import set_schedule
from theodoi.reporting.schedule import Schedule, parse_schedule
from theodoi.users import User


def schedule_in_document(data: bytes, filename: str) -> Schedule | None:
    """The schedule the document's paragraphs state; None for Plan JSON (it carries no
    prose) or a file that cannot be read."""
    if PurePath(filename).suffix.lower() == ".json":
        return None
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (PurePath(filename).name or "document")
        path.write_bytes(data)
        try:
            source = read_file(path)
        except UnreadableInput:
            return None
    text = "\n".join(block.text for block in source.blocks if isinstance(block, Paragraph))
    return parse_schedule(text)


def schedule_from_import(
    plan: Plan, draft: ImportDraft, *, by: User | None, now: datetime.datetime
) -> ReportingSchedule | None:
    """Set ``plan``'s schedule from the document it was published from, when the document
    states one; a schedule the document does not state is left as it was."""
    with draft.source_file.open("rb") as handle:
        data = handle.read()
    schedule = schedule_in_document(data, draft.filename)
    if schedule is None:
        return None
    return set_schedule(plan, schedule, by=by, now=now)
