"""The audit log page: coordinators and leaders read the entries of their scope (the nation
reads all), filter them by plan, agency, person, action and dates, page through them and
export what they filtered to Excel, action names in Vietnamese and every text as text."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from openpyxl import load_workbook

from tests.builders import NOW, lead_tasks, signed_in
from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.audit.models import AuditEntry
from theodoi.plans.models import Plan
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.reporting.updates import UpdateContent

pytestmark = pytest.mark.django_db

PAGE = "auditlog:entries"
EXPORT = "auditlog:audit_xlsx"


@pytest.fixture
def history(
    round_: ReportingRound,
    reporter: User,
    report_task: Callable[..., TaskUpdate],
    import_gold: Callable[..., Plan],
    other_coordinator: User,
) -> dict[str, Any]:
    """Seed 004 (Tiền Giang, in Đồng Tháp's scope): a round opened and a report submitted and
    accepted; seed 003 (Quảng Ngãi) imported by Quảng Ngãi's coordinator."""
    report_task(lead_tasks(round_.plan, reporter)[0], UpdateContent("in_progress", 40))
    other = import_gold("003_de113db257313a93.json", by=other_coordinator)
    return {"plan": round_.plan, "round": round_, "other": other}


def listed(user: User, **query: Any) -> tuple[int, str]:
    response = signed_in(user).get(reverse(PAGE), query)
    return response.status_code, response.content.decode()


def actions_in(html: str) -> set[str]:
    return {part.split('"', 1)[0] for part in html.split('data-action="')[1:]}


def test_a_coordinator_reads_the_entries_of_the_plans_of_its_scope_in_vietnamese(
    history: dict[str, Any], coordinator: User
) -> None:
    status, html = listed(coordinator)
    assert status == 200
    assert {
        "reporting.round.opened",
        "reporting.update.submitted",
        "reporting.update.accepted",
    } <= actions_in(html)
    assert 'data-action="reporting.round.opened">Mở kỳ báo cáo<' in html
    assert 'data-action="reporting.update.accepted">Tiếp nhận báo cáo nhiệm vụ<' in html
    # Quảng Ngãi's import is not Đồng Tháp's to read.
    assert history["other"].number not in html


def test_another_province_reads_only_its_own(
    history: dict[str, Any], other_coordinator: User
) -> None:
    _, html = listed(other_coordinator)
    assert "reporting.update.submitted" not in actions_in(html)
    assert "plans.plan.published" in actions_in(html)


def test_the_nation_reads_every_entry(history: dict[str, Any], national_leader: User) -> None:
    _, html = listed(national_leader)
    total = AuditEntry.objects.count()
    assert f"{total} mục" in html


def test_a_leader_reads_the_log_and_an_inspector_or_a_reporter_does_not(
    history: dict[str, Any], leader: User, inspector: User, reporter: User
) -> None:
    assert listed(leader)[0] == 200
    assert listed(inspector)[0] == 403
    assert listed(reporter)[0] == 403


def test_filters_by_action_person_agency_and_plan(
    history: dict[str, Any],
    coordinator: User,
    reporter: User,
    leader: User,
    national_leader: User,
) -> None:
    _, html = listed(coordinator, action="reporting.update.submitted")
    assert actions_in(html) == {"reporting.update.submitted"}
    _, html = listed(coordinator, person="sokhcn")
    assert actions_in(html) == {"reporting.update.submitted"}
    # Sở KH&CN reports and, as the focal agency, opened the round and accepted the report.
    agency = reporter.memberships.get().organisation_id
    _, html = listed(coordinator, agency=agency)
    assert actions_in(html) >= {"reporting.update.submitted", "reporting.round.opened"}
    assert "plans.plan.published" not in actions_in(html)
    _, html = listed(coordinator, agency=leader.memberships.get().organisation_id)
    assert "Không có mục nào khớp với bộ lọc." in html
    # The import of the document is the plan's too, once published.
    _, html = listed(national_leader, plan=history["other"].pk)
    assert actions_in(html) == {"plans.plan.published", "plans.import.staged"}


def test_filters_by_date_range(history: dict[str, Any], coordinator: User) -> None:
    # The round opened on 4/5/2026, the report came on 20/5 and was accepted on 25/5.
    _, html = listed(coordinator, start="2026-05-20", end="2026-05-20")
    assert actions_in(html) == {"reporting.update.submitted"}
    _, html = listed(coordinator, start="2026-05-21")
    assert "reporting.update.accepted" in actions_in(html)
    assert "reporting.round.opened" not in actions_in(html)


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"start": "2026-05-21", "end": "2026-05-20"}, "Đến ngày: ngày cuối trước ngày đầu."),
        ({"start": "hôm qua"}, "Nhập một ngày hợp lệ"),
        ({"action": "plans.plan.invented"}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"person": "x" * 101}, "100"),
        ({"plan": "999999"}, "Hãy chọn một lựa chọn hợp lệ"),
    ],
)
def test_a_wrong_filter_is_named(
    history: dict[str, Any], coordinator: User, query: dict[str, str], words: str
) -> None:
    status, html = listed(coordinator, **query)
    assert status == 400
    assert words in html
    assert signed_in(coordinator).get(reverse(EXPORT), query).status_code == 400


def test_another_province_s_plan_is_no_filter_for_a_coordinator(
    history: dict[str, Any], coordinator: User
) -> None:
    status, _ = listed(coordinator, plan=history["other"].pk)
    assert status == 400


def test_the_list_is_paginated_newest_first(history: dict[str, Any], coordinator: User) -> None:
    plan = history["plan"]
    for minute in range(60):
        record(
            Action.TASK_EXTERNAL_ID_SET,
            plan,
            by=coordinator,
            now=NOW + datetime.timedelta(minutes=minute),
        )
    _, first = listed(coordinator, action=Action.TASK_EXTERNAL_ID_SET.value)
    assert "Trang 1/2" in first
    assert first.count('data-action="plans.task.external_id_set"') == 50
    assert "trang=2" in first
    _, second = listed(coordinator, action=Action.TASK_EXTERNAL_ID_SET.value, trang=2)
    assert second.count('data-action="plans.task.external_id_set"') == 10
    # A page number out of bounds reads the first page.
    _, odd = listed(coordinator, action=Action.TASK_EXTERNAL_ID_SET.value, trang="99999999")
    assert "Trang 1/2" in odd


def test_the_export_holds_the_filtered_entries_as_text(
    history: dict[str, Any], coordinator: User
) -> None:
    plan = history["plan"]
    record(Action.TASK_EXTERNAL_ID_SET, plan.tasks.first(), by=coordinator, now=NOW)
    AuditEntry.objects.filter(action=Action.TASK_EXTERNAL_ID_SET).update(
        object_repr='=HYPERLINK("http://example.invalid","x")'
    )
    response = signed_in(coordinator).get(reverse(EXPORT), {"plan": plan.pk})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('"nhat-ky.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    assert header == [
        "Thời gian",
        "Người thực hiện",
        "Thao tác",
        "Mã thao tác",
        "Đối tượng",
        "Kế hoạch",
    ]
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2) if row[3].value]
    codes = {row[3] for row in rows if row[3] and "." in str(row[3])}
    assert "reporting.update.submitted" in codes
    assert "plans.plan.published" in codes
    formula = next(
        row for row in sheet.iter_rows(min_row=2) if row[3].value == "plans.task.external_id_set"
    )
    assert formula[4].value.startswith("=HYPERLINK")
    assert formula[4].data_type == "s"
    assert ["Gửi báo cáo nhiệm vụ", "reporting.update.submitted"] in [row[2:4] for row in rows]
    assert any(str(c.value or "").startswith("Bộ lọc: Kế hoạch") for c in sheet["A"])
    # The other province's import is not in Đồng Tháp's export.
    assert all(plan_name != str(history["other"]) for *_, plan_name in rows)


def test_an_inspector_or_the_public_gets_no_export(
    history: dict[str, Any], inspector: User, client: Any
) -> None:
    assert signed_in(inspector).get(reverse(EXPORT)).status_code == 403
    assert client.get(reverse(EXPORT)).status_code == 302
