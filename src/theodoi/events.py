"""Announcements from a lower layer that a higher one acts on, so the lower one never imports
the higher (STYLE.md rule 1, tests/test_layering.py).

An event is a frozen dataclass named for what happened, owned by the package that announces
it (``theodoi.reporting.events.ResultsChanged``). A package that must react subscribes a
handler in its ``AppConfig.ready``; :func:`publish` calls the handlers of the event's class
synchronously, in the order they subscribed, in the caller's thread. This is plumbing, not a
place for rules (rule 6): a handler calls one service, as a job does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

Event = TypeVar("Event")

_handlers: dict[type[Any], list[Callable[[Any], None]]] = {}


def subscribe(kind: type[Event], handler: Callable[[Event], None]) -> None:
    """Call ``handler`` with every event of class ``kind`` published from now on; subscribing
    the same handler twice (an app registry loaded twice) keeps one."""
    handlers = _handlers.setdefault(kind, [])
    if handler not in handlers:
        handlers.append(handler)


def publish(event: object) -> None:
    """Hand ``event`` to each handler of its class; with none, nothing happens."""
    for handler in _handlers.get(type(event), ()):
        handler(event)
