"""Tokens that let an agency's own software, or a person's script, call the API."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from theodoi.constraints import one_of


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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
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
