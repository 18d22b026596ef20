"""``theodoi load_demo``: accounts with passwords shown once, seeds imported through the
import services, nothing doubled on a second run."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, TestCase
from django.utils import timezone
from pytest_django.fixtures import Settings

from tests.builders import GOLD
from theodoi.audit.models import AuditEntry
from theodoi.demo.seeds import CONFIRM_LIKENESS
from theodoi.orgs.models import Membership, Organisation, Role
from theodoi.plans.models import LinkBasis, LinkState, Plan, TaskLink
from theodoi.reporting.models import (
    Evidence,
    IndicatorValue,
    ReportingRound,
    ReviewState,
    RoundState,
    TaskUpdate,
)
from theodoi.snapshots.models import PlanSnapshot, RankingPublication

pytestmark = pytest.mark.usefixtures("orgs")


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """Two seeds as Plan JSON (the import page accepts it), one of them with no tasks, and a
    file that is not a plan."""
    shutil.copy(GOLD / "003_de113db257313a93.json", tmp_path)
    article = json.loads((GOLD / "002_1813b2d7934d17d9.json").read_text("utf-8"))
    article["indicators"] = []
    (tmp_path / "002_1813b2d7934d17d9.json").write_text(json.dumps(article), encoding="utf-8")
    (tmp_path / "thongbao.txt").write_text(
        "THÔNG BÁO\nVề việc nghỉ Tết Nguyên đán năm 2026\n", encoding="utf-8"
    )
    (tmp_path / "README").write_text("not a seed", encoding="utf-8")
    return tmp_path


def run(seeds: Path) -> str:
    out = StringIO()
    call_command("load_demo", seeds=seeds, stdout=out)
    return out.getvalue()


def test_load_demo_imports_the_seeds_and_creates_an_account_per_role(seeds: Path) -> None:
    output = run(seeds)
    assert Plan.objects.count() == 3  # the two seeds and the national plan, 03/NQ-CP
    assert Plan.objects.get(number="66/KH-UBND").tasks.count() == 44
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role)  # the inspection account included
    reporters = Membership.objects.filter(role=Role.REPORTER)
    assert reporters.filter(organisation__parent__code="quang-ngai").count() == 3
    assert reporters.filter(organisation__parent__code="quang-tri").exists()
    assert "002_1813b2d7934d17d9.json: không đọc được nhiệm vụ" in output
    assert "thongbao.txt" in output
    assert "README" not in output


def test_the_demo_plans_are_evaluated_as_they_are_loaded(seeds: Path) -> None:
    run(seeds)
    for plan in Plan.objects.all():
        summary = plan.snapshots.get().results["summary"]["all"]["plan"]
        assert summary["total"] == plan.tasks.count()


def test_each_password_is_printed_once_and_works(seeds: Path) -> None:
    output = run(seeds)
    line = next(line for line in output.splitlines() if line.strip().startswith("daumoi"))
    password = line.split()[-1]
    assert User.objects.get(username="daumoi").check_password(password)
    assert password not in run(seeds)


def test_running_load_demo_twice_doubles_nothing(seeds: Path) -> None:
    run(seeds)
    counts = (Plan.objects.count(), User.objects.count(), Membership.objects.count())
    output = run(seeds)
    assert (Plan.objects.count(), User.objects.count(), Membership.objects.count()) == counts
    assert "Đã có từ trước: 003_de113db257313a93.json." in output


def test_load_demo_without_a_seed_folder_says_so(tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không có thư mục"):
        call_command("load_demo", seeds=tmp_path / "khong-co")


@pytest.fixture
def reported_seeds(tmp_path: Path, settings: Settings) -> Path:
    """Quảng Ngãi's 66/KH-UBND (tasks with their agencies) and Quảng Nam's 60-CTr/TU (targets
    only, naming no agency), as the import page takes them; evidence files in the test's own
    folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("003_de113db257313a93.json", "001_83f868006df64d46.json"):
        shutil.copy(GOLD / name, seeds)
    return seeds


def history_counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count()
        for model in (
            ReportingRound,
            TaskUpdate,
            IndicatorValue,
            Evidence,
            PlanSnapshot,
            RankingPublication,
            AuditEntry,
        )
    )


@pytest.mark.slow
def test_the_demo_reports_two_past_rounds_and_opens_the_current_one(reported_seeds: Path) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        run(reported_seeds)
    for plan in Plan.objects.all():
        rounds = list(plan.rounds.order_by("deadline"))
        assert len(rounds) == 3
        assert all("MINH HỌA" in r.title for r in rounds)
        assert [r.state for r in rounds] == [RoundState.CLOSED, RoundState.LOCKED, RoundState.OPEN]
        assert rounds[1].deadline < timezone.now() < rounds[2].deadline
    updates = TaskUpdate.objects.filter(task__plan__number="66/KH-UBND")
    assert set(updates.values_list("state", flat=True)) == set(ReviewState.values)
    assert {"done_on_time", "in_progress", "in_progress_late", "paused"} <= set(
        updates.values_list("status", flat=True)
    )
    returned = updates.filter(state=ReviewState.RETURNED).first()
    assert returned.return_reason
    assert "[MINH HỌA]" in returned.results
    # Completions accepted with their evidence, marked as illustration.
    done = updates.filter(state=ReviewState.ACCEPTED, status="done_on_time")
    assert Evidence.objects.filter(
        task__in=done.values("task"), filename__contains="minh-hoa"
    ).exists()


@pytest.mark.slow
def test_indicators_no_agency_was_named_for_go_to_the_focal_agency_and_get_figures_over_time(
    reported_seeds: Path,
) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        run(reported_seeds)
    plan = Plan.objects.get(number="60-CTr/TU")
    focal = Organisation.objects.get(code="da-nang--so-khoa-hoc-cong-nghe")
    assert {a.organisation for i in plan.indicators.all() for a in i.agencies.all()} == {focal}
    figures = IndicatorValue.objects.filter(
        indicator__plan=plan, state=ReviewState.ACCEPTED, is_baseline=False
    )
    assert figures.values("round").distinct().count() == 2
    assert all("MINH HỌA" in f.note for f in figures)
    bands = {i["band"] for i in plan.snapshots.latest("as_of").results["indicators"]}
    assert len(bands - {"insufficient_data", "not_measurable"}) >= 3
    # Its province's (Đà Nẵng's) demo reporter now finds the plan on its home page.
    reporter = User.objects.get(username="da-nang.so-khoa-hoc-va-cong-nghe")
    client = Client()
    client.force_login(reporter)
    assert "60-CTr/TU" in client.get("/").content.decode()


@pytest.mark.slow
def test_running_the_demo_again_changes_no_report(reported_seeds: Path) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        run(reported_seeds)
    before = history_counts()
    with TestCase.captureOnCommitCallbacks(execute=True):
        run(reported_seeds)
    assert history_counts() == before


@pytest.fixture
def citing_seeds(tmp_path: Path) -> Path:
    """Tiền Giang's 69/KH-UBND, which says it implements 03/NQ-CP."""
    shutil.copy(GOLD / "004_aea82470e0b2daef.json", tmp_path)
    return tmp_path


def test_the_demo_links_the_seed_plans_to_the_national_plan(citing_seeds: Path) -> None:
    run(citing_seeds)
    national = Plan.objects.get(number="03/NQ-CP", province__isnull=True)
    plan = Plan.objects.get(number="69/KH-UBND")
    assert list(plan.implements.all()) == [national]
    confirmed = TaskLink.objects.filter(task__plan=plan, state=LinkState.CONFIRMED)
    assert confirmed.count() >= 20
    # Only what the coordinator would confirm at a glance: a cited number, or a very alike
    # title, the likest of its task.
    assert all(
        link.basis == LinkBasis.CITED or (link.score or 0) >= CONFIRM_LIKENESS for link in confirmed
    )
    assert confirmed.values("task").distinct().count() == confirmed.count()
    assert TaskLink.objects.filter(task__plan=plan, state=LinkState.SUGGESTED).exists()
    # The national level's coverage page shows Đồng Tháp's uptake.
    client = Client()
    client.force_login(User.objects.get(username="lanhdao"))
    page = client.get("/bao-phu/").content.decode()
    assert "<strong>Đồng Tháp</strong>" in page


def test_running_the_demo_again_links_nothing_twice(citing_seeds: Path) -> None:
    run(citing_seeds)
    states = sorted(TaskLink.objects.values_list("pk", "state"))
    run(citing_seeds)
    assert sorted(TaskLink.objects.values_list("pk", "state")) == states
    assert Plan.objects.filter(number="03/NQ-CP").count() == 1


def test_the_demo_names_officers_and_leaders_in_charge_of_some_tasks_once(seeds: Path) -> None:
    from theodoi.plans.models import TaskAgency

    run(seeds)
    named = TaskAgency.objects.exclude(officer=None)
    assert named.exists()
    for assignment in named.select_related("officer", "leader", "organisation"):
        assert assignment.leader is not None
        officers = assignment.officer.memberships.values_list("organisation", flat=True)
        assert assignment.organisation_id in officers
    count = named.count()
    run(seeds)
    assert TaskAgency.objects.exclude(officer=None).count() == count
