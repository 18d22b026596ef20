"""A list that grows with the country, one page at a time: ``?trang=`` chooses the page and
every other parameter of the request (its filters) stays in the links to the others.

A page reads its rows and one more, to know whether another page follows, and counts nothing:
the cost of a page is its length, whatever the size of the list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import QuerySet
from django.http import HttpRequest

PAGE_PARAMETER = "trang"
# Bounded before the database skips that many rows.
MAX_PAGE = 1000


class Sliced(Protocol):
    """Rows read a slice at a time (snapshots.reading.Ranking)."""

    def __getitem__(self, cut: slice, /) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Page:
    rows: list[Any]
    number: int
    has_next: bool
    # The request's other parameters, for the links of ``workspace/_pager.html``.
    query: str

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_of(
    request: HttpRequest, rows: QuerySet[Any] | Sequence[Any] | Sliced, length: int
) -> Page:
    """The page of ``rows`` (ordered) the request asks for: the first when it asks for none,
    or for a page that is not a number from 1 to MAX_PAGE."""
    asked = request.GET.get(PAGE_PARAMETER, "")
    number = int(asked) if asked.isdigit() and 1 <= int(asked) <= MAX_PAGE else 1
    start = (number - 1) * length
    found = list(rows[start : start + length + 1])
    others = request.GET.copy()
    others.pop(PAGE_PARAMETER, None)
    return Page(found[:length], number, len(found) > length, others.urlencode())
