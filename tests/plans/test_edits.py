"""Rows of an import preview added, deleted, split, merged and made from paragraphs; the
records of those corrections replayed on a new version of the document (no database)."""

import copy
import json

import pytest

from tests.builders import GOLD
from theodoi.plans.corrections import Correction
from theodoi.plans.edits import apply_edit, describe, replay
from theodoi.plans.errors import PlanError
from theodoi.plans.restructure import (
    AddEntry,
    DeleteEntry,
    MergeEntries,
    SplitEntry,
    TasksFromParagraphs,
    merges_of,
    next_code,
)

SEED_004 = json.loads((GOLD / "004_aea82470e0b2daef.json").read_text("utf-8"))


@pytest.fixture
def plan_json() -> dict:
    return copy.deepcopy(SEED_004)


def titles(plan_json: dict) -> list[str]:
    return [t["title"] for t in plan_json["tasks"]]


def test_an_added_task_goes_to_the_end_of_its_group_with_the_next_code(plan_json: dict) -> None:
    group = plan_json["tasks"][0]["group"]
    in_group = [i for i, t in enumerate(plan_json["tasks"]) if t["group"] == group]
    last = plan_json["tasks"][in_group[-1]]
    apply_edit(
        plan_json,
        AddEntry("tasks", {"title": "Số hóa hồ sơ  địa chính", "group": group, "due.text": "2026"}),
    )
    added = plan_json["tasks"][in_group[-1] + 1]
    assert added["title"] == "Số hóa hồ sơ địa chính"
    assert added["group"] == group
    assert added["code"] != last["code"]
    assert added["code"] not in {t["code"] for t in SEED_004["tasks"]}
    assert (added["due"]["kind"], added["due"]["end_year"]) == ("year", 2026)
    # What it still lacks to be reported on is marked for the coordinator.
    assert set(added["doubts"]) == {"lead"}


def test_next_code_follows_the_last_number_of_the_group() -> None:
    plan = {
        "groups": [{"code": "II.3", "title": "Hạ tầng"}, {"code": "II.4", "title": "Nhân lực"}],
        "tasks": [{"code": "II.3.1", "group": "II.3"}, {"code": "II.3.2", "group": "II.3"}],
    }
    assert next_code(plan, "tasks", "II.3") == "II.3.3"
    assert next_code(plan, "tasks", "II.4") == "II.4.1"
    assert next_code({"tasks": []}, "tasks", None) == "1"


def test_a_task_added_to_a_group_that_does_not_exist_is_refused(plan_json: dict) -> None:
    with pytest.raises(PlanError, match="Không có nhóm"):
        apply_edit(plan_json, AddEntry("tasks", {"title": "Việc mới", "group": "IX.9"}))


def test_an_indicator_is_added_with_its_target_read(plan_json: dict) -> None:
    count = len(plan_json["indicators"])
    values = {"name": "Tỷ lệ hồ sơ trực tuyến", "unit": "%", "target.text": "≥ 80%"}
    apply_edit(plan_json, AddEntry("indicators", values))
    added = plan_json["indicators"][count]
    assert (added["target"]["op"], added["target"]["value"]) == (">=", 80.0)
    assert set(added["doubts"]) == {"agencies", "year"}


def test_a_row_split_in_three_keeps_its_agencies_and_time(plan_json: dict) -> None:
    original = copy.deepcopy(plan_json["tasks"][2])
    parts = ("Xây dựng kho dữ liệu", "  Kết nối kho dữ liệu ", "Khai thác kho dữ liệu")
    record = apply_edit(plan_json, SplitEntry("tasks", 2, parts))
    made = plan_json["tasks"][2:5]
    assert [t["title"] for t in made] == [p.strip() for p in parts]
    assert [t["code"] for t in made] == [
        original["code"],
        original["code"] + "b",
        original["code"] + "c",
    ]
    assert all(t["lead"] == original["lead"] and t["due"] == original["due"] for t in made)
    assert plan_json["tasks"][5]["title"] == SEED_004["tasks"][3]["title"]
    assert record["before"] == [original]


def test_splitting_into_one_part_is_refused(plan_json: dict) -> None:
    with pytest.raises(PlanError, match="ít nhất hai"):
        apply_edit(plan_json, SplitEntry("tasks", 2, ("Chỉ một phần", " ")))


def test_two_rows_merged_join_words_and_agencies(plan_json: dict) -> None:
    a, b = copy.deepcopy(plan_json["tasks"][0]), copy.deepcopy(plan_json["tasks"][1])
    apply_edit(plan_json, MergeEntries("tasks", 0, 1))
    merged = plan_json["tasks"][0]
    assert merged["title"] == f"{a['title']} {b['title']}"
    assert merged["lead"][: len(a["lead"])] == a["lead"]
    assert set(merged["lead"]) == set(a["lead"]) | set(b["lead"])
    assert not set(merged["cooperating"]) & set(merged["lead"])
    assert len(plan_json["tasks"]) == len(SEED_004["tasks"]) - 1


def test_a_deleted_row_is_gone(plan_json: dict) -> None:
    record = apply_edit(plan_json, DeleteEntry("indicators", 0))
    assert plan_json["indicators"][0] == SEED_004["indicators"][1]
    assert record["before"] == [SEED_004["indicators"][0]]


def test_paragraphs_become_tasks_of_a_new_group() -> None:
    plan = {"groups": [], "tasks": []}
    texts = ("Đẩy mạnh chuyển đổi số.", "Phát triển hạ tầng số.", "Đào tạo nhân lực số.")
    apply_edit(plan, TasksFromParagraphs(texts, group="II", group_title="NHIỆM VỤ, GIẢI PHÁP"))
    assert plan["groups"] == [{"code": "II", "title": "NHIỆM VỤ, GIẢI PHÁP"}]
    assert [(t["code"], t["title"], t["group"]) for t in plan["tasks"]] == [
        ("II.1", texts[0], "II"),
        ("II.2", texts[1], "II"),
        ("II.3", texts[2], "II"),
    ]
    assert all(set(t["doubts"]) == {"lead", "due"} for t in plan["tasks"])


def test_a_record_says_which_row_and_what_changed(plan_json: dict) -> None:
    record = apply_edit(plan_json, Correction("tasks", 3, "lead", "Sở Y tế"))
    assert record["anchors"]["row"] == {
        "code": SEED_004["tasks"][3]["code"],
        "text": SEED_004["tasks"][3]["title"],
    }
    assert (record["before"], record["after"]) == (SEED_004["tasks"][3]["lead"], ["Sở Y tế"])
    assert "nhiệm vụ 4" in describe(record)
    assert "Sở Y tế" in describe(record)


def corrections_of(plan_json: dict) -> list[dict]:
    """A coordinator's session on seed 004: a lead changed, a task split, two merged, one
    added, one deleted."""
    edits = [
        Correction("tasks", 3, "lead", "Sở Y tế"),
        SplitEntry("tasks", 5, ("Phần một của nhiệm vụ", "Phần hai của nhiệm vụ")),
        MergeEntries("tasks", 10, 11),
        AddEntry("tasks", {"title": "Nhiệm vụ bị sót", "group": plan_json["tasks"][0]["group"]}),
        DeleteEntry("tasks", 20),
    ]
    return [apply_edit(plan_json, edit) for edit in edits]


def test_corrections_replayed_on_the_same_extraction_give_the_same_plan(plan_json: dict) -> None:
    records = corrections_of(plan_json)
    again = copy.deepcopy(SEED_004)
    result = replay(again, records)
    assert again == plan_json
    assert len(result.applied) == len(records)
    assert not result.set_aside


def test_corrections_follow_their_rows_when_the_new_version_inserts_rows_above(
    plan_json: dict,
) -> None:
    records = corrections_of(plan_json)
    new_version = copy.deepcopy(SEED_004)
    inserted = {**new_version["tasks"][0], "code": "PL2.0", "title": "Nhiệm vụ mới đầu danh sách"}
    new_version["tasks"].insert(0, inserted)
    replay(new_version, records)
    assert new_version["tasks"][0]["title"] == inserted["title"]
    assert new_version["tasks"][1:] == plan_json["tasks"]


def test_a_correction_the_new_document_changed_is_set_aside(plan_json: dict) -> None:
    records = corrections_of(plan_json)
    new_version = copy.deepcopy(SEED_004)
    new_version["tasks"][3]["lead"] = ["Sở Nội vụ"]  # the document itself now names a lead
    result = replay(new_version, records)
    assert [r["op"] for r in result.set_aside] == ["cell"]
    assert new_version["tasks"][3]["lead"] == ["Sở Nội vụ"]
    assert len(result.applied) == len(records) - 1


def test_a_correction_the_new_document_makes_itself_is_dropped(plan_json: dict) -> None:
    records = corrections_of(plan_json)
    new_version = copy.deepcopy(SEED_004)
    new_version["tasks"][3]["lead"] = ["Sở Y tế"]
    result = replay(new_version, records)
    assert not result.set_aside
    assert "cell" not in [r["op"] for r in result.applied]


def test_paragraph_tasks_already_in_the_new_version_are_not_made_twice() -> None:
    plan = {"groups": [], "tasks": []}
    texts = ("Đẩy mạnh chuyển đổi số.", "Phát triển hạ tầng số.")
    records = [apply_edit(plan, TasksFromParagraphs(texts, group="II", group_title="Nhiệm vụ"))]
    new_version = {
        "groups": [{"code": "II", "title": "Nhiệm vụ"}],
        "tasks": [copy.deepcopy(plan["tasks"][0])],
    }
    replay(new_version, records)
    assert [t["title"] for t in new_version["tasks"]] == list(texts)


def test_a_paragraph_made_a_task_has_its_lead_partners_and_time_guessed() -> None:
    # issue 16: paragraphs became tasks with no lead and no time even when they said both.
    plan = {"groups": [{"code": "II", "title": "Nhiệm vụ"}], "tasks": []}
    texts = (
        "Hoàn thiện cơ sở dữ liệu đất đai, kết nối với cơ sở dữ liệu quốc gia. Sở Nông nghiệp "
        "và Môi trường chủ trì, phối hợp với Ủy ban nhân dân các xã thực hiện; năm 2026.",
        "Đề nghị Công an tỉnh hướng dẫn người dân kích hoạt định danh điện tử hằng năm.",
        "Đẩy mạnh chuyển đổi số.",
    )
    apply_edit(plan, TasksFromParagraphs(texts, group="II"))
    first, second, third = plan["tasks"]
    assert first["title"] == "Hoàn thiện cơ sở dữ liệu đất đai, kết nối với cơ sở dữ liệu quốc gia."
    assert (first["lead"], first["cooperating"]) == (
        ["Sở Nông nghiệp và Môi trường"],
        ["Ủy ban nhân dân các xã"],
    )
    assert (first["due"]["kind"], first["due"]["end_year"]) == ("year", 2026)
    assert "lead" not in first.get("doubts", {})
    assert (second["lead"], second["due"]["kind"]) == (["Công an tỉnh"], "recurring")
    assert third["title"] == texts[2]
    assert set(third["doubts"]) == {"lead", "due"}


def test_any_selected_rows_of_one_group_are_merged_in_document_order() -> None:
    plan = {
        "groups": [{"code": "I", "title": "A"}, {"code": "II", "title": "B"}],
        "tasks": [
            {"code": c, "group": g, "title": t, "lead": who, "cooperating": [], "due": {}}
            for c, g, t, who in [
                ("I.1", "I", "Xây dựng", ["Sở Tài chính"]),
                ("I.2", "I", "Khác", []),
                ("I.3", "I", "kho dữ liệu", ["Sở Xây dựng"]),
                ("I.4", "I", "dùng chung", []),
                ("II.1", "II", "Ngoài nhóm", []),
            ]
        ],
    }
    for edit in merges_of(plan, "tasks", [3, 0, 2]):
        apply_edit(plan, edit)
    assert [t["title"] for t in plan["tasks"]] == [
        "Xây dựng kho dữ liệu dùng chung",
        "Khác",
        "Ngoài nhóm",
    ]
    assert plan["tasks"][0]["lead"] == ["Sở Tài chính", "Sở Xây dựng"]
    with pytest.raises(PlanError, match="một nhóm"):
        merges_of(plan, "tasks", [0, 2])
    with pytest.raises(PlanError):
        merges_of(plan, "tasks", [1])
