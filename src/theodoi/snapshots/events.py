"""What snapshots announces to the layers above it (``theodoi.events``)."""

from __future__ import annotations

import dataclasses
import datetime


@dataclasses.dataclass(frozen=True)
class RankingPublished:
    publication_id: int
    plan_id: int
    now: datetime.datetime
