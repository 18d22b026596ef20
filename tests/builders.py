"""Builders of test data, each going through the real services as the pages do: the shipped
organisations, one persona per role (DESIGN.md's table), the gold plans imported as the import
page imports them, and the half-year round of 2026 of seed 004 (Tiền Giang's plan 69/KH-UBND,
Đồng Tháp's since the merger) with what Sở Khoa học và Công nghệ reports in it.

The conftests define their fixtures from these; a test that needs a second persona, round or
report calls them directly."""

from __future__ import annotations

import datetime
from pathlib import Path

from django.contrib.auth.models import User
from django.core.files import File
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from theodoi.orgs.loading import load_organisations
from theodoi.orgs.models import Organisation, Role
from theodoi.orgs.services import grant_role
from theodoi.plans.importing import publish_import, stage_import
from theodoi.plans.models import AgencyRole, Indicator, Plan, Task
from theodoi.reporting.evidence import attach_evidence
from theodoi.reporting.models import IndicatorValue, ReportingRound, TaskUpdate
from theodoi.reporting.review import accept_update
from theodoi.reporting.rounds import open_round
from theodoi.reporting.updates import UpdateContent, submit_update
from theodoi.reporting.values import record_indicator_value

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD = SHARED / "extraction" / "gold"
SEEDS = SHARED / "seeds"
NOW = datetime.datetime(2026, 11, 22, 9, 0, tzinfo=datetime.UTC)
PASSWORD = "mật-khẩu-thử-nghiệm-1"
TIEN_GIANG = "004_aea82470e0b2daef.json"

# The half-year round of 2026: opened, reported in, reviewed, evaluated, closed.
OPENED = datetime.datetime(2026, 5, 4, 8, 0, tzinfo=datetime.UTC)
DURING = datetime.datetime(2026, 5, 20, 3, 0, tzinfo=datetime.UTC)
LATER = DURING + datetime.timedelta(hours=2)
REVIEWED = datetime.datetime(2026, 5, 25, 3, 0, tzinfo=datetime.UTC)
AS_OF = datetime.date(2026, 5, 26)
DEADLINE = datetime.datetime(2026, 5, 31, 17, 0, tzinfo=datetime.UTC)  # 1/6 00:00 in Hà Nội
AFTER = datetime.datetime(2026, 6, 2, 3, 0, tzinfo=datetime.UTC)

# The smallest file a PDF reader opens (and a type sniffer takes for one): evidence in tests.
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def load_orgs() -> None:
    """The shipped organisation data. Tests on a live server flush the database afterwards,
    so it is loaded again when missing."""
    if not Organisation.objects.filter(code="dong-thap").exists():
        load_organisations(by=None, now=NOW)


def org(code: str) -> Organisation:
    """A body of the shipped data by its code: ``dong-thap--so-khoa-hoc-cong-nghe``."""
    return Organisation.objects.get(code=code)


def make_persona(
    username: str, role: Role | None, organisation: Organisation | None = None
) -> User:
    """An account with ``PASSWORD``, granted ``role`` in ``organisation`` by the real service."""
    user = User.objects.create_user(username, password=PASSWORD)
    if role is not None:
        grant_role(user, role, organisation, by=None, now=NOW)
    return user


def agency_of(user: User) -> Organisation:
    """The organisation a reporter reports for."""
    organisation = user.memberships.get().organisation
    assert organisation is not None, f"{user} reports for no agency"
    return organisation


def with_email(user: User, address: str) -> User:
    user.email = address
    user.save(update_fields=["email"])
    return user


def signed_in(user: User) -> Client:
    """A test client with ``user`` signed in."""
    client = Client()
    client.force_login(user)
    return client


def import_gold(name: str, *, by: User | None = None) -> Plan:
    """A gold Plan JSON file imported through the import services, as the import page does."""
    with (GOLD / name).open("rb") as handle:
        draft = stage_import(File(handle, name=name), by=by, now=NOW)
    return publish_import(draft, by=by, now=NOW, confirm_empty=True)


def open_half_year_round(plan: Plan, *, by: User) -> ReportingRound:
    """The round "Báo cáo 6 tháng đầu năm 2026", opened on ``OPENED``, due on ``DEADLINE``."""
    return open_round(
        plan,
        title="Báo cáo 6 tháng đầu năm 2026",
        period_start=datetime.date(2025, 11, 15),
        period_end=datetime.date(2026, 5, 31),
        cut_off=datetime.date(2026, 5, 15),
        deadline=DEADLINE,
        by=by,
        now=OPENED,
    )


def open_round_now(plan: Plan, *, by: User, title: str = "Báo cáo 6 tháng") -> ReportingRound:
    """A round open at the real clock, for pages and live servers that run on it: five months
    behind, ten days to go."""
    now = timezone.now()
    today = timezone.localdate()
    return open_round(
        plan,
        title=title,
        period_start=today - datetime.timedelta(days=150),
        period_end=today + datetime.timedelta(days=10),
        cut_off=today,
        deadline=now + datetime.timedelta(days=10),
        by=by,
        now=now,
    )


def tasks_of(plan: Plan, organisation: Organisation, role: str) -> list[Task]:
    """The plan's tasks on which ``organisation`` (or a body it succeeds) has ``role``."""
    return list(
        plan.tasks.filter(
            agencies__organisation_id__in=organisation.lineage_ids(), agencies__role=role
        )
        .distinct()
        .order_by("position")
    )


def lead_task_of(round_: ReportingRound, reporter: User) -> Task:
    """The first task of the round's plan that the reporter's agency leads."""
    return tasks_of(round_.plan, agency_of(reporter), AgencyRole.LEAD)[0]


def lead_tasks(plan: Plan, reporter: User) -> list[Task]:
    """The tasks the reporter's agency leads that fall due once (not the recurring ones)."""
    lineage = agency_of(reporter).lineage_ids()
    return list(
        plan.tasks.filter(agencies__organisation_id__in=lineage, agencies__role=AgencyRole.LEAD)
        .exclude(due_kind="recurring")
        .distinct()
        .order_by("position")
    )


def reporter_indicator(plan: Plan, reporter: User) -> Indicator:
    """The first indicator of the reporter's agency with a target to reach or pass."""
    lineage = agency_of(reporter).lineage_ids()
    indicator = (
        plan.indicators.filter(agencies__organisation_id__in=lineage, comparator=">=")
        .exclude(target=None)
        .order_by("position")
        .first()
    )
    assert indicator is not None, "the plan has no such indicator for this agency"
    return indicator


def percent_indicator(plan: Plan, organisation: Organisation) -> Indicator:
    """The first indicator in per cent of ``organisation``."""
    indicator = (
        plan.indicators.filter(unit="%", agencies__organisation_id__in=organisation.lineage_ids())
        .order_by("position")
        .first()
    )
    assert indicator is not None, "the plan has no indicator in per cent for this agency"
    return indicator


def report_task(
    round_: ReportingRound,
    task: Task,
    content: UpdateContent,
    *,
    by: User,
    reviewer: User,
    accept: bool = True,
    evidence: bool = False,
) -> TaskUpdate:
    """Submit ``by``'s update on a task during the round; ``reviewer`` accepts it unless told
    not to; a PDF is attached first if asked."""
    if evidence:
        attach_evidence(round_, task, ContentFile(PDF, name="bien-ban.pdf"), by=by, now=DURING)
    update = submit_update(round_, task, content, by=by, based_on=0, now=DURING)
    return accept_update(update, by=reviewer, now=REVIEWED) if accept else update


def report_value(
    round_: ReportingRound,
    indicator: Indicator,
    value: float,
    on: datetime.date,
    *,
    by: User,
    reviewer: User,
    baseline: bool = False,
    confirmed: bool = True,
    accept: bool = True,
    reviewed: datetime.datetime = REVIEWED,
) -> IndicatorValue:
    """Submit ``by``'s figure for an indicator, measured ``on``, during the round;
    ``reviewer`` accepts it at ``reviewed`` unless told not to."""
    figure = record_indicator_value(
        round_,
        indicator,
        value=value,
        measured_on=on,
        baseline=baseline,
        confirmed=confirmed,
        submit=True,
        by=by,
        based_on=0,
        now=DURING,
    )
    return accept_update(figure, by=reviewer, now=reviewed) if accept else figure
