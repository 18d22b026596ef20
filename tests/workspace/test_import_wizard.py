"""The import wizard through Django's test client: upload, preview, corrections, agency
mapping, a new version's diff, publication, and every bad input named in issue 3."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from tests.builders import GOLD, SEEDS, org
from tests.ingest.builders import build_docx, build_pdf, convert_all
from theodoi.orgs.models import OrganisationAlias
from theodoi.plans.models import DraftStatus, ImportDraft, Plan

GOLD_004 = GOLD / "004_aea82470e0b2daef.json"
SEED_004 = SEEDS / "004_aea82470e0b2daef.txt"


def gold_004() -> dict[str, Any]:
    return json.loads(GOLD_004.read_text(encoding="utf-8"))


def as_upload(name: str, data: bytes | str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data.encode() if isinstance(data, str) else data)


@pytest.fixture
def desk(client: Client, coordinator: User) -> Client:
    client.force_login(coordinator)
    return client


def upload(desk: Client, name: str, data: bytes | str) -> HttpResponse:
    return desk.post(reverse("workspace:import_upload"), {"document": as_upload(name, data)})


def staged(desk: Client, plan_json: dict[str, Any], name: str = "ke-hoach.json") -> ImportDraft:
    response = upload(desk, name, json.dumps(plan_json, ensure_ascii=False))
    assert response.status_code == 302, response.content.decode()
    return ImportDraft.objects.get(pk=int(response.url.rstrip("/").rsplit("/", 1)[1]))


def publish(desk: Client, draft: ImportDraft, **data: str) -> HttpResponse:
    """Publish as the confirmation page's button does."""
    url = reverse("workspace:import_publish", args=[draft.pk])
    return desk.post(url, {"confirmed": "True", **data}, follow=True)


def page(desk: Client, draft: ImportDraft) -> str:
    response = desk.get(reverse("workspace:import_preview", args=[draft.pk]))
    assert response.status_code == 200
    return response.content.decode()


# --- the way through ---------------------------------------------------------------------------


def test_upload_page_offers_the_accepted_types_and_the_size_limit(desk: Client) -> None:
    html = desk.get(reverse("workspace:import_upload")).content.decode()
    assert "Tải lên và đọc" in html
    assert ".docx" in html
    assert ".doc," in html  # older Word files too, read through LibreOffice
    assert "20,0\xa0MB" in html


def test_uploaded_plan_shows_two_tables_with_every_task_and_indicator(desk: Client) -> None:
    draft = staged(desk, gold_004())
    html = page(desk, draft)
    assert html.count('<tr id="tasks-') == 67
    assert html.count('<tr id="indicators-') == 42
    assert "Triển khai đánh giá mức độ chuyển đổi số" in html


def test_seed_text_uploaded_as_a_file_is_read_into_a_draft(desk: Client) -> None:
    response = upload(desk, "ke-hoach-69.txt", SEED_004.read_bytes())
    assert response.status_code == 302
    draft = ImportDraft.objects.get(status=DraftStatus.STAGED)
    assert draft.filename == "ke-hoach-69.txt"
    assert page(desk, draft).count('<tr id="tasks-') == len(draft.plan_json["tasks"])


@pytest.mark.slow
def test_an_old_word_file_reaches_the_preview_with_its_tasks(desk: Client, tmp_path: Path) -> None:
    word = build_docx(SEED_004, tmp_path / "ke-hoach.docx")
    [older] = convert_all([word], tmp_path, "doc")
    response = upload(desk, "ke-hoach-2024.doc", older.read_bytes())
    assert response.status_code == 302, response.content.decode()
    draft = ImportDraft.objects.get()
    html = page(desk, draft)
    assert "ke-hoach-2024.doc" in html
    tasks = draft.plan_json["tasks"]
    assert len(tasks) == len(gold_004()["tasks"])
    assert html.count('<tr id="tasks-') == len(tasks)
    assert "Triển khai đánh giá mức độ chuyển đổi số" in html


def test_doubtful_cells_are_highlighted_with_the_reason(desk: Client) -> None:
    plan = gold_004()
    plan["tasks"][3]["doubts"] = {"due": "Hai mốc thời gian trong một ô"}
    plan["indicators"][0]["doubts"] = {"unit": "Đơn vị tính không rõ"}
    html = page(desk, staged(desk, plan))
    assert html.count('class="doubt"') == 2
    assert "Hai mốc thời gian trong một ô" in html
    assert "Đơn vị tính không rõ" in html


def test_unknown_agency_names_are_listed_each_with_a_choice_of_organisation(
    desk: Client,
) -> None:
    plan = gold_004()
    plan["tasks"][0]["lead"] = ["Trung tâm Chuyển đổi số tỉnh"]
    draft = staged(desk, plan)
    assert "Trung tâm Chuyển đổi số tỉnh" in draft.unresolved
    html = page(desk, draft)
    assert 'id="agencies"' in html
    assert "Trung tâm Chuyển đổi số tỉnh" in html
    assert "Sở Khoa học và Công nghệ" in html  # among the choices


def test_mapping_an_agency_remembers_the_name_and_asks_no_more(desk: Client) -> None:
    plan = gold_004()
    plan["tasks"][0]["lead"] = ["Trung tâm Chuyển đổi số tỉnh"]
    draft = staged(desk, plan)
    form = page(desk, draft)
    assert "Trung tâm Chuyển đổi số tỉnh" in form
    target = org("dong-thap--so-khoa-hoc-cong-nghe")
    response = desk.post(
        reverse("workspace:import_map_agency", args=[draft.pk]),
        {"name": "Trung tâm Chuyển đổi số tỉnh", "organisation": target.pk},
        follow=True,
    )
    assert "Trung tâm Chuyển đổi số tỉnh" in response.content.decode()
    draft.refresh_from_db()
    assert "Trung tâm Chuyển đổi số tỉnh" not in draft.unresolved
    assert OrganisationAlias.objects.filter(
        name="Trung tâm Chuyển đổi số tỉnh", organisation=target
    ).exists()


def test_mapping_to_an_organisation_not_offered_is_refused(desk: Client) -> None:
    plan = gold_004()
    plan["tasks"][0]["lead"] = ["Trung tâm Chuyển đổi số tỉnh"]
    draft = staged(desk, plan)
    elsewhere = org("quang-ngai--so-y-te")
    response = desk.post(
        reverse("workspace:import_map_agency", args=[draft.pk]),
        {"name": "Trung tâm Chuyển đổi số tỉnh", "organisation": elsewhere.pk},
        follow=True,
    )
    assert "không nằm trong danh sách" in response.content.decode()
    draft.refresh_from_db()
    assert "Trung tâm Chuyển đổi số tỉnh" in draft.unresolved


def test_correcting_a_cell_changes_the_draft_and_clears_its_doubt(desk: Client) -> None:
    plan = gold_004()
    plan["tasks"][3]["doubts"] = {"due": "Hai mốc thời gian trong một ô"}
    draft = staged(desk, plan)
    response = desk.post(
        reverse("workspace:import_edit_cell", args=[draft.pk]),
        {"table": "tasks", "row": "3", "field": "due.text", "value": "Quý II/2026"},
    )
    assert response.status_code == 302
    assert response.url.endswith("#tasks-3")
    draft.refresh_from_db()
    assert draft.plan_json["tasks"][3]["due"]["kind"] == "quarter"
    assert "doubts" not in draft.plan_json["tasks"][3]
    html = page(desk, draft)
    assert "Quý II/2026" in html
    assert 'class="doubt"' not in html


def test_without_javascript_an_edit_link_opens_the_cell_form_filled_in(desk: Client) -> None:
    draft = staged(desk, gold_004())
    html = page(desk, draft)
    link = reverse("workspace:import_edit_cell", args=[draft.pk])
    assert f'href="{link}?table=tasks&amp;row=0&amp;field=cooperating"' in html
    response = desk.get(link, {"table": "tasks", "row": "0", "field": "cooperating"})
    form = response.content.decode()
    assert response.status_code == 200
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy\nSở Khoa học và Công nghệ" in form
    assert "PL2.1." in form


@pytest.mark.parametrize(
    "where",
    [
        {"table": "tasks", "row": "67", "field": "title"},
        {"table": "tasks", "field": "title"},
        {"table": "tasks", "row": "0", "field": "notes"},
        {"table": "groups", "row": "0", "field": "title"},
    ],
)
def test_an_edit_link_to_no_cell_is_not_found(desk: Client, where: dict[str, str]) -> None:
    draft = staged(desk, gold_004())
    response = desk.get(reverse("workspace:import_edit_cell", args=[draft.pk]), where)
    assert response.status_code == 404


def test_a_corrected_target_is_read_again_for_its_comparator_and_figure(desk: Client) -> None:
    draft = staged(desk, gold_004())
    desk.post(
        reverse("workspace:import_edit_cell", args=[draft.pk]),
        {"table": "indicators", "row": "23", "field": "target.text", "value": "tối thiểu 75"},
    )
    draft.refresh_from_db()
    target = draft.plan_json["indicators"][23]["target"]
    assert target == {"text": "tối thiểu 75", "op": ">=", "value": 75, "value_max": None}


def test_agencies_are_corrected_one_per_line(desk: Client) -> None:
    draft = staged(desk, gold_004())
    desk.post(
        reverse("workspace:import_edit_cell", args=[draft.pk]),
        {"table": "tasks", "row": "0", "field": "lead", "value": "Sở Nội vụ\nSở Y tế\n"},
    )
    draft.refresh_from_db()
    assert draft.plan_json["tasks"][0]["lead"] == ["Sở Nội vụ", "Sở Y tế"]


def test_a_correction_that_makes_no_sense_is_refused_and_changes_nothing(desk: Client) -> None:
    draft = staged(desk, gold_004())
    before = draft.plan_json
    response = desk.post(
        reverse("workspace:import_edit_cell", args=[draft.pk]),
        {"table": "indicators", "row": "0", "field": "year", "value": "năm sau"},
        follow=True,
    )
    html = response.content.decode()
    assert "“năm sau” không phải" in html
    draft.refresh_from_db()
    assert draft.plan_json == before


def test_publishing_makes_the_plan_with_every_task_and_indicator(desk: Client) -> None:
    draft = staged(desk, gold_004())
    response = publish(desk, draft)
    plan = Plan.objects.get(number="69/KH-UBND")
    assert response.redirect_chain[-1][0] == reverse("workspace:plan_detail", args=[plan.pk])
    html = response.content.decode()
    assert 'data-testid="task-count">67<' in html
    assert 'data-testid="indicator-count">42<' in html
    assert "đã được công bố" in html


def test_publishing_a_plan_known_by_its_title_names_it_once(
    desk: Client, other_coordinator: User
) -> None:
    # Seed 000 has no number: the plan is known by its title, which begins "Kế hoạch". It is
    # Quảng Ngãi's, imported by Quảng Ngãi's coordinator.
    desk.force_login(other_coordinator)
    plan_json = json.loads((GOLD / "000_7358453b67115249.json").read_text(encoding="utf-8"))
    draft = staged(desk, plan_json, "ke-hoach-03.json")
    response = publish(desk, draft)
    message = re.search(r'<ul class="messages">.*?</ul>', response.content.decode(), re.S)
    assert message is not None
    assert "đã được công bố" in message.group(0)
    assert "Kế hoạch Kế hoạch" not in message.group(0)
    assert "“Kế hoạch Thực hiện Nghị quyết số 03/NQ-CP" in message.group(0)


def test_publishing_twice_says_it_is_done_and_leads_to_the_plan(desk: Client) -> None:
    draft = staged(desk, gold_004())
    url = reverse("workspace:import_publish", args=[draft.pk])
    desk.post(url, {"confirmed": "True"})
    response = publish(desk, draft)
    plan = Plan.objects.get(number="69/KH-UBND")
    assert response.redirect_chain[-1][0] == reverse("workspace:plan_detail", args=[plan.pk])
    assert "đã được công bố" in response.content.decode()
    assert plan.version == 1


def test_a_new_version_shows_what_changed_before_replacing_anything(
    desk: Client, tien_giang_plan: Plan
) -> None:
    plan = gold_004()
    plan["tasks"][5]["title"] += " trên địa bàn toàn tỉnh"
    plan["tasks"][5]["due"] = {
        "text": "Năm 2026",
        "kind": "year",
        "start_year": 2026,
        "end_year": 2026,
        "date": None,
        "condition": None,
    }
    removed = plan["tasks"].pop(10)
    draft = staged(desk, plan, name="ke-hoach-69-sua-doi.json")
    assert draft.replaces == tien_giang_plan
    html = page(desk, draft)
    assert 'id="diff"' in html
    assert "1 bị bỏ, 1 thay đổi" in html
    assert removed["title"][:40] in html
    assert "Năm 2026" in html
    tien_giang_plan.refresh_from_db()
    assert tien_giang_plan.version == 1
    assert tien_giang_plan.tasks.filter(archived_at__isnull=True).count() == 67

    publish(desk, draft)
    tien_giang_plan.refresh_from_db()
    assert tien_giang_plan.version == 2
    assert tien_giang_plan.tasks.filter(archived_at__isnull=True).count() == 66


def test_discarding_an_import_lets_the_same_document_be_uploaded_again(desk: Client) -> None:
    draft = staged(desk, gold_004())
    desk.post(reverse("workspace:import_discard", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == DraftStatus.DISCARDED
    assert staged(desk, gold_004()).pk != draft.pk


# --- bad input ---------------------------------------------------------------------------------


def refused(response: HttpResponse) -> str:
    assert response.status_code == 400
    assert not ImportDraft.objects.exists()
    return response.content.decode()


def test_oversized_upload_is_refused_naming_the_limit(desk: Client, settings: Settings) -> None:
    settings.THEODOI_MAX_UPLOAD_BYTES = 10 * 1024
    html = refused(upload(desk, "ke-hoach.txt", SEED_004.read_bytes()))
    assert "giới hạn" in html
    assert "ke-hoach.txt" in html


def test_pdf_named_docx_is_refused_from_its_content(desk: Client, tmp_path: Path) -> None:
    pdf = build_pdf(build_docx(SEEDS / "002_1813b2d7934d17d9.txt", tmp_path / "b.docx"), tmp_path)
    html = refused(upload(desk, "ke-hoach.docx", pdf.read_bytes()))
    assert "PDF" in html
    assert "ke-hoach.docx" in html


def test_picture_named_txt_is_refused(desk: Client) -> None:
    html = refused(upload(desk, "ke-hoach.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200))
    assert "ke-hoach.txt" in html


def test_spreadsheet_is_refused(desk: Client) -> None:
    assert ".docx" in refused(upload(desk, "chi-tieu.xlsx", b"PK\x03\x04" + b"\x00" * 100))


def test_empty_file_is_refused(desk: Client) -> None:
    html = refused(upload(desk, "ke-hoach.txt", b""))
    assert "rỗng" in html or "trống" in html


def test_no_file_chosen_says_so(desk: Client) -> None:
    response = desk.post(reverse("workspace:import_upload"), {})
    assert "Chọn văn bản kế hoạch" in refused(response)


def test_a_letter_that_is_not_a_plan_is_refused(desk: Client) -> None:
    letter = "Kính gửi anh chị.\nCuộc họp sẽ diễn ra vào sáng thứ Hai.\nTrân trọng.\n"
    assert "Không tìm thấy kế hoạch" in refused(upload(desk, "thu-moi.txt", letter))


def test_a_document_with_no_task_or_indicator_is_published_only_when_confirmed(
    desk: Client,
) -> None:
    plan = gold_004()
    plan["tasks"], plan["indicators"] = [], []
    draft = staged(desk, plan)
    html = page(desk, draft)
    assert "Không tìm thấy nhiệm vụ và chỉ tiêu nào" in html
    confirmation = desk.get(reverse("workspace:import_publish", args=[draft.pk]))
    assert 'name="confirm_empty"' in confirmation.content.decode()

    response = publish(desk, draft)
    assert "xác nhận" in response.content.decode()
    assert not Plan.objects.exists()

    publish(desk, draft, confirm_empty="on")
    assert Plan.objects.get(number="69/KH-UBND").tasks.count() == 0


def test_the_same_document_uploaded_twice_is_refused_the_second_time(desk: Client) -> None:
    first = upload(desk, "ke-hoach.txt", SEED_004.read_bytes())
    assert first.status_code == 302
    second = upload(desk, "ke-hoach-ban-sao.txt", SEED_004.read_bytes())
    assert second.status_code == 400
    assert "đã được tải lên" in second.content.decode()
    assert ImportDraft.objects.count() == 1


def test_an_already_published_document_uploaded_again_is_refused(
    desk: Client, tien_giang_plan: Plan
) -> None:
    response = upload(desk, "004_aea82470e0b2daef.json", GOLD_004.read_bytes())
    assert response.status_code == 400
    assert "69/KH-UBND" in response.content.decode()


HOSTILE = '<script>alert("x")</script><b>Sở</b>'


def test_html_in_names_is_shown_as_text_everywhere(desk: Client) -> None:
    plan = gold_004()
    plan["document"]["title"] = HOSTILE
    plan["tasks"][0]["title"] = HOSTILE
    plan["tasks"][0]["lead"] = [HOSTILE]
    plan["indicators"][0]["name"] = HOSTILE
    draft = staged(desk, plan, name=f"{HOSTILE}.json")
    pages = [page(desk, draft)]
    pages.append(desk.get(reverse("workspace:import_upload")).content.decode())
    publish(desk, draft)
    published = Plan.objects.get(number="69/KH-UBND")
    pages.append(desk.get(reverse("workspace:plan_detail", args=[published.pk])).content.decode())
    pages.append(desk.get(reverse("workspace:plan_list")).content.decode())
    pages.append(desk.get(reverse("workspace:home")).content.decode())
    for html in pages:
        assert "<script>alert" not in html
        assert "<b>Sở</b>" not in html
    assert "&lt;script&gt;alert" in pages[0]
    assert "&lt;script&gt;alert" in pages[2]


def test_a_form_without_its_security_token_is_refused_with_a_vietnamese_page(
    coordinator: User,
) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(coordinator)
    response = browser.post(
        reverse("workspace:import_upload"),
        {"document": as_upload("ke-hoach.txt", SEED_004.read_bytes())},
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Không có dữ liệu nào được lưu" in html
    assert not ImportDraft.objects.exists()


def test_a_plan_of_another_province_is_refused_at_upload_and_nothing_stays(desk: Client) -> None:
    # Đồng Tháp's coordinator uploads Quảng Ngãi's 66/KH-UBND.
    plan_json = json.loads((GOLD / "003_de113db257313a93.json").read_text(encoding="utf-8"))
    response = upload(desk, "66.json", json.dumps(plan_json, ensure_ascii=False))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Văn bản này là kế hoạch của Quảng Ngãi" in html
    assert "Đồng Tháp" in html
    assert not ImportDraft.objects.filter(status=DraftStatus.STAGED).exists()
