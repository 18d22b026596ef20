"""The directive's forms: they convert and bound; the rules are ``theodoi.directives``'."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.directives.models import TEXT_LENGTH
from theodoi.orgs.models import Organisation
from theodoi.plans.models import Task
from theodoi.workspace.picking import task_label
from theodoi.workspace.reporting.forms import DateInput


class DirectiveForm(forms.Form):
    # Any task or organisation converts, so a forged or foreign one reaches the service,
    # which names it in its refusal; the lists offer the plan's.
    # The task chosen and those found are offered (workspace/picking.py), never the plan's all.
    task = forms.ModelChoiceField(
        label=_("On the task"),
        queryset=Task.objects.all(),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Leave empty for a directive on the agency's work in the plan."),
        error_messages={"invalid_choice": _("Task: there is no such task.")},
    )
    # The agencies chosen and found are offered (workspace/picking.py), never the plan's all.
    agency = forms.ModelChoiceField(
        label=_("Agency that answers"),
        queryset=Organisation.objects.all(),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Leave empty to direct the task's lead agency."),
        error_messages={"invalid_choice": _("Agency: there is no such agency.")},
    )
    text = forms.CharField(
        label=_("Instruction"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_LENGTH,
        error_messages={"required": _("Instruction: write the text; it is empty.")},
    )
    due = forms.DateField(
        label=_("Answer due by"),
        widget=DateInput(),
        error_messages={"required": _("Answer due by: give the day.")},
    )

    def offer(self, tasks: Iterable[tuple[Task, bool]], agencies: Iterable[Organisation]) -> None:
        """The choices shown: the tasks offered (red ones marked) and the agencies offered."""
        red = _("red")
        self.fields["task"].widget.choices = [("", _("No task: the agency's work in the plan"))] + [
            (task.pk, task_label(task) + (f" ({red})" if late else "")) for task, late in tasks
        ]
        self.fields["agency"].widget.choices = [("", _("The task's lead agency"))] + [
            (agency.pk, str(agency)) for agency in agencies
        ]


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_LENGTH,
        error_messages={"required": _("Answer: write the answer; it is empty.")},
    )
