"""The inbox's forms: each converts and bounds its fields; the rules are the services'."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.orgs.models import Organisation
from theodoi.portal.handling import ANSWER_LENGTH
from theodoi.workspace.reporting.forms import DateInput


class RouteForm(forms.Form):
    # Any organisation converts, so a forged or foreign one reaches the service, which
    # names it in its refusal; the list offers the plan's agencies.
    agency = forms.ModelChoiceField(
        label=_("Agency to answer"),
        queryset=Organisation.objects.all(),
        error_messages={
            "required": _("Agency: choose the agency that answers."),
            "invalid_choice": _("Agency: there is no such agency."),
        },
    )
    due = forms.DateField(
        label=_("Answer due by"),
        widget=DateInput(),
        error_messages={"required": _("Answer due by: give the day.")},
    )

    def __init__(self, *args: Any, agencies: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        if agencies is not None:
            field.widget.choices = [("", "---------")] + [(a.pk, str(a)) for a in agencies]


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=ANSWER_LENGTH,
        strip=True,
        error_messages={"required": _("Answer: write the answer; it is empty.")},
    )


class PublishForm(forms.Form):
    question = forms.CharField(
        label=_("Question as the portal shows it"),
        help_text=_("Without the sender's name, e-mail or telephone: they are never published."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=ANSWER_LENGTH,
        error_messages={"required": _("Question as published: write the question; it is empty.")},
    )
