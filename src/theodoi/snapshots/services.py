"""Writes of snapshots: rebuild a plan's results for a date, publish its ranking."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Mapping

from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.plans.events import PlanAmended
from theodoi.plans.models import Plan, PlanStatus
from theodoi.reporting.access import coordinates
from theodoi.reporting.events import ResultsChanged, after_commit
from theodoi.snapshots.errors import SnapshotError
from theodoi.snapshots.evaluate import encoded
from theodoi.snapshots.events import RankingPublished
from theodoi.snapshots.models import EncodedJSON, PlanSnapshot, RankingPublication, RankingRow
from theodoi.snapshots.reading import RANKING_LINE_FIELDS, Results
from theodoi.snapshots.records import evaluate_plan_text_at
from theodoi.snapshots.results import SnapshotResults
from theodoi.snapshots.scoring import scoring_values
from theodoi.users import User


def digest_of(results: SnapshotResults) -> str:
    return _digest(encoded(results))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@transaction.atomic
def rebuild_snapshot(plan: Plan, *, as_of: datetime.date, now: datetime.datetime) -> PlanSnapshot:
    """Compute ``plan``'s results at ``as_of`` from its records and store them, replacing the
    row of that date. Idempotent: the same records give the same results; ``computed_at`` and
    the audit entry change only when the results do.

    Rebuilds of one plan take turns, each reading the records only once the one before has
    stored its results: two updates accepted at once are each followed by a rebuild, and the
    one stored last has read both (read before the lock, the other's could be stored after
    it, missing one). ``no_key``: rows that merely refer to the plan are not held up."""
    Plan.objects.select_for_update(no_key=True).filter(pk=plan.pk).values_list("pk").first()
    # Encoded once: the digest is taken of the text that is stored (half a megabyte for a plan
    # of 130 agencies; the column would encode the results again).
    results, text = evaluate_plan_text_at(plan, as_of)
    digest = _digest(text)
    # Its digest says whether the results changed; its results, replaced anyway, are not read
    # (half a megabyte of JSON for a plan of 130 agencies).
    snapshot = PlanSnapshot.objects.defer("results").filter(plan=plan, as_of=as_of).first()
    if snapshot is not None and snapshot.digest == digest:
        return snapshot
    before = snapshot.digest if snapshot else None
    if snapshot is None:
        snapshot = PlanSnapshot(plan=plan, as_of=as_of)
    snapshot.results, snapshot.digest, snapshot.computed_at = EncodedJSON(text), digest, now
    snapshot.period = results["period"]["label"]
    snapshot.save()
    store_ranking(snapshot, results)
    snapshot.results = results
    record(
        Action.SNAPSHOT_REBUILT,
        snapshot,
        by=None,
        now=now,
        before={"digest": before},
        after={"digest": digest, "as_of": as_of.isoformat()},
    )
    return snapshot


def store_ranking(snapshot: PlanSnapshot, results: SnapshotResults) -> None:
    """Replace the snapshot's ranking rows by its results' ranking, line for line, in the
    transaction that stores the results (a page lists them without reading the results)."""
    snapshot.ranking_rows.all().delete()
    rows = []
    for position, ranked in enumerate(results["ranking"]):
        stored: Mapping[str, object] = ranked
        line = {name: stored[name] for name in RANKING_LINE_FIELDS if name != "agency"}
        rows.append(
            RankingRow(snapshot=snapshot, position=position, agency_id=ranked["agency"], **line)
        )
    RankingRow.objects.bulk_create(rows)


def rebuild_for(event: ResultsChanged) -> None:
    """Rebuild the snapshots of the days whose results changed (subscribed in
    ``SnapshotsConfig.ready``), so the dashboard is current right after an accepted update."""
    plan = Plan.objects.get(pk=event.plan_id)
    for day in event.days:
        rebuild_snapshot(plan, as_of=day, now=event.now)


def rebuild_after_amendment(event: PlanAmended) -> None:
    """Rebuild today's snapshot of an amended plan (subscribed in ``SnapshotsConfig.ready``):
    a moved time or an archived task is judged at once. A withdrawn plan has none to show."""
    plan = Plan.objects.get(pk=event.plan_id)
    if plan.status == PlanStatus.PUBLISHED:
        rebuild_snapshot(plan, as_of=timezone.localdate(event.now), now=event.now)


def latest_snapshot(
    plan: Plan, *, as_of: datetime.date | None = None, results: bool = False
) -> PlanSnapshot | None:
    """The plan's latest snapshot up to ``as_of``; its results are read only when used, or
    with it when ``results`` (a page that shows them)."""
    snapshots = plan.snapshots.order_by("-as_of")
    if not results:
        snapshots = snapshots.defer("results")
    if as_of is not None:
        snapshots = snapshots.filter(as_of__lte=as_of)
    return snapshots.first()


def latest_snapshots(plans: QuerySet[Plan], *, as_of: datetime.date) -> dict[int, tuple[int, str]]:
    """Each of ``plans``' latest snapshot up to ``as_of``, in one statement: plan id ->
    (snapshot id, digest). Plans not evaluated by then are left out."""
    latest = PlanSnapshot.objects.filter(plan=OuterRef("pk"), as_of__lte=as_of).order_by("-as_of")
    ids = plans.annotate(latest=Subquery(latest.values("pk")[:1])).values_list("latest", flat=True)
    rows = PlanSnapshot.objects.filter(pk__in=ids).values_list("plan_id", "pk", "digest")
    return {plan: (pk, digest) for plan, pk, digest in rows}


@transaction.atomic
def publish_ranking(plan: Plan, *, by: User, now: datetime.datetime) -> RankingPublication:
    """Make the ranking of the plan's current round public (DESIGN.md: the ranking is public
    only when the coordinator publishes it): today's results, recomputed first under the
    plan's scoring settings, copied with the round and the settings they were computed under."""
    if not coordinates(by, plan):
        raise SnapshotError(_("Only the coordinating agency can publish the ranking."))
    if plan.status != PlanStatus.PUBLISHED:
        raise SnapshotError(_("The plan must be published before its ranking."))
    rebuild_snapshot(plan, as_of=timezone.localdate(now), now=now)
    snapshot = latest_snapshot(plan, as_of=timezone.localdate(now))
    if snapshot is None:
        raise SnapshotError(_("The plan has no evaluation yet; nothing to publish."))
    results = Results.of(snapshot)
    ranking = [row for row in results.ranking if row["rank"] is not None]
    if not ranking:
        raise SnapshotError(_("No agency has a score yet; nothing to publish."))
    publication = RankingPublication.objects.create(
        plan=plan,
        as_of=snapshot.as_of,
        period=results.period,
        ranking=ranking,
        published_at=now,
        published_by=by,
        round_id=current["id"] if (current := results.results["round"]) else None,
        scoring=scoring_values(plan),
    )
    record(
        Action.RANKING_PUBLISHED,
        publication,
        by=by,
        now=now,
        after={"as_of": snapshot.as_of.isoformat(), "ranking": ranking},
    )
    after_commit(RankingPublished(publication_id=publication.pk, plan_id=plan.pk, now=now))
    return publication
