"""A person's own password: changing it when signed in, and resetting a forgotten one through a
link sent by e-mail. Django's views and token machinery do the work; these add the audit entry
and a limit on how often one sender may ask for reset e-mails."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Iterator
from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.limits.counters import source_of, take
from theodoi.orgs.invitations import invitation_token
from theodoi.proxies import client_address
from theodoi.users import User

# Each reset request may send an e-mail: a sender cannot fill someone's mailbox.
RESETS_PER_HOUR = 5


class PasswordChange(auth_views.PasswordChangeView):
    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        person = self.request.user
        assert isinstance(person, User)  # PasswordChangeView is behind login_required
        record(Action.PASSWORD_CHANGED, person, by=person, now=timezone.now())
        return response


class ResetForm(PasswordResetForm):
    """Django's form, which also answers a person invited who lost the invitation before
    choosing a password (theodoi.orgs.invitations): the link lets them choose one, as the
    invitation would have. A disabled account still gets nothing."""

    def get_users(self, email: str) -> Iterator[Any]:
        # As Django's: the address typed and the one kept must be the same text, not only
        # the same to the database's case-insensitive comparison.
        typed = unicodedata.normalize("NFKC", email).casefold()
        for user in User.objects.filter(email__iexact=email, is_active=True):
            if unicodedata.normalize("NFKC", user.email).casefold() == typed:
                yield user


class PasswordReset(auth_views.PasswordResetView):
    success_url = reverse_lazy("password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    form_class = ResetForm

    def form_valid(self, form: Any) -> HttpResponse:
        sender = source_of(client_address(self.request))
        if not take(
            f"accounts.reset:{sender}",
            limit=RESETS_PER_HOUR,
            within=datetime.timedelta(hours=1),
            now=timezone.now(),
        ):
            form.add_error(
                None, _("Too many reset requests from your address; try again in an hour.")
            )
            return self.form_invalid(form)
        return super().form_valid(form)


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        record(Action.PASSWORD_RESET, form.user, by=form.user, now=timezone.now())
        return response


class InvitationAccept(auth_views.PasswordResetConfirmView):
    """The link of an invitation: the new account chooses its password, then logs in. A
    disabled account's link leads nowhere."""

    success_url = reverse_lazy("password_reset_complete")
    template_name = "registration/invitation_accept.html"
    token_generator = invitation_token

    def get_user(self, uidb64: str) -> Any:
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        record(Action.INVITATION_ACCEPTED, form.user, by=form.user, now=timezone.now())
        return response
