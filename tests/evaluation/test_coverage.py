"""Coverage of national tasks by the provinces and ministries (issue 12)."""

from __future__ import annotations

import pytest

from theodoi.evaluation.coverage import (
    Audience,
    Carrier,
    NationalTask,
    Uptake,
    audiences,
    coverage,
)

QUANG_NGAI = Carrier("qn", "Quảng Ngãi", Audience.LOCALITIES)
TIEN_GIANG = Carrier("tg", "Tiền Giang", Audience.LOCALITIES)
CONG_AN = Carrier("bca", "Bộ Công an", Audience.MINISTRIES, names=("Bộ Công an",))
Y_TE = Carrier("byt", "Bộ Y tế", Audience.MINISTRIES, names=("Bộ Y tế",))
CARRIERS = (QUANG_NGAI, TIEN_GIANG, CONG_AN, Y_TE)


@pytest.mark.parametrize(
    ("agencies", "expected"),
    [
        # as 03/NQ-CP's appendix writes its lead and cooperating cells
        (["Các bộ, ngành, địa phương"], {Audience.LOCALITIES, Audience.MINISTRIES}),
        (["Bộ, ngành, địa phương"], {Audience.LOCALITIES, Audience.MINISTRIES}),
        (["Bộ Thông tin và Truyền thông", "các bộ, ngành"], {Audience.MINISTRIES}),
        (["Bộ Kế hoạch và Đầu tư và các địa phương"], {Audience.LOCALITIES}),
        (["Địa phương được lựa chọn"], {Audience.LOCALITIES}),
        (["Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương"], {Audience.LOCALITIES}),
        (["Bộ Công an", "Bộ Quốc phòng"], set()),
        (["Ban Tuyên giáo Trung ương"], set()),
    ],
)
def test_whom_a_national_task_is_expected_of(agencies: list[str], expected: set[Audience]) -> None:
    assert audiences(agencies) == expected


def task(key: str, *agencies: str) -> NationalTask:
    return NationalTask(key, f"PL2.{key}", f"Nhiệm vụ {key}", agencies)


def test_tasks_nobody_has_taken_up_come_first() -> None:
    tasks = [
        task("1", "Các bộ, ngành, địa phương"),  # all four expected, one took it up
        task("2", "Bộ Công an"),  # Bộ Công an alone, not taken up
        task("3", "Các địa phương"),  # both provinces, neither took it up
        task("4", "Ban Tuyên giáo Trung ương"),  # nobody here is expected to
    ]
    uptakes = {"1": [Uptake("qn", "t9", "9", "on_track")]}
    rows = coverage(tasks, CARRIERS, uptakes)
    # Nobody took up 3 or 2 (3 misses more bodies); 1 was taken up once; 4 is nobody's here.
    assert [row.task.key for row in rows] == ["3", "2", "1", "4"]
    taken = rows[2]
    assert [c.key for c in taken.missing] == ["tg", "bca", "byt"]
    assert taken.share == pytest.approx(0.25)
    assert rows[-1].share is None


def test_a_ministry_named_by_a_task_is_expected_to_take_it_up() -> None:
    (row,) = coverage([task("7", "Bộ Y tế", "Bộ Công an")], CARRIERS, {})
    assert {c.key for c in row.expected} == {"byt", "bca"}


def test_a_task_taken_up_by_every_body_expected_has_nobody_missing() -> None:
    uptakes = {"3": [Uptake("qn", "a", "1", "done"), Uptake("tg", "b", "2", "late")]}
    (row,) = coverage([task("3", "các địa phương")], CARRIERS, uptakes)
    assert row.missing == []
    assert row.share == 1
    assert [u.status for u in row.uptakes] == ["done", "late"]
