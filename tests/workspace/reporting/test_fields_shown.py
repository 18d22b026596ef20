"""The task form has an input for every declared field of an update (reporting.fields), and
what is typed in each is shown back to the reporter and on the coordinator's review page."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone, translation

from tests.builders import lead_task_of, signed_in
from tests.reporting.every_field import EVERY_FIELD, shown, typed
from theodoi.reporting.fields import UPDATE_FIELDS, Kind
from theodoi.reporting.models import ReportingRound, TaskUpdate

pytestmark = pytest.mark.django_db


def test_the_form_has_a_labelled_input_for_every_declared_field(
    live_round: ReportingRound, reporter: User
) -> None:
    task = lead_task_of(live_round, reporter)
    url = reverse("reporting:task_update", args=[live_round.pk, task.pk])
    page = signed_in(reporter).get(url).content.decode()
    for field in UPDATE_FIELDS:
        assert f'name="{field.name}"' in page, field.name
        assert f'<label for="id_{field.name}">{translated(field.label)}</label>' in page


def test_every_declared_field_typed_is_shown_to_the_reporter_and_the_reviewer(
    live_round: ReportingRound, reporter: User, coordinator: User
) -> None:
    task = lead_task_of(live_round, reporter)
    # The sample's completion date must not be in the future of the day the test runs.
    today = timezone.localdate()
    form = {field.name: typed(field) for field in UPDATE_FIELDS}
    dates = [field for field in UPDATE_FIELDS if field.kind is Kind.DATE]
    for field in dates:
        form[field.name] = min(getattr(EVERY_FIELD, field.name), today).isoformat()
    client = signed_in(reporter)
    url = reverse("reporting:task_update", args=[live_round.pk, task.pk])
    posted = client.post(url, {**form, "based_on": "0", "action": "submit"})
    assert posted.status_code == 302
    stored = TaskUpdate.objects.get(task=task)
    review = signed_in(coordinator).get(reverse("reporting:review", args=[live_round.pk]))
    for page in (client.get(url).content.decode(), review.content.decode()):
        for field in UPDATE_FIELDS:
            if field.kind is Kind.DATE:
                expected = getattr(stored, field.name).strftime("%d/%m/%Y")
            else:
                expected = shown(field)
            assert expected in page, field.name
            assert translated(field.read_label) in page, field.name


def translated(label: str) -> str:
    """The label in Vietnamese; a label missing from the catalogue fails here."""
    with translation.override("vi"):
        text = translation.gettext(label)
    assert text != label, f"no Vietnamese for {label!r}"
    return text
