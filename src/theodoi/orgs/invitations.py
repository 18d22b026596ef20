"""The invitation a new account gets by e-mail: a link to choose a password, made with Django's
password-reset token machinery under a salt of its own (a reset link is not an invitation and
the other way), valid for :data:`INVITATION_DAYS`, used once (choosing the password changes
what the token is made from)."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

from theodoi.orgs.models import Membership
from theodoi.users import User

logger = logging.getLogger(__name__)

# An official may be away for a week or two; the coordinator can send the link again.
INVITATION_DAYS = 14


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "theodoi.orgs.invitations.InvitationTokenGenerator"

    def check_token(self, user: User | None, token: str | None) -> bool:
        """Django's check, with the invitation's validity instead of PASSWORD_RESET_TIMEOUT."""
        if not (user and token):
            return False
        timestamp, _dash, _hash = token.partition("-")
        try:
            made = base36_to_int(timestamp)
        except ValueError:
            return False
        secrets = [self.secret, *self.secret_fallbacks]
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, made, secret), token)
            for secret in secrets
        ):
            return False
        age = self._num_seconds(self._now()) - made
        return 0 <= age <= INVITATION_DAYS * 24 * 3600


invitation_token = InvitationTokenGenerator()


def invitation_link(user: User, base_url: str) -> str:
    """The link that lets ``user`` choose a password; ``base_url`` is the site's address."""
    path = reverse(
        "invitation_accept",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token.make_token(user),
        },
    )
    return f"{base_url.rstrip('/')}{path}"


def invitation_message(user: User, *, base_url: str) -> EmailMessage:
    membership = Membership.objects.filter(user=user).select_related("organisation").first()
    context = {
        "person": user,
        "name": user.get_full_name() or user.get_username(),
        "username": user.get_username(),
        "role": membership.get_role_display() if membership else "",
        "organisation": membership.organisation if membership else None,
        "link": invitation_link(user, base_url),
        "days": INVITATION_DAYS,
        "site": base_url.rstrip("/"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("orgs/invitation_subject.txt", context).strip()
        body = render_to_string("orgs/invitation_email.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[user.email])


def send_invitations(users: Iterable[User], *, base_url: str) -> int:
    """Send each person its invitation over one connection; how many were sent. Run after
    the accounts are committed: a mail server that refuses them leaves the accounts in place
    (the coordinator sends the invitations again from the list) and is logged, not raised."""
    messages = [invitation_message(user, base_url=base_url) for user in users if user.email]
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except (OSError, smtplib.SMTPException):
        logger.exception("Invitations not sent to %s", ", ".join(m.to[0] for m in messages))
        return 0
