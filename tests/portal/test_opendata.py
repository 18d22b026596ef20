"""Open data: every dataset parses back from CSV and JSON with exactly the fields its data
dictionary declares, and holds only what the public may read."""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.builders import AS_OF, REVIEWED, reporter_indicator
from theodoi.portal.opendata import DATASETS
from theodoi.reporting.models import ReportingRound
from theodoi.snapshots.models import PlanSnapshot
from theodoi.snapshots.services import rebuild_snapshot

pytestmark = pytest.mark.django_db
PARSE = {
    "integer": int,
    "number": float,
    "date": datetime.date.fromisoformat,
    "string": str,
    "boolean": lambda v: {"True": True, "False": False, "true": True, "false": False}[str(v)],
}


def test_each_dataset_parses_back_and_matches_the_data_dictionary(
    client: Client,
    round_: ReportingRound,
    reporter: User,
    report_value: Callable[..., object],
) -> None:
    plan = round_.plan
    indicator = reporter_indicator(plan, reporter)
    report_value(indicator, 10, datetime.date(2024, 12, 31), baseline=True)
    report_value(indicator, 12.5, datetime.date(2026, 5, 15))
    evaluated = rebuild_snapshot(plan, as_of=AS_OF, now=REVIEWED)
    dictionary = client.get(reverse("portal:data_dictionary")).content.decode()
    for name, dataset in DATASETS.items():
        names = [f.name for f in dataset.fields]
        assert all(f"<code>{n}</code>" in dictionary for n in names)
        body = client.get(reverse("portal:open_data_csv", args=[plan.pk, name])).content
        rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
        data = json.loads(
            client.get(reverse("portal:open_data_json", args=[plan.pk, name])).content
        )
        assert data["fields"] == names
        assert data["as_of"] == evaluated.as_of.isoformat()
        assert len(rows) == len(data["rows"]) > 0, name
        for row, item in zip(rows, data["rows"], strict=True):
            assert list(row) == names == list(item)
            for field in dataset.fields:
                if item[field.name] is not None:
                    PARSE[field.kind](item[field.name])
                    assert row[field.name] != "" or item[field.name] == ""
                if field.kind == "string":
                    assert unmarked(row[field.name]) == (item[field.name] or ""), field.name


def unmarked(text: str) -> str:
    """A CSV text value as the data dictionary tells consumers to read it back."""
    return text[1:] if text.startswith("'") else text


def test_open_data_csv_starts_with_a_byte_order_mark_for_excel(
    client: Client, round_: ReportingRound
) -> None:
    for name in DATASETS:
        body = client.get(reverse("portal:open_data_csv", args=[round_.plan.pk, name])).content
        assert body.startswith(b"\xef\xbb\xbfplan_id,"), name


def test_open_data_csv_writes_no_cell_a_spreadsheet_would_run(
    client: Client, round_: ReportingRound
) -> None:
    plan = round_.plan
    titles = ['=HYPERLINK("http://x";"a")', "+84 912", "-1+1", "@SUM(A1)", "'quoted"]
    tasks = list(plan.tasks.filter(confidential=False).order_by("position")[: len(titles)])
    for task, title in zip(tasks, titles, strict=True):
        task.title = title
        task.save(update_fields=["title"])
    # A plan's words change with a new version of it, which is what the page cache keys on.
    plan.version += 1
    plan.save(update_fields=["version"])
    body = client.get(reverse("portal:open_data_csv", args=[plan.pk, "tasks"])).content
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    written = {row["task_id"]: row["title"] for row in rows}
    assert [written[str(t.pk)] for t in tasks] == ["'" + title for title in titles]
    assert all(not v.startswith(("=", "+", "-", "@")) for row in rows for v in row.values())
    data = json.loads(client.get(reverse("portal:open_data_json", args=[plan.pk, "tasks"])).content)
    assert {r["task_id"]: r["title"] for r in data["rows"]}[tasks[0].pk] == titles[0]


def test_the_tasks_dataset_holds_every_public_task_with_its_status(
    client: Client, evaluated: PlanSnapshot
) -> None:
    plan = evaluated.plan
    data = json.loads(client.get(reverse("portal:open_data_json", args=[plan.pk, "tasks"])).content)
    public = plan.tasks.filter(confidential=False, archived_at__isnull=True).count()
    assert len(data["rows"]) == public
    assert {r["status"] for r in data["rows"]} <= {
        "not_started",
        "in_progress",
        "in_progress_late",
        "done_on_time",
        "done_late",
        "paused",
    }
    statuses = json.loads(
        client.get(reverse("portal:open_data_json", args=[plan.pk, "statuses"])).content
    )
    whole_plan = [r for r in statuses["rows"] if r["group_code"] == ""]
    assert sum(r["tasks"] for r in whole_plan) == public


def test_an_unknown_dataset_is_not_found(client: Client, evaluated: PlanSnapshot) -> None:
    url = reverse("portal:open_data_csv", args=[evaluated.plan.pk, "mat-khau"])
    assert client.get(url).status_code == 404
