"""Finding an organisation by any name it goes by (no database)."""

import pytest

from theodoi.orgs.search import AgencyChoice, search, search_key

SCIENCE = AgencyChoice(
    name="Sở Khoa học và Công nghệ",
    label="Sở Khoa học và Công nghệ (Đồng Tháp)",
    names=("Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông", "Sở KH&CN"),
)
STATISTICS = AgencyChoice(
    name="Cục Thống kê tỉnh", label="Cục Thống kê tỉnh (Đồng Tháp)", names=("Cục Thống kê tỉnh",)
)
HEALTH = AgencyChoice(name="Sở Y tế", label="Sở Y tế (Đồng Tháp)", names=("Sở Y tế",))
FARMING = AgencyChoice(
    name="Sở Nông nghiệp và Môi trường",
    label="Sở Nông nghiệp và Môi trường (Đồng Tháp)",
    names=(
        "Sở Nông nghiệp và Môi trường",
        "Sở Tài nguyên và Môi trường",
        "Sở Nông nghiệp và Phát triển nông thôn",
    ),
)
CHOICES = [STATISTICS, HEALTH, FARMING, SCIENCE]


def test_the_key_ignores_case_tone_marks_punctuation_and_abbreviations() -> None:
    assert search_key("Sở KH&CN") == "so khoa hoc va cong nghe"
    assert search_key("ĐÀI PHÁT THANH") == "dai phat thanh"


@pytest.mark.parametrize(
    ("typed", "first", "matched"),
    [
        ("so y", HEALTH, None),
        ("Sở Y tế", HEALTH, None),
        ("khoa hoc", SCIENCE, None),
        ("Sở KH&CN", SCIENCE, None),
        ("thông tin", SCIENCE, "Sở Thông tin và Truyền thông"),
        ("tai nguyen moi", FARMING, "Sở Tài nguyên và Môi trường"),
        ("phát triển nông thôn", FARMING, "Sở Nông nghiệp và Phát triển nông thôn"),
    ],
)
def test_a_body_is_found_by_any_of_its_names(
    typed: str, first: AgencyChoice, matched: str | None
) -> None:
    found = search(typed, CHOICES)
    assert found[0].choice == first
    assert found[0].matched == matched


def test_words_in_a_row_rank_before_scattered_ones() -> None:
    # "thong tin" opens two words of "Thống kê tỉnh" too, but not in a row.
    found = search("thong tin", CHOICES)
    assert [f.choice for f in found] == [SCIENCE, STATISTICS]


def test_nothing_typed_or_nothing_matching_finds_nothing() -> None:
    assert search("   ", CHOICES) == []
    assert search("bưu điện", CHOICES) == []
