"""Importing plans through the services the import page calls: every gold file, bad input,
agency mapping, corrections, publication."""

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.test import override_settings

from tests.builders import GOLD, NOW, SEEDS, org
from theodoi.audit.models import AuditEntry
from theodoi.plans.correcting import apply_corrections, map_agency
from theodoi.plans.corrections import Correction
from theodoi.plans.errors import PlanError
from theodoi.plans.importing import discard_import, publish_import, stage_import
from theodoi.plans.models import (
    AgencyRole,
    DraftStatus,
    ImportDraft,
    Plan,
    PlanStatus,
    Task,
    TaskAgency,
)

pytestmark = pytest.mark.usefixtures("orgs")
GOLD_FILES = sorted(GOLD.glob("*.json"))


def gold(name: str) -> dict:
    return json.loads((GOLD / name).read_text("utf-8"))


def upload(name: str, data: bytes) -> ContentFile:
    return ContentFile(data, name=name)


def stage_gold(name: str, by: User, data: dict | None = None):
    if data is None:
        content = (GOLD / name).read_bytes()
    else:
        content = json.dumps(data, ensure_ascii=False).encode()
    return stage_import(upload(name, content), by=by, now=NOW)


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_every_gold_file_imports_with_all_its_tasks_and_indicators(
    path: Path, import_gold: Callable[..., Plan], coordinator: User
) -> None:
    expected = json.loads(path.read_text("utf-8"))
    plan = import_gold(path.name, by=coordinator)
    assert plan.status == PlanStatus.PUBLISHED
    assert plan.tasks.count() == len(expected["tasks"])
    assert plan.indicators.count() == len(expected["indicators"])
    assert plan.groups.count() == len(expected["groups"])
    assert plan.number == (expected["document"]["number"] or "")
    assert sorted(plan.implements_numbers) == sorted(expected["document"]["implements"])


def test_plans_are_linked_to_the_plans_they_implement_whichever_comes_first(
    import_gold: Callable[..., Plan],
) -> None:
    provincial = import_gold("004_aea82470e0b2daef.json")
    national = import_gold("nq-03-nq-cp-2025.json")
    assert list(provincial.implements.all()) == [national]
    assert list(national.implemented_by.all()) == [provincial]
    assert "71-CTr/TU" in provincial.implements_numbers


def test_a_task_keeps_the_names_as_written_and_lands_on_todays_bodies(
    tien_giang_plan: Plan,
) -> None:
    mentions = TaskAgency.objects.filter(
        task__plan=tien_giang_plan, name="Sở Thông tin và Truyền thông", role=AgencyRole.LEAD
    )
    assert mentions.exists()
    assert {m.organisation for m in mentions} == {org("dong-thap--so-khoa-hoc-cong-nghe")}
    collective = TaskAgency.objects.filter(
        task__plan=tien_giang_plan, name="Các sở, ban, ngành, địa phương"
    )
    assert collective.exists()
    assert not collective.exclude(organisation=None).exists()


def test_the_plan_keeps_its_province_as_it_was_when_issued(tien_giang_plan: Plan) -> None:
    assert tien_giang_plan.province == org("tien-giang")
    assert tien_giang_plan.issued_on.isoformat() == "2025-02-25"


def test_task_times_are_stored_as_written_and_parsed(tien_giang_plan: Plan) -> None:
    expected = {t["code"]: t["due"] for t in gold("004_aea82470e0b2daef.json")["tasks"]}
    for task in tien_giang_plan.tasks.all():
        due = expected[task.code]
        assert task.due_kind == due["kind"]
        assert task.due_text == (due["text"] or "")
        assert task.due_start_year == due["start_year"]
        assert task.due_end_year == due["end_year"]


def test_indicator_targets_are_stored(tien_giang_plan: Plan) -> None:
    expected = gold("004_aea82470e0b2daef.json")["indicators"]
    stored = list(tien_giang_plan.indicators.order_by("position"))
    assert [(i.code, i.target, i.comparator or None, i.year) for i in stored] == [
        (e["code"], e["target"]["value"], e["target"]["op"], e["year"]) for e in expected
    ]


def test_staging_lists_the_names_nobody_knows_and_no_collective_phrase(coordinator: User) -> None:
    draft = stage_gold("004_aea82470e0b2daef.json", coordinator)
    assert draft.status == DraftStatus.STAGED
    assert "Ủy ban nhân dân thành phố Mỹ Tho" in draft.unresolved
    assert "Các sở, ban, ngành, địa phương" not in draft.unresolved
    assert "Sở Thông tin và Truyền thông" not in draft.unresolved
    assert not Plan.objects.exists()


def test_the_same_document_uploaded_twice_is_refused(
    tien_giang_plan: Plan, coordinator: User
) -> None:
    with pytest.raises(PlanError, match="69/KH-UBND"):
        stage_gold("004_aea82470e0b2daef.json", coordinator)
    assert ImportDraft.objects.count() == 1


def test_a_document_awaiting_review_cannot_be_uploaded_again(coordinator: User) -> None:
    stage_gold("003_de113db257313a93.json", coordinator)
    with pytest.raises(PlanError, match="chờ"):
        stage_gold("003_de113db257313a93.json", coordinator)


def test_a_discarded_draft_lets_the_document_be_uploaded_again(coordinator: User) -> None:
    draft = stage_gold("003_de113db257313a93.json", coordinator)
    discard_import(draft, by=coordinator, now=NOW)
    assert stage_gold("003_de113db257313a93.json", coordinator).status == DraftStatus.STAGED


@override_settings(THEODOI_MAX_UPLOAD_BYTES=1024)
def test_an_oversized_upload_is_refused_naming_the_limit(coordinator: User) -> None:
    with pytest.raises(PlanError, match="MB"):
        stage_import(upload("kehoach.txt", b"x" * 2048), by=coordinator, now=NOW)
    assert not ImportDraft.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("kehoach.docx", b"%PDF-1.7\n1 0 obj\n"),
        ("kehoach.pdf", "KẾ HOẠCH thực hiện".encode()),
        ("kehoach.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        ("kehoach.exe", b"MZ\x90\x00"),
    ],
)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(
    name: str, content: bytes, coordinator: User
) -> None:
    with pytest.raises(PlanError, match=name):
        stage_import(upload(name, content), by=coordinator, now=NOW)
    assert not ImportDraft.objects.exists()


def test_a_json_file_that_is_not_plan_json_is_refused_naming_the_field(coordinator: User) -> None:
    broken = gold("004_aea82470e0b2daef.json")
    broken["tasks"][0]["due"]["kind"] = "someday"
    with pytest.raises(PlanError, match=r"tasks\[0\]\.due\.kind"):
        stage_gold("broken.json", coordinator, broken)


def test_a_document_with_nothing_of_a_plan_is_refused(coordinator: User) -> None:
    empty = gold("002_1813b2d7934d17d9.json")
    empty["document"].update(number=None, title=None, province=None)
    empty["indicators"] = []
    with pytest.raises(PlanError, match="Không tìm thấy kế hoạch"):
        stage_gold("empty.json", coordinator, empty)
    assert not ImportDraft.objects.exists()


def test_a_text_that_is_not_a_plan_is_refused_after_reading(coordinator: User) -> None:
    notice = "THÔNG BÁO\nVề việc nghỉ Tết Nguyên đán năm 2026\nCơ quan nghỉ từ 14/02/2026.\n"
    with pytest.raises(PlanError, match=r"thongbao\.txt"):
        stage_import(upload("thongbao.txt", notice.encode()), by=coordinator, now=NOW)
    assert not ImportDraft.objects.exists()


def test_a_plan_without_tasks_or_indicators_needs_confirmation(coordinator: User) -> None:
    data = gold("001_83f868006df64d46.json")
    data["indicators"] = []
    draft = stage_gold("001.json", coordinator, data)
    with pytest.raises(PlanError, match="xác nhận"):
        publish_import(draft, by=coordinator, now=NOW)
    assert not Plan.objects.exists()
    plan = publish_import(draft, by=coordinator, now=NOW, confirm_empty=True)
    assert plan.number == "60-CTr/TU"


def test_mapping_an_agency_resolves_it_here_and_in_later_imports(coordinator: User) -> None:
    draft = stage_gold("004_aea82470e0b2daef.json", coordinator)
    name = "Ủy ban nhân dân thành phố Mỹ Tho"
    draft = map_agency(draft, name, org("tien-giang--ubnd-cap-huyen"), by=coordinator, now=NOW)
    assert name not in draft.unresolved
    plan = publish_import(draft, by=coordinator, now=NOW)
    mention = TaskAgency.objects.filter(task__plan=plan, name=name).first()
    assert mention.organisation == org("dong-thap--ubnd-cap-xa")


def test_mapping_a_name_not_in_the_draft_is_refused(coordinator: User) -> None:
    draft = stage_gold("004_aea82470e0b2daef.json", coordinator)
    with pytest.raises(PlanError):
        map_agency(draft, "Sở Bí Ẩn", org("dong-thap--so-y-te"), by=coordinator, now=NOW)


def test_a_corrected_cell_is_stored_and_no_longer_doubtful(coordinator: User) -> None:
    data = gold("004_aea82470e0b2daef.json")
    data["tasks"][2]["doubts"] = {"due": "Không rõ thời gian"}
    draft = stage_gold("004.json", coordinator, data)
    draft = apply_corrections(
        draft,
        [
            Correction("tasks", 2, "due.text", "Quý II/2026"),
            Correction("indicators", 0, "target.value", "85,5"),
            Correction("tasks", 0, "lead", "Sở Y tế; Sở Nội vụ"),
        ],
        by=coordinator,
        now=NOW,
    )
    assert draft.plan_json["tasks"][2]["due"]["kind"] == "quarter"
    assert draft.plan_json["tasks"][2]["due"]["quarter"] == 2
    assert "doubts" not in draft.plan_json["tasks"][2]
    assert draft.extracted_json["tasks"][2]["due"] == data["tasks"][2]["due"]
    plan = publish_import(draft, by=coordinator, now=NOW)
    task = plan.tasks.get(position=2)
    assert (task.due_kind, task.due_quarter, task.due_end_year) == ("quarter", 2, 2026)
    assert plan.indicators.get(position=0).target == 85.5
    lead = plan.tasks.get(position=0).agencies.filter(role=AgencyRole.LEAD)
    assert [a.organisation for a in lead] == [
        org("dong-thap--so-y-te"),
        org("dong-thap--so-noi-vu"),
    ]


@pytest.mark.parametrize(
    ("correction", "message"),
    [
        (Correction("tasks", 0, "title", "  "), "nhiệm vụ 1, tiêu đề"),
        (Correction("indicators", 1, "year", "năm sau"), "chỉ tiêu 2, năm"),
        (Correction("indicators", 1, "target.op", "khoảng"), "chỉ tiêu 2, phép so sánh"),
        (Correction("tasks", 999, "title", "Mới"), "1000"),
        (Correction("tasks", 0, "confidential", "1"), "nhiệm vụ 1"),
        (Correction("document", None, "issued_on", "25/02/2025"), "ngày ban hành"),
    ],
)
def test_a_bad_correction_is_refused_and_nothing_is_changed(
    correction: Correction, message: str, coordinator: User
) -> None:
    draft = stage_gold("004_aea82470e0b2daef.json", coordinator)
    good = Correction("tasks", 1, "title", "Tên đã sửa")
    with pytest.raises(PlanError, match=message):
        apply_corrections(draft, [good, correction], by=coordinator, now=NOW)
    draft.refresh_from_db()
    assert draft.plan_json == draft.extracted_json


def test_a_published_draft_cannot_be_published_again(coordinator: User) -> None:
    draft = stage_gold("003_de113db257313a93.json", coordinator)
    publish_import(draft, by=coordinator, now=NOW)
    with pytest.raises(PlanError):
        publish_import(draft, by=coordinator, now=NOW)
    assert Plan.objects.count() == 1


def test_every_step_leaves_an_audit_entry(coordinator: User) -> None:
    draft = stage_gold("004_aea82470e0b2daef.json", coordinator)
    draft = map_agency(
        draft,
        "Ủy ban nhân dân huyện Gò Công Đông",
        org("tien-giang--ubnd-cap-huyen"),
        by=coordinator,
        now=NOW,
    )
    draft = apply_corrections(
        draft, [Correction("tasks", 0, "title", "Tên đã sửa")], by=coordinator, now=NOW
    )
    publish_import(draft, by=coordinator, now=NOW)
    actions = set(AuditEntry.objects.filter(by=coordinator).values_list("action", flat=True))
    assert {
        "plans.import.staged",
        "orgs.alias.created",
        "plans.import.agency_mapped",
        "plans.import.corrected",
        "plans.plan.published",
    } <= actions


def test_tasks_of_a_repeated_code_get_distinct_keys(coordinator: User) -> None:
    data = gold("003_de113db257313a93.json")
    data["tasks"][1]["code"] = data["tasks"][0]["code"]
    plan = publish_import(stage_gold("003.json", coordinator, data), by=coordinator, now=NOW)
    keys = list(Task.objects.filter(plan=plan).values_list("key", flat=True))
    assert len(keys) == len(set(keys)) == len(data["tasks"])


@pytest.mark.slow
def test_seed_004_as_written_imports_through_the_extractor_like_its_gold(
    coordinator: User,
) -> None:
    path = SEEDS / "004_aea82470e0b2daef.txt"
    draft = stage_import(upload(path.name, path.read_bytes()), by=coordinator, now=NOW)
    plan = publish_import(draft, by=coordinator, now=NOW)
    expected = gold("004_aea82470e0b2daef.json")
    assert plan.tasks.count() == len(expected["tasks"]) == 67
    assert plan.indicators.count() == len(expected["indicators"]) == 42
    assert plan.province == org("tien-giang")
