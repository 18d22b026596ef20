"""The ranking rows and the period label of the snapshots stored before them, copied from their
results, so that a snapshot keeps showing its ranking after the upgrade without being rebuilt
(a rebuild that finds the same results writes nothing)."""

from typing import Any

from django.db import migrations

# RankingLine's fields as they were when the rows came in: a migration keeps its own copy.
LINE_FIELDS = ("name", "rank", "tied", "score", "band", "band_label", "colour")


def copy_rankings(apps: Any, schema_editor: Any) -> None:
    snapshots = apps.get_model("snapshots", "PlanSnapshot")
    rows = apps.get_model("snapshots", "RankingRow")
    alias = schema_editor.connection.alias
    stored = snapshots.objects.using(alias)
    ids = list(stored.order_by("pk").values_list("pk", flat=True))
    # Each snapshot's ranking and period alone, not its whole results; 50 at a time, read
    # whole before writing (SQLite does not isolate a read in progress from writes to it).
    for start in range(0, len(ids), 50):
        chunk = stored.filter(pk__in=ids[start : start + 50]).values_list(
            "pk", "results__ranking", "results__period__label"
        )
        for snapshot, ranking, period in list(chunk):
            stored.filter(pk=snapshot).update(period=period or "")
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
