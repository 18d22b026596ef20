"""The roll-up pages (issue 12): a province's figures over all its plans, Kon Tum's former plans
included for Quảng Ngãi; the national dashboard with its map, table and ranking for the
nation's staff readers only; and caches that never cross a scope."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from tests.builders import AS_OF, GOLD, NOW, REVIEWED, org, signed_in
from theodoi.caching import forget_everything
from theodoi.orgs.models import Role
from theodoi.orgs.services import grant_role
from theodoi.plans.importing import publish_import, stage_import
from theodoi.plans.models import Plan, Task
from theodoi.snapshots.reading import Results
from theodoi.snapshots.services import rebuild_snapshot

pytestmark = pytest.mark.django_db

NATION = reverse("dashboard:nation")
PROVINCE = reverse("dashboard:province")


def published(gold: str, province: str, *, keep: int, number: str) -> Plan:
    """A seed plan's first ``keep`` tasks, published as a plan of ``province``."""
    plan = json.loads((GOLD / gold).read_text(encoding="utf-8"))
    plan["document"]["province"] = province
    plan["document"]["number"] = number
    plan["tasks"] = plan["tasks"][:keep]
    plan["indicators"] = plan["indicators"][:keep]
    upload = SimpleUploadedFile(f"{number}.json", json.dumps(plan, ensure_ascii=False).encode())
    return publish_import(stage_import(upload, by=None, now=NOW), by=None, now=NOW)


@pytest.fixture
def quang_ngai_plans(orgs: None) -> tuple[Plan, Plan]:
    """Quảng Ngãi's 66/KH-UBND, and a plan Kon Tum issued before it merged into Quảng Ngãi;
    both evaluated."""
    own = published("003_de113db257313a93.json", "Quảng Ngãi", keep=6, number="66/KH-UBND")
    former = published("003_de113db257313a93.json", "Kon Tum", keep=4, number="12/KH-UBND")
    for plan in (own, former):
        rebuild_snapshot(plan, as_of=AS_OF, now=REVIEWED)
    return own, former


def figure(body: str, name: str) -> str:
    found = re.search(rf'data-testid="rollup-{name}">(?:<span[^>]*>)?([^<]+)<', body)
    assert found, f"no figure {name}"
    return found.group(1).strip()


def main(response: HttpResponse) -> str:
    """The page's content, without the header (whose logout form has a fresh CSRF token)."""
    body = response.content.decode()
    return body[body.index('<main id="content">') : body.index("</main>")]


def stored_total(*plans: Plan) -> int:
    return sum(Results.of(p.snapshots.get()).summary().total for p in plans)


def test_a_coordinator_of_quang_ngai_sees_kon_tum_s_former_plan_in_its_roll_up(
    other_coordinator: User, quang_ngai_plans: tuple[Plan, Plan], evaluated: object
) -> None:
    own, former = quang_ngai_plans
    body = signed_in(other_coordinator).get(PROVINCE).content.decode()
    assert "Tổng hợp: Quảng Ngãi" in body
    assert figure(body, "plans") == "2"
    assert int(figure(body, "tasks")) == stored_total(own, former) == 10
    assert "Do Kon Tum ban hành, trước sáp nhập" in body
    assert f"?ke_hoach={former.pk}" in body
    assert f"?ke_hoach={own.pk}" in body
    # Đồng Tháp's (Tiền Giang's) plan is not Quảng Ngãi's.
    assert "69/KH-UBND" not in body


def test_a_province_leader_reads_its_own_province_only(
    leader: User, evaluated: object, quang_ngai_plans: tuple[Plan, Plan]
) -> None:
    body = signed_in(leader).get(PROVINCE).content.decode()
    assert "Tổng hợp: Đồng Tháp" in body
    assert "Do Tiền Giang ban hành, trước sáp nhập" in body
    assert "66/KH-UBND" not in body
    assert "12/KH-UBND" not in body
    tien_giang = Plan.objects.get(number="69/KH-UBND")
    assert int(figure(body, "tasks")) == stored_total(tien_giang)


def test_a_province_s_coordinator_cannot_open_the_national_page(
    coordinator: User, other_coordinator: User, evaluated: object
) -> None:
    for user in (coordinator, other_coordinator):
        client = signed_in(user)
        response = client.get(NATION)
        assert response.status_code == 302
        assert response["Location"] == PROVINCE
        # Nor another province's roll-up through the national page's parameter.
        qn = org("quang-ngai").pk
        response = client.get(NATION, {"tinh": qn})
        assert response.status_code == 302
        assert response["Location"] == PROVINCE


def test_a_reporter_and_the_public_see_no_roll_up(reporter: User) -> None:
    assert signed_in(reporter).get(NATION).status_code == 403
    assert signed_in(reporter).get(PROVINCE).status_code == 403
    assert Client().get(NATION).url.startswith(reverse("login"))


def test_the_nation_reads_every_province_on_the_map_and_in_the_table(
    national_leader: User, evaluated: object, quang_ngai_plans: tuple[Plan, Plan]
) -> None:
    body = signed_in(national_leader).get(NATION).content.decode()
    assert len(re.findall(r'<g class="area band-[a-z_]+" data-code="', body)) == 34
    assert len(re.findall(r'<tr id="tinh-\d+"[^>]*>', body)) == 34
    tien_giang = Plan.objects.get(number="69/KH-UBND")
    own, former = quang_ngai_plans
    assert int(figure(body, "tasks")) == stored_total(tien_giang, own, former)
    assert figure(body, "plans") == "3"
    # Provinces without a plan are grey, "chưa có kế hoạch"; those with one are coloured.
    assert 'band-no_plan" data-code="ha-noi"' in body
    assert 'data-code="dong-thap"' in body
    assert 'band-no_plan" data-code="dong-thap"' not in body
    assert 'band-no_plan" data-code="quang-ngai"' not in body
    assert 'Chưa có kế hoạch <span class="muted">(32)</span>' in body
    # The ranking names both provinces with plans, and only them.
    ranking = body.split('id="h-ranking"')[1]
    assert "Đồng Tháp" in ranking
    assert "Quảng Ngãi" in ranking
    assert "Hà Nội" not in ranking


def test_the_nation_opens_one_province_s_roll_up_a_former_province_s_id_naming_its_successor(
    national_leader: User, quang_ngai_plans: tuple[Plan, Plan]
) -> None:
    client = signed_in(national_leader)
    for asked in ("quang-ngai", "kon-tum"):
        body = client.get(NATION, {"tinh": org(asked).pk}).content.decode()
        assert "Tổng hợp: Quảng Ngãi" in body
        assert figure(body, "plans") == "2"
        assert "← Toàn quốc" in body


def test_a_bad_province_parameter_is_named_or_refused(national_leader: User) -> None:
    client = signed_in(national_leader)
    response = client.get(NATION, {"tinh": "abc"})
    assert response.status_code == 200
    assert "Tỉnh: “abc” không phải là lựa chọn hợp lệ" in response.content.decode()
    assert client.get(NATION, {"tinh": "999999999"}).status_code == 404
    # A department is not a province.
    department = org("dong-thap--so-khoa-hoc-cong-nghe").pk
    assert client.get(NATION, {"tinh": department}).status_code == 404


def test_the_nation_is_sent_from_the_province_page_to_the_national_one(
    national_leader: User, admin_persona: User
) -> None:
    for user in (national_leader, admin_persona):
        response = signed_in(user).get(PROVINCE)
        assert response.status_code == 302
        assert response["Location"] == NATION


def test_a_roll_up_warmed_in_one_scope_is_never_served_in_another(
    leader: User,
    national_leader: User,
    other_coordinator: User,
    make_user: Callable[..., User],
    tien_giang_plan: Plan,
    quang_ngai_plans: tuple[Plan, Plan],
) -> None:
    """Each reader sees what it would see with nothing cached, whoever loaded the page
    first: the national leader (confidential tasks included), a national inspector not
    granted them, and the provinces' readers on their own roll-ups."""
    secret = tien_giang_plan.tasks.order_by("pk").first()
    assert secret is not None
    Task.objects.filter(pk=secret.pk).update(confidential=True)
    rebuild_snapshot(tien_giang_plan, as_of=AS_OF, now=REVIEWED)
    inspector = make_user("thanhtra", None)
    grant_role(inspector, Role.INSPECTOR, None, scope=None, by=None, now=REVIEWED)
    pages = {
        national_leader.pk: NATION,
        inspector.pk: NATION,
        leader.pk: PROVINCE,
        other_coordinator.pk: PROVINCE,
    }
    readers = (national_leader, inspector, leader, other_coordinator)
    cold = {}
    for user in readers:
        forget_everything()
        cold[user.pk] = main(signed_in(user).get(pages[user.pk]))
    for first in readers:
        for second in readers:
            forget_everything()
            signed_in(first).get(pages[first.pk])
            assert main(signed_in(second).get(pages[second.pk])) == cold[second.pk]
    assert (
        int(figure(cold[inspector.pk], "tasks"))
        == int(figure(cold[national_leader.pk], "tasks")) - 1
    )
    assert "Tổng hợp: Quảng Ngãi" in cold[other_coordinator.pk]
    assert "Tổng hợp: Đồng Tháp" in cold[leader.pk]


def test_the_roll_up_changes_when_a_snapshot_does(
    leader: User, national_leader: User, tien_giang_plan: Plan
) -> None:
    forget_everything()
    rebuild_snapshot(tien_giang_plan, as_of=AS_OF, now=REVIEWED)
    client = signed_in(leader)
    assert "26/05/2026" in client.get(PROVINCE).content.decode()
    national = signed_in(national_leader)
    before = national.get(NATION).content.decode()
    Task.objects.filter(pk=tien_giang_plan.tasks.order_by("pk").first().pk).update(archived_at=NOW)
    later = AS_OF.replace(day=27)
    rebuild_snapshot(tien_giang_plan, as_of=later, now=REVIEWED)
    assert "27/05/2026" in client.get(PROVINCE).content.decode()
    after = national.get(NATION).content.decode()
    assert int(figure(after, "tasks")) == int(figure(before, "tasks")) - 1
