"""Indicators from an indicator table, or from the target figures of the text."""

from __future__ import annotations

from theodoi.ingest.blocks import Table
from theodoi.ingest.extract import extract_source
from theodoi.ingest.extract.indicators import indicators_from_table
from theodoi.ingest.extract.records import read_table
from theodoi.ingest.readers import read_text

# 03/NQ-CP, PHỤ LỤC I (a few rows)
TABLE = Table(
    rows=(
        ("TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá"),
        ("I", "Đến năm 2030", "", "", ""),
        (
            "4",
            "Xếp hạng năng lực cạnh tranh số",
            "Thứ bậc",
            "≤ 3 Đông Nam Á; ≤ 50 Thế giới",
            "Bộ Thông tin và Truyền thông",
        ),
        ("11", "Chỉ tiêu về thực hiện thủ tục hành chính", "", "", ""),
        (
            "11.1",
            "Tỉ lệ sử dụng dịch vụ công trực tuyến",
            "%",
            "≥ 80",
            "Bộ Thông tin và Truyền thông",
        ),
        (
            "29",
            "Hình thành các Trung tâm dữ liệu quốc gia",
            "Trung tâm dữ liệu quốc gia",
            "≥ 03",
            "Bộ Công an, Bộ Thông tin và Truyền thông và các bộ, ngành",
        ),
        ("II", "Đến năm 2045", "", "", ""),
        ("36", "Quy mô kinh tế số", "% GDP", "≥ 50", "Bộ Thông tin và Truyền thông"),
    )
)


def test_indicator_table_rows_with_year_from_their_group() -> None:
    read = read_table(TABLE)
    assert read is not None
    assert read.kind == "indicators"
    indicators = indicators_from_table(read)
    assert [i.code for i in indicators] == ["4", "11.1", "29", "36"]  # row 11 has sub-rows
    rank, rate, centres, economy = indicators
    assert (rank.target.op, rank.target.value, rank.year) == ("rank_top", 3, 2030)
    assert (rate.unit, rate.target.op, rate.target.value) == ("%", ">=", 80)
    assert centres.agencies == [
        "Bộ Công an",
        "Bộ Thông tin và Truyền thông và các bộ, ngành",
    ]
    assert (economy.year, economy.unit) == (2045, "% GDP")


def test_target_columns_named_by_year_give_one_indicator_per_year() -> None:
    table = Table(
        rows=(
            ("STT", "Tên chỉ tiêu", "ĐVT", "Mục tiêu", "Mục tiêu", "Đơn vị chủ trì"),
            ("STT", "Tên chỉ tiêu", "ĐVT", "Năm 2025", "Năm 2030", "Đơn vị chủ trì"),
            ("1", "Tỷ lệ hồ sơ giải quyết trực tuyến", "%", "50", "80", "Văn phòng UBND tỉnh"),
        )
    )
    read = read_table(table)
    assert read is not None
    indicators = indicators_from_table(read)
    assert [(i.year, i.target.value) for i in indicators] == [(2025, 50), (2030, 80)]
    assert indicators[0].agencies == ["Văn phòng Ủy ban nhân dân tỉnh"]


def test_figures_in_the_objectives_prose_are_indicators_with_the_heading_year() -> None:
    # seed 001
    plan = extract_source(
        read_text(
            "I. KHÁI QUÁT TÌNH HÌNH\n"
            "Năm 2024, tỉ lệ doanh nghiệp có hoạt động đổi mới sáng tạo đạt 30%.\n"
            "II. MỤC TIÊU\n2.1. Đến năm 2030\n"
            "Tỉ lệ giao dịch không dùng tiền mặt đạt trên 80%; tỉ lệ doanh nghiệp có hoạt động "
            "đổi mới sáng tạo đạt trên 40%.\n"
            "2.2. Định hướng đến năm 2045\nQuy mô kinh tế số đạt tối thiểu 50% GRDP.\n"
        )
    )
    years = [(i.code, i.target.op, i.target.value, i.year) for i in plan.indicators]
    assert years == [
        ("2.1.1", ">", 80, 2030),
        ("2.1.2", ">", 40, 2030),
        ("2.2", ">=", 50, 2045),
    ]


def test_a_figure_inside_a_task_belongs_to_the_task_lead() -> None:
    # seed 003, II.5.c: the figures are in the time line
    plan = extract_source(
        read_text(
            "II. NHIỆM VỤ, GIẢI PHÁP\n5. Chính sách phát triển nguồn nhân lực\n"
            "c) Đẩy mạnh giáo dục STEM.\n- Cơ quan chủ trì: Sở Giáo dục và Đào tạo.\n"
            "- Thời gian thực hiện: Năm 2025 - 2030: 80% trường THPT được tổ chức dạy thí điểm.\n"
        )
    )
    assert len(plan.indicators) == 1
    indicator = plan.indicators[0]
    assert (indicator.code, indicator.target.value, indicator.unit) == ("II.5.c", 80, "%")
    assert indicator.agencies == ["Sở Giáo dục và Đào tạo"]


def test_the_indicator_table_wins_over_figures_in_the_prose() -> None:
    plan = extract_source(
        read_text(
            "II. MỤC TIÊU\nQuy mô kinh tế số đạt tối thiểu 20% GRDP.\n"
            "PHỤ LỤC I\n| TT | Chỉ tiêu | Đơn vị | Kết quả |\n"
            "| 1 | Quy mô kinh tế số | % GRDP | ≥ 30 |\n"
        )
    )
    assert [(i.name, i.target.value) for i in plan.indicators] == [("Quy mô kinh tế số", 30)]


def test_a_numbered_objective_carries_its_figure_in_its_heading() -> None:
    plan = extract_source(
        read_text("II. MỤC TIÊU\n1. Đến năm 2025, tỷ lệ hồ sơ xử lý trực tuyến đạt 80%.\n")
    )
    assert [(i.code, i.target.value, i.year) for i in plan.indicators] == [("II.1", 80, 2025)]


def test_year_named_in_the_appendix_title_when_rows_name_none() -> None:
    plan = extract_source(
        read_text(
            "PHỤ LỤC I\nCHỈ TIÊU CHUYỂN ĐỔI SỐ ĐẾN NĂM 2025\n"
            "(Kèm theo Kế hoạch số 45/KH-UBND ngày 12 tháng 3 năm 2024)\n"
            "| TT | Chỉ tiêu | Đơn vị tính | Mục tiêu |\n| 1 | Tỷ lệ hồ sơ trực tuyến | % | 80 |\n"
        )
    )
    assert [(i.name, i.year) for i in plan.indicators] == [("Tỷ lệ hồ sơ trực tuyến", 2025)]


def test_objectives_with_figures_are_the_list_and_task_figures_are_not_added() -> None:
    # seed 001: "ít nhất 01 khu công nghiệp" in 3.6 restates the plan, not a new target
    objectives = "II. MỤC TIÊU\n2.1. Đến năm 2030\nQuy mô kinh tế số đạt tối thiểu 30% GRDP.\n"
    tasks = (
        "3. Nhiệm vụ và giải pháp chủ yếu\n3.6. Doanh nghiệp\n"
        "Hình thành ít nhất 01 khu công nghiệp công nghệ thông tin tập trung.\n"
    )
    plan = extract_source(read_text(objectives + tasks))
    assert [i.code for i in plan.indicators] == ["2.1"]
    # without objectives, the figures among the tasks said as aims are the targets (seed 000)
    aimed = tasks.replace("Hình thành", "Đến năm 2030, hình thành")
    assert [i.code for i in extract_source(read_text(aimed)).indicators] == ["3.6"]


def test_without_objectives_a_figure_that_sizes_an_action_is_no_target() -> None:
    # issue 16: "bố trí tối thiểu 3% tổng chi" says how much to allot, not a target to reach
    plan = extract_source(
        read_text(
            "II. PHÂN CÔNG NHIỆM VỤ\n1. Tổ đảng ở Thường trực Ủy ban Kinh tế và Tài chính:\n"
            "- Lãnh đạo thẩm tra phương án bố trí tối thiểu 3% tổng chi ngân sách nhà nước cho "
            "khoa học, công nghệ; hằng năm.\n"
            "2. Sở Khoa học và Công nghệ:\n- Phấn đấu tỷ lệ doanh nghiệp có hoạt động đổi mới "
            "sáng tạo đạt 40%.\n"
        )
    )
    assert [(i.code, i.target.value) for i in plan.indicators] == [("II.2", 40)]


def test_without_objectives_the_aims_of_the_purpose_part_are_the_targets() -> None:
    # A court's or a ministry's yearly plan may open with "Mục đích, yêu cầu" and say there
    # what it strives for; its other purposes carry no figure to follow.
    purpose = (
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Quán triệt đầy đủ nội dung Kế hoạch tới 100% đơn vị.\n"
        "2. Phấn đấu trong năm 2026, tỷ lệ hồ sơ được số hóa đạt trên 60%.\n"
    )
    tasks = "II. NHIỆM VỤ\n1. Số hóa hồ sơ lưu trữ của đơn vị.\n"
    plan = extract_source(read_text(purpose + tasks))
    assert [(i.code, i.target.op, i.target.value, i.year) for i in plan.indicators] == [
        ("I.2", ">", 60, 2026)
    ]
    # with an objectives part, the purposes' figures restate it
    objectives = "II. MỤC TIÊU\nTỷ lệ văn bản điện tử đạt 95%.\n"
    plan = extract_source(read_text(purpose + objectives + tasks.replace("II.", "III.")))
    assert [i.target.value for i in plan.indicators] == [95]


def test_a_count_that_closes_an_objective_is_a_target_of_its_heading_year() -> None:
    plan = extract_source(
        read_text(
            "I. MỤC TIÊU\n1. Đến năm 2027\n- Cơ sở dữ liệu về giá đất được kết nối với 30 bộ, "
            "ngành.\nII. NHIỆM VỤ\n1. Kết nối cơ sở dữ liệu về giá đất với 30 bộ, ngành.\n"
        )
    )
    assert [(i.code, i.unit, i.target.value, i.year) for i in plan.indicators] == [
        ("I.1", "bộ, ngành", 30, 2027)
    ]
