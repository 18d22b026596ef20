"""The round a plan's reporting schedule (``theodoi.ingest.schedule``) proposes next.

Plain Python: no Django import, so the CLI and the tests use it as it is.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from theodoi.ingest.schedule import Schedule


@dataclass(frozen=True)
class ProposedRound:
    """The round a schedule asks for next: the period it covers, its data cut-off and deadline."""

    period_start: datetime.date
    period_end: datetime.date
    cut_off: datetime.date
    deadline: datetime.date


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _deadlines_around(schedule: Schedule, year: int) -> list[datetime.date]:
    return [
        datetime.date(y, month, day)
        for y in (year - 1, year, year + 1)
        for day, month in schedule.dates
    ]


def propose_round(
    schedule: Schedule, *, today: datetime.date, anchor: datetime.date | None = None
) -> ProposedRound:
    """The next round after ``today``: its deadline is the schedule's next date; it covers
    the days since the date before, up to the day before the deadline, which is also the data
    cut-off (the coordinator may move either). ``anchor`` is where a period-only schedule
    counts from (the plan's issue date); without it, from the first of this year."""
    if schedule.dates:
        deadlines = sorted(_deadlines_around(schedule, today.year))
        index = next(i for i, d in enumerate(deadlines) if d > today)
        deadline, previous = deadlines[index], deadlines[index - 1]
    else:
        months = schedule.every_months or 12
        previous = anchor or datetime.date(today.year, 1, 1)
        deadline = _add_months(previous, months)
        while deadline <= today:
            previous, deadline = deadline, _add_months(deadline, months)
    end = deadline - datetime.timedelta(days=1)
    return ProposedRound(period_start=previous, period_end=end, cut_off=end, deadline=deadline)
