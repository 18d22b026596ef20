import pytest
from django.contrib.auth.models import AnonymousUser, User

from tests.builders import NOW, org
from theodoi.audit.actions import Action
from theodoi.audit.log import entries_for, record

pytestmark = pytest.mark.usefixtures("orgs")


def test_an_entry_names_who_did_what_to_which_object(coordinator: User) -> None:
    body = org("dong-thap--so-y-te")
    record(
        Action.ALIAS_CREATED,
        body,
        by=coordinator,
        now=NOW,
        before={"name": "Sở Y tế"},
        after={"name": "Sở Y tế tỉnh Đồng Tháp"},
    )
    entry = entries_for(body).get()
    assert (entry.by, entry.at, entry.action) == (coordinator, NOW, "orgs.alias.created")
    assert entry.before == {"name": "Sở Y tế"}
    assert entry.object_repr == str(body)


def test_an_anonymous_actor_is_recorded_as_nobody() -> None:
    entry = record(Action.FEEDBACK_RECEIVED, None, by=AnonymousUser(), now=NOW)
    assert entry.by is None
    assert entry.object_id == ""
