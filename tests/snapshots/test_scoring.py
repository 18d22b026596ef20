"""A plan's scoring settings: saved by the coordinator of its scope and nobody else, refused
whole when a figure breaks a rule, applied to the plan's results at once; a preview that
stores nothing; a published ranking withdrawn with its reason."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User

from tests.builders import AS_OF, lead_tasks
from theodoi.audit.models import AuditEntry
from theodoi.evaluation.weights import defaults
from theodoi.reporting.models import ReportingRound, TaskUpdate
from theodoi.reporting.updates import UpdateContent
from theodoi.snapshots.errors import SnapshotError
from theodoi.snapshots.models import PlanSnapshot, RankingPublication, ScoringSettings
from theodoi.snapshots.ranking import (
    ScoringSettingsError,
    live_publication,
    preview_values,
    save_scoring_settings,
    withdraw_ranking,
)
from theodoi.snapshots.scoring import scoring_config, scoring_values
from theodoi.snapshots.services import publish_ranking, rebuild_snapshot

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 5, 26, 9, 0, tzinfo=datetime.UTC)  # AS_OF in Vietnam
GOING = UpdateContent(status="in_progress", progress=60, results="Đã trình dự thảo.")
ON_TIME_ONLY = {**defaults(), "on_time": 100, "progress": 0, "reporting": 0, "indicators": 0}


@pytest.fixture
def reported(
    round_: ReportingRound, reporter: User, report_task: Callable[..., TaskUpdate]
) -> ReportingRound:
    report_task(lead_tasks(round_.plan, reporter)[0], GOING)
    rebuild_snapshot(round_.plan, as_of=AS_OF, now=NOW)
    return round_


def ranked_rows(round_: ReportingRound) -> list[dict[str, Any]]:
    snapshot = PlanSnapshot.objects.get(plan=round_.plan, as_of=AS_OF)
    return [r for r in snapshot.results["ranking"] if r["rank"] is not None]


def test_a_plan_without_settings_is_scored_on_design_s_defaults(reported: ReportingRound) -> None:
    assert scoring_values(reported.plan) == defaults()
    rows = ranked_rows(reported)
    assert len(rows) > 1
    assert all("lines" in r for r in rows)


def test_saved_settings_rescore_today_s_results_and_are_audited(
    reported: ReportingRound, coordinator: User
) -> None:
    save_scoring_settings(reported.plan, ON_TIME_ONLY, by=coordinator, now=NOW)
    assert scoring_values(reported.plan) == ON_TIME_ONLY
    assert scoring_config(reported.plan).on_time == 100
    for row in ranked_rows(reported):
        on_time = next(c for c in row["components"] if c["code"] == "on_time")
        if on_time["share"] is not None:
            assert row["score"] == pytest.approx(round(on_time["share"] * 100, 1), abs=0.06)
    entry = AuditEntry.objects.get(action="snapshots.scoring.set")
    assert entry.before["on_time"] == 40
    assert entry.after["on_time"] == 100
    assert entry.by == coordinator


def test_saving_again_changes_the_one_row(reported: ReportingRound, coordinator: User) -> None:
    save_scoring_settings(reported.plan, ON_TIME_ONLY, by=coordinator, now=NOW)
    save_scoring_settings(reported.plan, defaults(), by=coordinator, now=NOW)
    assert ScoringSettings.objects.filter(plan=reported.plan).count() == 1
    assert scoring_values(reported.plan) == defaults()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"on_time": 50}, "on_time"),
        ({"progress": -10, "on_time": 70}, "progress"),
        ({"good": 95}, "good"),
        ({"cooperating_weight": 2}, "cooperating_weight"),
        ({"average": None}, "average"),
    ],
)
def test_wrong_settings_are_refused_whole_and_nothing_is_stored(
    reported: ReportingRound, coordinator: User, changes: dict[str, Any], field: str
) -> None:
    before = PlanSnapshot.objects.get(plan=reported.plan, as_of=AS_OF).digest
    entries = AuditEntry.objects.count()
    with pytest.raises(ScoringSettingsError) as refused:
        save_scoring_settings(reported.plan, {**defaults(), **changes}, by=coordinator, now=NOW)
    assert field in refused.value.problems
    assert not ScoringSettings.objects.exists()
    assert AuditEntry.objects.count() == entries
    assert PlanSnapshot.objects.get(plan=reported.plan, as_of=AS_OF).digest == before


@pytest.mark.parametrize("who", ["leader", "inspector", "other_coordinator", "reporter"])
def test_only_the_coordinator_of_the_plan_s_scope_saves_settings(
    reported: ReportingRound, who: str, request: pytest.FixtureRequest
) -> None:
    person = request.getfixturevalue(who)
    with pytest.raises(SnapshotError, match="cơ quan đầu mối"):
        save_scoring_settings(reported.plan, ON_TIME_ONLY, by=person, now=NOW)
    assert not ScoringSettings.objects.exists()


def test_a_preview_shows_the_ranking_under_new_weights_and_stores_nothing(
    reported: ReportingRound,
) -> None:
    counts = (
        ScoringSettings.objects.count(),
        PlanSnapshot.objects.count(),
        AuditEntry.objects.count(),
    )
    digest = PlanSnapshot.objects.get(plan=reported.plan, as_of=AS_OF).digest
    preview = preview_values(reported.plan, ON_TIME_ONLY, as_of=AS_OF)
    assert preview.period == reported.title
    names = {r["name"] for r in ranked_rows(reported)}
    assert names <= {s.agency for s in preview.shifts}
    # The ranking now, as the preview reads it, is the stored one.
    stored = {r["name"]: (r["rank"], r["score"]) for r in ranked_rows(reported)}
    for shift in preview.shifts:
        if shift.agency in stored:
            assert (shift.rank_before, shift.score_before) == stored[shift.agency]
    assert preview.changed > 0
    assert counts == (
        ScoringSettings.objects.count(),
        PlanSnapshot.objects.count(),
        AuditEntry.objects.count(),
    )
    assert PlanSnapshot.objects.get(plan=reported.plan, as_of=AS_OF).digest == digest


def test_a_preview_of_wrong_settings_is_refused(reported: ReportingRound) -> None:
    with pytest.raises(ScoringSettingsError, match="phải bằng 100"):
        preview_values(reported.plan, {**defaults(), "on_time": 10}, as_of=AS_OF)


def test_a_published_ranking_keeps_its_round_and_its_settings(
    reported: ReportingRound, coordinator: User
) -> None:
    save_scoring_settings(reported.plan, ON_TIME_ONLY, by=coordinator, now=NOW)
    publication = publish_ranking(reported.plan, by=coordinator, now=NOW)
    assert publication.round == reported
    assert publication.scoring == ON_TIME_ONLY
    assert live_publication(reported.plan) == publication
    assert all("lines" in row for row in publication.ranking)


def test_a_withdrawn_ranking_leaves_the_portal_and_stays_on_record(
    reported: ReportingRound, coordinator: User
) -> None:
    first = publish_ranking(reported.plan, by=coordinator, now=NOW)
    second = publish_ranking(reported.plan, by=coordinator, now=NOW + datetime.timedelta(hours=1))
    withdraw_ranking(second, reason="Số liệu chưa đủ.", by=coordinator, now=NOW)
    assert live_publication(reported.plan) == first
    withdraw_ranking(first, reason="Chấm lại.", by=coordinator, now=NOW)
    assert live_publication(reported.plan) is None
    second.refresh_from_db()
    assert (second.withdrawal_reason, second.withdrawn_by) == ("Số liệu chưa đủ.", coordinator)
    assert RankingPublication.objects.count() == 2
    assert AuditEntry.objects.filter(action="snapshots.ranking.withdrawn").count() == 2


@pytest.mark.parametrize(
    ("reason", "words"), [("", "lý do"), ("   ", "lý do"), ("x" * 501, "500 ký tự")]
)
def test_a_withdrawal_needs_a_bounded_reason(
    reported: ReportingRound, coordinator: User, reason: str, words: str
) -> None:
    publication = publish_ranking(reported.plan, by=coordinator, now=NOW)
    with pytest.raises(SnapshotError, match=words):
        withdraw_ranking(publication, reason=reason, by=coordinator, now=NOW)
    assert live_publication(reported.plan) == publication


def test_a_ranking_is_withdrawn_once_and_only_by_the_coordinator(
    reported: ReportingRound, coordinator: User, leader: User
) -> None:
    publication = publish_ranking(reported.plan, by=coordinator, now=NOW)
    with pytest.raises(SnapshotError, match="cơ quan đầu mối"):
        withdraw_ranking(publication, reason="Không.", by=leader, now=NOW)
    withdraw_ranking(publication, reason="Chấm lại.", by=coordinator, now=NOW)
    with pytest.raises(SnapshotError, match="đã được thu hồi"):
        withdraw_ranking(publication, reason="Lần nữa.", by=coordinator, now=NOW)


@pytest.mark.parametrize(
    "points",
    [(33.34, 33.33, 33.33, 0), (12.5, 37.5, 25.25, 24.75), (0.1, 0.2, 0.3, 99.4)],
)
def test_fractional_points_that_add_to_100_are_stored_exactly(
    reported: ReportingRound, coordinator: User, points: tuple[float, ...]
) -> None:
    names = ("on_time", "progress", "reporting", "indicators")
    values = {**defaults(), **dict(zip(names, points, strict=True))}
    save_scoring_settings(reported.plan, values, by=coordinator, now=NOW)
    assert scoring_values(reported.plan) == values


@pytest.mark.parametrize(
    "changes",
    [{"on_time": 50}, {"good": 95}, {"lead_weight": 2}, {"progress": -10, "on_time": 70}],
)
def test_the_database_refuses_settings_the_service_would(
    reported: ReportingRound, changes: dict[str, float]
) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ScoringSettings.objects.create(
            plan=reported.plan, updated_at=NOW, **{**defaults(), **changes}
        )
