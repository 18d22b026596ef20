"""The whole pipeline, file to Plan: read, then extract. The two halves are separate modules
so that each can be tested alone and a new layout is a new rule in one of them."""

from __future__ import annotations

from pathlib import Path

from theodoi.ingest.blocks import Paragraph, SourceText
from theodoi.ingest.extract import extract_source
from theodoi.ingest.plan import Plan
from theodoi.ingest.readers import read_file
from theodoi.ingest.schedule import parse_schedule


def extract_file(path: str | Path, *, ocr: bool = False) -> Plan:
    """Read a plan document and extract its Plan, with the reporting schedule its paragraphs
    state. Raises UnreadableInput for a bad file."""
    source: SourceText = read_file(Path(path), ocr=ocr)
    plan = extract_source(source)
    prose = "\n".join(block.text for block in source.blocks if isinstance(block, Paragraph))
    plan.schedule = parse_schedule(prose)
    return plan
