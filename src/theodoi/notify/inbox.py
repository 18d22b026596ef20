"""What a person does with their own notices: read them, and choose which kinds come by
e-mail. Each write is atomic and leaves an audit entry."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.audit.actions import Action
from theodoi.audit.log import record
from theodoi.notify.errors import NotifyError
from theodoi.notify.models import Notice, NoticeKind, NoticePreference
from theodoi.users import User


@transaction.atomic
def mark_read(notice: Notice, *, by: User, now: datetime.datetime) -> Notice:
    if notice.recipient_id != by.pk:
        raise NotifyError(_("This notice is not yours."))
    if notice.read_at is None:
        notice.read_at = now
        notice.save(update_fields=["read_at"])
        record(Action.NOTICE_READ, notice, by=by, now=now, after={"read_at": now.isoformat()})
    return notice


@transaction.atomic
def mark_all_read(*, by: User, now: datetime.datetime) -> int:
    count = Notice.objects.filter(recipient_id=by.pk, read_at=None).update(read_at=now)
    if count:
        record(Action.NOTICES_ALL_READ, None, by=by, now=now, after={"count": count})
    return count


def email_preferences(user: User) -> dict[str, bool]:
    chosen = dict(NoticePreference.objects.filter(user=user).values_list("kind", "email"))
    return {kind: chosen.get(kind, True) for kind in NoticeKind.values}


@transaction.atomic
def set_email_preferences(
    user: User, email_kinds: Iterable[str], *, now: datetime.datetime
) -> dict[str, bool]:
    """Keep which kinds of notice ``user`` gets by e-mail: those in ``email_kinds``."""
    chosen = set(email_kinds)
    unknown = chosen - set(NoticeKind.values)
    if unknown:
        raise NotifyError(
            _("Unknown kind of notice: %(kinds)s.") % {"kinds": ", ".join(sorted(unknown))}
        )
    before = email_preferences(user)
    after = {kind: kind in chosen for kind in NoticeKind.values}
    for kind, email in after.items():
        NoticePreference.objects.update_or_create(user=user, kind=kind, defaults={"email": email})
    if before != after:
        record(Action.NOTICE_PREFERENCES_SET, None, by=user, now=now, before=before, after=after)
    return after
