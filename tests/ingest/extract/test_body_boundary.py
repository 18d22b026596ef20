"""Where a body's name ends and its task begins, told by the bodies the catalogue knows
(fields/bodies.csv), whatever word the task opens with; the list of verbs is only the answer
where the catalogue has none."""

from __future__ import annotations

import pytest

from theodoi.ingest.extract.assignees import (
    _VERBS,
    announced_assignee,
    lead_as_subject,
    lead_asked,
    partners_in_words,
    subject_of,
)
from theodoi.ingest.fields.bodies import body_end
from theodoi.ingest.tables import Column

# Words officials open a task with that the verb list does not hold: the boundary must not
# depend on them.
UNLISTED = ("tích cực", "sớm", "bám sát", "nắm bắt", "xem xét", "chịu trách nhiệm", "lồng ghép")


def test_the_words_these_tests_open_tasks_with_are_not_in_the_verb_list() -> None:
    listed = set(_VERBS.split("|"))
    assert not listed & set(UNLISTED)


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        # a whole name of the catalogue
        ("Sở Thông tin và Truyền thông tích cực hướng dẫn", "Sở Thông tin và Truyền thông"),
        ("Văn phòng Quốc hội sớm bố trí kinh phí", "Văn phòng Quốc hội"),
        # a kind of body with a proper name another known body carries (``Sở Tư pháp``)
        ("Phòng Tư pháp xem xét hồ sơ", "Phòng Tư pháp"),
        # a head any word may follow, with its place, and the place's own name
        ("Công an phường bám sát địa bàn", "Công an phường"),
        ("Ủy ban nhân dân xã Tân Phú nắm bắt nhu cầu", "Ủy ban nhân dân xã Tân Phú"),
        ("Ủy ban nhân dân các xã, phường sớm rà soát", "Ủy ban nhân dân các xã, phường"),
        (
            "Sở Khoa học và Công nghệ các tỉnh, thành phố trực thuộc trung ương lồng ghép",
            "Sở Khoa học và Công nghệ các tỉnh, thành phố trực thuộc trung ương",
        ),
        # a body and the body it belongs to or serves
        (
            "Ban Tuyên giáo và Dân vận Tỉnh ủy bám sát định hướng",
            "Ban Tuyên giáo và Dân vận Tỉnh ủy",
        ),
        ("Ủy ban Kiểm tra Đảng ủy xã xem xét", "Ủy ban Kiểm tra Đảng ủy xã"),
        ("Văn phòng Đảng ủy xã chuẩn hóa hồ sơ", "Văn phòng Đảng ủy xã"),
        ("Đảng ủy Ủy ban nhân dân xã nghiêm túc lãnh đạo", "Đảng ủy Ủy ban nhân dân xã"),
        # a collective of bodies
        ("Các chi bộ trực thuộc tích cực hướng dẫn", "Các chi bộ trực thuộc"),
        ("Các sở, ban, ngành liên quan chịu trách nhiệm", "Các sở, ban, ngành liên quan"),
        ("Các chi bộ khu phố nghiêm túc quán triệt", "Các chi bộ khu phố"),
        # a name with a comma inside it is one name
        ("Phòng Kinh tế, Hạ tầng và Đô thị chịu trách nhiệm", "Phòng Kinh tế, Hạ tầng và Đô thị"),
    ],
)
def test_a_known_body_ends_where_its_name_ends(sentence: str, body: str) -> None:
    end = body_end(sentence)
    assert end is not None
    assert sentence[:end] == body


@pytest.mark.parametrize(
    "sentence",
    [
        "Trung tâm Lưu trữ lịch sử tỉnh số hóa tài liệu",  # no name the catalogue knows
        "Bộ Nội vụ giao Vụ Công chức - Viên chức hướng dẫn",  # it gives the work on
        "Sở Y tế phối hợp với Công an tỉnh kiểm tra",  # its partners come next
        "Sở Y tế đã triển khai",  # a report, not a task
        "Ủy ban nhân dân tỉnh có ý kiến như sau",
        "Thường trực Tỉnh ủy ghi nhận, đánh giá cao",
        "Bộ Công an và Bộ Quốc phòng bảo đảm",  # a second body
        "Sở Y tế, Sở Nội vụ",
        "Sở Y tế",
        "Tổ chức tuyên truyền",  # a task, no body
        # a head any words may follow, with nothing known after it: its name may go on
        "Tổ công tác liên ngành kiểm tra",
        "Ban Chỉ đạo chuyển đổi số tỉnh triển khai",
        "Thủ trưởng các đơn vị triển khai",
        "Các sở, ban, ngành chịu trách nhiệm",  # ``Các sở, ban, ngành liên quan`` goes on
        "Các doanh nghiệp trên địa bàn tích cực",
    ],
)
def test_the_catalogue_gives_no_answer_where_the_name_goes_on_or_no_task_follows(
    sentence: str,
) -> None:
    assert body_end(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "lead", "task"),
    [
        (
            "Sở Thông tin và Truyền thông tích cực hướng dẫn các xã sử dụng nền tảng số",
            "Sở Thông tin và Truyền thông",
            "Tích cực hướng dẫn các xã sử dụng nền tảng số",
        ),
        (
            "Công an tỉnh sớm giải quyết dứt điểm hồ sơ",
            "Công an tỉnh",
            "Sớm giải quyết dứt điểm hồ sơ",
        ),
        (
            "Ủy ban nhân dân các xã, phường xem xét, công khai thủ tục",
            "Ủy ban nhân dân các xã, phường",
            "Xem xét, công khai thủ tục",
        ),
        (
            "Sở Y tế có trách nhiệm hướng dẫn các trạm y tế",
            "Sở Y tế",
            "Có trách nhiệm hướng dẫn các trạm y tế",
        ),
        (
            "Hội Nông dân tỉnh khuyến khích hội viên bán hàng trực tuyến",
            "Hội Nông dân tỉnh",
            "Khuyến khích hội viên bán hàng trực tuyến",
        ),
    ],
)
def test_a_task_opening_with_a_known_body_takes_it_for_lead_whatever_its_first_word(
    sentence: str, lead: str, task: str
) -> None:
    assert lead_as_subject(sentence) == ({Column.LEAD: lead}, task)


def test_a_letter_asks_a_known_body_whatever_its_first_word() -> None:
    asked = lead_asked("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam phường phát huy vai trò giám sát")
    assert asked == (
        {Column.LEAD: "Ủy ban Mặt trận Tổ quốc Việt Nam phường"},
        "Phát huy vai trò giám sát",
    )


def test_a_name_the_catalogue_does_not_know_still_ends_at_a_listed_verb() -> None:
    assert lead_as_subject("Trung tâm Lưu trữ lịch sử tỉnh số hóa tài liệu lưu trữ") == (
        {Column.LEAD: "Trung tâm Lưu trữ lịch sử tỉnh"},
        "Số hóa tài liệu lưu trữ",
    )


def test_a_name_that_runs_on_to_its_place_past_a_known_one_ends_at_the_verb() -> None:
    # ``Trung tâm Y tế`` is known; ``dự phòng tỉnh`` is more of this centre's name.
    assert subject_of("Trung tâm Y tế dự phòng tỉnh tổ chức tiêm chủng") == (
        "Trung tâm Y tế dự phòng tỉnh"
    )


def test_a_body_that_gives_the_work_to_another_names_that_one() -> None:
    found = lead_as_subject("Bộ Nội vụ giao Vụ Công chức - Viên chức hướng dẫn các địa phương")
    assert found is not None
    assert found[0] == {Column.LEAD: "Vụ Công chức - Viên chức"}


@pytest.mark.parametrize(
    ("sentence", "body"),
    [
        (
            "Bộ Tài chính đề nghị Ủy ban nhân dân các tỉnh, thành phố sớm chỉ đạo thực hiện "
            "các nội dung sau:",
            "Ủy ban nhân dân các tỉnh, thành phố",
        ),
        ("Ủy ban nhân dân tỉnh yêu cầu Sở Y tế nghiêm túc triển khai các nội dung sau:", "Sở Y tế"),
        (
            "Sở Y tế đề nghị Thủ trưởng các đơn vị triển khai các nội dung sau:",
            "Thủ trưởng các đơn vị",
        ),
        (
            "Bộ Tài chính đề nghị Ủy ban nhân dân các tỉnh, thành phố:",
            "Ủy ban nhân dân các tỉnh, thành phố",
        ),
    ],
)
def test_a_letter_announces_the_known_body_its_items_go_to(sentence: str, body: str) -> None:
    assert announced_assignee(sentence) == body


def test_a_known_partner_ends_before_the_words_of_the_task() -> None:
    partners, _ = partners_in_words(
        "Chủ trì, phối hợp với Bảo hiểm xã hội tỉnh tích cực liên thông dữ liệu"
    )
    assert partners == "Bảo hiểm xã hội tỉnh"
