"""A plan published from its document takes the reporting schedule the document states."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from tests.builders import NOW, SEEDS
from theodoi.audit.models import AuditEntry
from theodoi.ingest.pipeline import extract_file
from theodoi.ingest.plan import Plan as PlanData
from theodoi.plans.importing import publish_import, stage_import
from theodoi.plans.models import Plan
from theodoi.reporting.models import ReportingSchedule

pytestmark = pytest.mark.django_db


def test_publishing_seed_004_sets_its_schedule_of_1_june_and_15_november(
    coordinator: User,
) -> None:
    data = (SEEDS / "004_aea82470e0b2daef.txt").read_bytes()
    draft = stage_import(ContentFile(data, name="69-KH-UBND.txt"), by=coordinator, now=NOW)
    plan = publish_import(draft, by=coordinator, now=NOW, confirm_empty=True)

    schedule = ReportingSchedule.objects.get(plan=plan)
    assert schedule.dates == [[1, 6], [15, 11]]
    assert str(schedule) == "Trước ngày 01/6 và 15/11 hằng năm"
    assert "trước ngày 01/6 và 15/11" in schedule.source_text
    assert AuditEntry.objects.filter(action="reporting.schedule.set", by=coordinator).exists()


def test_a_plan_whose_document_states_no_schedule_gets_none(coordinator: User) -> None:
    data = (SEEDS / "003_de113db257313a93.txt").read_bytes()
    draft = stage_import(ContentFile(data, name="kh-003.txt"), by=coordinator, now=NOW)
    plan = publish_import(draft, by=coordinator, now=NOW, confirm_empty=True)
    assert not ReportingSchedule.objects.filter(plan=plan).exists()


def test_plan_json_carries_no_prose_and_so_no_schedule(tien_giang_plan: Plan) -> None:
    assert PlanData.from_dict({"document": {}}).schedule is None
    assert not ReportingSchedule.objects.filter(plan=tien_giang_plan).exists()


def test_plan_json_that_states_a_schedule_sets_it(coordinator: User) -> None:
    plan_json = extract_file(SEEDS / "004_aea82470e0b2daef.txt").to_dict()
    assert plan_json["schedule"]["dates"] == [{"day": 1, "month": 6}, {"day": 15, "month": 11}]
    upload = ContentFile(json.dumps(plan_json).encode(), name="69-KH-UBND.json")
    draft = stage_import(upload, by=coordinator, now=NOW)
    plan = publish_import(draft, by=coordinator, now=NOW, confirm_empty=True)
    assert ReportingSchedule.objects.get(plan=plan).dates == [[1, 6], [15, 11]]


def test_publishing_reads_the_schedule_staged_and_not_the_file_unreadable_by_then(
    coordinator: User,
) -> None:
    data = (SEEDS / "004_aea82470e0b2daef.txt").read_bytes()
    draft = stage_import(ContentFile(data, name="69-KH-UBND.txt"), by=coordinator, now=NOW)
    with draft.source_file.open("wb") as handle:
        handle.write(b"\x00\x01\x02garbage")
    plan = publish_import(draft, by=coordinator, now=NOW, confirm_empty=True)
    assert ReportingSchedule.objects.get(plan=plan).dates == [[1, 6], [15, 11]]
