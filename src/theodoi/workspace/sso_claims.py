"""What an identity provider's claims say about a person's memberships: pure, no Django.

The province's provider lists, in one claim (``theodoi_roles`` unless configured), the roles a
person holds as ``<role>@<organisation code>`` (``reporter@dong-thap--so-y-te``); a role for
the nation names no organisation (``leader@``). Anything else is ignored and reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ROLES = frozenset({"reporter", "coordinator", "leader", "inspector"})
LIMIT = 20  # roles read from one claim; a provider's list is short


@dataclass(frozen=True)
class Claimed:
    role: str
    organisation_code: str | None  # None: the nation


def roles_claimed(value: object) -> tuple[list[Claimed], list[str]]:
    """The memberships a claim names, in order and without repeats, and the entries that
    could not be read."""
    entries: Iterable[object]
    if isinstance(value, str):
        entries = value.replace(",", " ").split()
    elif isinstance(value, list | tuple):
        entries = value
    else:
        return [], [] if value is None else [repr(value)[:80]]
    found: list[Claimed] = []
    unread: list[str] = []
    for entry in list(entries)[:LIMIT]:
        text = str(entry).strip() if isinstance(entry, str) else ""
        role, at, code = text.partition("@")
        role = role.strip().casefold()
        if not at or role not in ROLES or (not code and role in {"reporter", "coordinator"}):
            unread.append(str(entry)[:80])
            continue
        claimed = Claimed(role, code.strip().casefold() or None)
        if claimed not in found:
            found.append(claimed)
    return found, unread
