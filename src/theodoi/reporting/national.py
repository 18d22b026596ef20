"""The national plan every provincial and ministerial plan carries out: Nghị quyết 03/NQ-CP,
its 140 tasks and its indicators, imported through the same code as any uploaded plan."""

from __future__ import annotations

import datetime
from importlib.resources import files

from django.core.files import File
from django.db import transaction

from theodoi.ingest.schedule import Schedule
from theodoi.plans.importing import publish_import, stage_import
from theodoi.plans.models import Plan
from theodoi.reporting.rounds import set_schedule
from theodoi.users import User

NATIONAL_NUMBER = "03/NQ-CP"
NATIONAL_DOCUMENT = "nq-03-nq-cp-2025.txt"
# Ministries and localities report on 03/NQ-CP before 15 June and 1 December each year (the
# national system's calendar; the resolution's own text sets no date).
NATIONAL_SCHEDULE = Schedule(
    dates=((15, 6), (1, 12)),
    text="Báo cáo định kỳ trước ngày 15 tháng 6 và ngày 01 tháng 12 hằng năm.",
)


def national_plan() -> Plan | None:
    return Plan.objects.filter(number=NATIONAL_NUMBER, province__isnull=True).first()


@transaction.atomic
def load_national_plan(*, by: User | None, now: datetime.datetime) -> Plan:
    """Import 03/NQ-CP from the copy shipped with theodoi, once; run again, it returns the
    plan already there and changes nothing."""
    existing = national_plan()
    if existing is not None:
        return existing
    document = files("theodoi.plans") / "data" / NATIONAL_DOCUMENT
    with document.open("rb") as handle:
        draft = stage_import(File(handle, name=NATIONAL_DOCUMENT), by=by, now=now)
    plan = publish_import(draft, by=by, now=now)
    set_schedule(plan, NATIONAL_SCHEDULE, by=by, now=now)
    return plan
