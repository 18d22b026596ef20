"""The day agency names are read on is Việt Nam's, not UTC's: at 01:00 on the day a merger
took effect (18:00 UTC the evening before), a plan naming the former body gets its successor."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.builders import GOLD, TIEN_GIANG
from theodoi.plans.importing import publish_import, stage_import
from theodoi.plans.models import AgencyRole, TaskAgency

# 01:00 on 1 March 2025 in Hà Nội, when Bộ Thông tin và Truyền thông became part of Bộ KH&CN.
MERGER_NIGHT = datetime.datetime(2025, 2, 28, 18, 0, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_a_plan_imported_at_night_on_a_merger_day_names_the_successor(orgs: None) -> None:
    plan_json = json.loads((GOLD / TIEN_GIANG).read_text(encoding="utf-8"))
    plan_json["tasks"] = plan_json["tasks"][:1]
    plan_json["tasks"][0]["lead"] = ["Bộ Thông tin và Truyền thông"]
    plan_json["tasks"][0]["cooperating"] = []
    upload = SimpleUploadedFile("plan.json", json.dumps(plan_json, ensure_ascii=False).encode())
    draft = stage_import(upload, by=None, now=MERGER_NIGHT)
    plan = publish_import(draft, by=None, now=MERGER_NIGHT, confirm_empty=True)
    lead = TaskAgency.objects.get(task__plan=plan, role=AgencyRole.LEAD)
    assert lead.organisation is not None
    assert lead.organisation.code == "bo-khoa-hoc-cong-nghe"
