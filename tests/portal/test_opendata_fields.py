"""Open data carries the declared fields of an update (reporting.fields) the declaration makes
public, as accepted, and none of the others: an agency's own words stay inside."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.builders import AS_OF, REVIEWED, lead_tasks
from tests.reporting.every_field import EVERY_FIELD
from theodoi.portal.opendata import DATASETS
from theodoi.reporting.fields import UPDATE_FIELDS, Kind
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.snapshots.services import rebuild_snapshot

pytestmark = pytest.mark.django_db


def test_open_data_has_the_public_fields_of_an_update_and_no_other(
    round_: ReportingRound, reporter: User, report_task: Callable[..., TaskUpdate]
) -> None:
    plan = round_.plan
    task = next(t for t in lead_tasks(plan, reporter) if t.due_kind == "year")
    report_task(task, EVERY_FIELD, evidence=True)
    rebuild_snapshot(plan, as_of=AS_OF, now=REVIEWED)
    bodies = {
        name: Client().get(reverse("portal:open_data_json", args=[plan.pk, name])).content.decode()
        for name in DATASETS
    }
    [row] = [r for r in json.loads(bodies["tasks"])["rows"] if r["task_id"] == task.pk]
    for field in UPDATE_FIELDS:
        value = getattr(EVERY_FIELD, field.name)
        if field.public:
            assert field.name in [f.name for f in DATASETS["tasks"].fields]
            assert row[field.name] == value, field.name
        elif field.kind is Kind.TEXT:
            assert all(value not in body for body in bodies.values()), field.name
