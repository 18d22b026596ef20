"""Notices to people (reminders, warnings, returns, the coordinator's digest) and how each
person wants them: the notices list always, e-mail per kind."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from theodoi.constraints import one_of


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", _("deadline reminder")
    OVERDUE = "overdue", _("overdue task")
    RETURNED = "returned", _("returned update")
    DIGEST = "digest", _("morning digest")
    ROUND = "round", _("reporting round opened or reopened")


class Notice(models.Model):
    """One notice for one person about one event. ``key`` names the event
    (``reminder:{round}:{org}:{days}:{user}``): the database refuses a second row for it, so
    however many times or workers plan it, it exists and is sent once."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notices"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    key = models.CharField(_("event"), max_length=200, unique=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    # Where the notice leads in the workspace (a task's form, a plan page), blank when nowhere.
    link = models.CharField(_("link"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"))
    # A worker holds the notice until this moment while it sends it; a worker that died
    # holding it lets another take it over once the moment has passed.
    claimed_until = models.DateTimeField(null=True, blank=True)
    # How many times a worker took the notice to send it: above 1, the mail server may have
    # received it before (a worker killed between its acceptance and ``sent_at``).
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Delivery finished (e-mailed, or not e-mailed by the person's choice).
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    emailed = models.BooleanField(_("sent by e-mail"), default=False)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ("-created", "-id")
        indexes = (
            models.Index(
                fields=["recipient", "read_at"], name="notice_unread", condition=Q(read_at=None)
            ),
            models.Index(fields=["sent_at"], name="notice_unsent", condition=Q(sent_at=None)),
        )
        constraints = (one_of("kind", NoticeKind.values, name="notice_kind_valid"),)

    def __str__(self) -> str:
        return self.subject


class NoticePreference(models.Model):
    """Whether a person gets one kind of notice by e-mail; without a row, they do."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    email = models.BooleanField(_("by e-mail"), default=True)

    class Meta:
        verbose_name = _("notice preference")
        verbose_name_plural = _("notice preferences")
        constraints = (
            models.UniqueConstraint(fields=["user", "kind"], name="notice_preference_unique"),
            one_of("kind", NoticeKind.values, name="notice_preference_kind_valid"),
        )

    def __str__(self) -> str:
        return f"{self.user} - {self.kind}"
