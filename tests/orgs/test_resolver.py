"""Names of the gold extractions resolved against the shipped organisation data."""

import datetime
import json

import pytest

from tests.builders import GOLD, NOW, org
from theodoi.orgs.resolve import Resolver, find_province

pytestmark = pytest.mark.usefixtures("orgs")
TODAY = NOW.date()

# Names in the gold files that no shipped body answers to: a district, a city, a management
# board of one province. The coordinator maps them once in the import preview.
UNKNOWN = {
    "Ủy ban nhân dân huyện Gò Công Đông",
    "Ủy ban nhân dân thành phố Mỹ Tho",
    "Ủy ban nhân dân thành phố, thị xã đủ điều kiện",
    "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi",
}


def _names(document: dict) -> set[str]:
    names: set[str] = set()
    for task in document["tasks"]:
        names.update(task["lead"] + task["cooperating"])
    for indicator in document["indicators"]:
        names.update(indicator["agencies"])
    return names


@pytest.mark.parametrize("path", sorted(GOLD.glob("*.json")), ids=lambda p: p.stem)
def test_every_gold_agency_resolves_or_is_collective_except_local_ones(path) -> None:
    document = json.loads(path.read_text("utf-8"))
    resolver = Resolver(find_province(document["document"]["province"]), as_of=TODAY)
    unresolved = {name for name in _names(document) if resolver.resolve(name).unresolved}
    assert unresolved <= UNKNOWN


@pytest.mark.parametrize(
    ("written", "today"),
    [
        ("Sở Thông tin và Truyền thông", "dong-thap--so-khoa-hoc-cong-nghe"),
        ("Sở TT&TT", "dong-thap--so-khoa-hoc-cong-nghe"),
        ("Sở Khoa học và Công nghệ tỉnh Tiền Giang", "dong-thap--so-khoa-hoc-cong-nghe"),
        ("Sở Kế hoạch và Đầu tư", "dong-thap--so-tai-chinh"),
        ("Sở Tài nguyên và Môi trường", "dong-thap--so-nong-nghiep-moi-truong"),
        ("Sở Giao thông vận tải", "dong-thap--so-xay-dung"),
        ("Sở LĐ-TB&XH", "dong-thap--so-noi-vu"),
        ("UBND các huyện", "dong-thap--ubnd-cap-xa"),
        ("Ủy ban nhân dân các huyện, thị xã, thành phố", "dong-thap--ubnd-cap-xa"),
        ("Văn phòng UBND tỉnh", "dong-thap--van-phong-ubnd"),
        ("Ủy ban nhân dân tỉnh", "dong-thap"),
        ("Ban Tuyên giáo Tỉnh ủy", "dong-thap--ban-tuyen-giao-dan-van"),
        ("Đài Phát thanh và Truyền hình Tiền Giang", "dong-thap--bao-phat-thanh-truyen-hinh"),
        ("Bộ Thông tin và Truyền thông", "bo-khoa-hoc-cong-nghe"),
    ],
)
def test_a_tien_giang_name_lands_on_todays_body(written: str, today: str) -> None:
    resolver = Resolver(org("tien-giang"), as_of=TODAY)
    assert resolver.resolve(written).organisation == org(today)


def test_before_the_merger_the_name_lands_on_the_provinces_own_body() -> None:
    resolver = Resolver(org("tien-giang"), as_of=datetime.date(2025, 5, 1))
    found = resolver.resolve("Sở Thông tin và Truyền thông").organisation
    assert found == org("tien-giang--so-khoa-hoc-cong-nghe")


def test_a_collective_phrase_resolves_to_nothing_and_is_not_unknown() -> None:
    resolution = Resolver(org("tien-giang"), as_of=TODAY).resolve("Các sở, ban, ngành, địa phương")
    assert resolution.organisation is None
    assert resolution.collective
    assert not resolution.unresolved


def test_a_body_joined_to_a_collective_keeps_its_body() -> None:
    resolution = Resolver(None, as_of=TODAY).resolve(
        "Bộ Kế hoạch và Đầu tư và các bộ, ngành, địa phương"
    )
    assert resolution.organisation == org("bo-tai-chinh")
    assert resolution.collective


def test_names_resolve_only_within_the_plans_province() -> None:
    quang_ngai = Resolver(org("quang-ngai"), as_of=TODAY).resolve("Sở Y tế").organisation
    assert quang_ngai == org("quang-ngai--so-y-te")


def test_a_national_plan_does_not_resolve_a_provincial_department() -> None:
    assert Resolver(None, as_of=TODAY).resolve("Sở Y tế").unresolved


@pytest.mark.parametrize(
    ("written", "code"),
    [("Tiền Giang", "tien-giang"), ("tỉnh Quảng Nam", "quang-nam"), ("Thừa Thiên Huế", "hue")],
)
def test_a_plans_province_is_found_by_its_name(written: str, code: str) -> None:
    assert find_province(written) == org(code)


def test_an_unknown_province_is_none() -> None:
    assert find_province("Atlantis") is None
