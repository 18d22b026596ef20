"""What reporting announces once a change is committed, for the notices (``theodoi.notify``
subscribes): a round opened, extended or reopened for agencies, an extension asked for or
decided. Each carries ids only; the handler reads the rows as committed."""

from __future__ import annotations

import dataclasses
import datetime
from functools import partial

from django.db import transaction

from theodoi.events import publish


@dataclasses.dataclass(frozen=True)
class RoundOpened:
    round_id: int
    now: datetime.datetime


@dataclasses.dataclass(frozen=True)
class RoundExtended:
    change_id: int
    now: datetime.datetime


@dataclasses.dataclass(frozen=True)
class RoundReopened:
    reopening_ids: tuple[int, ...]
    now: datetime.datetime


@dataclasses.dataclass(frozen=True)
class ExtensionRequested:
    extension_id: int
    now: datetime.datetime


@dataclasses.dataclass(frozen=True)
class ExtensionDecided:
    extension_id: int
    now: datetime.datetime


Announcement = RoundOpened | RoundExtended | RoundReopened | ExtensionRequested | ExtensionDecided


def announce_after_commit(event: Announcement) -> None:
    """Publish ``event`` once the caller's transaction has committed; the change stands
    whatever a handler does (a notice not planned now is planned by the next job's run)."""
    transaction.on_commit(partial(publish, event), robust=True)
