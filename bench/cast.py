"""Who requests each page, and the values of the URLs' arguments, from the synthetic data set.

One provincial plan of ``theodoi synth`` is the bench's: its province's leader, coordinator and
inspector, the agency that leads most of its tasks as the reporter, the nation's leader and IT
staff, each an account made as the tests make their personas (tests/builders.py). A round is
opened in the plan, and the rows a page needs that the data set has none of (a report waiting
for review, evidence, a feedback item, a directive, an import draft) are made through the real
services, as the permission matrix's fixtures make theirs."""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.test import Client
from django.utils import timezone
from tests.builders import PDF, TIEN_GIANG, make_persona
from tests.workspace.test_permission_matrix import small_plan

from theodoi.directives.services import issue_directive
from theodoi.orgs.models import Organisation, Role
from theodoi.orgs.services import grant_role
from theodoi.plans.importing import stage_import
from theodoi.plans.models import AgencyRole, Plan, Task, TaskAgency
from theodoi.portal.feedback import submit_feedback
from theodoi.portal.handling import route_feedback
from theodoi.reporting.evidence import attach_evidence
from theodoi.reporting.fields import UpdateContent
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.people import set_people_in_charge
from theodoi.reporting.rounds import open_round
from theodoi.reporting.updates import submit_update
from theodoi.reporting.values import record_indicator_value
from theodoi.snapshots.errors import SnapshotError
from theodoi.snapshots.services import publish_ranking

# The roles a page is requested as, the first of them that the permission matrix lets read it:
# a page everyone reads is the public's, a page of the staff the leader's.
ROLES = (
    "public",
    "leader",
    "coordinator",
    "reporter",
    "national_leader",
    "admin_persona",
    "inspector",
)


@dataclass
class Cast:
    plan: Plan
    round: ReportingRound
    form_task: Task  # the reporter's task whose update form the report POST saves
    people: dict[str, User | None] = field(default_factory=dict)
    arguments: dict[str, Any] = field(default_factory=dict)

    def client(self, role: str, *, csrf: bool = False) -> Client:
        client = Client(enforce_csrf_checks=csrf)
        person = self.people[role]
        if person is not None:
            client.force_login(person)
        return client


def lead_agency(plan: Plan) -> Organisation:
    """The agency that leads most of ``plan``'s tasks."""
    top = (
        TaskAgency.objects.filter(task__plan=plan, role=AgencyRole.LEAD, organisation__isnull=False)
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation_id")
        .first()
    )
    assert top is not None, f"no agency leads a task of {plan}"
    return Organisation.objects.get(pk=top["organisation_id"])


def cast(plan: Plan) -> Cast:
    now = timezone.now()
    today = timezone.localdate(now)
    province = plan.province
    assert province is not None
    focal = province.children.filter(code__endswith="--so-khoa-hoc-cong-nghe").first()
    agency = lead_agency(plan)
    inspector = User.objects.create_user("bench-inspector")
    grant_role(inspector, Role.INSPECTOR, province, confidential=True, by=None, now=now)
    people: dict[str, User | None] = {
        "public": None,
        "leader": make_persona("bench-leader", Role.LEADER, province),
        "coordinator": make_persona("bench-coordinator", Role.COORDINATOR, focal or province),
        "reporter": make_persona("bench-reporter", Role.REPORTER, agency),
        "national_leader": make_persona("bench-national", Role.LEADER, None),
        "admin_persona": make_persona("bench-admin", Role.ADMIN, None),
        "inspector": inspector,
    }
    coordinator, leader, reporter = (people[r] for r in ("coordinator", "leader", "reporter"))
    assert coordinator is not None
    assert leader is not None
    assert reporter is not None
    round_ = open_round(
        plan,
        title="Kỳ báo cáo đo hiệu năng",
        period_start=today - datetime.timedelta(days=90),
        period_end=today + datetime.timedelta(days=30),
        cut_off=today,
        deadline=now + datetime.timedelta(days=30),
        by=coordinator,
        now=now,
    )
    tasks = list(
        plan.tasks.filter(agencies__role=AgencyRole.LEAD, agencies__organisation=agency)
        .distinct()
        .order_by("position", "pk")
    )
    # The first task's form is the report POST's; the second carries a report waiting for
    # review and its evidence, which the review and the API's detail pages read.
    form_task, reported = tasks[0], tasks[-1]
    arguments: dict[str, Any] = {
        "plan_id": plan.pk,
        "round_id": round_.pk,
        "task_id": form_task.pk,
        "agency_id": agency.pk,
        "kind": "nhiem-vu",
        "dataset": "tasks",
        # A link whose token is not valid: the page that says so.
        "uidb64": "MQ",
        "token": "cnr4gq-0123456789abcdef0123456789abcdef",
    }
    arguments["report_id"] = submit_update(
        round_,
        reported,
        UpdateContent(status="in_progress", progress=10),
        by=reporter,
        based_on=0,
        now=now,
    ).pk
    pdf = ContentFile(PDF, name="minh-chung.pdf")
    arguments["evidence_id"] = attach_evidence(round_, reported, pdf, by=reporter, now=now).pk
    indicator = plan.indicators.filter(agencies__organisation=agency).order_by("position").first()
    if indicator is not None:
        arguments["value_id"] = record_indicator_value(
            round_,
            indicator,
            value=1,
            measured_on=round_.cut_off,
            confirmed=True,
            submit=True,
            by=reporter,
            based_on=0,
            now=now,
        ).pk
    else:  # the reporter's agency reports no figure: the portal's pages read another
        indicator = plan.indicators.order_by("position").first()
    if indicator is not None:
        arguments["indicator_id"] = indicator.pk
    group = plan.groups.order_by("pk").first()
    if group is not None:
        arguments["group_id"] = group.pk
    assignment = form_task.agencies.filter(role=AgencyRole.LEAD, organisation=agency).first()
    assert assignment is not None
    set_people_in_charge(assignment, officer=reporter, leader=None, by=coordinator, now=now)
    arguments["in_charge_id"] = reporter.pk
    item = submit_feedback(
        kind="kien_nghi",
        message="Khi nào công khai danh sách dịch vụ công?",
        plan=plan,
        name="Người dân",
        contact="0909000000",
        source="bench",
        now=now,
    )
    due = today + datetime.timedelta(days=10)
    arguments["feedback_id"] = route_feedback(
        item, agency=agency, due=due, by=coordinator, now=now
    ).pk
    arguments["directive_id"] = issue_directive(
        plan,
        task=None,
        agency=agency,
        text="Đề nghị báo cáo tiến độ.",
        due=due,
        by=leader,
        now=now,
    ).pk
    # The ranking made public, as its coordinator publishes it: the portal's ranking and its
    # explanations show one (the data set publishes none). The smoke's small data may have no
    # score yet, and then the pages are walked showing none, as a plan before its first score.
    with contextlib.suppress(SnapshotError):
        publish_ranking(plan, by=coordinator, now=now)
    upload = SimpleUploadedFile(
        "bench.json", small_plan(TIEN_GIANG, keep=3, province=province.name)
    )
    arguments["draft_id"] = stage_import(upload, by=coordinator, now=now).pk
    return Cast(plan=plan, round=round_, form_task=form_task, people=people, arguments=arguments)
