"""Forms of the workspace: they convert what a person typed; the services decide."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from theodoi.ingest.prose import ProseParagraph
from theodoi.orgs.models import Organisation, OrganisationKind
from theodoi.plans.corrections import Correction
from theodoi.plans.edits import Edit
from theodoi.plans.restructure import (
    AddEntry,
    DeleteEntry,
    MergeEntries,
    SplitEntry,
    TasksFromParagraphs,
    merges_of,
)
from theodoi.plans.uploads import ACCEPTED

_TABLES = [("tasks", "tasks"), ("indicators", "indicators")]


class UploadForm(forms.Form):
    document = forms.FileField(
        label=_("Plan document"),
        help_text=_("The plan as issued: a .docx, .doc, .rtf, .odt, .pdf, .txt or .html file."),
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
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = choices


class PublishForm(forms.Form):
    # Sent only by the confirmation page's button: the preview's "Publish" leads there first.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
    confirm_empty = forms.BooleanField(
        required=False,
        label=_("I have checked: this document has no task or indicator, publish it anyway."),
    )
    confirm_amendments = forms.BooleanField(
        required=False,
        label=_(
            "I have checked the differences: this version replaces the amendments made since "
            "the plan was published."
        ),
    )


class RowForm(forms.Form):
    """One action on one row of the preview: delete it, merge it with the next row, or (a
    task) move it to another group."""

    ACTIONS = (("delete", "delete"), ("merge", "merge"), ("move", "move"))
    table = forms.ChoiceField(choices=_TABLES, widget=forms.HiddenInput)
    row = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=ACTIONS)
    group = forms.CharField(required=False, max_length=40)

    def edit(self) -> Edit:
        data = self.cleaned_data
        table, row = data["table"], data["row"]
        if data["action"] == "delete":
            return DeleteEntry(table, row)
        if data["action"] == "merge":
            return MergeEntries(table, row, row + 1)
        return Correction("tasks", row, "group", data["group"])


class MergeRowsForm(forms.Form):
    """The rows ticked in one table of the preview, to be made one."""

    table = forms.ChoiceField(choices=_TABLES, widget=forms.HiddenInput)
    rows = forms.TypedMultipleChoiceField(
        coerce=int, error_messages={"required": _("Choose the rows to merge.")}
    )

    def __init__(self, *args: Any, count: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = self.fields["rows"]
        assert isinstance(rows, forms.TypedMultipleChoiceField)
        rows.choices = [(str(i), str(i)) for i in range(count)]

    def edits(self, plan_json: dict[str, Any]) -> list[Edit]:
        data = self.cleaned_data
        return list(merges_of(plan_json, data["table"], data["rows"]))


class SplitForm(forms.Form):
    table = forms.ChoiceField(choices=_TABLES, widget=forms.HiddenInput)
    row = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    parts = forms.CharField(
        label=_("The parts, one per line"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write each part on its own line.")},
    )

    def edit(self) -> Edit:
        data = self.cleaned_data
        return SplitEntry(data["table"], data["row"], tuple(data["parts"].splitlines()))


class AddRowForm(forms.Form):
    """A task or an indicator the reader missed, as the document writes it."""

    table = forms.ChoiceField(choices=_TABLES, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Words of the document"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the task or the indicator.")},
    )
    code = forms.CharField(
        label=_("Code"),
        required=False,
        max_length=40,
        help_text=_("Left empty, the next code of the group is given."),
    )
    group = forms.CharField(label=_("Group"), required=False, max_length=40)
    due = forms.CharField(label=_("Time"), required=False, max_length=500)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=100)
    target = forms.CharField(label=_("Target"), required=False, max_length=300)

    def edit(self) -> Edit:
        data = self.cleaned_data
        if data["table"] == "tasks":
            values = {
                "title": data["text"],
                "code": data["code"],
                "group": data["group"],
                "due.text": data["due"],
            }
        else:
            values = {
                "name": data["text"],
                "code": data["code"],
                "unit": data["unit"],
                "target.text": data["target"],
            }
        return AddEntry(data["table"], values)


class ParagraphsForm(forms.Form):
    """The paragraphs chosen to be tasks, by their place in the list offered."""

    chosen = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one paragraph to make a task of.")},
    )

    def __init__(self, *args: Any, paragraphs: list[ProseParagraph], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.paragraphs = paragraphs
        chosen = self.fields["chosen"]
        assert isinstance(chosen, forms.ChoiceField)
        chosen.choices = [(i, p.text) for i, p in enumerate(paragraphs)]

    def edits(self) -> list[Edit]:
        """One edit per part of the document, so that each part becomes the tasks' group."""
        by_part: dict[tuple[str, str], list[str]] = {}
        for index in self.cleaned_data["chosen"]:
            paragraph = self.paragraphs[index]
            key = (paragraph.section_code, paragraph.section_title)
            by_part.setdefault(key, []).append(paragraph.text)
        return [
            TasksFromParagraphs(tuple(texts), group=code or None, group_title=title)
            for (code, title), texts in by_part.items()
        ]


class FillIndicatorsForm(forms.Form):
    """A responsible agency and a year for every indicator that has none."""

    agency = forms.CharField(label=_("Responsible agency"), required=False, max_length=300)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1945, max_value=2100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("agency") and data.get("year") is None:
            raise forms.ValidationError(_("Choose an agency, a year or both."))
        return data

    def edits(self, no_agency: list[int], no_year: list[int]) -> list[Edit]:
        data = self.cleaned_data
        edits: list[Edit] = []
        if data.get("agency"):
            edits += [Correction("indicators", i, "agencies", data["agency"]) for i in no_agency]
        if data.get("year") is not None:
            edits += [Correction("indicators", i, "year", str(data["year"])) for i in no_year]
        return edits
