"""The pure decisions on a round's changes: its dates, a later deadline, and who reports what
in an ad-hoc round (đột xuất khi có yêu cầu, seed 004 §IV)."""

from __future__ import annotations

import datetime

import pytest

from theodoi.reporting.round_changes import (
    CHOSEN_MAX,
    ad_hoc_reach,
    dates_problems,
    extension_problems,
)

D = datetime.date
UTC = datetime.UTC


def dated(**changes: object) -> list[str]:
    facts: dict[str, object] = {
        "title": "Báo cáo 6 tháng đầu năm 2026",
        "period_start": D(2025, 11, 15),
        "period_end": D(2026, 5, 31),
        "cut_off": D(2026, 5, 15),
        "closes_on": D(2026, 6, 1),
    }
    facts.update(changes)
    return dates_problems(**facts)  # type: ignore[arg-type]


def test_dates_of_the_half_year_round_hold_together() -> None:
    assert dated() == []


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"title": "  "}, "Kỳ báo cáo phải có tên."),
        ({"title": "T" * 201}, "tối đa 200 ký tự"),
        ({"period_start": D(2026, 6, 1), "period_end": D(2026, 5, 31)}, "phải bắt đầu"),
        (
            {"period_start": D(2026, 6, 2), "period_end": D(2026, 6, 30)},
            "sẽ đóng ngày 01/06/2026, trước khi mở vào ngày 02/06/2026",
        ),
        ({"cut_off": D(2025, 11, 1)}, "Ngày chốt số liệu (01/11/2025)"),
        ({"cut_off": D(2026, 6, 2)}, "hạn báo cáo (01/06/2026)"),
    ],
)
def test_bad_dates_are_refused_with_what_is_wrong(changes: dict[str, object], words: str) -> None:
    problems = dated(**changes)
    assert any(words in problem for problem in problems), problems


OLD = datetime.datetime(2026, 5, 31, 17, 0, tzinfo=UTC)  # 1/6 00:00 in Hà Nội
NOW = datetime.datetime(2026, 5, 20, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("new", "now", "words"),
    [
        (None, NOW, "Nhập hạn báo cáo mới."),
        (OLD, NOW, "phải sau hạn hiện tại là 00:00 01/06/2026"),
        (OLD - datetime.timedelta(days=3), NOW, "phải sau hạn hiện tại"),
        (
            OLD + datetime.timedelta(days=2),
            OLD + datetime.timedelta(days=5),
            "phải ở thời điểm sau hiện tại",
        ),
        (OLD + datetime.timedelta(days=400), NOW, "quá một năm"),
    ],
)
def test_a_bad_extension_of_a_round_is_refused(
    new: datetime.datetime | None, now: datetime.datetime, words: str
) -> None:
    problems = extension_problems(old=OLD, new=new, now=now)
    assert len(problems) == 1
    assert words in problems[0]


def test_a_later_deadline_is_an_extension_even_after_the_round_locked() -> None:
    assert extension_problems(old=OLD, new=OLD + datetime.timedelta(days=7), now=NOW) == []
    after = OLD + datetime.timedelta(days=1)
    assert extension_problems(old=OLD, new=OLD + datetime.timedelta(days=7), now=after) == []


# Tasks 1..4 of a plan, with the agencies named on each (11 Sở KH&CN, 12 Sở Y tế, 13 UBND).
AGENCIES = {1: {11}, 2: {11, 12}, 3: {12}, 4: {13}}
CODES = {1: "1.1", 2: "1.2", 3: "2.1", 4: "2.2"}


def test_tasks_chosen_alone_are_reported_by_every_agency_named_on_them() -> None:
    reach = ad_hoc_reach({2, 4}, set(), AGENCIES, CODES)
    assert reach.problems == ()
    assert reach.tasks == {2, 4}
    assert reach.agencies == {11, 12, 13}


def test_agencies_chosen_alone_report_every_task_they_are_named_on() -> None:
    reach = ad_hoc_reach(set(), {12}, AGENCIES, CODES)
    assert reach.problems == ()
    assert reach.tasks == {2, 3}
    assert reach.agencies == {12}


def test_both_chosen_the_tasks_are_reported_by_the_agencies() -> None:
    reach = ad_hoc_reach({1, 2}, {11}, AGENCIES, CODES)
    assert reach.problems == ()
    assert (reach.tasks, reach.agencies) == ({1, 2}, {11})


def test_a_chosen_task_without_any_chosen_agency_is_named() -> None:
    reach = ad_hoc_reach({1, 3, 4}, {11}, AGENCIES, CODES)
    assert reach.problems == ("Không đơn vị nào được chọn có tên trong nhiệm vụ 2.1, 2.2.",)


@pytest.mark.parametrize(
    ("tasks", "agencies", "words"),
    [
        (set(), set(), "Chọn ít nhất một nhiệm vụ"),
        (set(), {99}, "không có nhiệm vụ nào trong kế hoạch này"),
        ({7}, set(), "không phải nhiệm vụ đang có hiệu lực"),
        (set(range(1, CHOSEN_MAX + 2)), set(), "không phải nhiệm vụ đang có hiệu lực"),
    ],
)
def test_an_ad_hoc_round_with_no_task_is_refused(
    tasks: set[int], agencies: set[int], words: str
) -> None:
    reach = ad_hoc_reach(tasks, agencies, AGENCIES, CODES)
    assert reach.tasks == frozenset()
    assert words in reach.problems[0]


def test_too_many_chosen_is_refused_by_its_bound() -> None:
    many = {n: {11} for n in range(CHOSEN_MAX + 1)}
    reach = ad_hoc_reach(set(many), set(), many)
    assert f"tối đa {CHOSEN_MAX} nhiệm vụ" in reach.problems[0]
