"""The import preview without JavaScript (Django's test client): how a time is read and when
it is doubtful, indicators nobody can report on, agencies found by any of their names, rows
added, moved and split by plain forms, and the confirmation before publishing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.builders import GOLD
from theodoi.plans.models import ImportDraft, Plan

GOLD_004 = GOLD / "004_aea82470e0b2daef.json"


@pytest.fixture
def desk(client: Client, coordinator: User) -> Client:
    client.force_login(coordinator)
    return client


def plan_004() -> dict[str, Any]:
    return json.loads(GOLD_004.read_text(encoding="utf-8"))


def staged(desk: Client, plan_json: dict[str, Any]) -> ImportDraft:
    upload = SimpleUploadedFile("ke-hoach.json", json.dumps(plan_json, ensure_ascii=False).encode())
    response = desk.post(reverse("workspace:import_upload"), {"document": upload})
    assert response.status_code == 302, response.content.decode()
    return ImportDraft.objects.get(pk=int(response.url.rstrip("/").rsplit("/", 1)[1]))


def url(name: str, draft: ImportDraft) -> str:
    return reverse(f"workspace:{name}", args=[draft.pk])


def preview(desk: Client, draft: ImportDraft) -> str:
    return desk.get(url("import_preview", draft)).content.decode()


def test_each_time_is_shown_with_how_it_is_read(desk: Client) -> None:
    html = preview(desk, staged(desk, plan_004()))
    assert "Năm 2025" in html
    assert "Đọc là: Hạn năm 2025: đến hết ngày 31/12/2025." in html


def test_a_deadline_before_the_plan_itself_is_doubtful(desk: Client) -> None:
    plan = plan_004()  # issued on 25/02/2025
    plan["tasks"][0]["due"] = {
        "text": "Theo Điều 17 Nghị định 52/2015/NĐ-CP ngày 28/5/2015",
        "kind": "date",
        "start_year": 2015,
        "end_year": 2015,
        "date": "2015-05-28",
        "condition": None,
    }
    html = preview(desk, staged(desk, plan))
    assert "Hạn này (28/05/2015) trước ngày ban hành kế hoạch (25/02/2025)" in html
    assert 'class="doubt" data-field="due.text"' in html


def test_typing_a_time_shows_how_it_will_be_read(desk: Client) -> None:
    draft = staged(desk, plan_004())
    read = desk.get(url("import_read_time", draft), {"text": "Quý II/2026"}).json()
    assert read["reading"] == "Hạn quý II/2026: đến hết ngày 30/06/2026."
    unread = desk.get(url("import_read_time", draft), {"text": "sớm nhất có thể"}).json()
    assert "Không đọc được" in unread["reading"]
    # Without JavaScript, the cell's own page reads what was typed without saving it.
    page = desk.get(
        url("import_edit_cell", draft),
        {"table": "tasks", "row": "0", "field": "due.text", "value": "Tháng 10/2026"},
    ).content.decode()
    assert "Đọc là: Hạn tháng 10/2026: đến hết ngày 31/10/2026." in page
    assert ImportDraft.objects.get(pk=draft.pk).plan_json["tasks"][0]["due"]["text"] == "Năm 2025"


def test_indicators_without_agency_or_year_are_flagged_and_filled_in_at_once(
    desk: Client,
) -> None:
    plan = plan_004()
    for indicator in plan["indicators"][:3]:
        indicator["agencies"], indicator["year"] = [], None
    plan["document"]["title"] = "Kế hoạch chuyển đổi số tỉnh Tiền Giang giai đoạn 2026 - 2030"
    draft = staged(desk, plan)
    html = preview(desk, draft)
    assert "Chỉ tiêu không ai báo cáo được" in html
    assert "3 chỉ tiêu chưa có cơ quan chịu trách nhiệm" in html
    assert "3 chỉ tiêu chưa có năm" in html
    assert "Đề xuất theo thời kỳ của chính kế hoạch (trong tiêu đề): 2030." in html
    assert 'name="year" value="2030"' in html

    desk.post(url("import_fill_indicators", draft), {"agency": "Sở Tài chính", "year": "2030"})
    draft.refresh_from_db()
    filled = draft.plan_json["indicators"][:3]
    assert all(i["agencies"] == ["Sở Tài chính"] and i["year"] == 2030 for i in filled)
    assert draft.plan_json["indicators"][3]["agencies"] == plan["indicators"][3]["agencies"]
    assert "Chỉ tiêu không ai báo cáo được" not in preview(desk, draft)


def test_an_agency_is_found_by_a_former_name_without_tone_marks(desk: Client) -> None:
    draft = staged(desk, plan_004())
    found = desk.get(url("import_find_agencies", draft), {"q": "so thong tin"}).json()["results"]
    assert found[0]["name"] == "Sở Khoa học và Công nghệ"
    assert found[0]["matched"] == "Sở Thông tin và Truyền thông"
    assert found[0]["label"] == "Sở Khoa học và Công nghệ (Đồng Tháp)"
    abbreviated = desk.get(url("import_find_agencies", draft), {"q": "Sở KH&CN"}).json()
    assert abbreviated["results"][0]["name"] == "Sở Khoa học và Công nghệ"


def test_without_javascript_an_agency_is_added_from_the_list(desk: Client) -> None:
    draft = staged(desk, plan_004())
    where = {"table": "tasks", "row": "0", "field": "lead"}
    page = desk.get(url("import_edit_cell", draft), {**where, "q": "y te"}).content.decode()
    assert "Sở Y tế (Đồng Tháp)" in page
    chosen = "Các sở, ngành, địa phương\nSở Y tế"
    assert f'value="{chosen}"' in page
    response = desk.post(url("import_edit_cell", draft), {**where, "value": chosen, "stay": "1"})
    assert response.url.startswith(url("import_edit_cell", draft))
    draft.refresh_from_db()
    assert draft.plan_json["tasks"][0]["lead"] == ["Các sở, ngành, địa phương", "Sở Y tế"]
    assert "Sở Y tế" not in draft.unresolved


def test_rows_are_added_moved_split_and_deleted_with_plain_forms(desk: Client) -> None:
    draft = staged(desk, plan_004())
    groups = [g["code"] for g in plan_004()["groups"]]
    desk.post(
        url("import_add", draft), {"table": "tasks", "text": "Nhiệm vụ bị sót", "group": groups[1]}
    )
    desk.post(
        url("import_row", draft),
        {"table": "tasks", "row": "0", "action": "move", "group": groups[1]},
    )
    split = desk.get(url("import_split", draft), {"table": "tasks", "row": "1"})
    assert split.status_code == 200
    desk.post(url("import_split", draft), {"table": "tasks", "row": "1", "parts": "Một\nHai"})
    desk.post(url("import_row", draft), {"table": "indicators", "row": "0", "action": "delete"})
    draft.refresh_from_db()
    tasks = draft.plan_json["tasks"]
    assert len(tasks) == 67 + 1 + 1
    assert tasks[0]["group"] == groups[1]
    assert [tasks[1]["title"], tasks[2]["title"]] == ["Một", "Hai"]
    assert any(t["title"] == "Nhiệm vụ bị sót" and t["group"] == groups[1] for t in tasks)
    assert len(draft.plan_json["indicators"]) == 41
    html = preview(desk, draft)
    assert "Những nội dung đã sửa" in html
    assert html.count("daumoi ·") >= 4


def test_the_ticked_rows_of_one_group_are_merged_into_one(desk: Client) -> None:
    # issue 16: the preview merged a row only with the next one.
    draft = staged(desk, plan_004())
    tasks = plan_004()["tasks"]
    group = tasks[0]["group"]
    rows = [i for i, t in enumerate(tasks) if t["group"] == group][:3]
    chosen = [rows[0], rows[2]]
    desk.post(url("import_merge", draft), {"table": "tasks", "rows": [str(r) for r in chosen]})
    draft.refresh_from_db()
    merged = draft.plan_json["tasks"]
    assert merged[rows[0]]["title"] == f"{tasks[rows[0]]['title']} {tasks[rows[2]]['title']}"
    assert merged[rows[1]]["title"] == tasks[rows[1]]["title"]
    assert len(merged) == len(tasks) - 1
    other = next(i for i, t in enumerate(tasks) if t["group"] != group)
    response = desk.post(
        url("import_merge", draft), {"table": "tasks", "rows": ["0", str(other - 1)]}, follow=True
    )
    assert "Chỉ gộp được các dòng trong cùng một nhóm" in response.content.decode()
    draft.refresh_from_db()
    assert len(draft.plan_json["tasks"]) == len(tasks) - 1
    assert 'form="merge-tasks"' in preview(desk, draft)


def test_a_json_upload_offers_no_paragraphs(desk: Client) -> None:
    draft = staged(desk, plan_004())
    page = desk.get(url("import_paragraphs", draft)).content.decode()
    assert "Không thấy đoạn văn nào" in page


def test_publishing_asks_for_confirmation_first(desk: Client) -> None:
    draft = staged(desk, plan_004())
    assert 'method="get" action="' + url("import_publish", draft) in preview(desk, draft)
    # A POST that did not come from the confirmation page publishes nothing: it shows the page.
    response = desk.post(url("import_publish", draft))
    assert response.status_code == 200
    assert "Đồng ý, công bố" in response.content.decode()
    assert 'data-testid="confirm-task-count">67<' in response.content.decode()
    assert not Plan.objects.exists()
    desk.post(url("import_publish", draft), {"confirmed": "True"})
    assert Plan.objects.get().tasks.count() == 67
