"""Counting a sender's actions so that parallel requests cannot pass a limit together.

A check that counts rows and then inserts lets every request of a burst see the same count
(six feedback messages were stored against a limit of five). :func:`take` instead increments a
counter with one conditional ``UPDATE ... SET used = used + 1 WHERE used < limit``: the database
applies it to one row at a time (PostgreSQL re-reads the row after waiting for its lock, SQLite
writes one transaction at a time), so at most ``limit`` calls in a window succeed however many
run at once. The write comes first in the transaction, so SQLite never has to upgrade a read.
Windows are fixed: the first counted action opens one of length ``within``.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from theodoi.limits.models import Allowance


def source_of(address: str) -> str:
    """A keyed hash of the sender's address, to count under (the address itself is not kept)."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


def _increment(key: str, limit: int) -> bool:
    return Allowance.objects.filter(key=key, used__lt=limit).update(used=F("used") + 1) == 1


@transaction.atomic
def take(key: str, *, limit: int, within: datetime.timedelta, now: datetime.datetime) -> bool:
    """Count one action of ``key``; False, counting nothing, when ``limit`` (at least 1) were
    already counted in the current window. Inside the caller's transaction, a rollback of the
    caller gives the action back."""
    Allowance.objects.filter(key=key, started__lte=now - within).update(started=now, used=0)
    if _increment(key, limit):
        return True
    if Allowance.objects.filter(key=key).exists():
        return False
    try:
        with transaction.atomic():
            Allowance.objects.create(key=key, started=now, used=1)
    except IntegrityError:  # another request opened the window first: count against it
        return _increment(key, limit)
    return True


def forget(key: str) -> None:
    """Give back every action counted for ``key`` (a success that clears earlier attempts)."""
    Allowance.objects.filter(key=key).delete()
