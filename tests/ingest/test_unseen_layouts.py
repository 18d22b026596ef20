"""Plans of shapes the six gold documents do not show, written by hand in ``cases/`` from the
shape of real documents (the text and the expected Plan JSON are our own), and scored by the
shared scorer against bars like the gold ones: ministries and their units, Party committees
from a commune to the National Assembly's, a National Assembly committee, provinces,
departments, communes and wards, mass organisations, a steering committee; decisions with an
attached plan, official letters, inspection plans, plans organised by agency, tasks in prose;
task tables whose columns come in any order or are named in words of their own.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.ingest.fixtures import load_scorer
from theodoi.ingest.pipeline import extract_file
from theodoi.ingest.validate import validate_plan_json

CASES = Path(__file__).parent / "cases"
DOCUMENTS = sorted(CASES.glob("*.txt"))
PER_DOCUMENT = 0.90
LISTS = 0.95  # task and indicator F1
FIELDS = 0.95  # lead, cooperating, due and target accuracy on matched entries


@pytest.fixture(scope="module")
def score() -> ModuleType:
    return load_scorer()


def _scored(score: ModuleType, document: Path) -> dict[str, Any]:
    extracted = extract_file(document).to_dict()
    assert validate_plan_json(extracted) == []
    expected = json.loads(document.with_suffix(".json").read_text(encoding="utf-8"))
    assert validate_plan_json(expected) == []
    return score.score(expected, extracted)  # type: ignore[no-any-return]


def test_every_case_has_its_expected_plan() -> None:
    # issue 16: at least 30 real shapes across issuer types
    assert len(DOCUMENTS) >= 30
    assert all(d.with_suffix(".json").exists() for d in DOCUMENTS)


def _below_bars(result: dict[str, Any]) -> dict[str, float]:
    """Every figure under its bar: the overall score, each list's F1, and each field's
    accuracy on the matched entries (the scorer gives None where a field does not apply)."""
    low = {"overall": result["overall"]} if result["overall"] < PER_DOCUMENT else {}
    for part in ("tasks", "indicators"):
        if result[part]["gold"] == 0 and result[part]["predicted"] == 0:
            continue
        for field, value in result[part].items():
            if field in ("gold", "predicted", "matched", "precision", "recall") or value is None:
                continue
            if value < (LISTS if field == "f1" else FIELDS):
                low[f"{part}.{field}"] = value
    return low


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.stem)
def test_a_plan_of_an_unseen_shape_reaches_the_bars(score: ModuleType, document: Path) -> None:
    assert _below_bars(_scored(score, document)) == {}
