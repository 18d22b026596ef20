"""Agency accounts as the coordinator manages them: who she sees (the accounts of her scope),
creating accounts one by one or from a list (all or none) with an invitation each, sending it
again, disabling, enabling, changing a role; and a person's own name and address. The agency
is found by any of its names (theodoi.orgs.agency_finder); the list page reads
theodoi.orgs.account_list.

Every write is atomic, checks who asks (:func:`may_manage`), raises :class:`OrganisationError`
with a Vietnamese message and leaves an audit entry. Invitations go out after the commit: a
list refused half-way sends nothing."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.orgs.agency_finder import AgencyFinder, agency_problem
from theodoi.orgs.errors import OrganisationError
from theodoi.orgs.invitations import send_invitations
from theodoi.orgs.models import Membership, Organisation, Role
from theodoi.orgs.people_list import (
    MAX_NAME,
    Column,
    LineError,
    PersonLine,
    email_problem,
    normal_email,
    text_of,
)
from theodoi.orgs.roles import forget, persona_of
from theodoi.orgs.services import deactivate_person, grant_role, set_active
from theodoi.users import User

# The roles a coordinator grants; IT staff's is granted in Django admin only.
GRANTABLE = (Role.REPORTER, Role.COORDINATOR, Role.LEADER, Role.INSPECTOR)
_MANAGERS = frozenset({Role.COORDINATOR, Role.ADMIN})


class ListRefusedError(OrganisationError):
    """A list of people refused as a whole; ``errors`` names each row's problem."""

    def __init__(self, errors: Sequence[LineError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(str(error) for error in self.errors[:5]))


# --- who sees and manages whom ----------------------------------------------------------


def manages_accounts(by: User) -> bool:
    return persona_of(by).role in _MANAGERS


def _scope_ids(by: User) -> frozenset[int] | None:
    return persona_of(by).scope_ids


def _memberships_in(scope_ids: frozenset[int] | None) -> QuerySet[Membership]:
    if scope_ids is None:
        return Membership.objects.all()
    return Membership.objects.filter(scope_id__in=scope_ids)


def people_of(by: User) -> QuerySet[User]:
    """The accounts ``by`` sees: those holding a role within her scope (every account with a
    role for the nation's); nobody's for a role that does not manage accounts."""
    if not manages_accounts(by):
        return User.objects.none()
    members = _memberships_in(_scope_ids(by))
    return User.objects.filter(pk__in=members.values("user_id")).order_by(
        Lower("first_name"), "username"
    )


def get_person_for(by: User, person_id: int) -> User:
    """An account ``by`` sees (else Http404: another province's people are not told apart from
    people who do not exist)."""
    person = people_of(by).filter(pk=person_id).first()
    if person is None:
        raise Http404
    return person


def may_manage(by: User, person: User) -> str | None:
    """Why ``by`` may not change ``person``'s account; None when she may."""
    if not manages_accounts(by) or not people_of(by).filter(pk=person.pk).exists():
        return _("This account is not one you manage.")
    if person.pk == by.pk:
        return _("You cannot change your own account here; ask another coordinator.")
    if person.is_superuser:
        return _("This is an IT staff account; it is managed in the administration.")
    scope_ids = _scope_ids(by)
    if scope_ids is not None and (
        Membership.objects.filter(user=person).exclude(scope_id__in=scope_ids).exists()
    ):
        return _(
            "%(person)s also holds a role outside your scope; their account is not yours "
            "alone to change."
        ) % {"person": person_label(person)}
    return None


def _require_manager(by: User, person: User) -> None:
    problem = may_manage(by, person)
    if problem:
        raise OrganisationError(problem)


def person_label(person: User) -> str:
    return person.get_full_name() or person.get_username()


# --- checking people before they are created ---------------------------------------------


@dataclass(frozen=True)
class Invitee:
    line: PersonLine
    organisation: Organisation
    role: Role


@dataclass
class CheckedList:
    invitees: list[Invitee] = field(default_factory=list)
    errors: list[LineError] = field(default_factory=list)


def taken_addresses(addresses: Iterable[str]) -> set[str]:
    """The addresses among ``addresses`` (in lower case) an account has already, as its
    address or its user name."""
    wanted = {a.lower() for a in addresses}
    if not wanted:
        return set()
    rows = User.objects.annotate(mail=Lower("email"), name=Lower("username")).filter(
        Q(mail__in=wanted) | Q(name__in=wanted)
    )
    return {value for pair in rows.values_list("mail", "name") for value in pair} & wanted


def check_people(lines: Sequence[PersonLine], *, by: User, as_of: datetime.date) -> CheckedList:
    """The lines of a list as accounts ``by`` may create: each agency found in her scope, each
    address free and valid; an error naming the row for each that is not."""
    checked = CheckedList()
    if not manages_accounts(by):
        checked.errors.append(
            LineError(None, None, _("Only the coordinating agency creates accounts."))
        )
        return checked
    scope = persona_of(by)
    finder = AgencyFinder(scope, as_of=as_of)
    taken = taken_addresses(line.email for line in lines)
    for line in lines:
        row = line.row or None
        errors: list[LineError] = []
        try:
            validate_email(line.email)
        except ValidationError:
            errors.append(
                LineError(
                    row,
                    Column.EMAIL,
                    _("“%(email)s” is not a valid e-mail address.") % {"email": line.email},
                )
            )
        if line.email in taken:
            errors.append(
                LineError(
                    row,
                    Column.EMAIL,
                    _("an account with the address %(email)s exists already.")
                    % {"email": line.email},
                )
            )
        organisation = finder.find(line.agency)
        problem = agency_problem(line.agency, organisation, scope)
        if problem:
            errors.append(LineError(row, Column.AGENCY, problem))
        if line.role not in {role.value for role in GRANTABLE}:
            errors.append(LineError(row, Column.ROLE, _("this role is not granted here.")))
        if errors:
            checked.errors += errors
        else:
            assert organisation is not None
            checked.invitees.append(Invitee(line, organisation, Role(line.role)))
    return checked


# --- writes -------------------------------------------------------------------------------


def _create(invitee: Invitee, *, by: User, now: datetime.datetime) -> User:
    line = invitee.line
    try:
        with transaction.atomic():
            person = User.objects.create_user(
                username=line.email, email=line.email, first_name=line.name
            )
    except IntegrityError as clash:
        raise ListRefusedError(
            [
                LineError(
                    line.row or None,
                    Column.EMAIL,
                    _("an account with the address %(email)s exists already.")
                    % {"email": line.email},
                )
            ]
        ) from clash
    # create_user without a password leaves an unusable one: the person chooses it.
    grant_role(person, invitee.role, invitee.organisation, by=by, now=now)
    record(
        Action.PERSON_INVITED,
        person,
        by=by,
        now=now,
        after={
            "name": line.name,
            "email": line.email,
            "role": invitee.role.value,
            "organisation_id": invitee.organisation.pk,
            "row": line.row or None,
        },
    )
    return person


@transaction.atomic
def invite_people(
    lines: Sequence[PersonLine], *, by: User, now: datetime.datetime, base_url: str
) -> list[User]:
    """Create an account for each line and send each its invitation: every one, or none
    (:class:`ListRefusedError` naming each row refused)."""
    if not lines:
        raise ListRefusedError([LineError(None, None, _("The list has nobody in it."))])
    checked = check_people(lines, by=by, as_of=timezone.localdate(now))
    if checked.errors:
        raise ListRefusedError(checked.errors)
    people = [_create(invitee, by=by, now=now) for invitee in checked.invitees]
    transaction.on_commit(lambda: send_invitations(people, base_url=base_url))
    return people


@transaction.atomic
def resend_invitation(person: User, *, by: User, now: datetime.datetime, base_url: str) -> None:
    _require_manager(by, person)
    if not person.is_active:
        raise OrganisationError(
            _("%(person)s is disabled; enable the account before inviting them again.")
            % {"person": person_label(person)}
        )
    if person.has_usable_password():
        raise OrganisationError(
            _(
                "%(person)s has chosen a password already; a forgotten one is reset from the "
                "log-in page."
            )
            % {"person": person_label(person)}
        )
    if not person.email:
        raise OrganisationError(
            _("%(person)s has no e-mail address.") % {"person": person_label(person)}
        )
    record(Action.INVITATION_RESENT, person, by=by, now=now, after={"email": person.email})
    transaction.on_commit(lambda: send_invitations([person], base_url=base_url))


@transaction.atomic
def disable_person(person: User, *, by: User, now: datetime.datetime) -> None:
    _require_manager(by, person)
    deactivate_person(person, by=by, now=now)


@transaction.atomic
def enable_person(person: User, *, by: User, now: datetime.datetime) -> None:
    _require_manager(by, person)
    if person.is_active:
        raise OrganisationError(
            _("%(person)s is already enabled.") % {"person": person_label(person)}
        )
    set_active(person, True, by=by, now=now)


@transaction.atomic
def change_role(person: User, role: Role, *, by: User, now: datetime.datetime) -> Membership:
    """Give ``person`` ``role`` in the agency they belong to, in place of the role they had."""
    _require_manager(by, person)
    if role not in GRANTABLE:
        raise OrganisationError(_("This role is not granted here."))
    held = Membership.objects.filter(user=person).select_related("organisation").first()
    if held is None or held.organisation is None:
        raise OrganisationError(
            _("%(person)s belongs to no agency; their role is set in the administration.")
            % {"person": person_label(person)}
        )
    if held.role == role and Membership.objects.filter(user=person).count() == 1:
        raise OrganisationError(
            _("%(person)s is already %(role)s.")
            % {"person": person_label(person), "role": role.label}
        )
    return grant_role(person, role, held.organisation, by=by, now=now)


@transaction.atomic
def update_profile(person: User, *, name: str, email: str, now: datetime.datetime) -> None:
    """A person's own name and address. The user name follows the address when it was the
    address (accounts created by invitation log in with it)."""
    name = text_of(name)
    address = normal_email(email)
    if not name:
        raise OrganisationError(_("Write your name."))
    if len(name) > MAX_NAME:
        raise OrganisationError(_("The name is longer than %(n)s characters.") % {"n": MAX_NAME})
    problem = email_problem(address)
    if problem is not None:
        raise OrganisationError(_("E-mail: %(problem)s") % {"problem": problem})
    try:
        validate_email(address)
    except ValidationError as invalid:
        raise OrganisationError(
            _("“%(email)s” is not a valid e-mail address.") % {"email": address}
        ) from invalid
    before = {"name": person.get_full_name(), "email": person.email, "username": person.username}
    if address != person.email.lower() and (
        User.objects.exclude(pk=person.pk)
        .annotate(mail=Lower("email"), login=Lower("username"))
        .filter(Q(mail=address) | Q(login=address))
        .exists()
    ):
        raise OrganisationError(
            _("Another account uses the address %(email)s.") % {"email": address}
        )
    if person.username.lower() == person.email.lower() and person.email:
        person.username = address
    person.first_name, person.last_name, person.email = name, "", address
    after = {"name": name, "email": address, "username": person.username}
    if after == before:
        return
    person.save(update_fields=["first_name", "last_name", "email", "username"])
    forget(person)
    record(Action.PROFILE_CHANGED, person, by=person, now=now, before=before, after=after)
