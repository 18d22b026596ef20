"""Plans organised by agency: the body a heading names, read from the catalogue of bodies (as
a task's sentence is), with the verbs only where the catalogue knows no body there."""

from __future__ import annotations

import pytest

from theodoi.ingest.extract.assignees import _VERBS, assignee_of
from theodoi.ingest.fields.bodies import names_end


@pytest.mark.parametrize(
    ("heading", "body"),
    [
        # long names that run on past twelve words, with no colon
        (
            "Ủy ban Mặt trận Tổ quốc Việt Nam phường và các tổ chức chính trị - xã hội phường",
            "Ủy ban Mặt trận Tổ quốc Việt Nam phường và các tổ chức chính trị - xã hội phường",
        ),
        (
            "Tổ đảng ở Thường trực Ủy ban Quốc phòng, An ninh và Đối ngoại",
            "Tổ đảng ở Thường trực Ủy ban Quốc phòng, An ninh và Đối ngoại",
        ),
        (
            "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
            "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
        ),
        # two bodies in one heading
        ("Sở Tài chính, Sở Nội vụ:", "Sở Tài chính, Sở Nội vụ"),
        ("Công an tỉnh và Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh và Bộ Chỉ huy Quân sự tỉnh"),
        # a body with its role, and nothing to do yet: the items below say it
        ("Công an xã có trách nhiệm:", "Công an xã"),
        ("Hội Cựu chiến binh xã chịu trách nhiệm", "Hội Cựu chiến binh xã"),
        ("Sở Xây dựng chủ trì", "Sở Xây dựng"),
        ("Ban Thường vụ Đảng ủy phường chủ trì:", "Ban Thường vụ Đảng ủy phường"),
        ("Liên đoàn Lao động tỉnh chủ trì, phối hợp với Sở Nội vụ", "Liên đoàn Lao động tỉnh"),
        ("Sở Công Thương chủ trì thực hiện các nhiệm vụ sau", "Sở Công Thương"),
        ("Tỉnh đoàn thực hiện các nội dung cụ thể như sau:", "Tỉnh đoàn"),
        # abbreviations spelt out
        ("UBND các phường, xã", "Ủy ban nhân dân các phường, xã"),
        ("Thường trực HĐND tỉnh:", "Thường trực Hội đồng nhân dân tỉnh"),
        ("Ủy ban MTTQ Việt Nam xã:", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
        # Party bodies
        ("Ban Thường vụ Đảng ủy xã", "Ban Thường vụ Đảng ủy xã"),
        ("Ủy ban Kiểm tra Đảng ủy phường", "Ủy ban Kiểm tra Đảng ủy phường"),
        ("Các chi bộ trực thuộc Đảng ủy xã", "Các chi bộ trực thuộc Đảng ủy xã"),
        # National Assembly committees, with the body they belong to
        (
            "Ủy ban Văn hóa và Xã hội của Quốc hội",
            "Ủy ban Văn hóa và Xã hội của Quốc hội",
        ),
        ("Ủy ban Pháp luật và Tư pháp:", "Ủy ban Pháp luật và Tư pháp"),
        # mass organisations
        ("Hội Nông dân tỉnh", "Hội Nông dân tỉnh"),
        ("Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã"),
        ("HỘI LIÊN HIỆP PHỤ NỮ TỈNH", "Hội Liên hiệp Phụ nữ tỉnh"),
        # the grass-root units of mass organisations, and a commune Party committee's own
        # department, in capitals
        ("Các chi hội cựu chiến binh", "Các chi hội cựu chiến binh"),
        ("Giao các chi đoàn thôn:", "Các chi đoàn thôn"),
        ("Chi hội Nông dân thôn Trung", "Chi hội Nông dân thôn Trung"),
        ("BAN XÂY DỰNG ĐẢNG ĐẢNG ỦY XÃ", "Ban Xây dựng Đảng Đảng ủy xã"),
        ("Tổ phụ nữ khởi nghiệp:", "Tổ phụ nữ khởi nghiệp"),
        # a bracket naming the body a unit belongs to, before its role
        ("Vụ Văn hóa, Giáo dục (Văn phòng Quốc hội) có trách nhiệm:", "Vụ Văn hóa, Giáo dục"),
        ("Cục Thuế (Bộ Tài chính)", "Cục Thuế"),
        # a name the catalogue knows the first words of, running on to its place
        ("Trung tâm Y tế dự phòng tỉnh:", "Trung tâm Y tế dự phòng tỉnh"),
    ],
)
def test_a_heading_names_the_bodies_it_gives_its_items_to(heading: str, body: str) -> None:
    assert assignee_of(heading) == (body, "")


@pytest.mark.parametrize(
    "heading",
    [
        # a topic, not a body
        "Lĩnh vực giáo dục:",
        "Lĩnh vực y tế",
        "Công tác kiểm tra, giám sát",
        # a body and what it does: a task's sentence, short or long
        "Sở Y tế triển khai tiêm chủng",
        "Hội Nông dân tỉnh vận động hội viên ứng dụng nền tảng số",
        "Công an tỉnh chủ trì làm sạch dữ liệu dân cư",
        "Sở Nội vụ chủ trì, phối hợp với Sở Tài chính rà soát biên chế",
    ],
)
def test_a_heading_that_is_a_topic_or_a_task_names_no_assignee(heading: str) -> None:
    assert assignee_of(heading) is None


def test_before_a_colon_the_bodies_end_where_the_catalogue_says() -> None:
    # What the bodies do with the items is not part of their name.
    assert assignee_of("Hội Nông dân tỉnh căn cứ chức năng, nhiệm vụ được giao:") == (
        "Hội Nông dân tỉnh",
        "",
    )
    assert assignee_of("Công an tỉnh có trách nhiệm: bảo đảm an ninh mạng.") == (
        "Công an tỉnh",
        "bảo đảm an ninh mạng.",
    )


def test_the_words_these_headings_rely_on_are_no_verbs_of_the_list() -> None:
    # The catalogue, not the verbs, reads them: the role words and the place words.
    verbs = set(_VERBS.split("|"))
    assert not {"có trách nhiệm", "chịu trách nhiệm", "chủ trì", "căn cứ"} & verbs


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sở Y tế, Sở Tài chính chủ trì", "Sở Y tế, Sở Tài chính"),
        ("Sở Y tế và các đơn vị liên quan thực hiện", "Sở Y tế và các đơn vị liên quan"),
        (
            "Tổ đảng ở Thường trực Ủy ban Kinh tế và Tài chính lãnh đạo",
            "Tổ đảng ở Thường trực Ủy ban Kinh tế và Tài chính",
        ),
        ("Hội Nông dân xã; Hội Cựu chiến binh xã:", "Hội Nông dân xã; Hội Cựu chiến binh xã"),
    ],
)
def test_the_catalogue_reads_where_a_list_of_bodies_ends(text: str, names: str) -> None:
    assert text[: names_end(text)] == names


def test_the_catalogue_knows_no_body_in_a_topic() -> None:
    assert names_end("Lĩnh vực giáo dục") is None
    assert names_end("Công tác tuyên truyền") is None
