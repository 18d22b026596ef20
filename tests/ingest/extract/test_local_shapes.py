"""Shapes of provincial, departmental, commune and Party committee plans: each rule in the
words of the documents it covers."""

from __future__ import annotations

from theodoi.ingest.extract import extract_source
from theodoi.ingest.plan import Plan
from theodoi.ingest.readers import read_text


def _plan(text: str) -> Plan:
    return extract_source(read_text(text))


BY_AGENCY = """KẾ HOẠCH
Chuyển đổi số năm 2026
I. MỤC ĐÍCH, YÊU CẦU
Rõ việc của từng cơ quan.
II. NHIỆM VỤ CỦA CÁC CƠ QUAN
1. Sở Y tế:
- Triển khai bệnh án điện tử tại các bệnh viện công lập; Quý III/2026.
- Kết nối dữ liệu khám, chữa bệnh với cơ sở dữ liệu dân cư; thường xuyên.
2. Sở Nội vụ chủ trì tham mưu bố trí công chức chuyển đổi số ở các xã; tháng 5/2026.
3. Công an tỉnh:
- Bảo đảm an ninh mạng cho các hệ thống của tỉnh; thường xuyên.
III. TỔ CHỨC THỰC HIỆN
Các cơ quan báo cáo kết quả.
"""


def test_a_group_that_is_itself_one_task_among_groups_that_give_their_bullets_to_a_body() -> None:
    tasks = _plan(BY_AGENCY).tasks
    assert [t.code for t in tasks] == ["II.1.1", "II.1.2", "II.2", "II.3.1"]
    own = tasks[2]
    assert own.lead == ["Sở Nội vụ"]
    assert own.title.startswith("Tham mưu bố trí công chức")
    assert (own.due.kind, own.due.month, own.due.start_year) == ("month", 5, 2026)
