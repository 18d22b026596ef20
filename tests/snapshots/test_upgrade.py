"""Snapshots stored before their ranking had rows of its own (migration 0004) keep showing their
ranking after the upgrade: migration 0005 copies each one's rows and period from its stored
results."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from tests.builders import open_round_now, signed_in
from theodoi.plans.models import Plan
from theodoi.snapshots.models import RankingRow
from theodoi.snapshots.reading import RANKING_LINE_FIELDS, Ranking
from theodoi.snapshots.services import rebuild_snapshot

# Migrations run outside a test's transaction (SQLite's schema editor refuses one).
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_ROWS = ("snapshots", "0003_scoring_settings_and_published_rankings")


def migrate(*targets: tuple[str, str]) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets))


def test_a_snapshot_stored_before_the_upgrade_shows_its_ranking_after_it(
    tien_giang_plan: Plan, coordinator: User, leader: User
) -> None:
    open_round_now(tien_giang_plan, by=coordinator)
    snapshot = rebuild_snapshot(tien_giang_plan, as_of=timezone.localdate(), now=timezone.now())
    stored = [{name: r[name] for name in RANKING_LINE_FIELDS} for r in snapshot.results["ranking"]]
    assert any(line["rank"] is not None for line in stored)
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("snapshots")
    migrate(BEFORE_THE_ROWS)  # the database of a release before the rows: their table gone
    try:
        assert RankingRow._meta.db_table not in connection.introspection.table_names()
    finally:
        migrate(*latest)  # the upgrade
    assert RankingRow.objects.filter(snapshot=snapshot).count() == len(stored)
    assert Ranking(snapshot)[0:1000] == stored
    snapshot.refresh_from_db()
    assert Ranking(snapshot).period == snapshot.results["period"]["label"] != ""
    html = signed_in(leader).get(reverse("scoring:settings", args=[tien_giang_plan.pk]))
    assert stored[0]["name"] in html.content.decode()
