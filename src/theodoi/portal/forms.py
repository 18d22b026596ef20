from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.plans.models import Plan, PlanStatus
from theodoi.portal.feedback import MAX_LENGTH
from theodoi.portal.models import PUBLIC_KINDS


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[(kind.value, kind.label) for kind in PUBLIC_KINDS]
    )
    plan = forms.ModelChoiceField(
        label=_("About the plan"),
        queryset=Plan.objects.filter(status=PlanStatus.PUBLISHED),
        required=False,
        empty_label=_("(no particular plan)"),
    )
    message = forms.CharField(label=_("Message"), widget=forms.Textarea, max_length=MAX_LENGTH)
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    contact = forms.CharField(
        label=_("E-mail or telephone, if you want an answer (optional)"),
        max_length=200,
        required=False,
    )
