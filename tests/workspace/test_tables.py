"""The frame every table of the pages shares: it scrolls inside its frame on a phone, and a
table with no row gives way to its sentence."""

from __future__ import annotations

import pytest
from django.template import Context, Template, TemplateSyntaxError

TABLE = (
    '{% load tables %}{% table rows class="tasks "|add:kind %}'
    "<tbody>{% for r in rows %}<tr><td>{{ r }}</td></tr>{% endfor %}</tbody>"
    "{% empty %}No <b>task</b> for {{ who }}.{% endtable %}"
)


def test_a_table_with_rows_is_framed_to_scroll_sideways() -> None:
    html = Template(TABLE).render(Context({"rows": ["PL1.1"], "kind": "stack"}))
    assert html == (
        '<div class="table-wrap">\n<table class="tasks stack">'
        "<tbody><tr><td>PL1.1</td></tr></tbody></table>\n</div>"
    )


def test_a_table_without_rows_gives_way_to_its_sentence_escaped() -> None:
    html = Template(TABLE).render(Context({"rows": [], "kind": "", "who": "<Sở Y tế>"}))
    assert html == '<p class="panel">No <b>task</b> for &lt;Sở Y tế&gt;.</p>'


def test_a_table_without_rows_argument_is_always_shown() -> None:
    html = Template("{% load tables %}{% table %}<tr></tr>{% endtable %}").render(Context())
    assert html == '<div class="table-wrap">\n<table><tr></tr></table>\n</div>'


def test_the_rows_come_before_the_attributes() -> None:
    with pytest.raises(TemplateSyntaxError, match="rows first"):
        Template('{% load tables %}{% table class="x" rows %}{% endtable %}')
