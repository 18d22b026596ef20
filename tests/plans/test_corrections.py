"""One corrected cell of the import preview, applied to Plan JSON (no database)."""

import copy
import json

import pytest

from tests.builders import GOLD
from theodoi.plans.corrections import Correction, apply_correction
from theodoi.plans.errors import PlanError

SEED_004 = json.loads((GOLD / "004_aea82470e0b2daef.json").read_text("utf-8"))


@pytest.fixture
def plan_json() -> dict:
    return copy.deepcopy(SEED_004)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("85,5", 85.5), ("1.234,5", 1234.5), ("80", 80.0), ("0,7", 0.7), ("12.5", 12.5), ("", None)],
)
def test_a_target_is_read_the_vietnamese_way(plan_json: dict, typed: str, stored: float) -> None:
    apply_correction(plan_json, Correction("indicators", 0, "target.value", typed))
    assert plan_json["indicators"][0]["target"]["value"] == stored


@pytest.mark.parametrize("typed", ["≥ 80", "80%", "tám mươi", "2025-2030"])
def test_a_target_with_words_around_the_number_is_refused(plan_json: dict, typed: str) -> None:
    with pytest.raises(PlanError, match="chỉ tiêu 1"):
        apply_correction(plan_json, Correction("indicators", 0, "target.value", typed))


@pytest.mark.parametrize(
    ("typed", "kind", "years"),
    [
        ("Quý II/2026", "quarter", (2026, 2026)),
        ("Thường xuyên", "recurring", (None, None)),
        ("2025 - 2030", "range", (2025, 2030)),
        ("Năm 2026", "year", (2026, 2026)),
        ("Tháng 10/2025", "month", (2025, 2025)),
    ],
)
def test_a_corrected_time_is_parsed_again(
    plan_json: dict, typed: str, kind: str, years: tuple
) -> None:
    apply_correction(plan_json, Correction("tasks", 4, "due.text", typed))
    due = plan_json["tasks"][4]["due"]
    assert (due["text"], due["kind"], (due["start_year"], due["end_year"])) == (typed, kind, years)


def test_agencies_are_typed_one_per_line_or_separated_by_semicolons(plan_json: dict) -> None:
    typed = "Sở Y tế;  Sở Nội vụ\nCông an tỉnh;"
    apply_correction(plan_json, Correction("tasks", 0, "cooperating", typed))
    assert plan_json["tasks"][0]["cooperating"] == ["Sở Y tế", "Sở Nội vụ", "Công an tỉnh"]


def test_correcting_a_doubtful_field_clears_its_doubt_only(plan_json: dict) -> None:
    plan_json["tasks"][0]["doubts"] = {"lead": "Hai cơ quan?", "title": "Bị cắt dòng?"}
    apply_correction(plan_json, Correction("tasks", 0, "lead", "Sở Khoa học và Công nghệ"))
    assert plan_json["tasks"][0]["doubts"] == {"title": "Bị cắt dòng?"}


def test_the_value_before_and_after_are_returned(plan_json: dict) -> None:
    before = plan_json["document"]["signer"]
    assert apply_correction(plan_json, Correction("document", None, "signer", " Trần Văn A ")) == (
        before,
        "Trần Văn A",
    )


@pytest.mark.parametrize(("typed", "ok"), [("2030", True), ("1890", False), ("2030,5", False)])
def test_a_year_must_be_a_plausible_whole_year(plan_json: dict, typed: str, ok: bool) -> None:
    correction = Correction("indicators", 0, "year", typed)
    if ok:
        apply_correction(plan_json, correction)
        assert plan_json["indicators"][0]["year"] == int(typed)
    else:
        with pytest.raises(PlanError, match="năm"):
            apply_correction(plan_json, correction)
