"""Forms of the reporting pages: they convert what a person typed; the services decide."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any, TypedDict, cast

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from theodoi.orgs.models import Organisation
from theodoi.reporting.checks import read_figure
from theodoi.reporting.fields import UPDATE_FIELDS, Kind, UpdateContent, UpdateField
from theodoi.reporting.models import STATUS_CHOICES
from theodoi.reporting.updates import content_problems

DATE_ERRORS = {"invalid": _("Enter a valid date.")}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def start_of(day: datetime.date) -> datetime.datetime:
    """00:00 of ``day`` where the province is: "before 1/6" locks as 1/6 begins."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class RoundDates(TypedDict):
    """A round's title, period, data cut-off and reminder days, as the services take them."""

    title: str
    period_start: datetime.date
    period_end: datetime.date
    cut_off: datetime.date
    reminder_days: list[int]


class RoundDatesForm(forms.Form):
    """The dates of a round as opening it and correcting them read them; each form declares
    its own fields."""

    def clean_reminder_days(self) -> list[int]:
        raw = self.cleaned_data["reminder_days"]
        try:
            return [int(part) for part in raw.replace(";", ",").split(",") if part.strip()]
        except ValueError as exc:
            raise forms.ValidationError(
                _("Write whole numbers of days separated by commas, e.g. 7, 3, 1.")
            ) from exc

    def dates(self) -> RoundDates:
        return cast(
            RoundDates, {name: self.cleaned_data[name] for name in RoundDates.__required_keys__}
        )


class OpenRoundForm(RoundDatesForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    period_start = forms.DateField(label=_("Period from"), widget=DateInput())
    period_end = forms.DateField(label=_("Period to"), widget=DateInput())
    cut_off = forms.DateField(label=_("Data cut-off"), widget=DateInput())
    deadline = forms.DateField(
        label=_("Reports due before"),
        help_text=_("The round locks as this day begins."),
        widget=DateInput(),
    )
    reminder_days = forms.CharField(
        label=_("Reminders (days before the deadline)"), initial="7, 3, 1", max_length=40
    )


def _status_field(field: UpdateField) -> forms.Field:
    return forms.ChoiceField(label=_(field.label), choices=STATUS_CHOICES)


def _percent_field(field: UpdateField) -> forms.Field:
    return forms.IntegerField(
        label=_(field.label),
        min_value=0,
        max_value=100,
        error_messages={
            "min_value": _("Progress is at least %(limit_value)s%%."),
            "max_value": _("Progress is at most %(limit_value)s%%."),
            "required": _("Enter the progress, 0 to 100%."),
        },
    )


def _date_field(field: UpdateField) -> forms.Field:
    return forms.DateField(label=_(field.label), required=field.required, widget=DateInput())


def _text_field(field: UpdateField) -> forms.Field:
    return forms.CharField(
        label=_(field.label),
        required=field.required,
        widget=forms.Textarea(attrs={"rows": field.rows}),
    )


FORM_FIELDS: dict[Kind, Callable[[UpdateField], forms.Field]] = {
    Kind.STATUS: _status_field,
    Kind.PERCENT: _percent_field,
    Kind.DATE: _date_field,
    Kind.TEXT: _text_field,
}


class TaskUpdateForm(forms.Form):
    """One input per declared field of an update (reporting.fields), in their order."""

    based_on = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in UPDATE_FIELDS:
            self.fields[field.name] = FORM_FIELDS[field.kind](field)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        if not self.errors:
            # The service's own rules, here so that each message stands by its field.
            for problem in content_problems(self.content(), today=timezone.localdate()):
                self.add_error(problem.field, problem.message)
        return data

    def content(self) -> UpdateContent:
        return UpdateContent(
            **{field.name: self.cleaned_data[field.name] for field in UPDATE_FIELDS}
        )


class Figure(TypedDict):
    """A figure as ``record_indicator_value`` takes it, from the form's fields of its names."""

    value: float
    measured_on: datetime.date
    note: str
    source: str
    confirmed: bool
    based_on: int


class FigureForm(forms.Form):
    value = forms.CharField(label=_("Value"), max_length=40)
    measured_on = forms.DateField(label=_("Date of the figure"), widget=DateInput())
    source = forms.CharField(label=_("Source"), required=False, max_length=300)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)
    confirmed = forms.BooleanField(label=_("I confirm this figure"), required=False)
    based_on = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The page carries what each field showed, so a figure the reporter left alone is
        # told from one she changed, whatever was saved meanwhile.
        for field in self.fields.values():
            field.show_hidden_initial = True

    def figure(self) -> Figure:
        """The figure as ``record_indicator_value`` takes it."""
        return cast(Figure, {name: self.cleaned_data[name] for name in Figure.__required_keys__})

    def clean_value(self) -> float:
        figure = read_figure(self.cleaned_data["value"])
        if figure is None:
            raise forms.ValidationError(
                _("“%(value)s” is not a number; write it like 1.234,5.")
                % {"value": self.cleaned_data["value"]}
            )
        return figure


class EvidenceForm(forms.Form):
    """The file input of a task's form: a file chosen goes in with whichever button is pressed."""

    file = forms.FileField(
        label=_("Evidence file"),
        help_text=_("PDF, Word, Excel, OpenDocument, JPEG or PNG."),
        required=False,
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for return"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason for returning the report.")},
    )


class ReopeningForm(forms.Form):
    """A round reopened for agencies chosen among ``organisations`` (in the field named
    by ``agency_field``), until the end of the day ``until``."""

    agency_field = "organisation"

    until = forms.DateField(
        label=_("Open until (end of day)"),
        widget=DateInput(),
        error_messages={**DATE_ERRORS, "required": _("Give the day the reopening lasts until.")},
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[self.agency_field].queryset = organisations  # type: ignore[attr-defined]

    def until_moment(self) -> datetime.datetime:
        return start_of(self.cleaned_data["until"] + datetime.timedelta(days=1))


def reopening_agencies(
    field: type[forms.ModelChoiceField[Organisation]],
    label: StrOrPromise,
    widget: type[forms.Widget],
    required: StrOrPromise,
) -> forms.ModelChoiceField[Organisation]:
    """A reopening form's choice of agencies, among those it lists: the agencies chosen and
    found (workspace/picking.py), so that any other id was forged and is refused by its id."""
    return field(
        label=label,
        queryset=Organisation.objects.none(),
        widget=widget,
        error_messages={
            "required": required,
            "invalid_choice": format_lazy(
                _(
                    "{field}: the chosen agency (id %(value)s) is not named on any task or "
                    "indicator of this plan; choose among the plan's agencies."
                ),
                field=label,
            ),
        },
    )


class ReopenForm(ReopeningForm):
    """The round reopened for one agency (the review page's)."""

    organisation = reopening_agencies(
        forms.ModelChoiceField,
        _("Agency"),
        forms.RadioSelect,
        _("Choose the agency to reopen the round for."),
    )


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label=_("Filled workbook (.xlsx)"),
        error_messages={"required": _("Choose the workbook to upload.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_workbook(self) -> Any:
        workbook = self.cleaned_data["workbook"]
        limit = settings.THEODOI_MAX_UPLOAD_BYTES
        if workbook.size > limit:
            raise forms.ValidationError(
                _("The workbook is larger than %(limit)s MB.") % {"limit": limit // 1024 // 1024}
            )
        return workbook
