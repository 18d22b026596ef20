"""The downloads a page offers for what it shows: the registry's exporters of that subject the
person may use (the views check it again)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse

from theodoi.exports.registry import Exporter, Subject, exporters_of
from theodoi.orgs.roles import persona_of

register = template.Library()


@dataclass(frozen=True)
class Download:
    exporter: Exporter[Any]
    url: str

    @property
    def name(self) -> str:
        return str(self.exporter.name)


@register.simple_tag(takes_context=True)
def downloads(context: template.Context, subject: str, *args: Any) -> list[Download]:
    """``{% downloads "plan" plan.pk as offered %}``: the URL's arguments follow the subject."""
    persona = persona_of(context["request"].user)
    return [
        Download(e, reverse(e.url_name, args=args))
        for e in exporters_of(Subject(subject))
        if e.may_use(persona)
    ]


@register.simple_tag
def formats(subject: str) -> list[Exporter[Any]]:
    """Every exporter of a subject, whoever reads: the data dictionary names them all."""
    return exporters_of(Subject(subject))
