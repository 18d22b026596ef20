"""Tokens that let an agency's own software, or a person's script, call the API."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from theodoi.constraints import one_of
from theodoi.users import done_by


class TokenKind(models.TextChoices):
    # A person's own, acting as that person in the membership they hold.
    PERSONAL = "personal", _("personal")
    # An agency's system: it acts as the agency's integration account (a reporter of it).
    INTEGRATION = "integration", _("integration")


class ApiToken(models.Model):
    """Only the SHA-256 of the secret is kept; the secret is shown once, when it is made.
    ``prefix`` (the secret's first characters) names the token in lists and logs."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TokenKind.choices)
    name = models.CharField(_("name"), max_length=200)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    writes = models.BooleanField(_("may write"), default=False)
    created_at = models.DateTimeField(_("created at"))
    created_by = done_by()
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ("-created_at",)
        constraints = (
            one_of("kind", TokenKind.values, name="api_token_kind_valid"),
            models.CheckConstraint(condition=~Q(name=""), name="api_token_has_name"),
        )

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.user.is_active


class WebhookEvent(models.TextChoices):
    UPDATE_ACCEPTED = "update.accepted", _("a task update or a figure is accepted")
    ROUND_CLOSED = "round.closed", _("a reporting round closes")
    RANKING_PUBLISHED = "ranking.published", _("the ranking is published")


class WebhookSubscription(models.Model):
    """Another system to tell, by a signed POST, when something happens to a plan. The secret
    signs each body (HMAC-SHA256), so it is kept as it is: the receiver holds the same."""

    plan = models.ForeignKey(
        "plans.Plan", on_delete=models.CASCADE, related_name="webhook_subscriptions"
    )
    url = models.URLField(_("address"), max_length=500)
    secret = models.CharField(max_length=100)
    events = models.JSONField(_("events"), default=list)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = done_by()

    class Meta:
        verbose_name = _("webhook subscription")
        verbose_name_plural = _("webhook subscriptions")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return self.url

    @property
    def event_labels(self) -> list[str]:
        return [str(WebhookEvent(event).label) for event in self.events]


class WebhookDelivery(models.Model):
    """One event for one subscriber: made once (``key`` is the event's own identity), tried
    until the receiver answers 2xx or the retries run out; every try is counted."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    key = models.CharField(max_length=120)
    payload = models.JSONField()
    created_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ("-created_at",)
        constraints = (
            models.UniqueConstraint(fields=["subscription", "key"], name="webhook_delivery_once"),
            one_of("event", WebhookEvent.values, name="webhook_delivery_event_valid"),
        )

    def __str__(self) -> str:
        return f"{self.event} → {self.subscription}"
