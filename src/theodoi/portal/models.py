"""What the public sends through the portal: recommendations, complaints and initiatives."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from theodoi.constraints import one_of
from theodoi.orgs.models import Organisation
from theodoi.plans.models import Plan
from theodoi.reporting.models import TaskUpdate
from theodoi.users import done_by


class FeedbackKind(models.TextChoices):
    RECOMMENDATION = "kien_nghi", _("recommendation")
    COMPLAINT = "phan_anh", _("report of a problem")
    INITIATIVE = "sang_kien", _("initiative")
    # What an agency wrote in an accepted task update, taken into the coordinator's inbox.
    DIFFICULTY = "kho_khan", _("difficulty reported by an agency")
    PROPOSAL = "de_xuat", _("proposal of an agency")


# What the public may send through the portal's form.
PUBLIC_KINDS = (FeedbackKind.RECOMMENDATION, FeedbackKind.COMPLAINT, FeedbackKind.INITIATIVE)


class FeedbackState(models.TextChoices):
    # With a context: "published" and "in progress" name other states elsewhere.
    NEW = "moi", pgettext_lazy("feedback state", "new")
    IN_PROGRESS = "dang_xu_ly", pgettext_lazy("feedback state", "in progress")
    ANSWERED = "da_tra_loi", pgettext_lazy("feedback state", "answered")
    PUBLISHED = "da_cong_khai", pgettext_lazy("feedback state", "published")


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
    # --- handling (the coordinator's inbox): routed to an agency, answered, published ---
    state = models.CharField(
        _("state"), max_length=20, choices=FeedbackState.choices, default=FeedbackState.NEW
    )
    # The accepted update a difficulty or proposal was read from; None for the public's.
    task_update = models.ForeignKey(
        TaskUpdate, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agency = models.ForeignKey(
        Organisation,
        verbose_name=_("agency answering"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answer_due = models.DateField(_("answer due by"), null=True, blank=True)
    routed_at = models.DateTimeField(null=True, blank=True)
    routed_by = done_by(blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = done_by(blank=True)
    # The question as the portal shows it: the coordinator's wording of the message, without
    # the sender's name, address or telephone, which are never published.
    public_question = models.TextField(_("question as published"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = done_by(blank=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ("-received_at",)
        constraints = (
            one_of("kind", FeedbackKind.values, name="feedback_kind_valid"),
            models.CheckConstraint(condition=~Q(message=""), name="feedback_message_not_empty"),
            one_of("state", FeedbackState.values, name="feedback_state_valid"),
            models.CheckConstraint(
                condition=Q(state=FeedbackState.NEW)
                | Q(agency__isnull=False, answer_due__isnull=False),
                name="feedback_handled_has_agency",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[FeedbackState.ANSWERED, FeedbackState.PUBLISHED])
                | ~Q(answer=""),
                name="feedback_answered_has_answer",
            ),
            models.CheckConstraint(
                condition=~Q(state=FeedbackState.PUBLISHED)
                | (~Q(public_question="") & Q(published_at__isnull=False)),
                name="feedback_published_has_question",
            ),
            models.UniqueConstraint(
                fields=["task_update", "kind"],
                condition=Q(task_update__isnull=False),
                name="feedback_once_per_update",
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_at:%d/%m/%Y}"
