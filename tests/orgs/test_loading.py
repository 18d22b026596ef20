"""The 2025 reorganisation shipped as data: provinces (Nghị quyết 202/2025/QH15), departments
(Nghị định 45/2025/NĐ-CP), ministries."""

import datetime

import pytest

from tests.builders import NOW, org
from theodoi.orgs.loading import load_organisations, slug
from theodoi.orgs.models import Organisation, OrganisationAlias, OrganisationKind

pytestmark = pytest.mark.usefixtures("orgs")
TODAY = NOW.date()


def test_sixty_three_provinces_became_thirty_four() -> None:
    provinces = Organisation.objects.filter(kind=OrganisationKind.PROVINCE)
    assert provinces.count() == 63
    assert provinces.filter(active=True).count() == 34


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Tiền Giang", "Đồng Tháp"),
        ("Quảng Nam", "Đà Nẵng"),
        ("Kon Tum", "Quảng Ngãi"),
        ("Quảng Bình", "Quảng Trị"),
        ("Bình Dương", "Hồ Chí Minh"),
        ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
        ("Hà Giang", "Tuyên Quang"),
        ("Hòa Bình", "Phú Thọ"),
        ("Nam Định", "Ninh Bình"),
        ("Đắk Nông", "Lâm Đồng"),
        ("Hậu Giang", "Cần Thơ"),
        ("Trà Vinh", "Vĩnh Long"),
        ("Kiên Giang", "An Giang"),
    ],
)
def test_a_merged_province_points_to_the_province_it_joined(old: str, new: str) -> None:
    province = org(slug(old))
    assert province.successor == org(slug(new))
    assert province.succeeded_on == datetime.date(2025, 7, 1)
    assert not province.active


@pytest.mark.parametrize("name", ["Hà Nội", "Huế", "Cao Bằng", "Nghệ An", "Quảng Ninh"])
def test_the_eleven_unmerged_provinces_stand_alone(name: str) -> None:
    province = org(slug(name))
    assert province.active
    assert not province.predecessors.exists()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("so-thong-tin-truyen-thong", "so-khoa-hoc-cong-nghe"),
        ("so-ke-hoach-dau-tu", "so-tai-chinh"),
        ("so-tai-nguyen-moi-truong", "so-nong-nghiep-moi-truong"),
        ("so-nong-nghiep-ptnt", "so-nong-nghiep-moi-truong"),
        ("so-giao-thong-van-tai", "so-xay-dung"),
        ("so-lao-dong-tbxh", "so-noi-vu"),
    ],
)
def test_departments_merged_by_decree_45_point_to_their_successor(old: str, new: str) -> None:
    department = org(f"quang-ngai--{old}")
    assert department.successor == org(f"quang-ngai--{new}")
    assert department.succeeded_on == datetime.date(2025, 3, 1)


def test_district_peoples_committees_were_abolished_for_communes() -> None:
    districts = org("quang-ngai--ubnd-cap-huyen")
    assert districts.current(TODAY) == org("quang-ngai--ubnd-cap-xa")


def test_a_merged_provinces_department_ends_in_the_new_provinces_department() -> None:
    old = org("tien-giang--so-thong-tin-truyen-thong")
    assert old.current(datetime.date(2025, 2, 28)) == old
    assert old.current(datetime.date(2025, 3, 1)) == org("tien-giang--so-khoa-hoc-cong-nghe")
    assert old.current(TODAY) == org("dong-thap--so-khoa-hoc-cong-nghe")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("bo-thong-tin-truyen-thong", "bo-khoa-hoc-cong-nghe"),
        ("bo-ke-hoach-dau-tu", "bo-tai-chinh"),
        ("bo-giao-thong-van-tai", "bo-xay-dung"),
        ("bo-lao-dong-tbxh", "bo-noi-vu"),
        ("bo-tai-nguyen-moi-truong", "bo-nong-nghiep-moi-truong"),
    ],
)
def test_ministries_merged_in_2025_point_to_their_successor(old: str, new: str) -> None:
    assert org(old).current(TODAY) == org(new)


def test_loading_again_changes_nothing() -> None:
    organisations, aliases = Organisation.objects.count(), OrganisationAlias.objects.count()
    report = load_organisations(by=None, now=NOW)
    assert (report.created, report.updated, report.aliases) == (0, 0, 0)
    assert Organisation.objects.count() == organisations
    assert OrganisationAlias.objects.count() == aliases


def test_loading_again_restores_a_name_changed_by_hand_and_keeps_added_aliases() -> None:
    department = org("dong-thap--so-y-te")
    department.name = "Sở Y tế (sửa nhầm)"
    department.save()
    OrganisationAlias.objects.create(
        organisation=department, scope=org("dong-thap"), name="SYT", key="syt"
    )
    load_organisations(by=None, now=NOW)
    assert org("dong-thap--so-y-te").name == "Sở Y tế"
    assert OrganisationAlias.objects.filter(key="syt").exists()


@pytest.mark.parametrize(
    ("name", "expected"), [("Đồng Tháp", "dong-thap"), ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau")]
)
def test_codes_are_ascii_slugs_of_the_names(name: str, expected: str) -> None:
    assert slug(name) == expected
