"""What a person writes to another (an instruction, an answer, a published question): kept
without its surrounding blanks, refused when empty or longer than its bound (STYLE.md rule 18)."""

from __future__ import annotations

from django.utils.translation import gettext as _


def bounded_text(value: str, field: str, *, limit: int, refuse: type[Exception]) -> str:
    """``value`` stripped; ``refuse`` (the app's domain error), naming ``field``, when nothing
    is left or more than ``limit`` characters are."""
    value = value.strip()
    if not value:
        raise refuse(_("%(field)s: write the text; it is empty.") % {"field": field})
    if len(value) > limit:
        raise refuse(
            _("%(field)s: at most %(max)s characters (this one has %(n)s).")
            % {"field": field, "max": limit, "n": len(value)}
        )
    return value


def too_long(text: str, limit: int, message: str) -> list[str]:
    """``message`` (which names ``%(length)s`` and ``%(limit)s``) when ``text`` is longer than
    ``limit`` characters, else nothing: for the checks that list every problem at once."""
    if len(text) <= limit:
        return []
    return [message % {"length": len(text), "limit": limit}]
