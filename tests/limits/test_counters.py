"""Atomic counters: at most the limit per window, a new window after it, and a rolled-back
action given back."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction

from theodoi.limits.counters import take

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 22, 9, 0, tzinfo=datetime.UTC)
HOUR = datetime.timedelta(hours=1)


def test_a_key_gets_the_limit_in_a_window_and_again_in_the_next() -> None:
    taken = [
        take("k", limit=3, within=HOUR, now=NOW + datetime.timedelta(minutes=m)) for m in range(5)
    ]
    assert taken == [True, True, True, False, False]
    assert take("other", limit=3, within=HOUR, now=NOW)
    assert take("k", limit=3, within=HOUR, now=NOW + HOUR)


def refused_after_taking(key: str) -> None:
    with transaction.atomic():
        assert take(key, limit=1, within=HOUR, now=NOW)
        raise LookupError("the caller's work failed after taking")


def test_an_action_rolled_back_by_its_caller_is_not_counted() -> None:
    with pytest.raises(LookupError):
        refused_after_taking("k")
    assert take("k", limit=1, within=HOUR, now=NOW)
    assert not take("k", limit=1, within=HOUR, now=NOW)
