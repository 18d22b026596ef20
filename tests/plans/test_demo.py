"""``theodoi load_demo``: accounts with passwords shown once, seeds imported through the
import services, nothing doubled on a second run."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from tests.conftest import GOLD
from theodoi.orgs.models import Membership, Role
from theodoi.plans.models import Plan

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
    assert Plan.objects.count() == 2
    assert Plan.objects.get(number="66/KH-UBND").tasks.count() == 44
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {Role.ADMIN, Role.COORDINATOR, Role.LEADER, Role.REPORTER}
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
