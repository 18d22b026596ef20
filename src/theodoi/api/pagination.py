from typing import Any

from django.db.models import QuerySet
from rest_framework.pagination import CursorPagination, PageNumberPagination
from rest_framework.request import Request


class Pages(PageNumberPagination):
    """100 rows a page, up to 500 with ``page_size``: a plan's tasks in a few calls."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500


class Stream(CursorPagination):
    """The lists that grow with every round (task updates, figures: 1.5 million at national
    scale) are walked by a cursor in the order of their index, with no count: counting them on
    every page cost 815 ms for the public at 10×, a page itself 1.6 ms. A cursor also keeps
    its place while updates are saved, where a page number shifts (issue 15)."""

    page_size = Pages.page_size
    page_size_query_param = Pages.page_size_query_param
    max_page_size = Pages.max_page_size

    def get_ordering(self, request: Request, queryset: QuerySet[Any], view: Any) -> tuple[str, ...]:
        # The list's own order (its view's rows()), declared once there.
        return tuple(str(field) for field in queryset.query.order_by)
