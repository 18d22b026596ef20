from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError

from tests.builders import NOW, org
from theodoi.audit.log import entries_for
from theodoi.orgs.errors import OrganisationError
from theodoi.orgs.models import Membership, Role
from theodoi.orgs.resolve import Resolver
from theodoi.orgs.services import grant_role, remember_alias

pytestmark = pytest.mark.usefixtures("orgs")


def test_a_remembered_alias_resolves_from_then_on(coordinator: User) -> None:
    name = "Ủy ban nhân dân thành phố Mỹ Tho"
    assert Resolver(org("tien-giang"), as_of=NOW.date()).resolve(name).unresolved
    remember_alias(
        name, org("tien-giang--ubnd-cap-huyen"), scope=org("tien-giang"), by=coordinator, now=NOW
    )
    found = Resolver(org("tien-giang"), as_of=NOW.date()).resolve("UBND thành phố Mỹ Tho")
    assert found.organisation == org("dong-thap--ubnd-cap-xa")
    entry = entries_for(org("tien-giang--ubnd-cap-huyen")).get()
    assert entry.action == "orgs.alias.created"
    assert entry.by == coordinator


def test_an_alias_already_meaning_another_body_is_refused(coordinator: User) -> None:
    with pytest.raises(OrganisationError, match="Sở Y tế"):
        remember_alias(
            "Sở Y tế",
            org("tien-giang--so-tai-chinh"),
            scope=org("tien-giang"),
            by=coordinator,
            now=NOW,
        )


def test_remembering_the_same_alias_twice_is_harmless(coordinator: User) -> None:
    first = remember_alias(
        "Sở Y tế", org("tien-giang--so-y-te"), scope=org("tien-giang"), by=coordinator, now=NOW
    )
    assert first.organisation == org("tien-giang--so-y-te")


def test_a_reporter_without_an_organisation_is_refused(make_user: Callable[..., User]) -> None:
    user = make_user("vodanh", None)
    with pytest.raises(OrganisationError):
        grant_role(user, Role.REPORTER, None, by=None, now=NOW)
    assert not Membership.objects.filter(user=user).exists()


def test_a_role_cannot_be_granted_for_a_body_that_no_longer_exists(
    make_user: Callable[..., User],
) -> None:
    user = make_user("cu", None)
    with pytest.raises(OrganisationError, match="Sở Thông tin và Truyền thông"):
        grant_role(
            user, Role.REPORTER, org("dong-thap--so-thong-tin-truyen-thong"), by=None, now=NOW
        )


def test_the_database_refuses_a_reporter_without_an_organisation(
    make_user: Callable[..., User],
) -> None:
    user = make_user("khongco", None)
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=user, role=Role.REPORTER, organisation=None)


def test_the_database_refuses_a_successor_without_a_date() -> None:
    department = org("dong-thap--so-y-te")
    department.successor = org("dong-thap--so-noi-vu")
    with pytest.raises(IntegrityError):
        department.save()
