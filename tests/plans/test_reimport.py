"""A new version of a plan: what changed is shown before anything is replaced, and whatever
was filed against a task survives the re-import."""

import copy
import json
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from tests.builders import GOLD, NOW
from theodoi.audit.log import entries_for, record
from theodoi.plans.importing import diff_plan, publish_import, stage_import
from theodoi.plans.models import Plan, Task

pytestmark = pytest.mark.usefixtures("orgs")
SEED_004 = "004_aea82470e0b2daef.json"


def new_version(data: dict, by: User):
    content = json.dumps(data, ensure_ascii=False).encode()
    return stage_import(ContentFile(content, name="69-KH-UBND-sua-doi.json"), by=by, now=NOW)


@pytest.fixture
def changed() -> dict:
    """Seed 004 with one task's time changed, one task removed, one added and the list
    renumbered from the fifth task on."""
    data = json.loads((GOLD / SEED_004).read_text("utf-8"))
    data["tasks"][0]["due"] = {
        "text": "Quý III/2026",
        "kind": "quarter",
        "start_year": 2026,
        "end_year": 2026,
        "date": None,
        "condition": None,
        "quarter": 3,
    }
    data["tasks"][1]["lead"] = ["Sở Nội vụ"]
    del data["tasks"][3]
    for task in data["tasks"][4:]:
        task["code"] = task["code"] + "b"
    added = copy.deepcopy(data["tasks"][2])
    added.update(code="PL2.99", title="Xây dựng nền tảng đo lường trực tuyến mức độ hoàn thành")
    data["tasks"].append(added)
    return data


def test_a_new_version_of_a_plan_is_recognised_by_its_number(
    tien_giang_plan: Plan, changed: dict, coordinator: User
) -> None:
    draft = new_version(changed, coordinator)
    assert draft.replaces == tien_giang_plan


def test_the_diff_shows_the_changed_added_and_removed_tasks(
    tien_giang_plan: Plan, changed: dict, coordinator: User
) -> None:
    old_codes = [t.code for t in tien_giang_plan.tasks.order_by("position")]
    diff = diff_plan(tien_giang_plan, new_version(changed, coordinator).plan_json)
    altered = {a.code: a for a in diff.tasks.altered}
    assert set(altered[old_codes[0]].changes) == {"due"}
    assert altered[old_codes[0]].changes["due"].new["quarter"] == 3
    assert set(altered[old_codes[1]].changes) == {"lead"}
    assert [changed["tasks"][j]["code"] for j in diff.tasks.added] == ["PL2.99"]
    assert diff.tasks.removed == [3]
    # Renumbered tasks are matched by their words and show only the new code.
    renumbered = [a for a in diff.tasks.altered if a.code.endswith("b")]
    assert len(renumbered) == len(changed["tasks"]) - 5  # all but the first four and the new
    assert all(set(a.changes) == {"code"} for a in renumbered)
    assert diff.indicators.is_empty
    assert tien_giang_plan.tasks.count() == 67  # nothing replaced yet


def test_a_task_matched_across_versions_keeps_its_identity_and_its_reports(
    tien_giang_plan: Plan, changed: dict, coordinator: User, reporter: User
) -> None:
    tasks = list(tien_giang_plan.tasks.order_by("position"))
    reported, renumbered = tasks[0], tasks[10]
    # Until reporting lands, a report is an audit entry on the task.
    record("reporting.update.submitted", reported, by=reporter, now=NOW, after={"progress": 40})
    record("reporting.update.submitted", renumbered, by=reporter, now=NOW)
    plan = publish_import(new_version(changed, coordinator), by=coordinator, now=NOW)

    assert plan.pk == tien_giang_plan.pk
    assert plan.version == 2
    kept = Task.objects.get(pk=reported.pk)
    assert (kept.key, kept.due_kind, kept.due_quarter) == (reported.key, "quarter", 3)
    assert entries_for(kept).get(action="reporting.update.submitted").after == {"progress": 40}
    moved = Task.objects.get(pk=renumbered.pk)
    assert moved.code == renumbered.code + "b"
    assert moved.key == renumbered.key
    live = plan.tasks.filter(archived_at__isnull=True)
    assert live.count() == len(changed["tasks"])
    assert live.filter(code="PL2.99").exists()


def test_a_removed_task_with_reports_is_archived_and_one_without_is_deleted(
    tien_giang_plan: Plan, changed: dict, coordinator: User, reporter: User
) -> None:
    removed = tien_giang_plan.tasks.order_by("position")[3]
    record("reporting.update.submitted", removed, by=reporter, now=NOW)
    plan = publish_import(new_version(changed, coordinator), by=coordinator, now=NOW)
    archived = Task.objects.get(pk=removed.pk)
    assert archived.archived_at == NOW
    assert archived.plan == plan

    changed_again = copy.deepcopy(changed)
    del changed_again["tasks"][-1]
    added = plan.tasks.get(code="PL2.99")
    publish_import(new_version(changed_again, coordinator), by=coordinator, now=NOW)
    assert not Task.objects.filter(pk=added.pk).exists()


def test_publishing_a_new_version_records_both_versions(
    tien_giang_plan: Plan, changed: dict, coordinator: User
) -> None:
    publish_import(new_version(changed, coordinator), by=coordinator, now=NOW)
    published = entries_for(tien_giang_plan).filter(action="plans.plan.published")
    versions = sorted(entry.after["version"] for entry in published)
    assert versions == [1, 2]
    latest = published.get(after__version=2)
    assert latest.before["version"] == 1
    assert latest.after["tasks"]["added"] == 1


def test_importing_the_same_content_under_another_name_is_still_a_duplicate(
    import_gold: Callable[..., Plan], coordinator: User
) -> None:
    import_gold(SEED_004)
    from theodoi.plans.errors import PlanError

    with pytest.raises(PlanError):
        stage_import(
            ContentFile((GOLD / SEED_004).read_bytes(), name="ban-khac.json"),
            by=coordinator,
            now=NOW,
        )
