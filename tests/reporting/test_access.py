"""Who sees and edits which plans and tasks, for every role."""

from collections.abc import Callable

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tests.builders import NOW, org
from theodoi.orgs.models import Role
from theodoi.plans.models import AgencyRole, ImportDraft, Plan, PlanStatus, Task
from theodoi.reporting.access import (
    coordinates,
    get_draft_for,
    get_organisation_for,
    get_plan_for,
    get_round_for,
    get_task_for,
    has_role,
    indicators_of,
    is_coordinator,
    is_leader,
    is_reporter,
    is_staff_reader,
    persona,
    reader_key,
    reporter_organisation,
    require_coordinator,
    require_reporter,
    staged_drafts,
    tasks_of,
    visible_drafts,
    visible_plans,
    visible_rounds,
    visible_tasks,
)
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.models import ReportingRound

pytestmark = pytest.mark.usefixtures("orgs")
SO_KHCN = "dong-thap--so-khoa-hoc-cong-nghe"


def own_task(plan: Plan) -> Task:
    """A task of seed 004 that Sở Thông tin và Truyền thông leads: today Sở KH&CN's."""
    task = plan.tasks.filter(
        agencies__organisation=org(SO_KHCN), agencies__role=AgencyRole.LEAD
    ).first()
    assert task is not None
    return task


def foreign_task(plan: Plan) -> Task:
    task = plan.tasks.exclude(agencies__organisation=org(SO_KHCN)).first()
    assert task is not None
    return task


def test_a_reporter_sees_only_the_tasks_its_organisation_leads_or_cooperates_on(
    tien_giang_plan: Plan, reporter: User
) -> None:
    seen = visible_tasks(reporter)
    expected = tien_giang_plan.tasks.filter(agencies__organisation=org(SO_KHCN)).distinct()
    assert set(seen) == set(expected)
    assert 0 < seen.count() < tien_giang_plan.tasks.count()


def test_a_reporter_of_another_agency_sees_other_tasks(
    tien_giang_plan: Plan, reporter: User, other_reporter: User
) -> None:
    assert not set(visible_tasks(reporter)) & set(visible_tasks(other_reporter)) - set(
        tien_giang_plan.tasks.filter(agencies__organisation=org(SO_KHCN))
    )
    with pytest.raises(Http404):
        get_task_for(other_reporter, own_task(tien_giang_plan).pk)


def test_a_reporter_of_a_former_body_sees_the_tasks_of_its_successor(
    tien_giang_plan: Plan, make_user: Callable[..., User]
) -> None:
    # Tasks were resolved to today's Sở KH&CN; a successor recorded later still reaches them.
    body = org(SO_KHCN)
    assert org("tien-giang--so-thong-tin-truyen-thong").pk in body.lineage_ids()
    user = make_user("cu", Role.REPORTER, body)
    assert get_task_for(user, own_task(tien_giang_plan).pk, write=True)


@pytest.mark.parametrize("persona", ["coordinator", "leader", "admin_persona"])
def test_staff_readers_see_every_task(
    persona: str, request: pytest.FixtureRequest, tien_giang_plan: Plan
) -> None:
    user = request.getfixturevalue(persona)
    assert visible_tasks(user).count() == tien_giang_plan.tasks.count()


def test_the_public_sees_published_tasks_but_not_confidential_ones(
    tien_giang_plan: Plan, public: AnonymousUser
) -> None:
    secret = foreign_task(tien_giang_plan)
    secret.confidential = True
    secret.save()
    seen = visible_tasks(public)
    assert seen.count() == tien_giang_plan.tasks.count() - 1
    with pytest.raises(Http404):
        get_task_for(public, secret.pk)


def test_a_confidential_task_is_hidden_from_other_agencies_but_not_its_own(
    tien_giang_plan: Plan, reporter: User, other_reporter: User, leader: User
) -> None:
    secret = own_task(tien_giang_plan)
    secret.confidential = True
    secret.save()
    assert get_task_for(reporter, secret.pk) == secret
    assert get_task_for(leader, secret.pk) == secret
    with pytest.raises(Http404):
        get_task_for(other_reporter, secret.pk)


def test_a_reporter_may_write_its_own_task(tien_giang_plan: Plan, reporter: User) -> None:
    task = own_task(tien_giang_plan)
    assert get_task_for(reporter, task.pk, write=True) == task


@pytest.mark.parametrize("persona", ["leader", "public"])
def test_read_only_roles_may_not_write(
    persona: str, request: pytest.FixtureRequest, tien_giang_plan: Plan
) -> None:
    user = request.getfixturevalue(persona)
    task = foreign_task(tien_giang_plan)
    with pytest.raises(PermissionDenied):
        get_task_for(user, task.pk, write=True)


@pytest.mark.parametrize("persona", ["coordinator", "admin_persona"])
def test_the_coordinator_and_admin_may_write_any_task(
    persona: str, request: pytest.FixtureRequest, tien_giang_plan: Plan
) -> None:
    user = request.getfixturevalue(persona)
    task = foreign_task(tien_giang_plan)
    assert get_task_for(user, task.pk, write=True) == task


def test_an_archived_task_is_seen_by_nobody(tien_giang_plan: Plan, coordinator: User) -> None:
    task = foreign_task(tien_giang_plan)
    task.archived_at = NOW
    task.save()
    with pytest.raises(Http404):
        get_task_for(coordinator, task.pk)


def test_a_draft_plan_is_seen_only_by_staff_readers(
    tien_giang_plan: Plan, coordinator: User, leader: User, reporter: User, public: AnonymousUser
) -> None:
    Plan.objects.filter(pk=tien_giang_plan.pk).update(status=PlanStatus.DRAFT, published_at=None)
    assert get_plan_for(coordinator, tien_giang_plan.pk)
    assert get_plan_for(leader, tien_giang_plan.pk)
    for outsider in (reporter, public):
        assert not visible_plans(outsider).exists()
        assert not visible_tasks(outsider).exists()
        with pytest.raises(Http404):
            get_plan_for(outsider, tien_giang_plan.pk)


def test_a_signed_in_user_without_a_role_is_the_public(
    tien_giang_plan: Plan, make_user: Callable[..., User]
) -> None:
    nobody = make_user("khach", None)
    assert visible_tasks(nobody).count() == tien_giang_plan.tasks.count()
    assert not is_coordinator(nobody)
    with pytest.raises(PermissionDenied):
        get_task_for(nobody, foreign_task(tien_giang_plan).pk, write=True)


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("coordinator", True),
        ("admin_persona", True),
        ("leader", False),
        ("reporter", False),
        ("public", False),
    ],
)
def test_only_the_coordinator_and_admin_import_plans(
    persona: str, allowed: bool, request: pytest.FixtureRequest
) -> None:
    assert is_coordinator(request.getfixturevalue(persona)) is allowed


# --- the predicates, for each persona ---------------------------------------------------------

PERSONAS = ("public", "reporter", "leader", "coordinator", "admin_persona")


@pytest.mark.parametrize(
    ("predicate", "holders"),
    [
        (has_role, {"reporter", "leader", "coordinator", "admin_persona"}),
        (is_coordinator, {"coordinator", "admin_persona"}),
        (is_leader, {"leader"}),
        (is_reporter, {"reporter"}),
        (is_staff_reader, {"leader", "coordinator", "admin_persona"}),
    ],
)
def test_each_predicate_holds_for_its_personas_only(
    predicate: Callable[[object], bool], holders: set[str], request: pytest.FixtureRequest
) -> None:
    for name in PERSONAS:
        user = request.getfixturevalue(name)
        assert predicate(user) is (name in holders), name
        # A persona already looked up gets the same answer as its user.
        assert predicate(persona(user)) is (name in holders), name


def test_only_a_reporter_has_an_organisation_to_report_for(
    reporter: User, leader: User, coordinator: User, public: AnonymousUser
) -> None:
    assert reporter_organisation(reporter) == org(SO_KHCN)
    assert get_organisation_for(reporter) == org(SO_KHCN)
    assert require_reporter(reporter) == org(SO_KHCN)
    for user in (leader, coordinator, public):
        assert reporter_organisation(user) is None
        with pytest.raises(PermissionDenied):
            get_organisation_for(user)
        with pytest.raises(ReportingError, match="đơn vị thực hiện"):
            require_reporter(user)


def test_only_the_coordinator_and_admin_coordinate_a_plan(
    tien_giang_plan: Plan, coordinator: User, admin_persona: User, leader: User, reporter: User
) -> None:
    for user in (coordinator, admin_persona):
        assert coordinates(user, tien_giang_plan)
        require_coordinator(user, tien_giang_plan)
    for user in (leader, reporter):
        assert not coordinates(user, tien_giang_plan)
        with pytest.raises(ReportingError, match="cơ quan đầu mối"):
            require_coordinator(user, tien_giang_plan)


def test_the_cache_key_of_a_reader_names_what_it_sees(
    coordinator: User,
    leader: User,
    reporter: User,
    other_reporter: User,
    public: AnonymousUser,
    make_user: Callable[..., User],
) -> None:
    assert reader_key(coordinator) == reader_key(leader)
    assert reader_key(reporter) != reader_key(other_reporter)
    assert reader_key(reporter) == reader_key(make_user("cung-so", Role.REPORTER, org(SO_KHCN)))
    assert reader_key(coordinator) != reader_key(reporter)
    assert reader_key(public) is None


# --- rounds and imports -----------------------------------------------------------------------


@pytest.mark.parametrize("persona_name", PERSONAS)
def test_the_round_of_a_published_plan_is_seen_by_everyone(
    persona_name: str, request: pytest.FixtureRequest, round_: ReportingRound
) -> None:
    user = request.getfixturevalue(persona_name)
    assert get_round_for(user, round_.pk) == round_
    assert list(visible_rounds(user)) == [round_]


def test_the_round_of_a_draft_plan_is_hidden_from_outsiders(
    round_: ReportingRound, leader: User, reporter: User, public: AnonymousUser
) -> None:
    Plan.objects.filter(pk=round_.plan_id).update(status=PlanStatus.DRAFT)
    assert get_round_for(leader, round_.pk) == round_
    for outsider in (reporter, public):
        assert not visible_rounds(outsider).exists()
        with pytest.raises(Http404):
            get_round_for(outsider, round_.pk)


def test_an_import_is_the_coordinator_s_alone(
    tien_giang_plan: Plan, coordinator: User, admin_persona: User, leader: User, reporter: User
) -> None:
    draft = ImportDraft.objects.get(published_plan=tien_giang_plan)
    for user in (coordinator, admin_persona):
        assert get_draft_for(user, draft.pk) == draft
        assert not staged_drafts(user).filter(pk=draft.pk).exists()  # it was published
    for user in (leader, reporter):
        assert not visible_drafts(user).exists()
        with pytest.raises(Http404):
            get_draft_for(user, draft.pk)


def test_a_reporter_s_tasks_and_indicators_are_those_its_agency_is_named_on(
    tien_giang_plan: Plan, reporter: User
) -> None:
    organisation = org(SO_KHCN)
    assert set(tasks_of(organisation)) == set(visible_tasks(reporter))
    assert set(indicators_of(organisation)) == set(
        tien_giang_plan.indicators.filter(agencies__organisation=organisation)
    )


def test_the_nation_and_the_province_read_a_confidential_task_and_other_provinces_do_not(
    tien_giang_plan: Plan,
    national_leader: User,
    admin_persona: User,
    leader: User,
    other_coordinator: User,
    make_user: Callable[..., User],
) -> None:
    secret = tien_giang_plan.tasks.order_by("pk").first()
    assert secret is not None
    Task.objects.filter(pk=secret.pk).update(confidential=True)
    inspector = make_user("ubkt", Role.INSPECTOR, org("dong-thap"))
    for reader in (national_leader, admin_persona, leader):
        assert visible_tasks(reader).filter(pk=secret.pk).exists(), reader
    for stranger in (other_coordinator, inspector):
        assert not visible_tasks(stranger).filter(pk=secret.pk).exists(), stranger
