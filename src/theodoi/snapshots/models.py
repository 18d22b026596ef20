"""A plan's evaluation results at a date, and the rankings the coordinator made public."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.sql.compiler import SQLCompiler
from django.utils.translation import gettext_lazy as _

from theodoi.orgs.models import Organisation
from theodoi.plans.models import Plan
from theodoi.users import done_by


class EncodedJSON(models.Expression):
    """JSON text already encoded, saved into a JSON column as it is: a column given the data
    encodes it again (``snapshots.services.rebuild_snapshot`` encodes once for the digest)."""

    output_field = models.JSONField()

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def as_sql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, tuple[str]]:
        return "%s", (self.text,)

    def as_postgresql(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra: Any
    ) -> tuple[str, tuple[str]]:
        return "%s::jsonb", (self.text,)


class PlanSnapshot(models.Model):
    """Everything the rules say about a plan on ``as_of``, as computed from the accepted
    records (``snapshots.evaluate``). One row per plan and date; a rebuild replaces it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="snapshots")
    as_of = models.DateField(_("as of"))
    computed_at = models.DateTimeField(_("computed at"))
    # sha256 of ``results``: pages key their cache on it, so a changed result is a new key.
    digest = models.CharField(max_length=64)
    results = models.JSONField(_("results"))
    # ``results.period.label``, for a page that lists the ranking (RankingRow) without them.
    period = models.CharField(_("period"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("evaluation snapshot")
        verbose_name_plural = _("evaluation snapshots")
        ordering = ("plan", "-as_of")
        constraints = (
            models.UniqueConstraint(fields=["plan", "as_of"], name="snapshot_one_per_plan_date"),
        )

    def __str__(self) -> str:
        return f"{self.plan} @ {self.as_of:%d/%m/%Y}"


class RankingRow(models.Model):
    """One agency's line of a snapshot's ranking (``results.RankingLine``), in its place: the
    ranking a page lists, read without the stored results (half a megabyte of JSON for a plan
    of 130 agencies, which SQLite parses again for each statement that reads into it).
    Written with the snapshot (``services.store_ranking``); the results keep the whole row."""

    snapshot = models.ForeignKey(
        PlanSnapshot, on_delete=models.CASCADE, related_name="ranking_rows"
    )
    position = models.PositiveIntegerField(_("position"))
    agency = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    name = models.CharField(_("agency name"), max_length=300)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    tied = models.BooleanField(_("tied"))
    score = models.FloatField(_("score"), null=True, blank=True)
    # None, as the results store it, for an agency without a score: never an empty text.
    band = models.CharField(_("band"), max_length=20, null=True, blank=True)  # noqa: DJ001
    band_label = models.CharField(  # noqa: DJ001
        _("band label"), max_length=100, null=True, blank=True
    )
    colour = models.CharField(_("colour"), max_length=20, null=True, blank=True)  # noqa: DJ001

    class Meta:
        verbose_name = _("ranking line")
        verbose_name_plural = _("ranking lines")
        ordering = ("snapshot", "position")
        constraints = (
            models.UniqueConstraint(
                fields=["snapshot", "position"], name="ranking_row_one_per_position"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(band__isnull=True, band_label__isnull=True, colour__isnull=True)
                    | models.Q(band__gt="", band_label__gt="", colour__gt="")
                ),
                name="ranking_row_banded_whole",
            ),
        )

    def __str__(self) -> str:
        return f"{self.snapshot} #{self.position}: {self.name}"


class RankingPublication(models.Model):
    """A ranking the coordinator made public: a copy of it, so what was published stays as it
    was published whatever later rebuilds compute."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="ranking_publications")
    as_of = models.DateField(_("as of"))
    period = models.CharField(_("period"), max_length=200)
    ranking = models.JSONField(_("ranking"))
    published_at = models.DateTimeField(_("published at"))
    published_by = done_by()
    # The round whose ranking it is (None: the plan had no round yet, a year's ranking), the
    # scoring settings it was computed under, and its withdrawal: a withdrawn ranking leaves
    # the portal and its copy stays for the record.
    round = models.ForeignKey(
        "reporting.ReportingRound",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("reporting round"),
    )
    scoring = models.JSONField(_("scoring settings"), default=dict, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = done_by(blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("published ranking")
        verbose_name_plural = _("published rankings")
        ordering = ("plan", "-published_at")

    def __str__(self) -> str:
        return f"{self.plan} - {self.period}"


_OTHER_POINTS = models.F("progress") + models.F("reporting") + models.F("indicators")


class ScoringSettings(models.Model):
    """A plan's scoring weights and bands (``evaluation.weights.SETTINGS``), set by the
    coordinator of its scope; a plan without a row is scored on DESIGN.md's defaults."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="scoring_settings")
    on_time = models.DecimalField(_("on-time completion points"), max_digits=5, decimal_places=2)
    progress = models.DecimalField(_("task progress points"), max_digits=5, decimal_places=2)
    reporting = models.DecimalField(_("on-time reporting points"), max_digits=5, decimal_places=2)
    indicators = models.DecimalField(_("indicator progress points"), max_digits=5, decimal_places=2)
    lead_weight = models.DecimalField(_("lead task weight"), max_digits=3, decimal_places=2)
    cooperating_weight = models.DecimalField(
        _("cooperating task weight"), max_digits=3, decimal_places=2
    )
    excellent = models.DecimalField(_("lowest excellent score"), max_digits=5, decimal_places=2)
    good = models.DecimalField(_("lowest good score"), max_digits=5, decimal_places=2)
    fair = models.DecimalField(_("lowest fair score"), max_digits=5, decimal_places=2)
    average = models.DecimalField(_("lowest average score"), max_digits=5, decimal_places=2)
    updated_at = models.DateTimeField(_("updated at"))
    updated_by = done_by()

    class Meta:
        verbose_name = _("scoring settings")
        verbose_name_plural = _("scoring settings")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(
                    on_time__gte=0,
                    progress__gte=0,
                    reporting__gte=0,
                    indicators__gte=0,
                    lead_weight__gte=0,
                    lead_weight__lte=1,
                    cooperating_weight__gte=0,
                    cooperating_weight__lte=1,
                    average__gte=0,
                    excellent__lte=100,
                ),
                name="scoring_settings_figures_in_range",
            ),
            # Two decimals each, so an exact total is a multiple of 0.01; the margin absorbs
            # the binary arithmetic of a database that adds decimals as floats (SQLite).
            models.CheckConstraint(
                condition=models.Q(
                    on_time__gte=Decimal("99.995") - _OTHER_POINTS,
                    on_time__lte=Decimal("100.005") - _OTHER_POINTS,
                ),
                name="scoring_settings_points_add_to_100",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    excellent__gt=models.F("good"),
                    good__gt=models.F("fair"),
                    fair__gt=models.F("average"),
                ),
                name="scoring_settings_bands_in_order",
            ),
        )

    def __str__(self) -> str:
        return f"{self.plan}"
