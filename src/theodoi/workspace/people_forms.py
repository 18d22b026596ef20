"""The forms of the accounts pages: one person, a list of people, a role, one's own name and
address. They convert; theodoi.orgs.accounts decides."""

from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise

from theodoi.orgs.accounts import GRANTABLE
from theodoi.orgs.people_list import (
    MAX_AGENCY,
    MAX_EMAIL,
    MAX_NAME,
    email_problem,
    normal_email,
    text_of,
)
from theodoi.orgs.search import MAX_QUERY

ROLE_CHOICES = [(role.value, capfirst(role.label)) for role in GRANTABLE]


def _email(value: str) -> str:
    address = normal_email(value)
    problem = email_problem(address)
    if problem:
        raise forms.ValidationError(capfirst(problem))
    return address


def _name_field(required: StrOrPromise) -> forms.CharField:
    return forms.CharField(
        label=_("Full name"), max_length=MAX_NAME, error_messages={"required": required}
    )


def _email_field(required: StrOrPromise, autocomplete: str) -> forms.CharField:
    return forms.CharField(
        label=_("E-mail"),
        max_length=MAX_EMAIL,
        error_messages={"required": required},
        widget=forms.TextInput(attrs={"inputmode": "email", "autocomplete": autocomplete}),
    )


def _role_field() -> forms.ChoiceField:
    """The role chosen when an account is made and when it is changed: one list, one message."""
    return forms.ChoiceField(
        label=_("Role"),
        choices=ROLE_CHOICES,
        error_messages={
            "required": _("Choose a role."),
            "invalid_choice": _("Choose a role of the list."),
        },
    )


class PersonForm(forms.Form):
    name = _name_field(_("Write the person's full name."))
    email = _email_field(_("Write the person's e-mail address."), autocomplete="off")
    agency = forms.CharField(
        label=pgettext_lazy("account", "Agency"),
        max_length=MAX_AGENCY,
        help_text=_("Any of its names: Sở KH&CN, Sở Thông tin và Truyền thông (its former name)…"),
        error_messages={"required": _("Write the person's agency.")},
        widget=forms.TextInput(attrs={"list": "agency-names", "autocomplete": "off"}),
    )
    role = _role_field()

    def clean_name(self) -> str:
        return text_of(self.cleaned_data["name"])

    def clean_email(self) -> str:
        return _email(self.cleaned_data["email"])

    def clean_agency(self) -> str:
        return text_of(self.cleaned_data["agency"])


class PeopleListForm(forms.Form):
    people = forms.FileField(
        label=_("List of people (.xlsx)"),
        error_messages={"required": _("Choose the Excel file of the list.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class RoleForm(forms.Form):
    role = _role_field()


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Find an account"), required=False, max_length=MAX_QUERY)


class ProfileForm(forms.Form):
    name = _name_field(_("Write your name."))
    email = _email_field(_("Write your e-mail address."), autocomplete="email")

    def clean_email(self) -> str:
        return _email(self.cleaned_data["email"])
