"""Rebuilding a plan's snapshot: the same records give the same results, whenever it runs, and
only what the coordinator accepted counts."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User

from tests.builders import AS_OF, lead_tasks, reporter_indicator
from theodoi.audit.models import AuditEntry
from theodoi.plans.models import Plan
from theodoi.reporting.access import visible_tasks
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.reporting.updates import UpdateContent
from theodoi.snapshots.errors import SnapshotError
from theodoi.snapshots.models import PlanSnapshot, RankingPublication, RankingRow
from theodoi.snapshots.reading import RANKING_LINE_FIELDS, Ranking, Results
from theodoi.snapshots.services import publish_ranking, rebuild_snapshot

NOW = datetime.datetime(2026, 5, 26, 9, 0, tzinfo=datetime.UTC)
LATER = datetime.datetime(2027, 2, 1, 9, 0, tzinfo=datetime.UTC)
GOING = UpdateContent(status="in_progress", progress=60, results="Đã trình dự thảo.")
DONE = UpdateContent(
    status="done_on_time", progress=100, completed_on=datetime.date(2026, 5, 15), results="Xong."
)


def task_result(snapshot: PlanSnapshot, task_id: int) -> dict[str, Any]:
    return next(t for t in snapshot.results["tasks"] if t["id"] == task_id)


pytestmark = pytest.mark.django_db


def test_rebuilding_twice_gives_the_same_results_and_one_audit_entry(
    round_: ReportingRound, reporter: User, report_task: Callable[..., TaskUpdate]
) -> None:
    report_task(lead_tasks(round_.plan, reporter)[0], GOING)
    first = rebuild_snapshot(round_.plan, as_of=AS_OF, now=NOW)
    again = rebuild_snapshot(round_.plan, as_of=AS_OF, now=LATER)
    assert again.pk == first.pk
    assert again.results == first.results
    assert again.computed_at == NOW
    assert AuditEntry.objects.filter(action="snapshots.snapshot.rebuilt").count() == 1


def test_a_snapshot_s_ranking_rows_are_its_stored_ranking_line_for_line_after_each_rebuild(
    round_: ReportingRound, reporter: User, report_task: Callable[..., TaskUpdate]
) -> None:
    """The rows are written with the results and replaced with them: a rebuild that changes
    the scores leaves no line of the ranking before."""

    def stored_lines(snapshot: PlanSnapshot) -> list[dict[str, Any]]:
        return [
            {name: r[name] for name in RANKING_LINE_FIELDS} for r in snapshot.results["ranking"]
        ]

    first = rebuild_snapshot(round_.plan, as_of=AS_OF, now=NOW)
    assert len(first.results["ranking"]) >= 3
    assert Ranking(first)[0:1000] == stored_lines(first)
    for task in lead_tasks(round_.plan, reporter)[:3]:
        report_task(task, DONE)
    again = rebuild_snapshot(round_.plan, as_of=AS_OF, now=LATER)
    assert again.pk == first.pk
    assert stored_lines(again) != stored_lines(first)
    assert Ranking(again)[0:1000] == stored_lines(again)
    assert Ranking(again).period == again.results["period"]["label"]
    assert RankingRow.objects.count() == len(again.results["ranking"])


def test_a_snapshot_rebuilt_months_later_from_the_records_equals_the_one_made_that_day(
    round_: ReportingRound,
    reporter: User,
    report_task: Callable[..., TaskUpdate],
    report_value: Callable[..., Any],
) -> None:
    tasks = lead_tasks(round_.plan, reporter)
    report_task(tasks[0], GOING)
    report_task(tasks[1], DONE, evidence=True)
    indicator = reporter_indicator(round_.plan, reporter)
    report_value(indicator, 10, datetime.date(2025, 12, 31), baseline=True)
    report_value(indicator, 14, datetime.date(2026, 5, 15))
    made_that_day = dict(rebuild_snapshot(round_.plan, as_of=AS_OF, now=NOW).results)
    PlanSnapshot.objects.all().delete()
    rebuilt = rebuild_snapshot(round_.plan, as_of=AS_OF, now=LATER)
    assert rebuilt.results == made_that_day
    assert task_result(rebuilt, tasks[1].pk)["status"] == "done_on_time"


def test_a_submitted_update_counts_only_once_accepted(
    round_: ReportingRound,
    reporter: User,
    coordinator: User,
    report_task: Callable[..., TaskUpdate],
) -> None:
    from theodoi.reporting.review import accept_update

    task = lead_tasks(round_.plan, reporter)[0]
    submitted = report_task(task, GOING, accept=False)
    before = rebuild_snapshot(round_.plan, as_of=AS_OF, now=NOW)
    assert task_result(before, task.pk)["progress"] is None
    accept_update(submitted, by=coordinator, now=NOW)
    after = rebuild_snapshot(round_.plan, as_of=AS_OF, now=NOW)
    assert task_result(after, task.pk)["progress"] == 60
    assert task_result(after, task.pk)["status"] in {"in_progress", "in_progress_late"}


def test_an_update_accepted_after_the_date_does_not_count_on_that_date(
    round_: ReportingRound, reporter: User, report_task: Callable[..., TaskUpdate]
) -> None:
    task = lead_tasks(round_.plan, reporter)[0]
    report_task(task, GOING)  # accepted on 25/5/2026
    before = rebuild_snapshot(round_.plan, as_of=datetime.date(2026, 5, 24), now=NOW)
    assert task_result(before, task.pk)["progress"] is None


def test_a_completion_without_evidence_is_not_counted_as_done(
    round_: ReportingRound, reporter: User, report_task: Callable[..., TaskUpdate]
) -> None:
    task = lead_tasks(round_.plan, reporter)[0]
    report_task(task, DONE)
    result = task_result(rebuild_snapshot(round_.plan, as_of=AS_OF, now=NOW), task.pk)
    assert result["status"] != "done_on_time"
    assert "chưa có minh chứng" in result["why"]


def test_indicator_progress_uses_accepted_figures_with_the_numbers_behind_it(
    round_: ReportingRound, reporter: User, report_value: Callable[..., Any]
) -> None:
    indicator = reporter_indicator(round_.plan, reporter)
    report_value(indicator, 10, datetime.date(2025, 12, 31), baseline=True)
    report_value(indicator, 30, datetime.date(2026, 5, 15), accept=False)
    snapshot = rebuild_snapshot(round_.plan, as_of=AS_OF, now=NOW)
    result = next(i for i in snapshot.results["indicators"] if i["id"] == indicator.pk)
    assert result["band"] == "insufficient_data"
    assert result["values"] == [["2025-12-31", 10.0]]


def test_summaries_count_every_task_and_a_readers_figures_only_the_tasks_it_may_see(
    tien_giang_plan: Plan,
) -> None:
    task = tien_giang_plan.tasks.order_by("position").first()
    task.confidential = True
    task.save(update_fields=["confidential"])
    snapshot = rebuild_snapshot(tien_giang_plan, as_of=AS_OF, now=NOW)
    results = snapshot.results
    total = tien_giang_plan.tasks.filter(archived_at__isnull=True).count()
    assert results["summary"]["all"]["plan"]["total"] == total
    assert sum(results["summary"]["all"]["plan"]["by_status"].values()) == total
    read = Results.of(snapshot)
    public = set(visible_tasks(AnonymousUser()).filter(plan=tien_giang_plan).values_list("pk"))
    assert read.summary(among={pk for (pk,) in public}).total == total - 1
    # Counted from every task, the figures are the stored ones, for each group and agency.
    every = set(read.tasks)
    for group in [str(g.pk) for g in tien_giang_plan.groups.all()] + ["-"]:
        assert read.summary(among=every, group=group) == read.summary(group=group)
        for agency in read.agencies:
            counted = read.summary(among=every, group=group, agency=agency)
            assert counted == read.summary(group=group, agency=agency)
    for agency in read.agencies:
        assert read.summary(among=every, agency=agency) == read.summary(agency=agency)


def test_publishing_the_ranking_copies_it_and_leaves_an_audit_entry(
    round_: ReportingRound,
    reporter: User,
    coordinator: User,
    report_task: Callable[..., TaskUpdate],
) -> None:
    report_task(lead_tasks(round_.plan, reporter)[0], GOING)
    rebuild_snapshot(round_.plan, as_of=AS_OF, now=NOW)
    publication = publish_ranking(round_.plan, by=coordinator, now=NOW)
    assert publication.ranking[0]["rank"] == 1
    assert RankingPublication.objects.count() == 1
    assert AuditEntry.objects.filter(action="snapshots.ranking.published").exists()


def test_only_the_coordinator_publishes_the_ranking(round_: ReportingRound, leader: User) -> None:
    rebuild_snapshot(round_.plan, as_of=AS_OF, now=NOW)
    with pytest.raises(SnapshotError, match="cơ quan đầu mối"):
        publish_ranking(round_.plan, by=leader, now=NOW)


def test_accepting_an_update_rebuilds_the_day_s_snapshot_once_committed(
    round_: ReportingRound,
    reporter: User,
    coordinator: User,
    report_task: Callable[..., TaskUpdate],
    django_capture_on_commit_callbacks: Any,
) -> None:
    from theodoi.reporting.review import accept_update

    task = lead_tasks(round_.plan, reporter)[0]
    submitted = report_task(task, GOING, accept=False)
    with django_capture_on_commit_callbacks(execute=True):
        accept_update(submitted, by=coordinator, now=NOW)
    snapshot = PlanSnapshot.objects.get(plan=round_.plan, as_of=NOW.date())
    assert task_result(snapshot, task.pk)["progress"] == 60


def test_closing_a_round_keeps_a_snapshot_of_its_deadline_day_and_of_today(
    round_: ReportingRound, coordinator: User, django_capture_on_commit_callbacks: Any
) -> None:
    from theodoi.reporting.rounds import close_round

    closed_on = datetime.datetime(2026, 6, 10, 3, 0, tzinfo=datetime.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        close_round(round_, by=coordinator, now=closed_on)
    days = set(PlanSnapshot.objects.filter(plan=round_.plan).values_list("as_of", flat=True))
    assert days == {datetime.date(2026, 6, 1), datetime.date(2026, 6, 10)}
