"""Announcements between layers: each handler of an event's class is called once, in order."""

from __future__ import annotations

import dataclasses

from theodoi.events import publish, subscribe


@dataclasses.dataclass(frozen=True)
class Happened:
    what: str


@dataclasses.dataclass(frozen=True)
class Unheard:
    what: str


def test_a_published_event_reaches_each_handler_of_its_class_once_in_order() -> None:
    heard: list[str] = []

    def first(event: Happened) -> None:
        heard.append(f"first {event.what}")

    def second(event: Happened) -> None:
        heard.append(f"second {event.what}")

    subscribe(Happened, first)
    subscribe(Happened, second)
    subscribe(Happened, first)  # an app registry loaded twice subscribes nothing more
    publish(Happened("accepted"))
    publish(Unheard("nobody listens"))
    assert heard == ["first accepted", "second accepted"]
