"""Figures are written one way on every staff page: Vietnamese separators, no trailing zeros
(38,2 — never 38,2000), and a dash, not "None", where there is no figure."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.builders import signed_in
from theodoi.plans.models import Indicator
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.values import record_indicator_value
from theodoi.reporting.workbook.layout import INDICATOR_SHEET

pytestmark = pytest.mark.django_db


def own_indicator(round_: ReportingRound, reporter: User) -> Indicator:
    return round_.plan.indicators.filter(
        unit="%",
        agencies__organisation_id__in=reporter.memberships.get().organisation.lineage_ids(),
    ).first()


def test_a_submitted_figure_reads_38_2_to_the_reporter_and_the_coordinator(
    live_round: ReportingRound, reporter: User, coordinator: User
) -> None:
    indicator = own_indicator(live_round, reporter)
    record_indicator_value(
        live_round,
        indicator,
        value=38.2,
        measured_on=timezone.localdate(),
        submit=True,
        by=reporter,
        based_on=0,
        now=timezone.now(),
    )
    agency = signed_in(reporter).get(reverse("reporting:agency", args=[live_round.pk]))
    review = signed_in(coordinator).get(reverse("reporting:review", args=[live_round.pk]))
    for page in (agency.content.decode(), review.content.decode()):
        assert "<strong>38,2</strong>" in page
        assert "38,20" not in page


def test_the_workbook_preview_shows_the_figure_as_typed(
    live_round: ReportingRound, reporter: User
) -> None:
    client = signed_in(reporter)
    wb = load_workbook(
        io.BytesIO(client.get(reverse("reporting:workbook", args=[live_round.pk])).content)
    )
    sheet = wb[INDICATOR_SHEET]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet[f"E{r}"].value == "%")
    sheet[f"H{row}"], sheet[f"I{row}"] = 38.25, timezone.localdate()
    out = io.BytesIO()
    wb.save(out)
    preview = client.post(
        reverse("reporting:workbook_upload", args=[live_round.pk]),
        {"workbook": SimpleUploadedFile("bc.xlsx", out.getvalue())},
    ).content.decode()
    assert f"Chỉ tiêu, dòng {row}: giá trị 38,25<" in preview
    assert "38,2500" not in preview


def test_an_indicator_without_a_year_shows_a_dash_on_the_plan_page(
    live_round: ReportingRound, coordinator: User
) -> None:
    plan = live_round.plan
    plan.indicators.update(year=None)
    page = signed_in(coordinator).get(reverse("workspace:plan_detail", args=[plan.pk]))
    assert ">None<" not in page.content.decode()


def test_a_large_draft_figure_comes_back_into_its_field_whole(
    live_round: ReportingRound, reporter: User
) -> None:
    indicator = live_round.plan.indicators.filter(
        agencies__organisation_id__in=reporter.memberships.get().organisation.lineage_ids(),
        unit__icontains="đồng",
    ).first() or own_indicator(live_round, reporter)
    indicator.unit = "triệu đồng"
    indicator.save(update_fields=["unit"])
    record_indicator_value(
        live_round,
        indicator,
        value=1234567.5,
        measured_on=timezone.localdate(),
        by=reporter,
        based_on=0,
        now=timezone.now(),
    )
    page = signed_in(reporter).get(reverse("reporting:agency", args=[live_round.pk]))
    assert f'name="i{indicator.pk}-value" value="1.234.567,5"' in page.content.decode()
