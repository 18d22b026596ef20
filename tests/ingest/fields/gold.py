"""The shared gold extractions and seeds (``../shared`` beside the repository), as test cases."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parents[4] / "shared"
GOLD_DIR = SHARED / "extraction" / "gold"


@cache
def gold_plans() -> dict[str, dict[str, Any]]:
    """Every gold file, by the name of its document (``004_aea82470e0b2daef``)."""
    return {p.stem: json.loads(p.read_text("utf-8")) for p in sorted(GOLD_DIR.glob("*.json"))}


def gold_params(entries: list[tuple[str, str, Any]]) -> list[Any]:
    """``pytest.param`` per (document, code, case), with a readable id."""
    return [pytest.param(case, id=f"{doc[:5]}-{code}") for doc, code, case in entries]


def gold_tasks() -> list[tuple[str, str, dict[str, Any]]]:
    return [(doc, t["code"], t) for doc, plan in gold_plans().items() for t in plan["tasks"]]


def gold_indicators() -> list[tuple[str, str, dict[str, Any]]]:
    return [(doc, i["code"], i) for doc, plan in gold_plans().items() for i in plan["indicators"]]
