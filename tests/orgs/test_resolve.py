"""The pure half of the resolver: names as plans write them, to keys and collective phrases."""

import pytest

from theodoi.orgs.resolve import is_collective, name_key, province_key, split_joined


@pytest.mark.parametrize(
    ("written", "province", "same_as"),
    [
        ("Sở KH&CN", "Tiền Giang", "Sở Khoa học và Công nghệ"),
        ("Sở Khoa học và Công nghệ tỉnh Tiền Giang", "Tiền Giang", "Sở Khoa học và Công nghệ"),
        ("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "Tiền Giang", "Sở Khoa học và Công nghệ"),
        ("Sở TT&TT", None, "Sở Thông tin và Truyền thông"),
        ("Sở Văn hóa thể thao và du lịch", None, "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở Văn hoá, Thể thao và Du lịch", None, "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở Lao động Thương binh và Xã hội", None, "Sở Lao động - Thương binh và Xã hội"),
        ("Bộ Công An", None, "Bộ Công an"),
        ("Bộ Tài nguyên và môi trường", None, "Bộ Tài nguyên và Môi trường"),
        ("Bộ Khoa học, Công nghệ", None, "Bộ Khoa học và Công nghệ"),
        ("Bảo hiểm Xã hội tỉnh", "Tiền Giang", "Bảo hiểm xã hội tỉnh"),
        ("Bộ Chỉ huy quân sự tỉnh", "Tiền Giang", "Bộ Chỉ huy Quân sự tỉnh"),
        (
            "Ngân hàng Nhà nước chi nhánh tỉnh Tiền Giang",
            "Tiền Giang",
            "Ngân hàng nhà nước chi nhánh tỉnh",
        ),
        ("Văn phòng UBND tỉnh", "Quảng Ngãi", "Văn phòng Ủy ban nhân dân tỉnh"),
        ("Công an tỉnh Quảng Ngãi", "Quảng Ngãi", "Công an tỉnh"),
        ("UBND các huyện", "Tiền Giang", "Ủy ban nhân dân các huyện"),
        (
            "Ủy ban nhân dân các huyện, thị xã, thành phố liên quan",
            "Tiền Giang",
            "Ủy ban nhân dân các huyện, thị xã, thành phố",
        ),
        ("Ban TG&DV Tỉnh ủy", "Tiền Giang", "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
    ],
)
def test_names_written_differently_share_a_key(
    written: str, province: str | None, same_as: str
) -> None:
    assert name_key(written, province) == name_key(same_as, province)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Sở Khoa học và Công nghệ", "Sở Thông tin và Truyền thông"),
        ("Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Môi trường"),
        ("Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Môi trường"),
        ("Văn phòng Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
        ("Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo và Dân vận Tỉnh ủy"),
        ("Ủy ban nhân dân thành phố Mỹ Tho", "Ủy ban nhân dân huyện Gò Công Đông"),
    ],
)
def test_different_bodies_keep_different_keys(one: str, other: str) -> None:
    assert name_key(one, "Tiền Giang") != name_key(other, "Tiền Giang")


def test_the_province_name_alone_is_not_stripped_to_nothing() -> None:
    assert name_key("Tiền Giang", "Tiền Giang") == "tiền giang"


@pytest.mark.parametrize(
    "written",
    ["Tiền Giang", "tỉnh Tiền Giang", "TỈNH TIỀN GIANG", "Thành phố Hồ Chí Minh", "Hồ Chí Minh"],
)
def test_province_keys_ignore_the_level_word(written: str) -> None:
    assert province_key(written) in {"tiền giang", "hồ chí minh"}


@pytest.mark.parametrize(
    "phrase",
    [
        # Every collective phrase of the gold extractions (seeds 003, 004 and 03/NQ-CP).
        "Các sở, ban, ngành, địa phương",
        "Các sở, ban, ngành",
        "các sở, ngành và địa phương",
        "Các sở, ngành là chủ quản cơ sở dữ liệu chuyên ngành",
        "các sở, ngành có tổ chức khoa học công nghệ công lập",
        "Các cơ quan, đơn vị có liên quan",
        "Các cơ quan liên quan",
        "Các bộ, ngành, địa phương, doanh nghiệp liên quan",
        "Bộ, ngành, địa phương",
        "bộ, ngành liên quan",
        "Bộ",
        "Các địa phương",
        "Địa phương được lựa chọn",
        "Các tỉnh, thành phố trực thuộc Trung ương",
        "Các thành phố trực thuộc Trung ương và một số tỉnh đủ điều kiện",
        "Tập đoàn, doanh nghiệp công nghệ số",
        "Báo, đài phát thanh, truyền hình các cấp",
        "Các cơ quan Đảng",
        "các cơ quan đại diện Việt Nam ở nước ngoài",
        "Các sở, ban, ngành, Ủy ban nhân dân các huyện, thị xã, thành phố và các tổ chức cá nhân",
    ],
)
def test_collective_phrases_are_recognised(phrase: str) -> None:
    assert is_collective(phrase)


@pytest.mark.parametrize(
    "name",
    [
        "Sở Khoa học và Công nghệ",
        "Bộ Công an",
        "Công an tỉnh",
        "Ủy ban nhân dân thành phố Mỹ Tho",
        "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi",
        "Văn phòng Chính phủ",
        "cơ quan thuế",
    ],
)
def test_one_body_is_not_a_collective_phrase(name: str) -> None:
    assert not is_collective(name)


@pytest.mark.parametrize(
    ("written", "named"),
    [
        ("Bộ Khoa học và Công nghệ và các bộ, ngành, địa phương", "Bộ Khoa học và Công nghệ"),
        ("Sở Thông tin và Truyền thông và các bộ, ngành", "Sở Thông tin và Truyền thông"),
        ("Bộ Công an và các địa phương Bắc Ninh, Bình Dương, An Giang", "Bộ Công an"),
        ("Văn phòng Ủy ban nhân dân tỉnh và các sở, ban, ngành", "Văn phòng Ủy ban nhân dân tỉnh"),
    ],
)
def test_a_body_joined_to_a_collective_phrase_is_split_off(written: str, named: str) -> None:
    assert split_joined(written) == (named, True)


def test_a_name_containing_va_cac_is_not_split() -> None:
    name = "Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi"
    assert split_joined(name) == (name, False)
