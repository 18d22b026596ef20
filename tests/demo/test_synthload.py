"""The synthetic data set in the database: every generated row stored with its fields, marked
synthetic, and removed again without touching another plan."""

from __future__ import annotations

import datetime

import pytest

from tests.conftest import NOW
from theodoi.demo import synth
from theodoi.demo.synthload import load_synthetic, provinces, remove_synthetic, synthetic_plans
from theodoi.plans.models import Task
from theodoi.reporting.models import Evidence, IndicatorValue, ReportingRound, TaskUpdate

pytestmark = pytest.mark.usefixtures("orgs")


def test_every_generated_row_is_stored_with_its_fields_and_removed_again() -> None:
    plans = synth.generate(
        provinces(2),
        seed=57,
        today=datetime.date(2026, 11, 22),
        tasks_per_plan=8,
        indicators_per_plan=4,
        rounds=3,
    )
    loaded = load_synthetic(plans, now=NOW)

    assert (loaded.plans, loaded.tasks, loaded.indicators) == (2, 16, 8)
    assert loaded.updates == TaskUpdate.objects.count() == sum(len(p.updates) for p in plans)
    assert loaded.values == IndicatorValue.objects.count() == sum(len(p.values) for p in plans)
    assert Evidence.objects.count() == sum(u.evidence for p in plans for u in p.updates)
    assert ReportingRound.objects.count() == 6
    first = plans[0].tasks[0]
    stored = Task.objects.get(plan__number=plans[0].number, key=first.key)
    assert (stored.title, stored.due_kind, stored.confidential) == (
        first.title,
        first.due_kind,
        first.confidential,
    )
    assert sorted(a.organisation_id for a in stored.agencies.all()) == sorted(
        first.lead + first.cooperating
    )

    assert remove_synthetic(now=NOW) == 2
    assert synthetic_plans() == []
    assert not TaskUpdate.objects.exists()


def test_the_national_set_carries_scopes_links_to_the_national_plan_and_commune_plans() -> None:
    from theodoi.demo.synthload import is_commune_plan, national_tasks, with_communes
    from theodoi.orgs.models import Membership, Role
    from theodoi.plans.models import LinkState, Plan, TaskAgency, TaskLink
    from theodoi.reporting.access import visible_plans
    from theodoi.reporting.national import load_national_plan

    national = load_national_plan(by=None, now=NOW)
    found = with_communes(provinces(2), 2)
    plans = synth.generate(
        found,
        seed=57,
        today=datetime.date(2026, 11, 22),
        tasks_per_plan=12,
        indicators_per_plan=3,
        rounds=2,
        national=national_tasks(national),
        tasks_per_commune=4,
    )
    loaded = load_synthetic(plans, now=NOW, national=national)

    assert (loaded.plans, loaded.commune_plans) == (2, 4)
    assert len(synthetic_plans()) == 6
    assert sum(is_commune_plan(p) for p in synthetic_plans()) == 4
    for plan in plans:
        row = Plan.objects.get(number=plan.number)
        assert list(row.implements.all()) == [national]
        links = TaskLink.objects.filter(task__plan=row)
        assert links.count() == len(plan.links) > 0
        assert set(links.values_list("higher__plan", flat=True)) == {national.pk}
        assert links.filter(state=LinkState.CONFIRMED).exists()
        assert links.filter(state=LinkState.SUGGESTED).exists() == any(
            link.state == "suggested" for link in plan.links
        )
        for commune_plan in plan.communes:
            commune_row = Plan.objects.get(number=commune_plan.number)
            assert commune_row.province_id == row.province_id
            assert list(commune_row.implements.all()) == [row]
            up = TaskLink.objects.filter(task__plan=commune_row)
            assert up.count() == 4
            assert set(up.values_list("higher__plan", flat=True)) == {row.pk}
            assert TaskUpdate.objects.filter(task__plan=commune_row).exists()

    # Each province's coordinator and leader, and each commune's reporter, in its scope.
    for province in found:
        for role in (Role.COORDINATOR, Role.LEADER):
            membership = Membership.objects.get(
                role=role, scope_id=province.id, user__username__startswith="mp."
            )
            seen = set(visible_plans(membership.user).values_list("number", flat=True))
            own = {p.number for p in plans if p.province.id == province.id}
            own |= {c.number for p in plans if p.province.id == province.id for c in p.communes}
            assert own <= seen
            assert not (seen & {p.number for p in plans if p.province.id != province.id})
        reporters = Membership.objects.filter(role=Role.REPORTER, scope_id=province.id)
        assert {m.organisation_id for m in reporters} == {c.id for c in province.communes}
        # Each commune's reporter is the officer in charge of its plan's tasks.
        for m in reporters:
            named = TaskAgency.objects.filter(organisation_id=m.organisation_id)
            assert set(named.values_list("officer", flat=True)) == {m.user_id}

    # Removed, links and all; the national plan, the communes and the accounts stay for the
    # next load, which finds them again.
    accounts = Membership.objects.count()
    assert remove_synthetic(now=NOW) == 6
    assert not TaskLink.objects.filter(task__plan__number__startswith=synth.NUMBER_PREFIX)
    assert Plan.objects.filter(pk=national.pk).exists()
    assert with_communes(provinces(2), 2) == found
    load_synthetic(plans, now=NOW, national=national)
    assert Membership.objects.count() == accounts


def test_the_synth_command_loads_the_national_plan_and_commune_plans() -> None:
    from io import StringIO

    from django.core.management import call_command

    from theodoi.plans.models import Plan

    out = StringIO()
    call_command(
        "synth",
        "--provinces=2",
        "--tasks=6",
        "--indicators=2",
        "--rounds=2",
        "--communes=1",
        "--commune-tasks=3",
        stdout=out,
    )
    assert "2 kế hoạch MÔ PHỎNG cấp tỉnh và 2 cấp xã" in out.getvalue()
    assert Plan.objects.filter(number="03/NQ-CP", province__isnull=True).count() == 1
    assert all(p.snapshots.exists() for p in synthetic_plans())


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--communes=9", "--communes phải từ 0 đến 8 (nhận 9)."),
        ("--commune-tasks=0", "--commune-tasks phải từ 1 đến số nhiệm vụ của tỉnh, 70 (nhận 0)."),
    ],
)
def test_the_synth_command_refuses_a_size_out_of_bounds(option: str, message: str) -> None:
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")):
        call_command("synth", option)
    assert synthetic_plans() == []


def test_synth_at_scale_ten_loads_ministries_reporting_communes_and_monthly_rounds() -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from theodoi.demo.synthload import is_commune_plan
    from theodoi.orgs.models import Membership, OrganisationKind, Role
    from theodoi.plans.models import Plan, TaskAgency, TaskLink
    from theodoi.reporting.access import visible_plans

    out = StringIO()
    call_command(
        "synth",
        "--scale=10",
        "--provinces=2",
        "--ministries=2",
        "--ministry-units=3",
        "--reporting-communes=4",
        "--tasks=5",
        "--indicators=2",
        "--rounds=3",
        "--communes=1",
        "--commune-tasks=2",
        "--no-snapshots",
        stdout=out,
    )
    assert "2 kế hoạch MÔ PHỎNG cấp tỉnh và 2 cấp xã, 2 của bộ, ngành" in out.getvalue()
    national = Plan.objects.get(number="03/NQ-CP", province__isnull=True)
    plans = synthetic_plans()
    ministry_plans = [p for p in plans if p.province.kind == OrganisationKind.MINISTRY]
    provincial = [
        p for p in plans if p.province.kind == OrganisationKind.PROVINCE and not is_commune_plan(p)
    ]
    assert (len(ministry_plans), len(provincial), len(plans)) == (2, 2, 6)

    for plan in ministry_plans + provincial:
        assert list(plan.implements.all()) == [national]
        assert set(TaskLink.objects.filter(task__plan=plan).values_list("higher__plan", flat=True))
        assert TaskLink.objects.filter(task__plan=plan, higher__plan=national).exists()
        # Its coordinator sees it, within the scope.
        coordinator = Membership.objects.get(
            role=Role.COORDINATOR, scope=plan.province, user__username__startswith="mp."
        )
        assert plan in visible_plans(coordinator.user)
    for plan in ministry_plans:
        units = TaskAgency.objects.filter(task__plan=plan).values_list(
            "organisation__parent", "organisation__kind"
        )
        assert set(units) == {(plan.province_id, OrganisationKind.DEPARTMENT)}
    for plan in provincial:
        agencies = TaskAgency.objects.filter(task__plan=plan)
        communes = agencies.filter(organisation__kind=OrganisationKind.COMMUNE)
        assert communes.exists()  # communes report on the province's plan
        assert set(communes.values_list("organisation__parent", flat=True)) <= {plan.province_id}
        commune_plan = next(
            p for p in plans if is_commune_plan(p) and p.province_id == plan.province_id
        )
        assert list(commune_plan.implements.all()) == [plan]

    # Three monthly rounds, one calendar month each, the last ended before today.
    today = timezone.localdate()
    for plan in plans:
        rounds = list(plan.rounds.order_by("deadline"))
        assert len(rounds) == 3
        for r in rounds:
            assert r.period_start.day == 1
            assert (r.period_end + datetime.timedelta(days=1)).day == 1
            assert r.period_end - r.period_start < datetime.timedelta(days=31)
        assert rounds[-1].deadline.date() < today
        assert TaskUpdate.objects.filter(task__plan=plan).exists()
