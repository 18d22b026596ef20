"""The ranking rows of the snapshots stored before them, copied from their results, so that a
snapshot keeps showing its ranking after the upgrade without being rebuilt (a rebuild that
finds the same results writes nothing)."""

from typing import Any

from django.db import migrations

# RankingLine's fields as they were when the rows came in: a migration keeps its own copy.
LINE_FIELDS = ("name", "rank", "tied", "score", "band", "band_label", "colour")


def copy_rankings(apps: Any, schema_editor: Any) -> None:
    snapshots = apps.get_model("snapshots", "PlanSnapshot")
    rows = apps.get_model("snapshots", "RankingRow")
    alias = schema_editor.connection.alias
    # Each snapshot's ranking alone, not its whole results; a few at a time in memory.
    stored = (
        snapshots.objects.using(alias)
        .order_by("pk")
        .values_list("pk", "results__ranking")
        .iterator(chunk_size=50)
    )
    for snapshot, ranking in stored:
        rows.objects.using(alias).bulk_create(
            rows(
                snapshot_id=snapshot,
                position=position,
                agency_id=ranked["agency"],
                **{name: ranked[name] for name in LINE_FIELDS},
            )
            for position, ranked in enumerate(ranking or [])
        )


class Migration(migrations.Migration):
    dependencies = [("snapshots", "0004_ranking_rows")]

    operations = [migrations.RunPython(copy_rankings, migrations.RunPython.noop)]
