"""The coordinator's page of API tokens: make one for an agency's system or a person, see
its secret once, revoke it. Thin: the rules are theodoi.api.tokens'."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from theodoi.api import tokens
from theodoi.api.models import ApiToken
from theodoi.users import AuthenticatedRequest, User
from theodoi.workspace.views.gates import coordinator_required


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Name (which system uses it)"), max_length=tokens.NAME_LIMIT
    )
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency (a token for its system)"),
        queryset=ApiToken.objects.none(),
        required=False,
    )
    person = forms.CharField(
        label=gettext_lazy("Or a person's user name (a personal token)"),
        max_length=150,
        required=False,
    )
    writes = forms.BooleanField(
        label=gettext_lazy("May submit reports (read-write)"), required=False
    )

    def __init__(self, *args: object, who: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["agency"].queryset = tokens.agencies_in_scope(who)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object] | None:
        data = super().clean()
        if data is None or self.errors:
            return data
        if bool(data.get("agency")) == bool(data.get("person")):
            raise forms.ValidationError(_("Choose either an agency or a person, not both."))
        name = str(data.get("person") or "")
        if name:
            person = User.objects.filter(username=name).first()
            if person is None:
                self.add_error("person", _("No account is called “%(name)s”.") % {"name": name})
            data["person"] = person
        return data


def _page(request: AuthenticatedRequest, form: TokenForm, secret: str = "") -> HttpResponse:
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens.manageable_tokens(request.user), "secret": secret},
        status=400 if form.errors else 200,
    )


@coordinator_required
def token_list(request: AuthenticatedRequest) -> HttpResponse:
    return _page(request, TokenForm(who=request.user))


@coordinator_required
@require_POST
def token_create(request: AuthenticatedRequest) -> HttpResponse:
    form = TokenForm(request.POST, who=request.user)
    if not form.is_valid():
        return _page(request, form)
    data = form.cleaned_data
    now = timezone.now()
    try:
        if data["agency"] is not None:
            _token, secret = tokens.issue_integration_token(
                data["agency"], data["name"], writes=data["writes"], by=request.user, now=now
            )
        else:
            _token, secret = tokens.issue_personal_token(
                data["person"], data["name"], writes=data["writes"], by=request.user, now=now
            )
    except tokens.TokenError as refused:
        form.add_error(None, str(refused))
        return _page(request, form)
    # The secret is on this page only: it is not kept, so it cannot be shown again.
    return _page(request, TokenForm(who=request.user), secret)


@coordinator_required
@require_POST
def token_revoke(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    token = next((t for t in tokens.manageable_tokens(request.user) if t.pk == token_id), None)
    if token is None:
        raise Http404
    try:
        tokens.revoke_token(token, by=request.user, now=timezone.now())
    except tokens.TokenError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api:tokens")
