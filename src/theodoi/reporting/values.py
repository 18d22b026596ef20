"""An agency's figures for its indicators in a round, and an indicator's baseline, entered
once; each figure is checked against the indicator's unit and its last accepted figure."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.evaluation.wording import vn_number
from theodoi.plans.models import Indicator
from theodoi.reporting.access import reports_on_indicator, require_accepting, require_reporter
from theodoi.reporting.checks import check_figure
from theodoi.reporting.errors import ConfirmationNeededError, ReportingError, StaleVersionError
from theodoi.reporting.models import IndicatorValue, ReportingRound, ReviewState
from theodoi.reporting.versions import (
    audit_version,
    figure_thread,
    insert_version,
    latest_version,
    stale_message,
)
from theodoi.users import User


def last_accepted_figures(
    indicators: Iterable[Indicator], before: ReportingRound
) -> dict[int, float | None]:
    """The figure each indicator had before this round, by indicator id: its latest accepted
    value of an earlier round, else its accepted baseline, else the plan's baseline. Two
    queries however many indicators the agency reports on."""
    indicators = list(indicators)
    ids = [indicator.pk for indicator in indicators]
    earlier: dict[int, float] = {}
    for row in IndicatorValue.objects.filter(
        indicator_id__in=ids,
        state=ReviewState.ACCEPTED,
        is_baseline=False,
        round__deadline__lt=before.deadline,
    ).order_by("indicator_id", "-round__deadline", "-version"):
        earlier.setdefault(row.indicator_id, row.value)
    baselines: dict[int, float] = {}
    for row in IndicatorValue.objects.filter(
        indicator_id__in=ids, is_baseline=True, state=ReviewState.ACCEPTED
    ).order_by("indicator_id", "version"):
        baselines.setdefault(row.indicator_id, row.value)
    return {
        indicator.pk: earlier.get(
            indicator.pk, baselines.get(indicator.pk, indicator.baseline_value)
        )
        for indicator in indicators
    }


def last_accepted_figure(indicator: Indicator, before: ReportingRound) -> float | None:
    return last_accepted_figures([indicator], before)[indicator.pk]


def _check_figure_place(
    round_: ReportingRound,
    indicator: Indicator,
    measured_on: datetime.date,
    *,
    baseline: bool,
    where: str,
) -> None:
    """Refuse a figure the round cannot take: a baseline the plan states, a date after the
    cut-off or (except a baseline) before the round's period."""
    # The plan's own baseline is the legal one; the page offers no form for it, a crafted
    # request must not get around that.
    if baseline and indicator.baseline_value is not None:
        raise ReportingError(
            where
            + _("the plan states its baseline (%(value)s); it is not entered in a round.")
            % {"value": vn_number(indicator.baseline_value, 4)}
        )
    if measured_on > round_.cut_off:
        raise ReportingError(
            where
            + _("the figure's date %(date)s is after the data cut-off %(cut_off)s.")
            % {
                "date": measured_on.strftime("%d/%m/%Y"),
                "cut_off": round_.cut_off.strftime("%d/%m/%Y"),
            }
        )
    if not baseline and measured_on < round_.period_start:
        raise ReportingError(
            where
            + _("the figure's date %(date)s is before the round's period.")
            % {"date": measured_on.strftime("%d/%m/%Y")}
        )


def _check_open(
    previous: IndicatorValue | None, organisation: Any, *, baseline: bool, based_on: int, where: str
) -> None:
    """Refuse a change to a figure under review or accepted, or to a baseline another agency
    is entering."""
    if previous is not None and previous.state in {ReviewState.SUBMITTED, ReviewState.ACCEPTED}:
        if previous.version != based_on:
            raise StaleVersionError(stale_message(), previous)
        if baseline:
            raise ReportingError(
                where
                + _("its baseline was entered on %(date)s and can be entered only once.")
                % {"date": timezone.localtime(previous.created_at).strftime("%d/%m/%Y")}
            )
        raise ReportingError(
            where
            + _("this figure was %(state)s; it can no longer be changed in this round.")
            % {"state": previous.get_state_display()}
        )
    if baseline and previous is not None and previous.organisation_id != organisation.pk:
        raise ReportingError(
            where
            + _("its baseline is being entered by %(organisation)s.")
            % {"organisation": previous.organisation}
        )


@transaction.atomic
def record_indicator_value(
    round_: ReportingRound,
    indicator: Indicator,
    *,
    value: float,
    measured_on: datetime.date,
    note: str = "",
    source: str = "",
    baseline: bool = False,
    confirmed: bool = False,
    submit: bool = False,
    by: User,
    based_on: int,
    now: datetime.datetime,
) -> IndicatorValue:
    """Record an agency's figure for an indicator in a round (or the indicator's baseline,
    which is entered once), as a draft or submitted."""
    organisation = require_reporter(by)
    if indicator.plan_id != round_.plan_id:
        raise ReportingError(_("This indicator is not part of the round's plan."))
    if not reports_on_indicator(indicator, organisation):
        raise ReportingError(
            _("%(organisation)s is not among the agencies of indicator %(indicator)s.")
            % {"organisation": organisation, "indicator": indicator.code}
        )
    require_accepting(round_, organisation, now)
    where = _("Indicator %(code)s: ") % {"code": indicator.code}
    _check_figure_place(round_, indicator, measured_on, baseline=baseline, where=where)
    previous_figure = None if baseline else last_accepted_figure(indicator, round_)
    check = check_figure(
        value, unit=indicator.unit, comparator=indicator.comparator, previous=previous_figure
    )
    if check.errors:
        raise ReportingError(where + " ".join(check.errors))
    if check.confirm and not confirmed:
        raise ConfirmationNeededError(where + " ".join(check.confirm))
    thread = figure_thread(indicator.pk, round_.pk, organisation.pk, baseline=baseline)
    previous = latest_version(IndicatorValue, **thread)
    _check_open(previous, organisation, baseline=baseline, based_on=based_on, where=where)
    # A baseline's thread is the indicator's; it still records who entered it, when.
    owner = {"round_id": round_.pk, "organisation_id": organisation.pk}
    row = insert_version(
        IndicatorValue,
        previous,
        based_on,
        thread,
        {
            **{key: id_ for key, id_ in owner.items() if key not in thread},
            "value": float(value),
            "measured_on": measured_on,
            "note": note.strip(),
            "source": source.strip(),
            "confirmed_jump": bool(check.confirm),
            "state": ReviewState.SUBMITTED if submit else ReviewState.DRAFT,
            "created_at": now,
            "created_by": by,
        },
    )
    audit_version(
        Action.VALUE_SUBMITTED if submit else Action.VALUE_SAVED, row, previous, by=by, now=now
    )
    return row
