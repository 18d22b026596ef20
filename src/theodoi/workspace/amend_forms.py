"""The forms of a plan's amendment: they convert what the coordinator typed into the values of
``plans.amending`` and put each of its checks' messages beside its field."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.orgs.resolve import Resolver
from theodoi.plans import amendment_fields as fields
from theodoi.plans.amending import (
    Amendment,
    Figure,
    IndicatorFields,
    TaskFields,
    amendment_problems,
    indicator_problems,
    task_problems,
)
from theodoi.plans.models import Indicator, TaskGroup
from theodoi.reporting.checks import read_figure
from theodoi.workspace.reporting.forms import DateInput


def _label(name: str) -> Any:
    """The lazy label ``amendment_fields`` declares for the field (read in the request's
    language)."""
    return fields.FIELDS[name].label


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _agencies(
    name: str, *, required: bool = True, rows: int = 2, help_text: Any = None
) -> forms.CharField:
    """A field of agencies, one a line, up to the most an amendment may name."""
    return forms.CharField(
        label=_label(name),
        required=required,
        max_length=fields.MAX_AGENCIES * 100,
        widget=_text(rows),
        help_text=help_text or _("One agency per line."),
    )


class AmendmentForm(forms.Form):
    """The reason and the date every amendment states."""

    reason = forms.CharField(
        label=_("Reason of the amendment"), max_length=fields.MAX_REASON, widget=_text(2)
    )
    amended_on = forms.DateField(label=_("Date of the amendment"), widget=DateInput())

    def __init__(self, *args: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["amended_on"].initial = today

    def amendment(self) -> Amendment:
        return Amendment(self.cleaned_data["reason"], self.cleaned_data["amended_on"])

    def _place(self, problems: dict[str, str]) -> None:
        for name, problem in problems.items():
            self.add_error(name if name in self.fields else None, problem)

    def _ready(self, *names: str) -> bool:
        """Every one of these fields converted: the checks of the service can run on them."""
        return all(name in self.cleaned_data for name in names)

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        if self._ready("reason", "amended_on"):
            self._place(amendment_problems(self.amendment(), today=self.today))
        return data


class TaskForm(AmendmentForm):
    """A task's fields an amendment may change; the reason and date of the change."""

    due_text = forms.CharField(
        label=_label("due"),
        max_length=fields.MAX_DUE,
        help_text=_("A date (30/06/2026), a month (6/2026), a quarter (Quý II/2026), a year."),
    )
    lead = _agencies("lead", help_text=_("One agency per line, as the list of agencies names it."))
    cooperating = _agencies("cooperating", required=False, rows=3)
    expected_output = forms.CharField(
        label=_label("expected_output"),
        required=False,
        max_length=fields.MAX_TEXT,
        widget=_text(2),
    )
    confidential = forms.BooleanField(label=_label("confidential"), required=False)
    condition_met_on = forms.DateField(
        label=_label("condition_met_on"), required=False, widget=DateInput()
    )
    external_ids = forms.CharField(
        label=_label("external_ids"),
        required=False,
        max_length=fields.MAX_EXTERNAL_IDS * 200,
        widget=_text(2),
        help_text=_("One per line: system: identifier (he_thong_quoc_gia: NV-2025-0123)."),
    )
    field_order = [  # noqa: RUF012 (Django's own attribute)
        "due_text",
        "lead",
        "cooperating",
        "expected_output",
        "confidential",
        "condition_met_on",
        "external_ids",
        "reason",
        "amended_on",
    ]

    def __init__(
        self,
        *args: Any,
        resolver: Resolver,
        old: TaskFields | None = None,
        waits_for_condition: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.resolver, self.old, self.waits = resolver, old, waits_for_condition
        if old is not None and not self.is_bound:
            self.initial.update(
                due_text=old.due_text,
                lead="\n".join(old.lead),
                cooperating="\n".join(old.cooperating),
                expected_output=old.expected_output,
                confidential=old.confidential,
                condition_met_on=old.condition_met_on,
                external_ids=fields.external_ids_text(dict(old.external_ids)),
            )
        if not waits_for_condition:
            del self.fields["condition_met_on"]

    def clean_external_ids(self) -> tuple[tuple[str, str], ...]:
        try:
            ids = fields.parse_external_ids(self.cleaned_data["external_ids"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
        return tuple(sorted(ids.items()))

    def task_fields(self) -> TaskFields:
        data = self.cleaned_data
        return TaskFields(
            due_text=" ".join(data["due_text"].split()),
            lead=fields.split_lines(data["lead"]),
            cooperating=fields.split_lines(data["cooperating"]),
            expected_output=data["expected_output"].strip(),
            confidential=data["confidential"],
            condition_met_on=data.get("condition_met_on")
            if self.waits
            else (self.old.condition_met_on if self.old else None),
            external_ids=data["external_ids"],
        )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        needed = ("due_text", "lead", "cooperating", "expected_output", "external_ids")
        if self._ready(*needed, "confidential"):
            problems = task_problems(
                self.task_fields(),
                resolver=self.resolver,
                today=self.today,
                old=self.old,
                waits_for_condition=self.waits,
            )
            self._place(problems)
        return data


class AddTaskForm(TaskForm):
    """A task added to the plan: its wording, code and group besides a task's fields."""

    title = forms.CharField(label=_("Task"), max_length=fields.MAX_TITLE, widget=_text(3))
    code = forms.CharField(
        label=_("Code"),
        required=False,
        max_length=fields.MAX_CODE,
        help_text=_("Left empty: BS1, BS2… (bổ sung)."),
    )
    group = forms.ModelChoiceField(
        label=_("Group"), queryset=TaskGroup.objects.none(), required=False
    )
    field_order = ["title", "code", "group", *TaskForm.field_order]  # noqa: RUF012

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group_field = self.fields["group"]
        assert isinstance(group_field, forms.ModelChoiceField)
        group_field.queryset = groups
        group_field.empty_label = str(_("(outside any group)"))


class ArchiveForm(AmendmentForm):
    pass


class IndicatorForm(AmendmentForm):
    """An indicator's responsible agencies and baseline, and a figure of an official statistic
    with its source (all three or none)."""

    agencies = _agencies("agencies", required=False)
    baseline_value = forms.CharField(label=_label("baseline_value"), required=False, max_length=40)
    baseline_year = forms.IntegerField(
        label=_label("baseline_year"), required=False, min_value=1, max_value=9999
    )
    figure_value = forms.CharField(
        label=_("Figure from an official statistic"), required=False, max_length=40
    )
    figure_on = forms.DateField(label=_("Date of the figure"), required=False, widget=DateInput())
    figure_source = forms.CharField(
        label=_("Source of the figure"),
        required=False,
        max_length=fields.MAX_SOURCE,
        help_text=_("e.g. Niên giám thống kê 2025, Thống kê tỉnh"),
    )
    field_order = [  # noqa: RUF012 (Django's own attribute)
        "agencies",
        "baseline_value",
        "baseline_year",
        "figure_value",
        "figure_on",
        "figure_source",
        "reason",
        "amended_on",
    ]

    def __init__(self, *args: Any, indicator: Indicator, resolver: Resolver, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicator, self.resolver = indicator, resolver
        if not self.is_bound:
            self.initial.update(
                agencies="\n".join(a.name for a in indicator.agencies.order_by("position", "pk")),
                baseline_value=fields.shown_number(indicator.baseline_value)
                if indicator.baseline_value is not None
                else "",
                baseline_year=indicator.baseline_year,
            )

    @staticmethod
    def _number(text: str) -> float | None:
        if not text.strip():
            return None
        figure = read_figure(text)
        if figure is None:
            raise forms.ValidationError(
                _("“%(value)s” is not a number; write it like 1.234,5.") % {"value": text}
            )
        return figure

    def clean_baseline_value(self) -> float | None:
        return self._number(self.cleaned_data["baseline_value"])

    def clean_figure_value(self) -> float | None:
        return self._number(self.cleaned_data["figure_value"])

    def indicator_fields(self) -> IndicatorFields:
        data = self.cleaned_data
        return IndicatorFields(
            agencies=fields.split_lines(data["agencies"]),
            baseline_value=data["baseline_value"],
            baseline_year=data["baseline_year"],
        )

    def figure(self) -> Figure | None:
        data = self.cleaned_data
        if data.get("figure_value") is None:
            return None
        return Figure(data["figure_value"], data.get("figure_on"), data["figure_source"])

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        if not self._ready("agencies", "baseline_value", "baseline_year", "figure_value"):
            return data
        if self.figure() is None and (data.get("figure_on") or data.get("figure_source")):
            self.add_error(
                "figure_value", _("give the figure, or leave its date and source empty.")
            )
            return data
        self._place(
            indicator_problems(
                self.indicator_fields(),
                self.figure(),
                indicator=self.indicator,
                resolver=self.resolver,
                today=self.today,
            )
        )
        return data


class WithdrawForm(AmendmentForm):
    pass
