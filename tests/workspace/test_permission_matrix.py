"""Every named route of the project, for every role, answers with the status this matrix
declares. A route added without a row here fails the test: access is decided on purpose.

Django admin (``quan-tri/``) is left out: it is IT staff's, behind its own staff login.

To add a route: one row in MATRIX (method, the status per role, the form data if it is a
POST); if its URL takes an argument not yet in URL_ARGUMENTS, a fixture giving the value and
one line there. Fixtures are built only for the routes that need them.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from tests.builders import GOLD, NOW, make_persona, org
from theodoi.api.tokens import issue_integration_token
from theodoi.api.webhooks import subscribe
from theodoi.directives.services import issue_directive
from theodoi.notify.models import Notice, NoticeKind
from theodoi.orgs.models import Role
from theodoi.plans.importing import publish_import, stage_import
from theodoi.plans.models import ImportDraft, Indicator, LinkBasis, LinkState, Plan, Task, TaskLink
from theodoi.portal.feedback import submit_feedback
from theodoi.portal.handling import route_feedback
from theodoi.reporting.deadlines import deadline_of
from theodoi.reporting.evidence import attach_evidence
from theodoi.reporting.extensions import request_extension
from theodoi.reporting.models import ReportingRound
from theodoi.reporting.rounds import open_round
from theodoi.reporting.updates import UpdateContent, submit_update
from theodoi.reporting.values import record_indicator_value
from theodoi.snapshots.services import rebuild_snapshot

# The plans of the matrix are Tiền Giang's, which Đồng Tháp carries since the merger: the
# coordinator, the leader and the inspector work in Đồng Tháp's scope; "other_coordinator" is
# Quảng Ngãi's and "national_leader" reads the whole country.
ROLES = (
    "public",
    "reporter",
    "other_reporter",
    "leader",
    "coordinator",
    "admin_persona",
    "other_coordinator",
    "inspector",
    "national_leader",
)
LOGIN = "login"  # a redirect to the login page
AWAY = "away"  # a redirect elsewhere: the action was done, or there is nothing to do here


@dataclass(frozen=True)
class Route:
    method: str
    expected: dict[str, int | str]
    # Form data of a POST or the query of a GET, or the name of a fixture that gives it.
    data: dict[str, str] | str = field(default_factory=dict)


def each(status: int | str) -> dict[str, int | str]:
    return dict.fromkeys(ROLES, status)


def staff(status: int | str) -> dict[str, int | str]:
    """Anyone signed in with a role; the public is asked to log in."""
    return {**each(status), "public": LOGIN}


def importers(status: int | str) -> dict[str, int | str]:
    """Coordinators and IT staff import plans; other roles may not."""
    return {
        **each(403),
        "public": LOGIN,
        "coordinator": status,
        "admin_persona": status,
        "other_coordinator": status,
    }


def readers(status: int | str) -> dict[str, int | str]:
    """Leaders, inspectors, coordinators and IT staff read every task of their scope,
    confidential ones too (an inspector when granted)."""
    return {**importers(status), "leader": status, "inspector": status, "national_leader": status}


def foreign(expected: dict[str, int | str]) -> dict[str, int | str]:
    """A route about one of Tiền Giang's plans, drafts, rounds or tasks: the coordinator of
    another province does not learn that it exists."""
    return {**expected, "other_coordinator": 404}


def reporters(own: int | str, other: int | str) -> dict[str, int | str]:
    """Reporters report for their agency (``own``: the one on the task; ``other``: an agency
    that is not); other roles may not."""
    return {**each(403), "public": LOGIN, "reporter": own, "other_reporter": other}


def directors(status: int | str) -> dict[str, int | str]:
    """Leaders and coordinators of the scope (IT staff too) give directives; inspectors and
    reporters may not."""
    return {
        **staff(403),
        "leader": status,
        "coordinator": status,
        "admin_persona": status,
        "national_leader": status,
    }


MATRIX: dict[str, Route] = {
    "login": Route("GET", {**each(AWAY), "public": 200}),
    # Single sign-on answers only where it is configured (tests/sso configure it).
    "oidc_authentication_init": Route("GET", each(404)),
    "oidc_authentication_callback": Route("GET", each(404)),
    "logout": Route("POST", each(AWAY)),
    "favicon": Route("GET", each(AWAY)),
    "password_change": Route("GET", staff(200)),
    "password_change_done": Route("GET", staff(200)),
    "password_reset": Route("GET", each(200)),
    "password_reset_done": Route("GET", each(200)),
    # A link with a token that is not valid: the page says so, to anyone.
    "password_reset_confirm": Route("GET", each(200)),
    "password_reset_complete": Route("GET", each(200)),
    "workspace:home": Route("GET", each(200)),
    # A role that is not one's own is refused on the page it came from.
    "workspace:choose_role": Route("POST", {**each(AWAY), "public": LOGIN}, {"membership": "0"}),
    "workspace:plan_list": Route("GET", staff(200)),
    "workspace:plan_detail": Route("GET", foreign(staff(200))),
    "workspace:import_upload": Route("GET", importers(200)),
    "workspace:import_preview": Route("GET", foreign(importers(200))),
    "workspace:import_edit_cell": Route(
        "POST",
        foreign(importers(AWAY)),
        {"table": "tasks", "row": "0", "field": "title", "value": "Nhiệm vụ đã sửa"},
    ),
    "workspace:import_map_agency": Route("POST", foreign(importers(AWAY)), "mapping_data"),
    "workspace:import_publish": Route("POST", foreign(importers(AWAY)), {"confirmed": "True"}),
    "workspace:import_row": Route(
        "POST", foreign(importers(AWAY)), {"table": "tasks", "row": "0", "action": "delete"}
    ),
    "workspace:import_split": Route(
        "GET", foreign(importers(200)), data={"table": "tasks", "row": "0"}
    ),
    "workspace:import_merge": Route(
        "POST", foreign(importers(AWAY)), {"table": "tasks", "rows": ["0", "1"]}
    ),
    "workspace:import_add": Route(
        "POST", foreign(importers(AWAY)), {"table": "tasks", "text": "Nhiệm vụ bị sót"}
    ),
    "workspace:import_paragraphs": Route("GET", foreign(importers(200))),
    "workspace:import_fill_indicators": Route("POST", foreign(importers(AWAY)), {"year": "2030"}),
    "workspace:import_undo": Route("POST", foreign(importers(AWAY))),
    "workspace:import_find_agencies": Route("GET", foreign(importers(200)), data={"q": "y tế"}),
    "workspace:import_read_time": Route(
        "GET", foreign(importers(200)), data={"text": "Quý II/2026"}
    ),
    "workspace:import_discard": Route("POST", foreign(importers(AWAY))),
    "reporting:round_list": Route("GET", staff(200)),
    "reporting:round_open": Route("GET", foreign(importers(200))),
    "reporting:agency": Route("GET", reporters(200, 200)),
    "reporting:task_update": Route("GET", reporters(200, 404)),
    # Another agency's figure is not on its page: nothing is saved.
    "reporting:figures_save": Route("POST", reporters(AWAY, AWAY), "figure_data"),
    "reporting:workbook": Route("GET", reporters(200, 200)),
    "reporting:workbook_upload": Route("GET", reporters(200, 200)),
    "reporting:workbook_apply": Route("POST", reporters(404, 404)),
    "reporting:review": Route("GET", foreign(importers(200))),
    "reporting:review_accept": Route("POST", foreign(importers(AWAY))),
    "reporting:review_return": Route(
        "POST", foreign(importers(AWAY)), {"reason": "Thiếu minh chứng."}
    ),
    "reporting:review_bulk_accept": Route("POST", foreign(importers(AWAY))),
    # An empty reopening is refused on the review page, as on the round's (400).
    "reporting:round_reopen": Route("POST", foreign(importers(400))),
    "reporting:round_close": Route("POST", foreign(importers(AWAY))),
    "reporting:evidence": Route("GET", foreign({**staff(200), "other_reporter": 404})),
    "notify:notice_list": Route("GET", staff(200)),
    "notify:notice_read": Route("POST", staff(404)),  # the notice is someone else's
    "notify:notice_read_all": Route("POST", staff(AWAY)),
    "notify:preferences": Route("GET", staff(200)),
    "exports:round_report": Route("GET", foreign(readers(200))),
    "exports:plan_table": Route("GET", foreign(readers(200))),
    # The public portal: open to everyone, signed in or not.
    "portal:plan_list": Route("GET", each(200)),
    "portal:data_dictionary": Route("GET", each(200)),
    "portal:feedback": Route("GET", each(200)),
    "portal:plan_detail": Route("GET", each(200)),
    "portal:indicator_detail": Route("GET", each(200)),
    "portal:agency_detail": Route("GET", each(200)),
    "portal:ranking": Route("GET", each(200)),
    "portal:open_data_csv": Route("GET", each(200)),
    "portal:open_data_json": Route("GET", each(200)),
    "dashboard:dashboard": Route("GET", staff(200)),
    "dashboard:task_list": Route("GET", staff(200)),
    # A province's roll-up for its staff readers; the nation's are sent to the national page.
    "dashboard:province": Route(
        "GET", {**readers(200), "admin_persona": AWAY, "national_leader": AWAY}
    ),
    # The national dashboard for the nation's staff readers; a province's are sent to theirs.
    "dashboard:nation": Route(
        "GET",
        {
            **readers(AWAY),
            "admin_persona": 200,
            "national_leader": 200,
        },
    ),
    # Each reader sees the uptake of its own scope; reporters do not read coverage.
    "coverage:coverage": Route("GET", readers(200)),
    "coverage:plan_links": Route("GET", foreign(readers(200))),
    "coverage:link_decide": Route("POST", foreign(importers(AWAY)), "matrix_link_data"),
    "coverage:link_choose": Route("POST", foreign(importers(AWAY)), "matrix_choose_data"),
    # Accounts: a coordinator manages those of her scope; another province's are not hers.
    "workspace:people": Route("GET", importers(200)),
    "workspace:person_create": Route("GET", importers(200)),
    "workspace:people_upload": Route("GET", importers(200)),
    # Nothing previewed in the session: back to the upload page.
    "workspace:people_import": Route("POST", importers(AWAY), {"token": "0" * 64}),
    "workspace:person_disable": Route("POST", foreign(importers(AWAY))),
    "workspace:person_enable": Route("POST", foreign(importers(AWAY))),
    "workspace:person_resend": Route("POST", foreign(importers(AWAY))),
    "workspace:person_role": Route("POST", foreign(importers(AWAY)), {"role": "leader"}),
    "workspace:my_account": Route("GET", staff(200)),
    # A link with a token that is not valid: the page says so, to anyone.
    "invitation_accept": Route("GET", each(200)),
    # The API: reads are the pages' rows (the public reads what the portal shows); writes are
    # an agency's; a form post is not JSON (415) once the caller may write there.
    "api:api-root": Route("GET", each(200)),
    "api:organisation-list": Route("GET", each(200)),
    "api:organisation-detail": Route("GET", each(200)),
    "api:plan-list": Route("GET", each(200)),
    "api:plan-detail": Route("GET", foreign(each(200))),
    "api:plan-evaluation": Route("GET", foreign(each(200))),
    "api:group-list": Route("GET", each(200)),
    "api:group-detail": Route("GET", foreign(each(200))),
    "api:task-list": Route("GET", each(200)),
    "api:task-detail": Route("GET", foreign({**each(200), "other_reporter": 404})),
    "api:indicator-list": Route("GET", each(200)),
    "api:indicator-detail": Route("GET", foreign(each(200))),
    "api:round-list": Route("GET", each(200)),
    "api:round-detail": Route("GET", foreign(each(200))),
    # A submitted report, not yet accepted: its agency's alone.
    "api:task_update-list": Route("GET", each(200)),
    "api:task_update-detail": Route("GET", {**each(404), "reporter": 200}),
    "api:indicator_value-list": Route("GET", each(200)),
    "api:indicator_value-detail": Route("GET", {**each(404), "reporter": 200}),
    "api:task_update_write": Route(
        "POST", {**each(403), "public": 401, "reporter": 415, "other_reporter": 404}
    ),
    "api:indicator_value_write": Route(
        "POST", {**each(403), "public": 401, "reporter": 415, "other_reporter": 404}
    ),
    "api:schema": Route("GET", each(200)),
    "api:docs": Route("GET", each(200)),
    "api:redoc": Route("GET", each(200)),
    "api:tokens": Route("GET", importers(200)),
    "api:token_create": Route("POST", importers(400)),
    "api:token_revoke": Route("POST", foreign(importers(AWAY))),
    "api:subscribers": Route("GET", importers(200)),
    "api:subscriber_create": Route("POST", importers(400)),
    "api:subscriber_remove": Route("POST", foreign(importers(AWAY))),
    # Scoring and ranking: readers of the plan's scope read, its coordinator writes.
    "scoring:settings": Route("GET", foreign(readers(200))),
    "scoring:preview": Route("POST", foreign(importers(200)), "scoring_data"),
    "scoring:save": Route("POST", foreign(importers(AWAY)), "scoring_data"),
    "scoring:publish": Route("POST", foreign(importers(AWAY))),
    "scoring:withdraw": Route("POST", foreign(importers(AWAY)), {"reason": "Chấm lại."}),
    "scoring:explanation": Route("GET", foreign(readers(200))),
    # Before the ranking is published the page says so, to anyone.
    "portal:score_explanation": Route("GET", each(200)),
    # The audit log: coordinators and leaders, each of its own scope; not inspectors.
    "auditlog:entries": Route("GET", {**readers(200), "inspector": 403}),
    "auditlog:audit_xlsx": Route("GET", {**readers(200), "inspector": 403}),
    # A plan after publication: its amendments are read by its scope's staff readers; only its
    # coordinator (and IT staff) amends it.
    "workspace:plan_amendments": Route("GET", foreign(readers(200))),
    "workspace:task_amend": Route("GET", foreign(importers(200))),
    "workspace:task_add": Route("GET", foreign(importers(200))),
    "workspace:task_archive": Route("GET", foreign(importers(200))),
    "workspace:indicator_amend": Route("GET", foreign(importers(200))),
    "workspace:plan_withdraw": Route("GET", foreign(importers(200))),
    # People in charge: their figures for the readers of a scope, never reporters or the public.
    "people:people": Route("GET", readers(200)),
    "people:person": Route("GET", foreign(readers(200))),
    "people:task_people": Route("GET", foreign({**staff(200), "other_reporter": 404})),
    # A round's changes and ad-hoc rounds: the coordinator of the plan's scope only.
    "reporting:round_manage": Route("GET", foreign(importers(200))),
    "reporting:round_extend": Route("POST", foreign(importers(AWAY)), "extend_data"),
    "reporting:round_lock": Route("POST", foreign(importers(AWAY))),
    # The round is open: there is nothing to reopen, and the page says so.
    "reporting:round_reopen_agencies": Route("POST", foreign(importers(400)), "reopen_data"),
    "reporting:round_ad_hoc": Route("GET", foreign(importers(200))),
    # A task's deadlines and extension requests: whoever reads the task.
    "reporting:task_deadline": Route("GET", foreign({**staff(200), "other_reporter": 404})),
    "reporting:extension_list": Route("GET", staff(200)),
    "reporting:extension_decide": Route("POST", foreign(importers(AWAY)), {"decision": "grant"}),
    # The feedback inbox: the matrix's item is sent to the reporter's agency, not answered.
    "feedback:inbox": Route("GET", staff(200)),
    "feedback:detail": Route("GET", foreign({**staff(200), "other_reporter": 404})),
    "feedback:route": Route(
        "POST",
        foreign({**staff(403), "other_reporter": 404, "coordinator": AWAY, "admin_persona": AWAY}),
        "feedback_route_data",
    ),
    "feedback:answer": Route(
        "POST",
        foreign({**staff(403), "reporter": AWAY, "other_reporter": 404}),
        {"answer": "Sở đã công khai danh sách."},
    ),
    # Not answered yet: the coordinator's publication is refused with its message.
    "feedback:publish": Route(
        "POST",
        foreign({**staff(403), "other_reporter": 404, "coordinator": 400, "admin_persona": 400}),
        {"question": "Khi nào công khai danh sách?"},
    ),
    # Directives: leaders and coordinators of the scope give them; the agency answers.
    "directives:list": Route("GET", staff(200)),
    "directives:new": Route(
        "GET",
        foreign(directors(200)),
    ),
    # A plan's agencies found by name for the picker of a form, to those who fill it in: here
    # the directive's (cho=chi-dao); cho=dot-xuat answers the ad-hoc round's coordinators.
    "workspace:plan_find_agencies": Route(
        "GET",
        foreign(directors(200)),
        data={"q": "y tế", "cho": "chi-dao"},
    ),
    # A plan's tasks found by code or title for the directive's task picker.
    "workspace:plan_find_tasks": Route(
        "GET",
        foreign(directors(200)),
        data={"q": "chuyển đổi", "cho": "chi-dao"},
    ),
    "directives:detail": Route("GET", foreign({**staff(200), "other_reporter": 404})),
    "directives:answer": Route(
        "POST",
        foreign({**staff(403), "reporter": AWAY, "other_reporter": 404}),
        {"answer": "Đã khắc phục."},
    ),
    "api:external_ids": Route("GET", foreign(importers(200))),
    "api:external_ids_sheet": Route("GET", foreign(importers(200))),
    "api:external_ids_upload": Route("POST", foreign(importers(400))),
    "dashboard:agencies": Route("GET", staff(200)),
}

# URL argument -> the fixture that gives its value.
URL_ARGUMENTS: dict[str, str] = {
    "plan_id": "matrix_plan_id",
    "draft_id": "matrix_draft_id",
    "round_id": "matrix_round_id",
    "task_id": "matrix_task_id",
    "indicator_id": "matrix_indicator_id",
    "kind": "matrix_report_kind",
    "report_id": "matrix_report_id",
    "evidence_id": "matrix_evidence_id",
    "notice_id": "matrix_notice_id",
    "agency_id": "matrix_agency_id",
    "dataset": "matrix_dataset",
    "uidb64": "matrix_uidb64",
    "token": "matrix_token",
    "person_id": "matrix_person_id",
    "in_charge_id": "matrix_in_charge_id",
    "group_id": "matrix_group_id",
    "value_id": "matrix_value_id",
    "token_id": "matrix_token_id",
    "subscription_id": "matrix_subscription_id",
    "publication_id": "matrix_publication_id",
    "extension_id": "matrix_extension_id",
    "feedback_id": "matrix_feedback_id",
    "directive_id": "matrix_directive_id",
}


@pytest.fixture
def matrix_uidb64() -> str:
    return "MQ"  # user 1, base64


@pytest.fixture
def matrix_token() -> str:
    return "cnr4gq-0123456789abcdef0123456789abcdef"


def named_routes(
    patterns: list[Any] | None = None, namespace: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def test_every_named_route_is_in_the_matrix() -> None:
    routes = {name for name, _pattern in named_routes()}
    assert sorted(routes - set(MATRIX)) == [], "routes without a row in MATRIX"
    assert sorted(set(MATRIX) - routes) == [], "rows of MATRIX for routes that are gone"


def test_every_url_argument_has_a_fixture() -> None:
    arguments = {arg for _name, p in named_routes() for arg in p.pattern.converters}
    assert sorted(arguments - set(URL_ARGUMENTS)) == []


def small_plan(gold: str, *, keep: int, province: str | None = None) -> bytes:
    plan = json.loads((GOLD / gold).read_text(encoding="utf-8"))
    if province is not None:
        plan["document"]["province"] = province
    plan["tasks"] = plan["tasks"][:keep]
    plan["indicators"] = plan["indicators"][:keep]
    plan["tasks"][0]["lead"] = ["Trung tâm Giám sát điều hành thông minh"]
    return json.dumps(plan, ensure_ascii=False).encode()


@pytest.fixture
def matrix_plan(orgs: None) -> Plan:
    """A published plan of three tasks and three indicators (seed 004, Tiền Giang)."""
    upload = SimpleUploadedFile("69.json", small_plan("004_aea82470e0b2daef.json", keep=3))
    return publish_import(stage_import(upload, by=None, now=NOW), by=None, now=NOW)


@pytest.fixture
def matrix_plan_id(matrix_plan: Plan) -> int:
    return matrix_plan.pk


@pytest.fixture
def matrix_draft(orgs: None) -> ImportDraft:
    """An import awaiting review, with one agency name theodoi does not know, of a plan of
    Tiền Giang (Quảng Ngãi's 66/KH-UBND, moved there)."""
    upload = SimpleUploadedFile(
        "66.json", small_plan("003_de113db257313a93.json", keep=2, province="Tiền Giang")
    )
    return stage_import(upload, by=None, now=NOW)


@pytest.fixture
def matrix_draft_id(matrix_draft: ImportDraft) -> int:
    return matrix_draft.pk


@pytest.fixture
def mapping_data(matrix_draft: ImportDraft) -> dict[str, str]:
    return {"name": matrix_draft.unresolved[0], "organisation": str(matrix_draft.province_id)}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", sorted(MATRIX))
def test_route_answers_each_role_as_declared(
    route: str, role: str, request: pytest.FixtureRequest, orgs: None
) -> None:
    declared = MATRIX[route]
    pattern = dict(named_routes())[route]
    kwargs = {
        name: request.getfixturevalue(URL_ARGUMENTS[name]) for name in pattern.pattern.converters
    }
    data = declared.data
    if isinstance(data, str):
        data = request.getfixturevalue(data)
    url = reverse(route, kwargs=kwargs)
    client = Client()
    person = request.getfixturevalue(role)
    if isinstance(person, User):
        client.force_login(person)
    response = client.post(url, data) if declared.method == "POST" else client.get(url, data)
    # A download's file stays open until the server closes the response, as a WSGI server does.
    response.close()

    expected = declared.expected[role]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    elif expected == AWAY:
        assert response.status_code == 302
        assert not response.url.startswith(reverse("login"))
    else:
        assert response.status_code == expected


# --- reporting: a round of the small plan, open now; the reporter leads its task PL2.2 ---


@pytest.fixture
def matrix_round(matrix_plan: Plan, coordinator: User) -> ReportingRound:
    now = timezone.now()
    return open_round(
        matrix_plan,
        title="Kỳ báo cáo thử",
        period_start=timezone.localdate(now) - datetime.timedelta(days=30),
        period_end=timezone.localdate(now) + datetime.timedelta(days=30),
        cut_off=timezone.localdate(now),
        deadline=now + datetime.timedelta(days=30),
        by=coordinator,
        now=now,
    )


@pytest.fixture
def matrix_round_id(matrix_round: ReportingRound) -> int:
    return matrix_round.pk


@pytest.fixture
def matrix_task_id(matrix_plan: Plan) -> int:
    return matrix_plan.tasks.get(code="PL2.2").pk


@pytest.fixture
def matrix_indicator_id(matrix_plan: Plan, reporter: User) -> int:
    lineage = reporter.memberships.get().organisation.lineage_ids()
    return matrix_plan.indicators.filter(agencies__organisation_id__in=lineage).first().pk


@pytest.fixture
def figure_data(matrix_round: ReportingRound, matrix_indicator_id: int) -> dict[str, str]:
    prefix = f"i{matrix_indicator_id}-"
    return {
        f"{prefix}value": "1",
        f"{prefix}measured_on": matrix_round.cut_off.isoformat(),
        f"{prefix}based_on": "0",
        "action": f"submit:i{matrix_indicator_id}",
    }


@pytest.fixture
def matrix_report_kind() -> str:
    return "nhiem-vu"


@pytest.fixture
def matrix_report_id(matrix_round: ReportingRound, matrix_task_id: int, reporter: User) -> int:
    task = Task.objects.get(pk=matrix_task_id)
    content = UpdateContent(status="in_progress", progress=10)
    return submit_update(
        matrix_round, task, content, by=reporter, based_on=0, now=timezone.now()
    ).pk


@pytest.fixture
def matrix_evidence_id(matrix_round: ReportingRound, matrix_task_id: int, reporter: User) -> int:
    pdf = ContentFile(b"%PDF-1.4\n%%EOF\n", name="minh-chung.pdf")
    task = Task.objects.get(pk=matrix_task_id)
    return attach_evidence(matrix_round, task, pdf, by=reporter, now=timezone.now()).pk


# --- notify: a notice of a person none of the roles is ---


@pytest.fixture
def matrix_notice_id(make_user: Any) -> int:
    owner = make_user("nguoikhac", None)
    return Notice.objects.create(
        recipient=owner, kind=NoticeKind.DIGEST, key="matrix", subject="-", body="-", created=NOW
    ).pk


@pytest.fixture
def matrix_agency_id(matrix_plan: Plan) -> int:
    """An agency leading a task of the plan, as the plan's evaluation snapshot names it."""
    snapshot = rebuild_snapshot(matrix_plan, as_of=NOW.date(), now=NOW)
    return next(agency for task in snapshot.results["tasks"] for agency in task["lead"])


@pytest.fixture
def matrix_dataset() -> str:
    return "tasks"


# --- coverage: a higher plan of three of 03/NQ-CP's tasks, which the small plan implements ---


@pytest.fixture
def matrix_higher_task(matrix_plan: Plan) -> Task:
    upload = SimpleUploadedFile("03.json", small_plan("nq-03-nq-cp-2025.json", keep=3))
    higher = publish_import(stage_import(upload, by=None, now=NOW), by=None, now=NOW)
    assert matrix_plan.implements.filter(pk=higher.pk).exists()
    task = higher.tasks.first()
    assert task is not None
    return task


@pytest.fixture
def matrix_link_data(matrix_higher_task: Task, matrix_task_id: int) -> dict[str, str]:
    link, _created = TaskLink.objects.get_or_create(
        task_id=matrix_task_id,
        higher=matrix_higher_task,
        defaults={
            "state": LinkState.SUGGESTED,
            "basis": LinkBasis.TITLE,
            "score": 0.5,
            "created_at": NOW,
        },
    )
    return {"link": str(link.pk), "action": "confirm"}


@pytest.fixture
def matrix_choose_data(matrix_higher_task: Task, matrix_task_id: int) -> dict[str, str]:
    return {"task": str(matrix_task_id), "higher": str(matrix_higher_task.pk)}


# --- accounts: an invited account of Đồng Tháp's Sở Y tế -------------------------------


@pytest.fixture
def matrix_person_id(orgs: None) -> int:
    return make_persona("moi@syt.dongthap.gov.vn", Role.REPORTER, org("dong-thap--so-y-te")).pk


# --- the API: a group of the plan, a figure the reporter submitted, a token of its agency ---


@pytest.fixture
def matrix_group_id(matrix_plan: Plan) -> int:
    group = matrix_plan.groups.first()
    assert group is not None
    return group.pk


@pytest.fixture
def matrix_value_id(matrix_round: ReportingRound, matrix_indicator_id: int, reporter: User) -> int:
    indicator = Indicator.objects.get(pk=matrix_indicator_id)
    return record_indicator_value(
        matrix_round,
        indicator,
        value=1,
        measured_on=matrix_round.cut_off,
        confirmed=True,
        submit=True,
        by=reporter,
        based_on=0,
        now=timezone.now(),
    ).pk


@pytest.fixture
def matrix_token_id(coordinator: User, reporter: User) -> int:
    token, _secret = issue_integration_token(
        reporter.memberships.get().organisation,
        "Hệ thống văn bản",
        writes=False,
        by=coordinator,
        now=timezone.now(),
    )
    return token.pk


@pytest.fixture
def matrix_subscription_id(matrix_plan: Plan, coordinator: User) -> int:
    return subscribe(
        matrix_plan, "https://he-thong.example/", ["round.closed"], by=coordinator, now=NOW
    ).pk


# --- scoring: the default figures; a ranking of the small plan as if published ---


@pytest.fixture
def scoring_data() -> dict[str, str]:
    from theodoi.evaluation.weights import defaults

    return {name: str(value) for name, value in defaults().items()}


@pytest.fixture
def matrix_publication_id(matrix_plan: Plan, matrix_agency_id: int) -> int:
    from theodoi.snapshots.models import RankingPublication

    return RankingPublication.objects.create(
        plan=matrix_plan, as_of=NOW.date(), period="Năm 2026", ranking=[], published_at=NOW
    ).pk


# --- people in charge: an officer of the reporter's agency in charge of PL2.2 ---


@pytest.fixture
def matrix_in_charge_id(
    matrix_plan: Plan, reporter: User, coordinator: User, make_user: Any
) -> int:
    from theodoi.orgs.models import Role
    from theodoi.plans.models import TaskAgency
    from theodoi.reporting.people import set_people_in_charge

    agency = reporter.memberships.get().organisation
    officer = make_user("canbo.khcn", Role.REPORTER, agency)
    assignment = TaskAgency.objects.get(
        task__plan=matrix_plan, task__code="PL2.2", organisation_id__in=agency.lineage_ids()
    )
    set_people_in_charge(assignment, officer=officer, leader=None, by=coordinator, now=NOW)
    return int(officer.pk)


# --- a round's changes and deadline extensions ---


@pytest.fixture
def extend_data(matrix_round: ReportingRound) -> dict[str, str]:
    later = timezone.localdate(matrix_round.deadline) + datetime.timedelta(days=10)
    return {"deadline": later.isoformat()}


@pytest.fixture
def reopen_data(matrix_round: ReportingRound, matrix_task_id: int) -> dict[str, str]:
    task = Task.objects.get(pk=matrix_task_id)
    agency = task.agencies.exclude(organisation=None).first()
    assert agency is not None
    until = timezone.localdate() + datetime.timedelta(days=40)
    return {"organisations": str(agency.organisation_id), "until": until.isoformat()}


@pytest.fixture
def matrix_extension_id(matrix_task_id: int, reporter: User) -> int:
    """The reporter's agency asks to move its task's deadline by 90 days. The task waits for a
    higher decision in the plan; here it falls due at the end of 2030 instead."""
    Task.objects.filter(pk=matrix_task_id).update(due_kind="year", due_start_year=2030)
    task = Task.objects.get(pk=matrix_task_id)
    current = deadline_of(task).on
    assert current is not None
    return request_extension(
        task,
        by=reporter,
        proposed_on=current + datetime.timedelta(days=90),
        reason="Chờ hướng dẫn của Bộ.",
        now=timezone.now(),
    ).pk


# --- feedback and directives: an item sent to the reporter's agency, a directive given it ---


@pytest.fixture
def matrix_feedback_id(matrix_plan: Plan, coordinator: User, reporter: User) -> int:
    item = submit_feedback(
        kind="kien_nghi",
        message="Khi nào công khai danh sách dịch vụ công?",
        plan=matrix_plan,
        name="Người dân",
        contact="0909000000",
        source="matrix",
        now=timezone.now(),
    )
    agency = reporter.memberships.get().organisation
    due = timezone.localdate() + datetime.timedelta(days=10)
    return route_feedback(item, agency=agency, due=due, by=coordinator, now=timezone.now()).pk


@pytest.fixture
def feedback_route_data(reporter: User) -> dict[str, str]:
    due = timezone.localdate() + datetime.timedelta(days=7)
    return {"agency": str(reporter.memberships.get().organisation_id), "due": due.isoformat()}


@pytest.fixture
def matrix_directive_id(matrix_plan: Plan, leader: User, reporter: User) -> int:
    return issue_directive(
        matrix_plan,
        task=None,
        agency=reporter.memberships.get().organisation,
        text="Đề nghị báo cáo tiến độ.",
        due=timezone.localdate() + datetime.timedelta(days=10),
        by=leader,
        now=timezone.now(),
    ).pk
