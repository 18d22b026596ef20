"""The form naming the people in charge of one assignment: each a member of the agency, or
nobody. The list offers the agency's people; what is posted is only a whole number here and
checked by the service, so a forged identifier gets the service's message naming the person
and the agency."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.orgs.people import name_of
from theodoi.users import User

# Identifiers are database keys: a posted one longer than this is refused before any query.
MAX_ID = 2**31 - 1


# Anything but a person's number can only come from a forged form: one message for all.
NOT_A_PERSON = _("Choose a person from the list.")
ERRORS = {"invalid": NOT_A_PERSON, "min_value": NOT_A_PERSON, "max_value": NOT_A_PERSON}


def _person(label: Any) -> forms.IntegerField:
    """A person chosen from the list, by their number; left empty, nobody."""
    return forms.IntegerField(
        label=label, required=False, min_value=1, max_value=MAX_ID, error_messages=ERRORS
    )


class PeopleForm(forms.Form):
    officer = _person(_("Officer in charge"))
    leader = _person(_("Leader in charge"))

    def __init__(self, *args: Any, members: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("(nobody)")), *((str(p.pk), name_of(p)) for p in members)]
        for name in ("officer", "leader"):
            self.fields[name].widget = forms.Select(choices=choices)
