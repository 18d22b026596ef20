"""The coordinator's accounts: created one by one or from a list (all or none), each invited by
e-mail; found by any name of their agency; disabled, enabled, invited again, given another role;
each step audited; all within her scope."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.http import Http404

from tests.builders import NOW, org
from theodoi.audit.models import AuditEntry
from theodoi.orgs.account_list import accounts_of
from theodoi.orgs.accounts import (
    ListRefusedError,
    change_role,
    check_people,
    disable_person,
    enable_person,
    get_person_for,
    invite_people,
    people_of,
    resend_invitation,
    update_profile,
)
from theodoi.orgs.errors import OrganisationError
from theodoi.orgs.invitations import INVITATION_DAYS, InvitationTokenGenerator, invitation_token
from theodoi.orgs.models import Membership, Role
from theodoi.orgs.people_list import PersonLine

SITE = "https://theodoi.dongthap.gov.vn/"
Commit = Callable[..., Any]


def line(row: int, name: str, email: str, agency: str, role: str = "reporter") -> PersonLine:
    return PersonLine(row, name, email, agency, role)


FIVE = [
    line(2, "Nguyễn Văn An", "an@syt.dongthap.gov.vn", "Sở Y tế"),
    line(3, "Trần Thị Bình", "binh@stc.dongthap.gov.vn", "Sở Kế hoạch và Đầu tư"),
    line(4, "Lê Văn Cường", "cuong@sokhcn.dongthap.gov.vn", "Sở TT&TT"),
    line(5, "Phạm Thị Dung", "dung@ubnd.dongthap.gov.vn", "UBND tỉnh", "leader"),
    line(6, "Hoàng Văn Em", "em@syt.tiengiang.gov.vn", "Sở Y tế tỉnh Tiền Giang"),
]


def errors_of(refused: pytest.ExceptionInfo[ListRefusedError]) -> list[str]:
    return [str(error) for error in refused.value.errors]


def test_five_people_are_created_each_in_the_agency_any_of_its_names_designates(
    coordinator: User, django_capture_on_commit_callbacks: Commit
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        people = invite_people(FIVE, by=coordinator, now=NOW, base_url=SITE)
    assert [p.username for p in people] == [entry.email for entry in FIVE]
    agencies = [p.memberships.get().organisation.code for p in people]
    assert agencies == [
        "dong-thap--so-y-te",
        "dong-thap--so-tai-chinh",  # Sở KH&ĐT folded into Sở Tài chính
        "dong-thap--so-khoa-hoc-cong-nghe",  # Sở TT&TT folded into Sở KH&CN
        "dong-thap",
        "dong-thap--so-y-te",  # Tiền Giang's merged into Đồng Tháp's
    ]
    assert people[3].memberships.get().role == Role.LEADER
    assert all(not p.has_usable_password() and p.is_active for p in people)
    assert people[0].get_full_name() == "Nguyễn Văn An"
    assert [m.to for m in mail.outbox] == [[entry.email] for entry in FIVE]
    first = mail.outbox[0]
    assert first.subject == "theodoi: tài khoản của anh/chị, hãy đặt mật khẩu"
    assert "Kính gửi Nguyễn Văn An," in first.body
    assert "vai trò đơn vị thực hiện của Sở Y tế (Đồng Tháp)" in first.body
    assert "Tên đăng nhập: an@syt.dongthap.gov.vn" in first.body
    assert f"trong {INVITATION_DAYS} ngày" in first.body
    assert re.search(r"https://theodoi\.dongthap\.gov\.vn/kich-hoat/\S+/\S+/", first.body)
    invited = AuditEntry.objects.filter(action="orgs.person.invited", by=coordinator)
    assert invited.count() == 5
    assert invited.get(object_id=str(people[0].pk)).after["row"] == 2
    assert AuditEntry.objects.filter(action="orgs.membership.granted", by=coordinator).count() == 5


def test_a_list_with_one_bad_row_creates_nobody_and_sends_nothing(
    coordinator: User, django_capture_on_commit_callbacks: Commit
) -> None:
    bad = [*FIVE, line(7, "Võ Văn Phát", "phat@so.gov.vn", "Sở Không Có")]
    before = User.objects.count()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ListRefusedError) as refused,
    ):
        invite_people(bad, by=coordinator, now=NOW, base_url=SITE)
    assert errors_of(refused) == [
        "Dòng 7, cột “Cơ quan”: không tìm thấy cơ quan “Sở Không Có” ở Đồng Tháp; hãy ghi tên "
        "như trong các kế hoạch (ví dụ Sở Y tế)."
    ]
    assert User.objects.count() == before
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action="orgs.person.invited").exists()


def test_an_address_an_account_has_already_is_refused_whatever_its_case(
    coordinator: User, reporter: User
) -> None:
    reporter.email = "SoKHCN@DongThap.gov.vn"
    reporter.save()
    checked = check_people(
        [
            line(2, "A", "sokhcn@dongthap.gov.vn", "Sở Y tế"),
            line(3, "B", "daumoi", "Sở Y tế"),  # another account's user name
        ],
        by=coordinator,
        as_of=NOW.date(),
    )
    assert [str(e) for e in checked.errors] == [
        "Dòng 2, cột “E-mail”: đã có tài khoản với địa chỉ sokhcn@dongthap.gov.vn.",
        "Dòng 3, cột “E-mail”: “daumoi” không phải địa chỉ e-mail hợp lệ.",
        "Dòng 3, cột “E-mail”: đã có tài khoản với địa chỉ daumoi.",
    ]


def test_an_agency_outside_the_scope_is_refused_naming_the_body(coordinator: User) -> None:
    checked = check_people(
        [
            line(2, "A", "a@so.gov.vn", "Sở Y tế (Quảng Ngãi)"),
            line(3, "B", "b@so.gov.vn", "Bộ Công an"),
        ],
        by=coordinator,
        as_of=NOW.date(),
    )
    assert checked.invitees == []
    assert [str(e) for e in checked.errors] == [
        "Dòng 2, cột “Cơ quan”: “Sở Y tế (Quảng Ngãi)” là Sở Y tế (Quảng Ngãi), ngoài phạm vi "
        "của anh/chị (Đồng Tháp).",
        "Dòng 3, cột “Cơ quan”: “Bộ Công an” là Bộ Công an, ngoài phạm vi của anh/chị (Đồng Tháp).",
    ]


def test_another_province_s_coordinator_reads_its_own_bodies(other_coordinator: User) -> None:
    checked = check_people(
        [
            line(2, "A", "a@so.gov.vn", "Sở Y tế"),
            line(3, "B", "b@so.gov.vn", "Sở Y tế tỉnh Kon Tum"),
        ],
        by=other_coordinator,
        as_of=NOW.date(),
    )
    assert checked.errors == []
    assert {i.organisation.code for i in checked.invitees} == {"quang-ngai--so-y-te"}


def test_a_reader_or_a_reporter_creates_no_account(leader: User, reporter: User) -> None:
    for who in (leader, reporter):
        with pytest.raises(ListRefusedError) as refused:
            invite_people(FIVE[:1], by=who, now=NOW, base_url=SITE)
        assert errors_of(refused) == ["Chỉ cơ quan đầu mối mới tạo tài khoản."]
    assert not User.objects.filter(email=FIVE[0].email).exists()


def test_the_invitation_link_is_its_own_token_valid_two_weeks_and_not_a_reset_link(
    coordinator: User,
) -> None:
    (person,) = invite_people(FIVE[:1], by=coordinator, now=NOW, base_url=SITE)
    token = invitation_token.make_token(person)
    assert invitation_token.check_token(person, token)
    from django.contrib.auth.tokens import default_token_generator

    assert not default_token_generator.check_token(person, token)

    class Later(InvitationTokenGenerator):
        def __init__(self, days: int) -> None:
            super().__init__()
            self.days = days

        def _now(self) -> Any:
            import datetime

            return datetime.datetime.now() + datetime.timedelta(days=self.days)

    assert Later(INVITATION_DAYS - 1).check_token(person, token)
    assert not Later(INVITATION_DAYS + 1).check_token(person, token)
    person.set_password("mật-khẩu-mới-2026")
    person.save()
    assert not invitation_token.check_token(person, token)


@pytest.fixture
def invited(coordinator: User) -> User:
    (person,) = invite_people(FIVE[:1], by=coordinator, now=NOW, base_url=SITE)
    return person


def test_the_coordinator_disables_enables_and_invites_again(
    coordinator: User, invited: User, django_capture_on_commit_callbacks: Commit
) -> None:
    disable_person(invited, by=coordinator, now=NOW)
    invited.refresh_from_db()
    assert not invited.is_active
    with pytest.raises(OrganisationError, match="đang bị khóa"):
        resend_invitation(invited, by=coordinator, now=NOW, base_url=SITE)
    enable_person(invited, by=coordinator, now=NOW)
    invited.refresh_from_db()
    assert invited.is_active
    with pytest.raises(OrganisationError, match="đang hoạt động"):
        enable_person(invited, by=coordinator, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        resend_invitation(invited, by=coordinator, now=NOW, base_url=SITE)
    assert [m.to for m in mail.outbox] == [[invited.email]]
    actions = list(
        AuditEntry.objects.filter(object_id=str(invited.pk), by=coordinator)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-3:] == [
        "orgs.person.deactivated",
        "orgs.person.reactivated",
        "orgs.person.invitation_resent",
    ]


def test_an_invitation_is_not_sent_again_once_the_password_is_chosen(
    coordinator: User, invited: User
) -> None:
    invited.set_password("mật-khẩu-mới-2026")
    invited.save()
    with pytest.raises(OrganisationError, match="đã đặt mật khẩu"):
        resend_invitation(invited, by=coordinator, now=NOW, base_url=SITE)


def test_the_role_changes_through_grant_role_and_keeps_the_agency(
    coordinator: User, invited: User
) -> None:
    change_role(invited, Role.LEADER, by=coordinator, now=NOW)
    membership = Membership.objects.get(user=invited)
    assert (membership.role, membership.organisation.code) == ("leader", "dong-thap--so-y-te")
    entry = AuditEntry.objects.filter(action="orgs.membership.granted").latest("pk")
    assert entry.before == {
        "memberships": [
            {
                "role": "reporter",
                "organisation_id": membership.organisation_id,
                "scope_id": org("dong-thap").pk,
            }
        ]
    }
    with pytest.raises(OrganisationError, match="đã có vai trò"):
        change_role(invited, Role.LEADER, by=coordinator, now=NOW)
    with pytest.raises(OrganisationError, match="không cấp được"):
        change_role(invited, Role.ADMIN, by=coordinator, now=NOW)


def test_another_province_s_coordinator_neither_sees_nor_changes_the_account(
    other_coordinator: User, invited: User
) -> None:
    assert invited not in people_of(other_coordinator)
    with pytest.raises(Http404):
        get_person_for(other_coordinator, invited.pk)
    with pytest.raises(OrganisationError, match="không thuộc phạm vi"):
        disable_person(invited, by=other_coordinator, now=NOW)
    invited.refresh_from_db()
    assert invited.is_active


def test_a_coordinator_does_not_change_her_own_account_nor_one_with_a_role_elsewhere(
    coordinator: User, invited: User
) -> None:
    with pytest.raises(OrganisationError, match="Không tự thay đổi"):
        disable_person(coordinator, by=coordinator, now=NOW)
    from theodoi.orgs.services import grant_role

    grant_role(invited, Role.REPORTER, org("quang-ngai--so-y-te"), add=True, by=None, now=NOW)
    with pytest.raises(OrganisationError, match="ngoài phạm vi"):
        disable_person(invited, by=coordinator, now=NOW)


def test_the_nation_s_administrator_sees_every_province_s_accounts(
    admin_persona: User, coordinator: User, other_coordinator: User
) -> None:
    seen = set(people_of(admin_persona))
    assert {coordinator, other_coordinator} <= seen


def test_the_list_finds_accounts_by_name_address_and_any_name_of_their_agency(
    coordinator: User, django_capture_on_commit_callbacks: Commit
) -> None:
    invite_people(FIVE, by=coordinator, now=NOW, base_url=SITE)

    def found(query: str) -> list[str]:
        return [a.person.username for a in accounts_of(coordinator, query)]

    assert found("nguyen van") == ["an@syt.dongthap.gov.vn"]
    assert found("Nguyễn") == ["an@syt.dongthap.gov.vn"]
    assert found("binh@") == ["binh@stc.dongthap.gov.vn"]
    # Sở KH&ĐT is today's Sở Tài chính; Sở TT&TT today's Sở KH&CN, where the coordinator works.
    assert found("Sở Kế hoạch và Đầu tư") == ["binh@stc.dongthap.gov.vn"]
    assert set(found("Sở Thông tin và Truyền thông")) == {"cuong@sokhcn.dongthap.gov.vn", "daumoi"}
    assert set(found("so y te")) == {"an@syt.dongthap.gov.vn", "em@syt.tiengiang.gov.vn"}
    assert found("Bộ Công an") == []
    assert len(found("")) == 6
    rows = {a.person.username: a for a in accounts_of(coordinator)}
    assert rows["an@syt.dongthap.gov.vn"].invited
    assert rows["an@syt.dongthap.gov.vn"].manageable
    assert not rows["daumoi"].manageable  # herself
    assert not rows["daumoi"].invited


def test_a_person_edits_their_own_name_and_address_and_the_user_name_follows(
    coordinator: User, invited: User, reporter: User
) -> None:
    update_profile(invited, name="  Nguyễn Văn  Ân ", email="An.Moi@SYT.dongthap.gov.vn", now=NOW)
    invited.refresh_from_db()
    assert (invited.first_name, invited.email, invited.username) == (
        "Nguyễn Văn Ân",
        "an.moi@syt.dongthap.gov.vn",
        "an.moi@syt.dongthap.gov.vn",
    )
    entry = AuditEntry.objects.get(action="accounts.profile.changed")
    assert entry.by == invited
    assert entry.before["email"] == "an@syt.dongthap.gov.vn"
    # A user name of its own (a demo account's) stays.
    update_profile(reporter, name="Sở KH&CN", email="sokhcn@dongthap.gov.vn", now=NOW)
    reporter.refresh_from_db()
    assert reporter.username == "sokhcn"
    with pytest.raises(OrganisationError, match="Đã có tài khoản khác"):
        update_profile(reporter, name="Sở KH&CN", email="AN.MOI@syt.dongthap.gov.vn", now=NOW)
    with pytest.raises(OrganisationError, match="không phải địa chỉ e-mail"):
        update_profile(reporter, name="Sở KH&CN", email="sokhcn", now=NOW)
    with pytest.raises(OrganisationError, match="Hãy ghi họ và tên"):
        update_profile(reporter, name=" ", email="sokhcn@dongthap.gov.vn", now=NOW)
    reporter.refresh_from_db()
    assert reporter.email == "sokhcn@dongthap.gov.vn"


def test_an_agency_typed_without_tone_marks_is_found_when_one_body_reads_so(
    coordinator: User,
) -> None:
    checked = check_people(
        [
            line(2, "A", "a@so.gov.vn", "so y te"),
            line(3, "B", "b@so.gov.vn", "SO KHOA HOC VA CONG NGHE"),
            line(4, "C", "c@so.gov.vn", "so thong tin va truyen thong tinh tien giang"),
            line(5, "D", "d@so.gov.vn", "so khong co"),
        ],
        by=coordinator,
        as_of=NOW.date(),
    )
    assert [i.organisation.code for i in checked.invitees] == [
        "dong-thap--so-y-te",
        "dong-thap--so-khoa-hoc-cong-nghe",
        "dong-thap--so-khoa-hoc-cong-nghe",
    ]
    assert [e.row for e in checked.errors] == [5]
