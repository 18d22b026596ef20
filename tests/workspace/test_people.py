"""The accounts pages: a coordinator uploads an Excel list, sees a preview, creates everyone
(or, on any error, nobody); creates one account by a form; acts on an account; a person follows
the invitation, chooses a password and logs in; each edits their own name and address."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from tests.builders import PDF, signed_in
from theodoi.audit.models import AuditEntry
from theodoi.orgs.models import Membership

Commit = Callable[..., Any]
HEADER = ("STT", "Họ và tên", "E-mail", "Cơ quan", "Vai trò")
FIVE = [
    (1, "Nguyễn Văn An", "an@syt.dongthap.gov.vn", "Sở Y tế", "Đơn vị thực hiện"),
    (2, "Trần Thị Bình", "binh@stc.dongthap.gov.vn", "Sở Kế hoạch và Đầu tư", "Đơn vị thực hiện"),
    (3, "Lê Văn Cường", "cuong@sokhcn.dongthap.gov.vn", "Sở TT&TT", "Báo cáo"),
    (4, "Phạm Thị Dung", "dung@ubnd.dongthap.gov.vn", "UBND tỉnh", "Lãnh đạo"),
    (5, "Hoàng Văn Em", "em@thanhtra.dongthap.gov.vn", "Thanh tra tỉnh", "Thanh tra"),
]
NEW_PASSWORD = "Đồng-Tháp-an-toàn-2026"


def workbook(rows: Sequence[Sequence[Any]], *, title: str = "Danh sách") -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(client: Client, data: bytes, name: str = "danh-sach.xlsx") -> Any:
    return client.post(
        reverse("workspace:people_upload"), {"people": SimpleUploadedFile(name, data)}
    )


def page(response: Any) -> str:
    return str(response.content.decode())


@pytest.fixture
def desk(coordinator: User) -> Client:
    return signed_in(coordinator)


def test_a_list_of_five_is_previewed_then_created_and_everyone_is_invited(
    desk: Client, coordinator: User, django_capture_on_commit_callbacks: Commit
) -> None:
    before = User.objects.count()
    preview = upload(desk, workbook([("DANH SÁCH ĐẦU MỐI",), HEADER, *FIVE]))
    assert preview.status_code == 200
    text = page(preview)
    assert "Xem trước: 5 tài khoản sẽ được tạo" in text
    assert "Sở Tài chính (Đồng Tháp)" in text  # Sở KH&ĐT's successor
    assert "ghi là “Sở Kế hoạch và Đầu tư”" in text
    assert User.objects.count() == before  # a preview creates nothing
    token = re.search(r'name="token" value="([0-9a-f]{64})"', text)
    assert token is not None
    with django_capture_on_commit_callbacks(execute=True):
        done = desk.post(reverse("workspace:people_import"), {"token": token.group(1)}, follow=True)
    assert "Đã tạo 5 tài khoản và gửi thư mời tới từng người." in page(done)
    assert User.objects.count() == before + 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(row[2] for row in FIVE)
    inspector = Membership.objects.get(user__email="em@thanhtra.dongthap.gov.vn")
    assert (inspector.role, inspector.organisation.code) == ("inspector", "dong-thap--thanh-tra")
    # The same preview cannot be created twice.
    again = desk.post(reverse("workspace:people_import"), {"token": token.group(1)}, follow=True)
    assert "Danh sách đã xem trước không còn" in page(again)
    assert User.objects.count() == before + 5


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [HEADER, *FIVE, (6, "Nguyễn Văn An", "AN@syt.dongthap.gov.vn", "Sở Y tế", "Báo cáo")],
            "Dòng 7, cột “E-mail”: địa chỉ an@syt.dongthap.gov.vn đã có ở dòng 2.",
        ),
        (
            [HEADER, *FIVE[:2], (3, "Võ Văn Phát", "phat@so.gov.vn", "Sở Không Có", "Báo cáo")],
            "Dòng 4, cột “Cơ quan”: không tìm thấy cơ quan “Sở Không Có” ở Đồng Tháp",
        ),
        (
            [HEADER, (1, "Võ Văn Phát", "phat.so.gov.vn", "Sở Y tế", "Báo cáo")],
            "Dòng 2, cột “E-mail”: “phat.so.gov.vn” không phải địa chỉ e-mail hợp lệ",
        ),
        (
            [HEADER, (1, "Võ Văn Phát", "phat@so.gov.vn", "Sở Y tế", "Chuyên viên")],
            "Dòng 2, cột “Vai trò”: “Chuyên viên” không phải vai trò",
        ),
        (
            [("Họ và tên", "E-mail", "Vai trò"), ("Võ Văn Phát", "phat@so.gov.vn", "Báo cáo")],
            "Dòng 1: thiếu cột “Cơ quan” trong dòng tiêu đề",
        ),
        (
            [HEADER, (1, "Võ Văn Phát", "phat@so.gov.vn", "Sở Y tế (Quảng Ngãi)", "Báo cáo")],
            "là Sở Y tế (Quảng Ngãi), ngoài phạm vi của anh/chị (Đồng Tháp)",
        ),
    ],
)
def test_a_bad_list_names_the_row_and_field_and_creates_nobody(
    desk: Client, rows: list[Sequence[Any]], message: str
) -> None:
    before = User.objects.count()
    response = upload(desk, workbook(rows))
    assert response.status_code == 400
    text = page(response)
    assert "chưa tạo tài khoản nào" in text
    assert message in text
    assert 'name="token"' not in text
    assert User.objects.count() == before
    assert mail.outbox == []


def test_an_address_an_account_has_already_refuses_the_list(desk: Client, reporter: User) -> None:
    reporter.email = "sokhcn@dongthap.gov.vn"
    reporter.save()
    rows = [HEADER, (1, "Sở KH&CN", "SoKHCN@dongthap.gov.vn", "Sở Y tế", "Báo cáo")]
    response = upload(desk, workbook(rows))
    assert response.status_code == 400
    assert "Dòng 2, cột “E-mail”: đã có tài khoản với địa chỉ sokhcn@dongthap.gov.vn." in page(
        response
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("danh-sach.xlsx", PDF, "không phải Excel (.xlsx)"),
        ("danh-sach.csv", "Họ và tên,E-mail\n".encode(), "không phải Excel (.xlsx)"),
        ("danh-sach.xlsm", b"PK\x03\x04", "có macro"),
        ("danh-sach.xls", workbook([HEADER]), "có đuôi .xls nhưng nội dung là Excel (.xlsx)"),
        ("danh-sach.xlsx", b"", "Tập tin được gửi là rỗng."),
        ("danh-sach.xlsx", b"PK\x03\x04" + b"0" * (3 * 1024 * 1024), "giới hạn là 2 MB"),
        ("danh-sach.xlsx", b"PK\x05\x06" + b"\0" * 18, "không phải Excel (.xlsx)"),
        ("danh-sach.xlsx", workbook([HEADER])[:-200], "không phải tệp nén ZIP hợp lệ"),
    ],
)
def test_a_file_that_is_not_a_workbook_or_too_large_is_refused_by_name(
    desk: Client, name: str, data: bytes, message: str
) -> None:
    response = upload(desk, data, name)
    assert response.status_code == 400
    assert message in page(response)


def test_an_empty_upload_asks_for_the_file(desk: Client) -> None:
    response = desk.post(reverse("workspace:people_upload"), {})
    assert response.status_code == 400
    assert "Hãy chọn tệp Excel của danh sách." in page(response)


def test_an_address_taken_between_preview_and_creation_creates_nobody(
    desk: Client, reporter: User
) -> None:
    text = page(upload(desk, workbook([HEADER, *FIVE])))
    token = re.search(r'name="token" value="([0-9a-f]{64})"', text)
    assert token is not None
    reporter.email = FIVE[3][2]
    reporter.save()
    before = User.objects.count()
    done = desk.post(reverse("workspace:people_import"), {"token": token.group(1)}, follow=True)
    assert "Chưa tạo tài khoản nào: Dòng 5, cột “E-mail”: đã có tài khoản" in page(done)
    assert User.objects.count() == before
    assert mail.outbox == []


def test_one_account_is_created_by_the_form_and_invited(
    desk: Client, django_capture_on_commit_callbacks: Commit
) -> None:
    form = page(desk.get(reverse("workspace:person_create")))
    assert "Sở Y tế (Đồng Tháp)" in form  # the agencies offered as one types
    assert "Quảng Ngãi" not in form
    data = {
        "name": "Ngô Thị Hạnh",
        "email": "hanh@soyte.gov.vn",
        "agency": "Sở Y tế",
        "role": "reporter",
    }
    with django_capture_on_commit_callbacks(execute=True):
        done = desk.post(reverse("workspace:person_create"), data, follow=True)
    assert "Đã tạo tài khoản cho Ngô Thị Hạnh và gửi thư mời tới hanh@soyte.gov.vn." in page(done)
    (message,) = mail.outbox
    assert message.to == ["hanh@soyte.gov.vn"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"agency": "Sở Y tế (Quảng Ngãi)"}, "ngoài phạm vi của anh/chị (Đồng Tháp)"),
        ({"agency": "Bộ Công an"}, "“Bộ Công an” là Bộ Công an, ngoài phạm vi"),
        ({"agency": "Sở Không Có"}, "Không tìm thấy cơ quan “Sở Không Có” ở Đồng Tháp"),
        ({"email": "hanh@soyte"}, "“hanh@soyte” không phải địa chỉ e-mail hợp lệ"),
        ({"email": ""}, "Hãy ghi địa chỉ e-mail."),
        ({"name": ""}, "Hãy ghi họ và tên."),
        ({"role": "admin"}, "Hãy chọn một vai trò trong danh sách."),
    ],
)
def test_a_bad_form_names_the_field_and_creates_nobody(
    desk: Client, data: dict[str, str], message: str
) -> None:
    before = User.objects.count()
    fields = {"name": "Ngô Thị Hạnh", "email": "hanh@soyte.gov.vn", "agency": "Sở Y tế"}
    response = desk.post(reverse("workspace:person_create"), {**fields, "role": "reporter", **data})
    assert response.status_code == 400
    assert message in page(response)
    assert User.objects.count() == before
    assert mail.outbox == []


def test_the_list_page_searches_by_any_name_of_the_agency_and_acts_on_an_account(
    desk: Client, reporter: User, other_reporter: User, other_coordinator: User
) -> None:
    listing = page(desk.get(reverse("workspace:people")))
    assert "Tài khoản của các cơ quan, đơn vị thuộc Đồng Tháp." in listing
    assert "sokhcn" in listing
    assert "daumoi.qn" not in listing  # Quảng Ngãi's coordinator
    found = page(desk.get(reverse("workspace:people"), {"q": "Sở Thông tin và Truyền thông"}))
    assert 'data-person="sokhcn"' in found
    assert 'data-person="soyte"' not in found
    disable = reverse("workspace:person_disable", args=[other_reporter.pk])
    done = page(desk.post(disable, {"q": "y te"}, follow=True))
    assert "Đã khóa tài khoản của soyte: người này không đăng nhập được nữa." in done
    other_reporter.refresh_from_db()
    assert not other_reporter.is_active
    assert "đã khóa" in done
    role = reverse("workspace:person_role", args=[other_reporter.pk])
    done = page(desk.post(role, {"role": "leader"}, follow=True))
    assert "soyte nay có vai trò lãnh đạo." in done
    refused = page(desk.post(role, {"role": "admin"}, follow=True))
    assert "Hãy chọn một vai trò trong danh sách." in refused
    assert AuditEntry.objects.filter(action="orgs.person.deactivated").count() == 1
    # Quảng Ngãi's coordinator does not learn the account exists.
    assert signed_in(other_coordinator).post(disable).status_code == 404


def test_an_invited_person_follows_the_link_chooses_a_password_and_logs_in(
    desk: Client, django_capture_on_commit_callbacks: Commit
) -> None:
    data = {
        "name": "Ngô Thị Hạnh",
        "email": "hanh@soyte.gov.vn",
        "agency": "Sở Y tế",
        "role": "reporter",
    }
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(reverse("workspace:person_create"), data)
    (message,) = mail.outbox
    link = re.search(r"https?://[^/]+(/kich-hoat/\S+/)", message.body)
    assert link is not None
    person = Client()
    form = person.get(link.group(1), follow=True)
    assert "Tên đăng nhập là <strong>hanh@soyte.gov.vn</strong>" in page(form)
    saved = person.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert 'data-testid="reset-complete"' in page(saved)
    login = Client()
    login.post(reverse("login"), {"username": "hanh@soyte.gov.vn", "password": NEW_PASSWORD})
    assert "_auth_user_id" in login.session
    hanh = User.objects.get(username="hanh@soyte.gov.vn")
    assert AuditEntry.objects.filter(action="accounts.invitation.accepted", by=hanh).count() == 1
    # The link works once; a reset link is not an invitation.
    assert 'data-testid="invitation-invalid"' in page(Client().get(link.group(1), follow=True))
    reset = link.group(1).replace("/kich-hoat/", "/dat-lai-mat-khau/")
    assert 'data-testid="reset-invalid"' in page(Client().get(reset, follow=True))


def test_a_disabled_account_s_invitation_leads_nowhere(
    desk: Client, django_capture_on_commit_callbacks: Commit
) -> None:
    data = {
        "name": "Ngô Thị Hạnh",
        "email": "hanh@soyte.gov.vn",
        "agency": "Sở Y tế",
        "role": "reporter",
    }
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(reverse("workspace:person_create"), data)
    link = re.search(r"https?://[^/]+(/kich-hoat/\S+/)", mail.outbox[0].body)
    assert link is not None
    hanh = User.objects.get(username="hanh@soyte.gov.vn")
    desk.post(reverse("workspace:person_disable", args=[hanh.pk]))
    assert 'data-testid="invitation-invalid"' in page(Client().get(link.group(1), follow=True))


def test_a_person_edits_their_own_name_and_address(reporter: User, other_reporter: User) -> None:
    other_reporter.email = "soyte@dongthap.gov.vn"
    other_reporter.save()
    client = signed_in(reporter)
    url = reverse("workspace:my_account")
    shown = page(client.get(url))
    assert "Tài khoản của tôi" in shown
    assert "Tên đăng nhập: <strong>sokhcn</strong>" in shown
    saved = client.post(
        url, {"name": "Sở KH&CN Đồng Tháp", "email": "KHCN@dongthap.gov.vn"}, follow=True
    )
    assert "Đã lưu họ tên và địa chỉ e-mail." in page(saved)
    reporter.refresh_from_db()
    assert (reporter.first_name, reporter.email) == ("Sở KH&CN Đồng Tháp", "khcn@dongthap.gov.vn")
    taken = client.post(url, {"name": "Sở KH&CN", "email": "soyte@dongthap.gov.vn"})
    assert taken.status_code == 400
    assert "Đã có tài khoản khác dùng địa chỉ soyte@dongthap.gov.vn." in page(taken)
    bad = client.post(url, {"name": "Sở KH&CN", "email": "khcn@"})
    assert "không phải địa chỉ e-mail hợp lệ" in page(bad)
    reporter.refresh_from_db()
    assert reporter.email == "khcn@dongthap.gov.vn"


def test_an_invited_person_who_lost_the_invitation_resets_a_password_from_the_log_in_page(
    desk: Client, django_capture_on_commit_callbacks: Commit
) -> None:
    data = {
        "name": "Ngô Thị Hạnh",
        "email": "hanh@soyte.gov.vn",
        "agency": "Sở Y tế",
        "role": "reporter",
    }
    with django_capture_on_commit_callbacks(execute=True):
        desk.post(reverse("workspace:person_create"), data)
    mail.outbox.clear()
    Client().post(reverse("password_reset"), {"email": "Hanh@SoYTe.gov.vn"})
    (message,) = mail.outbox
    assert message.subject == "theodoi: đặt lại mật khẩu"
    link = re.search(r"https?://[^/]+(/dat-lai-mat-khau/\S+/)", message.body)
    assert link is not None
    person = Client()
    form = person.get(link.group(1), follow=True)
    person.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    login = Client()
    login.post(reverse("login"), {"username": "hanh@soyte.gov.vn", "password": NEW_PASSWORD})
    assert "_auth_user_id" in login.session
    # Disabled, the account gets no reset e-mail.
    hanh = User.objects.get(username="hanh@soyte.gov.vn")
    desk.post(reverse("workspace:person_disable", args=[hanh.pk]))
    mail.outbox.clear()
    Client().post(reverse("password_reset"), {"email": "hanh@soyte.gov.vn"})
    assert mail.outbox == []


def test_the_first_sheet_is_read_whatever_its_title_and_a_formula_is_never_kept_as_text(
    desk: Client,
) -> None:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Sheet1"
    first.append(list(HEADER))
    first.append([1, '=HYPERLINK("http://x.vn","An")', "an@so.gov.vn", "Sở Y tế", "Báo cáo"])
    first.append([2, "Trần Văn Bình", "binh@so.gov.vn", "Sở Y tế", "Báo cáo"])
    other = book.create_sheet("Ghi chú")
    other.append(["Họ và tên", "E-mail", "Cơ quan", "Vai trò"])
    other.append(["Không đọc", "khong@so.gov.vn", "Sở Y tế", "Báo cáo"])
    out = io.BytesIO()
    book.save(out)
    response = upload(desk, out.getvalue())
    assert response.status_code == 400
    text = page(response)
    # Saved by a program that computes nothing, the formula has no value: the name is missing.
    assert "Dòng 2, cột “Họ và tên”: chưa có họ và tên." in text
    assert "HYPERLINK" not in text
    assert "khong@so.gov.vn" not in text


def test_the_invitation_is_sent_again_from_the_list_and_a_refusing_mail_server_loses_no_account(
    desk: Client, settings: Any, django_capture_on_commit_callbacks: Commit
) -> None:
    settings.EMAIL_BACKEND = "tests.notify.test_jobs.RefusingBackend"
    data = {
        "name": "Ngô Thị Hạnh",
        "email": "hanh@soyte.gov.vn",
        "agency": "Sở Y tế",
        "role": "reporter",
    }
    with django_capture_on_commit_callbacks(execute=True):
        created = desk.post(reverse("workspace:person_create"), data)
    assert created.status_code == 302
    hanh = User.objects.get(username="hanh@soyte.gov.vn")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        again = desk.post(reverse("workspace:person_resend", args=[hanh.pk]), follow=True)
    assert "Đã gửi lại thư mời tới Ngô Thị Hạnh." in page(again)
    (message,) = mail.outbox
    assert message.to == ["hanh@soyte.gov.vn"]
    assert AuditEntry.objects.filter(action="orgs.person.invitation_resent").count() == 1


def test_the_menu_offers_accounts_to_the_coordinator_alone_and_my_account_to_everyone(
    coordinator: User, reporter: User, leader: User
) -> None:
    people = reverse("workspace:people")
    mine = reverse("workspace:my_account")
    home = page(signed_in(coordinator).get("/"))
    assert people in home
    assert mine in home
    for other in (reporter, leader):
        html = page(signed_in(other).get("/"))
        assert people not in html
        assert mine in html
    assert signed_in(leader).get(people).status_code == 403
