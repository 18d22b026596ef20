"""The audit page's filters: plan, agency, person, action and dates, each bounded, from the
query string."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from theodoi.audit.actions import Action
from theodoi.orgs.models import Membership, Organisation
from theodoi.plans.models import PLAN_DOCUMENTS, Plan
from theodoi.reporting.access import persona
from theodoi.users import AnyUser
from theodoi.workspace.auditlog.scope import Filters
from theodoi.workspace.reporting.forms import DateInput

PERSON_MAX = 100


class AuditFilterForm(forms.Form):
    plan = forms.ModelChoiceField(
        label=_("Plan"), queryset=Plan.objects.none(), required=False, empty_label=_("All plans")
    )
    agency = forms.TypedChoiceField(label=_("Agency"), coerce=int, required=False, empty_value=None)
    person = forms.CharField(
        label=_("Person (name, account or e-mail)"), max_length=PERSON_MAX, required=False
    )
    action = forms.ChoiceField(label=pgettext_lazy("audit", "Action"), required=False)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args: Any, who: AnyUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope_ids = persona(who).scope_ids
        plans = Plan.objects.defer(*PLAN_DOCUMENTS).order_by("-issued_on", "pk")
        members = Membership.objects.filter(organisation__isnull=False)
        if scope_ids is not None:
            plans = plans.filter(province_id__in=scope_ids)
            members = members.filter(scope_id__in=scope_ids)
        plan_field = self.fields["plan"]
        assert isinstance(plan_field, forms.ModelChoiceField)
        plan_field.queryset = plans
        agencies = Organisation.objects.filter(pk__in=members.values("organisation_id"))
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.ChoiceField)
        agency_field.choices = [
            ("", _("All agencies")),
            *sorted(agencies.values_list("pk", "name"), key=lambda c: c[1]),
        ]
        action_field = self.fields["action"]
        assert isinstance(action_field, forms.ChoiceField)
        action_field.choices = [
            ("", _("All actions")),
            *sorted(((a.value, str(a.label)) for a in Action), key=lambda c: c[1]),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("To: the last day is before the first day."))
        return cleaned

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            plan=data.get("plan"),
            agency=data.get("agency"),
            person=(data.get("person") or "").strip(),
            action=data.get("action") or "",
            start=data.get("start"),
            end=data.get("end"),
        )
