"""Two-level cache for pages keyed on what they show (STYLE.md rule 17): this worker's memory
in front of the shared cache (Redis or the database). The public portal and the staff
dashboard both keep their pages here; each builds its own keys.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

TIMEOUT = 24 * 3600  # a snapshot a day at least; older keys simply expire
# Each worker keeps the pages it served last in memory in front of the shared cache: safe
# because a key never changes meaning (its version is in it), and it spares a database or
# Redis round trip and the unpickling of the page on every hit.
_near = LocMemCache("theodoi-pages", {"OPTIONS": {"MAX_ENTRIES": 300}})


def fetch(key: str) -> Any:
    """A cached value: from this worker's memory, else from the shared cache."""
    hit = _near.get(key)
    if hit is None:
        hit = cache.get(key)
        if hit is not None:
            _near.set(key, hit, TIMEOUT)
    return hit


def keep(key: str, value: Any) -> None:
    """Cache under a versioned key (one that never changes meaning), in both levels."""
    cache.set(key, value, TIMEOUT)
    _near.set(key, value, TIMEOUT)


def forget_this_worker() -> None:
    """Empty this worker's level: a key means the same page only within one database, and
    each test has its own (tests/conftest.py)."""
    _near.clear()


def forget_everything() -> None:
    """Empty both levels: what a page costs when nothing is cached (bench/pages.py)."""
    cache.clear()
    forget_this_worker()
