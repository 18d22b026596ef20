"""What the public sends through the portal: recommendations, complaints and initiatives."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from theodoi.constraints import one_of
from theodoi.plans.models import Plan


class FeedbackKind(models.TextChoices):
    RECOMMENDATION = "kien_nghi", _("recommendation")
    COMPLAINT = "phan_anh", _("report of a problem")
    INITIATIVE = "sang_kien", _("initiative")


class Feedback(models.Model):
    """Kiến nghị, phản ánh, sáng kiến: kept for the coordinating agency to read."""

    kind = models.CharField(_("kind"), max_length=20, choices=FeedbackKind.choices)
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    contact = models.CharField(_("e-mail or telephone"), max_length=200, blank=True)
    message = models.TextField(_("message"))
    # A keyed hash of the sender's address: enough to limit how often one sender writes,
    # without keeping the address itself.
    source = models.CharField(max_length=64, db_index=True)
    received_at = models.DateTimeField(_("received at"), db_index=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ("-received_at",)
        constraints = (
            one_of("kind", FeedbackKind.values, name="feedback_kind_valid"),
            models.CheckConstraint(condition=~Q(message=""), name="feedback_message_not_empty"),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_at:%d/%m/%Y}"
