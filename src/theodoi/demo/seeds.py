"""The demonstration set-up of ``theodoi load_demo``: organisation data, one account per role
and reporters for the busiest bodies of each seed province, and the seed plans imported
through the same services as the import page. Running it again changes nothing."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import User
from django.core.files import File
from django.db.models import Count
from django.utils import timezone

from theodoi.orgs.loading import load_organisations, slug
from theodoi.orgs.models import Organisation, Role
from theodoi.orgs.services import grant_role
from theodoi.plans.correcting import apply_corrections
from theodoi.plans.corrections import Correction
from theodoi.plans.errors import PlanError
from theodoi.plans.importing import discard_import, publish_import, stage_import
from theodoi.plans.linking import confirm_task_link
from theodoi.plans.models import (
    AgencyRole,
    DraftStatus,
    ImportDraft,
    LinkBasis,
    LinkState,
    Plan,
    TaskAgency,
    TaskLink,
)
from theodoi.reporting.national import load_national_plan, national_plan
from theodoi.reporting.people import set_people_in_charge

SEED_SUFFIXES = {".txt", ".docx", ".pdf", ".html", ".htm", ".json"}
REPORTERS_PER_PROVINCE = 3
# Lead assignments of each reporting body per plan that name their officer and leader in charge.
PEOPLE_NAMED = 3
FOCAL_AGENCY = "Sở Khoa học và Công nghệ"
# The likeness of titles from which the demo's coordinator confirms a suggestion at a glance
# (evaluation.linking: true pairs from 0.36 up; from about 0.7 the titles are the national
# task's own words, rewritten little).
CONFIRM_LIKENESS = 0.7


@dataclass
class DemoReport:
    accounts: list[tuple[str, str, str | None]] = field(default_factory=list)  # name, role, pw
    imported: list[Plan] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _account(
    username: str,
    role: Role,
    organisation: Organisation | None,
    *,
    now: datetime.datetime,
    report: DemoReport,
    confidential: bool = False,
) -> User:
    """The account, created with a random password (returned once, never stored in clear)."""
    user = User.objects.filter(username=username).first()
    if user is not None:
        report.accounts.append((username, role, None))
        return user
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(username, password=password)
    if role == Role.ADMIN:
        # IT staff work in Django's admin as well.
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    grant_role(user, role, organisation, confidential=confidential, by=None, now=now)
    report.accounts.append((username, role, password))
    return user


def _province_accounts(
    province: Organisation, *, now: datetime.datetime, report: DemoReport
) -> None:
    """A coordinator (its Sở KH&CN) and a leader for the province, who see only its plans
    (those of the provinces it succeeded included)."""
    focal = Organisation.objects.filter(
        parent=province, code__endswith="--so-khoa-hoc-cong-nghe"
    ).first()
    place = slug(province.name)
    _account(f"{place}.daumoi", Role.COORDINATOR, focal or province, now=now, report=report)
    _account(f"{place}.lanhdao", Role.LEADER, province, now=now, report=report)


def _import_seed(
    path: Path, *, by: User, now: datetime.datetime, report: DemoReport
) -> Plan | None:
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    if Plan.objects.filter(source_sha256=sha256).exists():
        report.skipped.append(path.name)
        return None
    # A draft left from an interrupted run would block the upload as a duplicate.
    for stale in ImportDraft.objects.filter(sha256=sha256, status=DraftStatus.STAGED):
        discard_import(stale, by=by, now=now)
    with path.open("rb") as handle:
        draft = stage_import(File(handle, name=path.name), by=by, now=now)
    draft = _assign_unowned(draft, by=by, now=now)
    tasks, indicators = len(draft.plan_json["tasks"]), len(draft.plan_json["indicators"])
    if not tasks and not indicators:
        report.warnings.append(
            f"{path.name}: không đọc được nhiệm vụ hay chỉ tiêu nào; vẫn nhập văn bản."
        )
    if draft.unresolved:
        report.warnings.append(
            f"{path.name}: {len(draft.unresolved)} tên cơ quan chưa xác định: "
            + "; ".join(draft.unresolved)
        )
    return publish_import(draft, by=by, now=now, confirm_empty=True)


def _assign_unowned(draft: ImportDraft, *, by: User, now: datetime.datetime) -> ImportDraft:
    """Give the tasks and indicators the document assigns to nobody to the province's focal
    agency, in the preview, as the coordinator would before publishing: otherwise nobody could
    report on them (the Quảng Ngãi portal's 03/NQ-CP plan names no agency for its tasks,
    60-CTr/TU and the Quảng Trị article none for their indicators)."""
    corrections = [
        Correction(table, row, field, FOCAL_AGENCY)
        for table, field in (("tasks", "lead"), ("indicators", "agencies"))
        for row, entry in enumerate(draft.plan_json[table])
        if not entry.get(field)
    ]
    if not corrections or draft.province is None:
        return draft
    return apply_corrections(draft, corrections, by=by, now=now)


def _busiest_bodies(plan: Plan, as_of: datetime.date) -> list[Organisation]:
    """The bodies leading most tasks of the plan, today's bodies only."""
    counts = Counter(
        dict(
            TaskAgency.objects.filter(task__plan=plan, role=AgencyRole.LEAD)
            .exclude(organisation=None)
            .values_list("organisation")
            .annotate(n=Count("id"))
            .values_list("organisation", "n")
        )
    )
    if not counts:
        # A plan with no task read still has its province's focal agency (Sở KH&CN).
        province = plan.province.current(as_of) if plan.province else None
        focal = Organisation.objects.filter(
            parent=province, code__endswith="--so-khoa-hoc-cong-nghe"
        ).first()
        return [focal] if focal else []
    bodies = Organisation.objects.in_bulk(list(counts))
    ranked = sorted(counts, key=lambda pk: (-counts[pk], bodies[pk].name))
    return [
        bodies[pk]
        for pk in ranked
        if bodies[pk].active and bodies[pk].kind != "province" and bodies[pk].parent_id
    ][:REPORTERS_PER_PROVINCE]


def _link_to_national(*, by: User, now: datetime.datetime, report: DemoReport) -> None:
    """Load 03/NQ-CP as the national plan (the seed plans that cite it then implement it and
    get suggestions), and confirm, as the coordinator would, the suggestions whose basis is a
    national number the text cites and, for each task, the likest title if it is very alike."""
    fresh = national_plan() is None
    national = load_national_plan(by=by, now=now)
    if fresh:
        report.imported.append(national)
    suggested = TaskLink.objects.filter(higher__plan=national, state=LinkState.SUGGESTED)
    chosen = list(suggested.filter(basis=LinkBasis.CITED))
    # A task already linked (by this run or an earlier one) keeps the links it has.
    linked = {link.task_id for link in chosen} | set(
        TaskLink.objects.filter(higher__plan=national, state=LinkState.CONFIRMED).values_list(
            "task_id", flat=True
        )
    )
    best: dict[int, TaskLink] = {}
    for link in suggested.filter(basis=LinkBasis.TITLE, score__gte=CONFIRM_LIKENESS):
        if link.task_id in linked:
            continue
        if link.task_id not in best or (link.score or 0) > (best[link.task_id].score or 0):
            best[link.task_id] = link
    for link in [*chosen, *best.values()]:
        confirm_task_link(link, by=by, now=now)


def load_demo(
    seeds: Path, *, now: datetime.datetime, say: Callable[[str], None] = print
) -> DemoReport:
    """Load the organisations, the demo accounts and every seed plan in ``seeds``."""
    report = DemoReport()
    load_organisations(by=None, now=now)
    _account("quantri", Role.ADMIN, None, now=now, report=report)
    coordinator = _account("daumoi", Role.COORDINATOR, None, now=now, report=report)
    # The national level reads every province's plans; the inspection account reads them
    # too, confidential tasks included, each such read audited.
    _account("lanhdao", Role.LEADER, None, now=now, report=report)
    _account("thanhtra", Role.INSPECTOR, None, now=now, report=report, confidential=True)
    paths = sorted(p for p in seeds.iterdir() if p.suffix.lower() in SEED_SUFFIXES)
    for path in paths:
        try:
            plan = _import_seed(path, by=coordinator, now=now, report=report)
        except PlanError as exc:
            report.warnings.append(f"{path.name}: {exc}")
            continue
        if plan is not None:
            report.imported.append(plan)
    _link_to_national(by=coordinator, now=now, report=report)
    for plan in Plan.objects.exclude(province=None).select_related("province"):
        assert plan.province is not None  # excluded above
        _province_accounts(plan.province.current(timezone.localdate(now)), now=now, report=report)
        for body in _busiest_bodies(plan, timezone.localdate(now)):
            assert body.parent is not None  # _busiest_bodies keeps bodies under a province
            username = f"{slug(body.parent.name)}.{slug(body.name)}"[:140]
            officer = _account(username, Role.REPORTER, body, now=now, report=report)
            # The body's leader: the head of the agency, and the leader in charge of a few
            # of its tasks, as its reporter is their officer in charge (issue 12, "People").
            head = _account(f"{username}.lanhdao", Role.LEADER, body, now=now, report=report)
            _name_people(plan, body, officer, head, by=coordinator, now=now)
    return report


def _name_people(
    plan: Plan,
    body: Organisation,
    officer: User,
    leader: User,
    *,
    by: User,
    now: datetime.datetime,
) -> None:
    """Name ``officer`` and ``leader`` in charge of the first lead assignments of ``body`` in
    ``plan``; nothing when the body already has people named there (a second run)."""
    assignments = TaskAgency.objects.filter(
        task__plan=plan, role=AgencyRole.LEAD, organisation_id__in=body.lineage_ids()
    ).order_by("task__position", "pk")
    if assignments.exclude(officer=None, leader=None).exists():
        return
    for assignment in assignments[:PEOPLE_NAMED]:
        set_people_in_charge(assignment, officer=officer, leader=leader, by=by, now=now)
