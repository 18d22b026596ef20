"""Who a task goes to when no label says it: a heading, a colon, the words before the verb."""

from __future__ import annotations

import pytest

from theodoi.ingest.extract.assignees import (
    announced_assignee,
    assignee_of,
    given_sentence,
    lead_as_subject,
    lead_asked,
    lead_in_front,
    time_at_end,
    time_before_colon,
)
from theodoi.ingest.tables import Column


@pytest.mark.parametrize(
    ("heading", "body"),
    [
        ("Sở Khoa học và Công nghệ:", "Sở Khoa học và Công nghệ"),
        ("Giao Sở Y tế:", "Sở Y tế"),
        ("Đề nghị Bảo hiểm xã hội tỉnh:", "Bảo hiểm xã hội tỉnh"),
        ("Công an tỉnh:", "Công an tỉnh"),
        (
            "Tổ đảng ở Thường trực Ủy ban Khoa học, Công nghệ và Môi trường:",
            "Tổ đảng ở Thường trực Ủy ban Khoa học, Công nghệ và Môi trường",
        ),
        ("Đảng ủy Văn phòng Quốc hội", "Đảng ủy Văn phòng Quốc hội"),
        ("Ủy ban nhân dân các xã, phường:", "Ủy ban nhân dân các xã, phường"),
    ],
)
def test_a_heading_that_names_a_body_assigns_its_tasks(heading: str, body: str) -> None:
    assert assignee_of(heading) == (body, "")


@pytest.mark.parametrize(
    "heading",
    [
        "Nâng cao nhận thức, đổi mới tư duy",
        "Hội nghị sơ kết, tổng kết",
        "Trung tâm dữ liệu và hạ tầng số",
        "Sở Nội vụ chủ trì, phối hợp với các sở xây dựng đề án vị trí việc làm",
    ],
)
def test_a_heading_that_names_a_subject_or_a_task_assigns_nothing(heading: str) -> None:
    assert assignee_of(heading) is None


def test_the_words_after_an_assignees_colon_are_its_task() -> None:
    assert assignee_of("Sở Tài chính: bố trí kinh phí thực hiện.") == (
        "Sở Tài chính",
        "bố trí kinh phí thực hiện.",
    )


def test_a_lead_in_front_of_the_verb_with_its_partners() -> None:
    assert lead_in_front("Sở Nội vụ chủ trì, phối hợp với các sở, ngành xây dựng đề án") == (
        {Column.LEAD: "Sở Nội vụ", Column.COOPERATING: "các sở, ngành"},
        "Xây dựng đề án",
    )


@pytest.mark.parametrize(
    ("line", "time"),
    [
        ("Xây dựng Kho dữ liệu; hoàn thành trong Quý III/2026.", "trong Quý III/2026"),
        ("Tham mưu bố trí công chức (hoàn thành trước ngày 30/6/2026).", "trước ngày 30/6/2026"),
        ("Đánh giá mức độ chuyển đổi số; thời gian: tháng 11/2026.", "tháng 11/2026"),
        ("Bảo đảm an ninh mạng; thường xuyên.", "thường xuyên"),
        # a time that waits on another programme or schedule, whatever year it names
        (
            "Kiểm tra việc thực hiện tại chi bộ; theo chương trình kiểm tra, giám sát năm 2026.",
            "theo chương trình kiểm tra, giám sát năm 2026",
        ),
        ("Khảo sát tại các xã; theo lịch của Đoàn khảo sát.", "theo lịch của Đoàn khảo sát"),
    ],
)
def test_the_time_that_closes_a_task_line(line: str, time: str) -> None:
    found = time_at_end(line)
    assert found is not None
    assert found[1] == time


def test_a_clause_after_a_semicolon_that_is_no_time_stays_in_the_words() -> None:
    assert time_at_end("Rà soát quy định; trình Ủy ban nhân dân tỉnh xem xét.") is None


def test_a_party_programme_names_the_assignee_in_a_sentence_after_the_task() -> None:
    assert given_sentence(
        "Xây dựng cơ chế khuyến khích cán bộ. Giao Ban Tổ chức Tỉnh ủy chủ trì; năm 2025."
    ) == (
        "Xây dựng cơ chế khuyến khích cán bộ.",
        {Column.LEAD: "Ban Tổ chức Tỉnh ủy"},
        "; năm 2025.",
    )


def test_a_sentence_that_opens_with_a_body_and_its_role_gives_the_task() -> None:
    # A Party committee's numbered tasks: the lead (and partners) in a sentence of their own.
    assert given_sentence(
        "Quán triệt Nghị quyết đến đảng viên; hoàn thành trong quý II/2025. Ban Tuyên giáo "
        "Đảng ủy Bộ chủ trì, phối hợp với các cấp ủy trực thuộc thực hiện."
    ) == (
        "Quán triệt Nghị quyết đến đảng viên; hoàn thành trong quý II/2025.",
        {Column.LEAD: "Ban Tuyên giáo Đảng ủy Bộ", Column.COOPERATING: "các cấp ủy trực thuộc"},
        ".",
    )
    # A sentence that goes on to say what the body does is the task's own, not a giving one.
    assert (
        given_sentence(
            "Rà soát quy hoạch. Sở Xây dựng thực hiện rà soát toàn bộ quy hoạch đô thị của tỉnh, "
            "báo cáo kết quả về Ủy ban nhân dân tỉnh trong tháng đầu của mỗi quý để chỉ đạo"
        )
        is None
    )


def test_an_item_that_asks_a_body_by_name_gives_it_the_task() -> None:
    assert lead_asked(
        "Đề nghị Ủy ban nhân dân các xã, phường phối hợp với Viễn thông Lào Cai rà soát, "
        "phủ sóng di động"
    ) == (
        {Column.LEAD: "Ủy ban nhân dân các xã, phường", Column.COOPERATING: "Viễn thông Lào Cai"},
        "Rà soát, phủ sóng di động",
    )
    # A verb inside the body's name is capitalised; the body ends at the task's own verb.
    assert lead_asked("Giao Trung tâm Chuyển đổi số tỉnh nâng cấp hệ thống") == (
        {Column.LEAD: "Trung tâm Chuyển đổi số tỉnh"},
        "Nâng cấp hệ thống",
    )
    assert lead_asked("Đề nghị các cơ quan quan tâm phối hợp") is None


def test_a_lead_in_front_after_giao_is_the_body_without_giao() -> None:
    assert lead_in_front("Giao Bộ Công an chủ trì, phối hợp với Bộ Quốc phòng rà soát quy chế") == (
        {Column.LEAD: "Bộ Công an", Column.COOPERATING: "Bộ Quốc phòng"},
        "Rà soát quy chế",
    )


def test_an_item_that_opens_with_the_body_it_addresses_gives_it_the_task() -> None:
    # A letter conveying instructions: the body, then what it is to do, with no ``chủ trì``.
    assert lead_as_subject("Bộ Y tế khẩn trương hoàn thiện Đề án, trình Chính phủ") == (
        {Column.LEAD: "Bộ Y tế"},
        "Khẩn trương hoàn thiện Đề án, trình Chính phủ",
    )
    assert lead_as_subject("Ủy ban nhân dân các tỉnh, thành phố bố trí kinh phí") == (
        {Column.LEAD: "Ủy ban nhân dân các tỉnh, thành phố"},
        "Bố trí kinh phí",
    )
    # A body that gives the work to one of its units: the unit leads.
    assert lead_as_subject("Bộ Nội vụ giao Vụ Công chức - Viên chức theo dõi, tổng hợp") == (
        {Column.LEAD: "Vụ Công chức - Viên chức"},
        "Theo dõi, tổng hợp",
    )
    # A task's own words that open with a thing, not a body, name no one.
    assert lead_as_subject("Hệ thống thông tin báo cáo vận hành ổn định") is None
    assert lead_as_subject("Xây dựng Cổng dữ liệu") is None


def test_an_official_letters_request_names_who_does_its_items() -> None:
    assert (
        announced_assignee(
            "Bộ Khoa học và Công nghệ đề nghị Ủy ban nhân dân các tỉnh, thành phố chỉ đạo "
            "thực hiện các nội dung sau:"
        )
        == "Ủy ban nhân dân các tỉnh, thành phố"
    )


def test_after_a_comma_only_a_clause_that_says_it_is_the_time_is_taken() -> None:
    assert time_at_end("Xây dựng vườn ươm tại trường, hoàn thành năm 2027.") == (
        "Xây dựng vườn ươm tại trường",
        "năm 2027",
    )
    assert time_at_end("Tổng kết hoạt động, năm 2026 và định hướng năm 2027.") is None


def test_a_schedules_item_that_opens_with_its_time_and_a_colon() -> None:
    assert time_before_colon("Tháng 5/2026: tổ chức đoàn khảo sát tại một số tỉnh.") == (
        "Tháng 5/2026",
        "Tổ chức đoàn khảo sát tại một số tỉnh.",
    )
    assert time_before_colon("Trước ngày 30/10/2026: Hoàn thiện báo cáo") == (
        "Trước ngày 30/10/2026",
        "Hoàn thiện báo cáo",
    )
    # What opens a list is no time.
    assert time_before_colon("Nội dung chính: rà soát, đánh giá") is None
    assert time_before_colon("Theo kế hoạch của tỉnh: rà soát") is None


def test_a_letters_heading_for_one_kind_of_addressee_assigns_its_items() -> None:
    assert assignee_of("Đối với Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương") == (
        "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương",
        "",
    )
