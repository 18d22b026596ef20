from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """100 rows a page, up to 500 with ``page_size``: a plan's tasks in a few calls."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
