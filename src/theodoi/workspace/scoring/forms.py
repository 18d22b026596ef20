"""The scoring settings form: one field per setting of ``evaluation.weights.SETTINGS``, checked
by the rules' own ``settings_problems`` so each message stands by its field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.evaluation.weights import SETTINGS, Kind, settings_problems
from theodoi.snapshots.ranking import REASON_MAX


class ScoringSettingsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for setting in SETTINGS:
            weight = setting.kind is Kind.WEIGHT
            self.fields[setting.name] = forms.DecimalField(
                label=setting.label,
                max_digits=3 if weight else 5,
                decimal_places=2,
                step_size=None,
                widget=forms.NumberInput(attrs={"step": "0.01" if weight else "0.5"}),
            )

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields under their headings: points, role weights, bands."""
        headings = {
            Kind.POINTS: _("Points of each component (they add up to 100)"),
            Kind.WEIGHT: _("Weight of a task by the agency's role"),
            Kind.BAND: _("Lowest score of each band"),
        }
        return [
            (str(headings[kind]), [self[s.name] for s in SETTINGS if s.kind is kind])
            for kind in Kind
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        problems = settings_problems({s.name: float(cleaned[s.name]) for s in SETTINGS})
        for name, message in problems.items():
            self.add_error(name, message)
        return cleaned

    def values(self) -> dict[str, float]:
        return {s.name: float(self.cleaned_data[s.name]) for s in SETTINGS}


def initial_of(values: dict[str, float]) -> dict[str, int | Decimal]:
    """Figures as the form shows them: 40, not 40.00."""
    return {
        name: int(value) if float(value).is_integer() else Decimal(str(value))
        for name, value in values.items()
    }


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
