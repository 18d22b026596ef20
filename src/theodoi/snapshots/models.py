"""A plan's evaluation results at a date, and the rankings the coordinator made public."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from theodoi.plans.models import Plan


class PlanSnapshot(models.Model):
    """Everything the rules say about a plan on ``as_of``, as computed from the accepted
    records (``snapshots.evaluate``). One row per plan and date; a rebuild replaces it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="snapshots")
    as_of = models.DateField(_("as of"))
    computed_at = models.DateTimeField(_("computed at"))
    # sha256 of ``results``: pages key their cache on it, so a changed result is a new key.
    digest = models.CharField(max_length=64)
    results = models.JSONField(_("results"))

    class Meta:
        verbose_name = _("evaluation snapshot")
        verbose_name_plural = _("evaluation snapshots")
        ordering = ("plan", "-as_of")
        constraints = (
            models.UniqueConstraint(fields=["plan", "as_of"], name="snapshot_one_per_plan_date"),
        )

    def __str__(self) -> str:
        return f"{self.plan} @ {self.as_of:%d/%m/%Y}"


class RankingPublication(models.Model):
    """A ranking the coordinator made public: a copy of it, so what was published stays as it
    was published whatever later rebuilds compute."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="ranking_publications")
    as_of = models.DateField(_("as of"))
    period = models.CharField(_("period"), max_length=200)
    ranking = models.JSONField(_("ranking"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("published ranking")
        verbose_name_plural = _("published rankings")
        ordering = ("plan", "-published_at")

    def __str__(self) -> str:
        return f"{self.plan} - {self.period}"
