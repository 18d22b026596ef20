"""The pure diff of two Plan JSON versions, on real tasks of seed 003 and 03/NQ-CP."""

import copy
import json

from tests.builders import GOLD
from theodoi.plans.diff import diff_plan_json, similarity

SEED_003 = json.loads((GOLD / "003_de113db257313a93.json").read_text("utf-8"))
NQ_03 = json.loads((GOLD / "nq-03-nq-cp-2025.json").read_text("utf-8"))


def test_an_unchanged_plan_has_an_empty_diff() -> None:
    diff = diff_plan_json(SEED_003, copy.deepcopy(SEED_003))
    assert diff.is_empty
    assert diff.tasks.unchanged == len(SEED_003["tasks"])


def test_spacing_case_and_tone_placement_are_not_changes() -> None:
    new = copy.deepcopy(SEED_003)
    task = new["tasks"][0]
    task["title"] = "  " + task["title"].upper().replace("HÓA", "HOÁ") + " "
    assert diff_plan_json(SEED_003, new).is_empty


def test_a_reworded_task_is_altered_not_replaced() -> None:
    new = copy.deepcopy(SEED_003)
    new["tasks"][5]["title"] = new["tasks"][5]["title"].rstrip(".") + " trong năm 2026."
    diff = diff_plan_json(SEED_003, new)
    assert diff.tasks.added == []
    assert diff.tasks.removed == []
    assert [a.old_index for a in diff.tasks.altered] == [5]
    assert set(diff.tasks.altered[0].changes) == {"title"}


def test_tasks_moved_in_the_list_are_matched_by_their_words() -> None:
    new = copy.deepcopy(SEED_003)
    new["tasks"].reverse()
    for i, task in enumerate(new["tasks"]):
        task["code"] = f"X.{i}"
    diff = diff_plan_json(SEED_003, new)
    assert diff.tasks.added == []
    assert diff.tasks.removed == []
    assert len(diff.tasks.matches) == len(SEED_003["tasks"])


def test_a_code_reused_for_a_different_task_is_not_the_same_task() -> None:
    new = copy.deepcopy(SEED_003)
    new["tasks"][0]["title"] = "Tổ chức hội chợ công nghệ và thiết bị quốc tế hằng năm"
    diff = diff_plan_json(SEED_003, new)
    assert diff.tasks.added == [0]
    assert diff.tasks.removed == [0]


def test_indicators_of_one_name_are_told_apart_by_their_year() -> None:
    new = copy.deepcopy(NQ_03)
    new["indicators"].reverse()
    for indicator in new["indicators"]:
        indicator["code"] = "?"
    diff = diff_plan_json(NQ_03, new)
    old = NQ_03["indicators"]
    assert len(diff.indicators.matches) == len(old)
    for j, i in diff.indicators.matches.items():
        assert (new["indicators"][j]["name"], new["indicators"][j]["year"]) == (
            old[i]["name"],
            old[i]["year"],
        )
    assert {tuple(a.changes) for a in diff.indicators.altered} == {("code",)}


def test_similarity_is_one_for_the_same_words_and_zero_for_none_in_common() -> None:
    assert similarity("Sở Khoa học và Công nghệ", "sở khoa học và công nghệ") == 1.0
    assert similarity("Sở Y tế", "Bộ Công an") == 0.0
    assert similarity("", "Bộ Công an") == 0.0
