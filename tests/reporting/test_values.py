"""Indicator figures and baselines: recorded, checked, accepted, and refused."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import User

from tests.builders import DURING, LATER
from theodoi.plans.models import Indicator
from theodoi.reporting.errors import ConfirmationNeededError, ReportingError
from theodoi.reporting.models import (
    IndicatorValue,
    ReportingRound,
)
from theodoi.reporting.review import accept_update
from theodoi.reporting.values import record_indicator_value

pytestmark = pytest.mark.django_db


def test_a_figure_is_recorded_submitted_and_accepted(
    round_: ReportingRound, percent_indicator: Indicator, reporter: User, coordinator: User
) -> None:
    value = record_indicator_value(
        round_,
        percent_indicator,
        value=42.5,
        measured_on=datetime.date(2026, 5, 15),
        source="Cục Thống kê",
        submit=True,
        by=reporter,
        based_on=0,
        now=DURING,
    )
    accepted = accept_update(value, by=coordinator, now=LATER)
    assert (accepted.value, accepted.state, accepted.version) == (42.5, "accepted", 2)


def test_a_percentage_over_100_is_refused_with_the_indicator_named(
    round_: ReportingRound, percent_indicator: Indicator, reporter: User
) -> None:
    with pytest.raises(ReportingError, match=f"Chỉ tiêu {percent_indicator.code}: .*120%"):
        record_indicator_value(
            round_,
            percent_indicator,
            value=120,
            measured_on=datetime.date(2026, 5, 15),
            by=reporter,
            based_on=0,
            now=DURING,
        )
    assert not IndicatorValue.objects.exists()


def test_a_figure_dated_after_the_cut_off_is_refused(
    round_: ReportingRound, percent_indicator: Indicator, reporter: User
) -> None:
    with pytest.raises(ReportingError, match="sau ngày chốt số liệu 15/05/2026"):
        record_indicator_value(
            round_,
            percent_indicator,
            value=20,
            measured_on=datetime.date(2026, 5, 20),
            by=reporter,
            based_on=0,
            now=DURING,
        )


@pytest.mark.usefixtures("accepted_baseline")
def test_a_baseline_is_entered_once(
    round_: ReportingRound, percent_indicator: Indicator, reporter: User
) -> None:
    with pytest.raises(ReportingError, match="chỉ nhập một lần"):
        record_indicator_value(
            round_,
            percent_indicator,
            value=25,
            measured_on=datetime.date(2024, 12, 31),
            baseline=True,
            by=reporter,
            based_on=2,
            now=LATER,
        )


def test_a_baseline_the_plan_states_cannot_be_entered_again(
    round_: ReportingRound, percent_indicator: Indicator, reporter: User
) -> None:
    percent_indicator.baseline_value = 12.5
    percent_indicator.save(update_fields=["baseline_value"])
    with pytest.raises(ReportingError, match="12,5"):
        record_indicator_value(
            round_,
            percent_indicator,
            value=20,
            measured_on=datetime.date(2024, 12, 31),
            baseline=True,
            by=reporter,
            based_on=0,
            now=DURING,
        )
    assert not IndicatorValue.objects.filter(indicator=percent_indicator).exists()


@pytest.mark.usefixtures("accepted_baseline")
def test_a_figure_far_from_the_baseline_needs_confirmation(
    round_: ReportingRound, percent_indicator: Indicator, reporter: User
) -> None:
    figure = {
        "value": 90,
        "measured_on": datetime.date(2026, 5, 15),
        "by": reporter,
        "based_on": 0,
        "now": LATER,
    }
    with pytest.raises(ConfirmationNeededError, match="gấp 4,5 lần"):
        record_indicator_value(round_, percent_indicator, **figure)  # type: ignore[arg-type]
    confirmed = record_indicator_value(round_, percent_indicator, confirmed=True, **figure)  # type: ignore[arg-type]
    assert confirmed.confirmed_jump


def test_a_reporter_records_only_its_own_indicators(
    round_: ReportingRound, percent_indicator: Indicator, other_reporter: User
) -> None:
    with pytest.raises(ReportingError, match="không thuộc các cơ quan"):
        record_indicator_value(
            round_,
            percent_indicator,
            value=20,
            measured_on=datetime.date(2026, 5, 15),
            by=other_reporter,
            based_on=0,
            now=DURING,
        )
