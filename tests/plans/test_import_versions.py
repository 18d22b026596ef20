"""A plan is in theodoi once: the same plan uploaded again, from another file, becomes its new
version (with a diff) and is never published a second time. The coordinator's corrections
are kept with the plan and made again on its next version. A scanned PDF tells an official
what she can do."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import IntegrityError
from PIL import Image

from tests.builders import GOLD, NOW
from theodoi.ingest.readers.pdf import OCR_HINT
from theodoi.plans.correcting import apply_corrections, undo_correction
from theodoi.plans.corrections import Correction
from theodoi.plans.errors import PlanError
from theodoi.plans.importing import official_warning, publish_import, stage_import
from theodoi.plans.models import ImportDraft, Plan
from theodoi.plans.restructure import AddEntry, SplitEntry

pytestmark = pytest.mark.usefixtures("orgs")
# Quảng Ngãi's plan for 03/NQ-CP, read without a number; Quảng Trị's news article, read with
# neither number nor title.
NO_NUMBER = "000_7358453b67115249.json"
NO_TITLE = "002_1813b2d7934d17d9.json"
SEED_004 = "004_aea82470e0b2daef.json"


def gold(name: str) -> dict:
    return json.loads((GOLD / name).read_text("utf-8"))


def stage(data: dict, by: User, name: str = "ban-word.json") -> ImportDraft:
    # Indented: other bytes than the gold file's, as a Word file of the same plan would be.
    content = json.dumps(data, ensure_ascii=False, indent=1).encode()
    return stage_import(ContentFile(content, name=name), by=by, now=NOW)


@pytest.mark.parametrize("name", [NO_NUMBER, NO_TITLE])
def test_a_plan_without_a_number_uploaded_again_is_its_new_version(
    import_gold: Callable[..., Plan], coordinator: User, name: str
) -> None:
    plan = import_gold(name)
    draft = stage(gold(name), coordinator)
    assert draft.replaces == plan
    publish_import(draft, by=coordinator, now=NOW, confirm_empty=True)
    assert Plan.objects.count() == 1
    assert Plan.objects.get().version == 2


def test_a_title_read_slightly_otherwise_is_still_the_same_plan(
    import_gold: Callable[..., Plan], coordinator: User
) -> None:
    plan = import_gold(NO_NUMBER)
    data = gold(NO_NUMBER)
    data["document"]["title"] = data["document"]["title"].replace("Chính phủ về", "Chính phủ  về¹")
    assert stage(data, coordinator).replaces == plan


def test_another_plan_of_the_province_is_not_taken_for_it(
    import_gold: Callable[..., Plan], coordinator: User
) -> None:
    import_gold(NO_NUMBER)
    data = gold(NO_NUMBER)
    data["document"]["title"] = "Kế hoạch chuyển đổi số tỉnh Quảng Ngãi năm 2026"
    data["tasks"] = data["tasks"][:3]
    assert stage(data, coordinator).replaces is None


def test_two_uploads_of_one_plan_cannot_both_be_published(coordinator: User) -> None:
    first = stage(gold(NO_NUMBER), coordinator, "ban-1.json")
    data = gold(NO_NUMBER)
    data["tasks"][0]["title"] += "."  # the other file reads one word otherwise
    second = stage(data, coordinator, "ban-2.json")
    assert second.replaces is None  # nothing was published yet when it was read
    publish_import(first, by=coordinator, now=NOW)
    with pytest.raises(PlanError, match="không được công bố hai lần"):
        publish_import(second, by=coordinator, now=NOW)
    assert Plan.objects.count() == 1


def test_the_same_number_a_year_later_is_another_plan_of_the_province(
    import_gold: Callable[..., Plan], coordinator: User
) -> None:
    # Offices number their documents anew each year: Tiền Giang's 69/KH-UBND of 2026 is not
    # the new version of its 69/KH-UBND of 2025.
    first = import_gold(SEED_004)
    data = gold(SEED_004)
    data["document"]["issued_on"] = "2026-03-02"
    data["document"]["title"] = "Kế hoạch chuyển đổi số tỉnh Tiền Giang năm 2026"
    draft = stage(data, coordinator)
    assert draft.replaces is None
    second = publish_import(draft, by=coordinator, now=NOW)
    assert {p.pk for p in Plan.objects.filter(number="69/KH-UBND")} == {first.pk, second.pk}
    assert (first.version, second.version) == (1, 1)


def test_the_same_number_and_year_uploaded_again_is_still_the_new_version(
    import_gold: Callable[..., Plan], coordinator: User
) -> None:
    plan = import_gold(SEED_004)
    data = gold(SEED_004)
    data["document"]["issued_on"] = "2025-02-26"  # a day misread: the year says the same plan
    assert stage(data, coordinator).replaces == plan


@pytest.mark.django_db(transaction=True)
def test_a_national_plan_number_is_unique_in_its_year_in_the_database(orgs: None) -> None:
    Plan.objects.create(number="03/NQ-CP", kind="nghi_quyet", province=None)
    with pytest.raises(IntegrityError):
        Plan.objects.create(number="03/NQ-CP", kind="nghi_quyet", province=None)
    day = datetime.date(2025, 1, 9)
    Plan.objects.create(number="03/NQ-CP", kind="nghi_quyet", province=None, issued_on=day)
    with pytest.raises(IntegrityError):
        Plan.objects.create(
            number="03/NQ-CP", kind="nghi_quyet", province=None, issued_on=day.replace(month=5)
        )
    Plan.objects.create(
        number="03/NQ-CP", kind="nghi_quyet", province=None, issued_on=day.replace(year=2026)
    )
    assert Plan.objects.filter(number="03/NQ-CP").count() == 3


# --- corrections kept and replayed ---------------------------------------------------------------


def corrected_plan(coordinator: User) -> Plan:
    draft = stage(gold(SEED_004), coordinator)
    edits = [
        Correction("tasks", 2, "lead", "Sở Y tế"),
        SplitEntry("tasks", 4, ("Phần thứ nhất của nhiệm vụ", "Phần thứ hai của nhiệm vụ")),
        AddEntry("tasks", {"title": "Nhiệm vụ văn bản có mà hệ thống bỏ sót"}),
    ]
    apply_corrections(draft, edits, by=coordinator, now=NOW)
    return publish_import(draft, by=coordinator, now=NOW)


def test_corrections_are_kept_with_who_and_when(coordinator: User) -> None:
    plan = corrected_plan(coordinator)
    assert [r["op"] for r in plan.corrections] == ["cell", "split", "add"]
    assert {r["by"] for r in plan.corrections} == {coordinator.get_username()}
    assert plan.corrections[0]["before"] == gold(SEED_004)["tasks"][2]["lead"]
    assert plan.corrections[0]["after"] == ["Sở Y tế"]
    assert plan.tasks.count() == 67 + 1 + 1


def test_a_new_version_gets_the_corrections_of_the_last(coordinator: User) -> None:
    plan = corrected_plan(coordinator)
    new_version = gold(SEED_004)
    new_version["tasks"].insert(0, {**new_version["tasks"][0], "code": "PL2.0", "title": "Mới"})
    draft = stage(new_version, coordinator, "69-KH-UBND-sua-doi.json")
    assert draft.replaces == plan
    titles = [t["title"] for t in draft.plan_json["tasks"]]
    assert draft.plan_json["tasks"][3]["lead"] == ["Sở Y tế"]
    assert titles[5:7] == ["Phần thứ nhất của nhiệm vụ", "Phần thứ hai của nhiệm vụ"]
    assert "Nhiệm vụ văn bản có mà hệ thống bỏ sót" in titles
    assert len(draft.corrections) == 3
    # What the diff shows is the one new task, not the corrections undone.
    published = publish_import(draft, by=coordinator, now=NOW)
    assert published.tasks.filter(archived_at__isnull=True).count() == 67 + 1 + 1 + 1


def test_a_correction_where_the_new_version_changed_is_reported(coordinator: User) -> None:
    corrected_plan(coordinator)
    new_version = gold(SEED_004)
    new_version["tasks"][2]["lead"] = ["Sở Nội vụ"]
    draft = stage(new_version, coordinator, "69-KH-UBND-sua-doi.json")
    assert draft.plan_json["tasks"][2]["lead"] == ["Sở Nội vụ"]
    assert len(draft.corrections) == 2
    [warning] = [w for w in draft.plan_json["warnings"] if "phiên bản 1" in w]
    assert "Sở Y tế" in warning
    # Taking a later correction back keeps the warning.
    apply_corrections(draft, [Correction("tasks", 0, "title", "Khác")], by=coordinator, now=NOW)
    draft = undo_correction(draft, by=coordinator, now=NOW)
    assert warning in draft.plan_json["warnings"]


def test_undo_takes_back_the_latest_correction_only(coordinator: User) -> None:
    draft = stage(gold(SEED_004), coordinator)
    apply_corrections(draft, [Correction("tasks", 0, "title", "Tên mới")], by=coordinator, now=NOW)
    apply_corrections(draft, [AddEntry("tasks", {"title": "Thêm"})], by=coordinator, now=NOW)
    draft = undo_correction(draft, by=coordinator, now=NOW)
    assert draft.plan_json["tasks"][0]["title"] == "Tên mới"
    assert len(draft.plan_json["tasks"]) == 67
    assert [r["op"] for r in draft.corrections] == ["cell"]
    draft = undo_correction(draft, by=coordinator, now=NOW)
    assert draft.plan_json == draft.extracted_json
    with pytest.raises(PlanError, match="Không có nội dung sửa"):
        undo_correction(draft, by=coordinator, now=NOW)


# --- a scanned PDF ---------------------------------------------------------------------------


def test_a_scanned_pdf_tells_the_official_what_she_can_do(
    coordinator: User, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "ke-hoach-quet.pdf"
    Image.new("RGB", (1240, 1754), "white").save(path, "PDF", resolution=150)
    with pytest.raises(PlanError) as refused:
        stage_import(ContentFile(path.read_bytes(), name=path.name), by=coordinator, now=NOW)
    message = str(refused.value)
    assert "bản Word (.docx)" in message
    assert "công nghệ thông tin" in message
    assert "OCR" in message
    for technical in ("--ocr", "pip", "apt", "tesseract"):
        assert technical not in message
    assert "--ocr" in caplog.text  # kept for IT staff


def test_a_warning_about_scanned_pages_keeps_no_command_line(coordinator: User) -> None:
    warning = official_warning(f"Trang 3 của a.pdf là ảnh quét, chưa được đọc. {OCR_HINT}", "a.pdf")
    assert warning.startswith("Trang 3 của a.pdf là ảnh quét")
    assert "bản Word" in warning
    assert "pip" not in warning
    assert "--ocr" not in warning
