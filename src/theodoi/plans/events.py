"""What plans announces to the layers above it (``theodoi.events``)."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from theodoi.plans.models import Plan
from theodoi.users import User


@dataclasses.dataclass(frozen=True)
class PlanPublished:
    """``plan`` was just published (a first version or a new one) from ``plan_json``, inside
    the publication's transaction: what a handler writes is published or rolled back with it.
    ``theodoi.reporting`` sets the plan's reporting schedule from it."""

    plan: Plan
    plan_json: dict[str, Any]
    by: User | None
    now: datetime.datetime


@dataclasses.dataclass(frozen=True)
class PlanAmended:
    """``plan_id`` was amended after publication (a task's time or agencies changed, a task
    added or archived, an indicator's baseline or figure entered, the plan withdrawn), once
    the amendment's transaction has committed. ``theodoi.snapshots`` rebuilds today's
    snapshot, so the dashboard and the portal judge the plan as amended."""

    plan_id: int
    now: datetime.datetime
