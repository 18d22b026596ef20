"""Forms of a round's changes and of deadline extensions: they convert what a person typed;
``theodoi.reporting.round_changes`` and ``theodoi.reporting.extensions`` decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.reporting.extensions import COMMENT_MAX, REASON_MAX
from theodoi.reporting.round_changes import CHOSEN_MAX, TITLE_MAX
from theodoi.workspace.reporting.forms import (
    DATE_ERRORS,
    DateInput,
    ReopeningForm,
    RoundDatesForm,
    reopening_agencies,
    start_of,
)


class EditRoundForm(RoundDatesForm):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    period_start = forms.DateField(
        label=_("Period from"), widget=DateInput(), error_messages=DATE_ERRORS
    )
    period_end = forms.DateField(
        label=_("Period to"), widget=DateInput(), error_messages=DATE_ERRORS
    )
    cut_off = forms.DateField(
        label=_("Data cut-off"), widget=DateInput(), error_messages=DATE_ERRORS
    )
    reminder_days = forms.CharField(label=_("Reminders (days before the deadline)"), max_length=40)


class ExtendRoundForm(forms.Form):
    deadline = forms.DateField(
        label=_("New deadline: reports due before"),
        help_text=_("The round locks as this day begins."),
        widget=DateInput(),
        error_messages={**DATE_ERRORS, "required": _("Give the new deadline.")},
    )

    def deadline_moment(self) -> datetime.datetime:
        return start_of(self.cleaned_data["deadline"])


class ReopenAgenciesForm(ReopeningForm):
    """The round reopened for several agencies at once, until the end of a day."""

    agency_field = "organisations"

    organisations = reopening_agencies(
        forms.ModelMultipleChoiceField,
        _("Agencies"),
        forms.CheckboxSelectMultiple,
        _("Choose at least one agency to reopen the round for."),
    )


class AdHocRoundForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    reason = forms.CharField(
        label=_("Requested by, and why"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    deadline = forms.DateField(
        label=_("Reports due before"),
        help_text=_("The round locks as this day begins."),
        widget=DateInput(),
        error_messages={**DATE_ERRORS, "required": _("Give the deadline of the round.")},
    )
    tasks = forms.TypedMultipleChoiceField(
        label=_("Tasks to report on"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to ask the chosen agencies about all their tasks."),
        # The form lists only the tasks chosen and found; any other id was forged.
        error_messages={
            "invalid_choice": _(
                "Tasks to report on: the chosen task (id %(value)s) is not a live task of this "
                "plan; choose among the plan's tasks."
            )
        },
    )
    organisations = forms.TypedMultipleChoiceField(
        label=_("Agencies that report"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty to ask every agency named on the chosen tasks."),
        # The form lists only the agencies chosen and found; any other id was forged.
        error_messages={
            "invalid_choice": _(
                "Agencies that report: the chosen agency (id %(value)s) is not named on any "
                "task of this plan; choose among the plan's agencies."
            )
        },
    )

    def __init__(
        self,
        *args: Any,
        tasks: list[tuple[int, str]],
        organisations: list[tuple[int, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tasks"].choices = tasks  # type: ignore[attr-defined]
        self.fields["organisations"].choices = organisations  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if len(data.get("tasks", [])) > CHOSEN_MAX:
            self.add_error("tasks", _("Too many tasks chosen."))
        return data

    def deadline_moment(self) -> datetime.datetime:
        return start_of(self.cleaned_data["deadline"])


class ExtensionRequestForm(forms.Form):
    proposed_on = forms.DateField(
        label=_("Proposed new deadline"),
        widget=DateInput(),
        error_messages={**DATE_ERRORS, "required": _("Give the proposed deadline.")},
    )
    reason = forms.CharField(
        label=_("Reason for the extension"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for the extension.")},
    )


class ExtensionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=(("grant", _("Grant")), ("refuse", _("Refuse"))),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose to grant or to refuse the extension.")},
    )
    granted_on = forms.DateField(
        label=_("Granted deadline"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty to grant the day asked for."),
        error_messages=DATE_ERRORS,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
