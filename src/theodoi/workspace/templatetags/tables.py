"""``{% table rows class="…" %} <thead>…</tbody> {% empty %} sentence {% endtable %}``: the
frame the pages' tables share. A table scrolls sideways inside its frame on a phone instead of
widening the page, and a table with no row is replaced by its sentence in a panel. Without
``rows`` the table is always shown (its emptiness is told elsewhere, e.g. by a loop's
``{% empty %}``)."""

from __future__ import annotations

from django import template
from django.forms.utils import flatatt
from django.template.base import FilterExpression, Parser, Token
from django.template.context import Context
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


class TableNode(template.Node):
    def __init__(
        self,
        rows: FilterExpression | None,
        attributes: dict[str, FilterExpression],
        body: template.NodeList,
        empty: template.NodeList,
    ) -> None:
        self.rows = rows
        self.attributes = attributes
        self.body = body
        self.empty = empty

    def render(self, context: Context) -> SafeString:
        if self.rows is not None and not self.rows.resolve(context):
            return format_html('<p class="panel">{}</p>', self.empty.render(context))
        attributes = {name: value.resolve(context) for name, value in self.attributes.items()}
        return format_html(
            '<div class="table-wrap">\n<table{}>{}</table>\n</div>',
            flatatt(attributes),
            self.body.render(context),
        )


@register.tag("table")
def table(parser: Parser, token: Token) -> TableNode:
    rows: FilterExpression | None = None
    attributes: dict[str, FilterExpression] = {}
    for bit in token.split_contents()[1:]:
        name, equals, value = bit.partition("=")
        if equals:
            attributes[name] = parser.compile_filter(value)
        elif rows is None and not attributes:
            rows = parser.compile_filter(bit)
        else:
            raise template.TemplateSyntaxError(
                f"{{% table %}} takes the rows first, then attributes as name=value: {bit!r}"
            )
    body = parser.parse(("empty", "endtable"))
    empty = template.NodeList()
    if parser.next_token().contents == "empty":
        empty = parser.parse(("endtable",))
        parser.delete_first_token()
    return TableNode(rows, attributes, body, empty)
