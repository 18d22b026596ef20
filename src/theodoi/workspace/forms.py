"""Forms of the workspace: they convert what a person typed; the services decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from theodoi.orgs.models import Organisation, OrganisationKind
from theodoi.plans.importing import Correction
from theodoi.plans.uploads import ACCEPTED


class UploadForm(forms.Form):
    document = forms.FileField(
        label=_("Plan document"),
        help_text=_("The plan as issued: a .docx, .pdf, .txt or .html file."),
        error_messages={"required": _("Choose the plan document to upload.")},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED)}),
    )


class CellForm(forms.Form):
    """One corrected cell of the import preview (``table`` and ``field`` as in Correction)."""

    table = forms.ChoiceField(
        choices=[("document", "document"), ("tasks", "tasks"), ("indicators", "indicators")],
        widget=forms.HiddenInput,
    )
    row = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    field = forms.CharField(max_length=40, widget=forms.HiddenInput)
    value = forms.CharField(required=False, strip=False, widget=forms.Textarea(attrs={"rows": 4}))

    def correction(self) -> Correction:
        data = self.cleaned_data
        return Correction(
            table=data["table"], row=data["row"], field=data["field"], value=data["value"]
        )


def mapping_choices(
    province: Organisation | None, *, as_of: datetime.date
) -> QuerySet[Organisation]:
    """The bodies a name in a plan of ``province`` may stand for: the province itself and its
    bodies (and those of the province it was merged into), and the national bodies."""
    national = Q(parent__isnull=True) & ~Q(kind=OrganisationKind.PROVINCE)
    if province is None:
        scope = national
    else:
        provinces = {province.pk, province.current(as_of).pk}
        scope = national | Q(pk__in=provinces) | Q(parent_id__in=provinces)
    return Organisation.objects.filter(scope, active=True).select_related("parent").order_by("name")


class AgencyMappingForm(forms.Form):
    name = forms.CharField(max_length=500, widget=forms.HiddenInput)
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Organisation"),
        empty_label=_("— choose the organisation —"),
        error_messages={
            "required": _("Choose the organisation this name stands for."),
            "invalid_choice": _("The chosen organisation is not among those offered."),
        },
    )

    def __init__(self, *args: Any, choices: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = choices


class PublishForm(forms.Form):
    confirm_empty = forms.BooleanField(
        required=False,
        label=_("I have checked: this document has no task or indicator, publish it anyway."),
    )
