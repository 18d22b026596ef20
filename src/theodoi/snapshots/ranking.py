"""The coordinator's work on a plan's scoring: save its weights and bands, preview the ranking
they would give, withdraw a published ranking (``services.publish_ranking`` publishes one).

The preview stores nothing: it reads the plan's records once and scores them under the saved
and the proposed settings with ``evaluation``'s functions.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.evaluation import ScoreConfig, rank_agencies
from theodoi.evaluation.weights import (
    NAMES,
    RankShift,
    compare_rankings,
    config_of,
    settings_problems,
)
from theodoi.plans.models import Plan
from theodoi.reporting.access import coordinates
from theodoi.snapshots.errors import SnapshotError
from theodoi.snapshots.evaluate import judge, plan_scores
from theodoi.snapshots.models import RankingPublication, ScoringSettings
from theodoi.snapshots.records import read_records
from theodoi.snapshots.scoring import scoring_values
from theodoi.snapshots.services import rebuild_snapshot
from theodoi.users import User

REASON_MAX = 500


class ScoringSettingsError(SnapshotError):
    """Settings refused, with a message for each field that is wrong."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))


def _require_coordinator(plan: Plan, by: User) -> None:
    if not coordinates(by, plan):
        raise SnapshotError(_("Only the coordinating agency of the plan can change its scoring."))


@transaction.atomic
def save_scoring_settings(
    plan: Plan, values: Mapping[str, float], *, by: User, now: datetime.datetime
) -> ScoringSettings:
    """Store ``plan``'s scoring settings and rescore today's results under them; refused
    whole (ScoringSettingsError, one message per field) when any figure breaks a rule."""
    _require_coordinator(plan, by)
    exact = {name: _exact(values.get(name)) for name in NAMES}
    problems = settings_problems({n: float(v) if v is not None else None for n, v in exact.items()})
    if problems:
        raise ScoringSettingsError(problems)
    before = scoring_values(plan)
    row = ScoringSettings.objects.select_for_update().filter(plan=plan).first()
    if row is None:
        row = ScoringSettings(plan=plan)
    for name in NAMES:
        setattr(row, name, exact[name])
    row.updated_at, row.updated_by = now, by
    row.full_clean(exclude=["plan", "updated_by"])
    row.save()
    after = scoring_values(plan)
    record(Action.SCORING_SET, row, by=by, now=now, before=before, after=after)
    rebuild_snapshot(plan, as_of=timezone.localdate(now), now=now)
    return row


def _exact(value: float | Decimal | None) -> Decimal | None:
    """A figure as stored: two decimals."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))


@dataclass(frozen=True)
class Preview:
    """How the agencies would rank under proposed settings, beside their ranking now."""

    period: str
    shifts: tuple[RankShift, ...]

    @property
    def changed(self) -> int:
        """Agencies whose rank, score or band would change."""
        return sum(
            (s.rank_before, s.score_before, s.band_before)
            != (s.rank_after, s.score_after, s.band_after)
            for s in self.shifts
        )


def preview_ranking(
    plan: Plan, proposed: ScoreConfig, *, as_of: datetime.date, current: ScoreConfig
) -> Preview:
    """The ranking at ``as_of`` under ``current`` and under ``proposed``; nothing is stored."""
    records = read_records(plan, as_of=as_of)
    judged = judge(records)
    before = rank_agencies(s for s, _ in plan_scores(records, judged, current).values())
    after = rank_agencies(s for s, _ in plan_scores(records, judged, proposed).values())
    return Preview(judged.period.label, compare_rankings(before, after))


def preview_values(plan: Plan, values: Mapping[str, float], *, as_of: datetime.date) -> Preview:
    """The preview of settings a coordinator typed (checked first: ScoringSettingsError)."""
    problems = settings_problems(values)
    if problems:
        raise ScoringSettingsError(problems)
    return preview_ranking(
        plan, config_of(values), as_of=as_of, current=config_of(scoring_values(plan))
    )


def live_publication(plan: Plan) -> RankingPublication | None:
    """The ranking the portal shows: the latest published and not withdrawn."""
    return (
        plan.ranking_publications.filter(withdrawn_at__isnull=True)
        .order_by("-published_at", "-pk")
        .first()
    )


@transaction.atomic
def withdraw_ranking(
    publication: RankingPublication, *, reason: str, by: User, now: datetime.datetime
) -> RankingPublication:
    """Take a published ranking off the portal, with the reason; its copy stays."""
    publication = RankingPublication.objects.select_for_update().get(pk=publication.pk)
    if not coordinates(by, publication.plan):
        raise SnapshotError(_("Only the coordinating agency can withdraw the ranking."))
    if publication.withdrawn_at is not None:
        raise SnapshotError(_("This ranking has already been withdrawn."))
    reason = reason.strip()
    if not reason:
        raise SnapshotError(_("Reason for withdrawal: please say why the ranking is withdrawn."))
    if len(reason) > REASON_MAX:
        raise SnapshotError(
            _("Reason for withdrawal: at most %(limit)d characters.") % {"limit": REASON_MAX}
        )
    publication.withdrawn_at, publication.withdrawn_by = now, by
    publication.withdrawal_reason = reason
    publication.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
    record(
        Action.RANKING_WITHDRAWN,
        publication,
        by=by,
        now=now,
        after={"reason": reason, "as_of": publication.as_of.isoformat()},
    )
    return publication
