"""Who may write what in a round, and until when: the preconditions every reporting write
checks first."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.orgs.models import Organisation, Role
from theodoi.orgs.roles import persona_of
from theodoi.plans.models import AgencyRole, Indicator, Task
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import ReportingRound, RoundState
from theodoi.users import User


def require_coordinator(by: User) -> None:
    if persona_of(by).role not in {Role.ADMIN, Role.COORDINATOR}:
        raise ReportingError(_("Only the coordinating agency can do this."))


def reporter_organisation(by: User) -> Organisation:
    persona = persona_of(by)
    if persona.role != Role.REPORTER or persona.organisation is None:
        raise ReportingError(_("Only a reporter of an implementing agency can report."))
    return persona.organisation


def task_role(task: Task, organisation: Organisation) -> str | None:
    """``lead`` or ``cooperating`` when ``organisation`` (or a body it succeeded) is named on
    the task; lead wins when it is named both ways."""
    roles = set(
        task.agencies.filter(organisation_id__in=organisation.lineage_ids()).values_list(
            "role", flat=True
        )
    )
    if AgencyRole.LEAD in roles:
        return AgencyRole.LEAD
    return AgencyRole.COOPERATING if roles else None


def reports_on_indicator(indicator: Indicator, organisation: Organisation) -> bool:
    return indicator.agencies.filter(organisation_id__in=organisation.lineage_ids()).exists()


def accepts_reports_from(
    round_: ReportingRound, organisation: Organisation, now: datetime.datetime
) -> bool:
    """Open and before its deadline, or reopened for this agency until a later time."""
    if round_.state == RoundState.CLOSED:
        return False
    if round_.state == RoundState.OPEN and now < round_.deadline:
        return True
    return round_.reopenings.filter(organisation=organisation, until__gt=now).exists()


def require_accepting(
    round_: ReportingRound, organisation: Organisation, now: datetime.datetime
) -> None:
    # The page may have loaded the round before the coordinator locked or closed it.
    round_.refresh_from_db(fields=["state", "deadline"])
    if not accepts_reports_from(round_, organisation, now):
        raise ReportingError(
            _(
                "The round “%(round)s” is locked since %(deadline)s; ask the coordinating "
                "agency to reopen it for your agency."
            )
            % {
                "round": round_,
                "deadline": timezone.localtime(round_.deadline).strftime("%H:%M %d/%m/%Y"),
            }
        )
