"""The pure decisions on deadline extensions: what is wrong with a request, or with a
coordinator's decision, each said in Vietnamese."""

from __future__ import annotations

import datetime

import pytest

from theodoi.reporting.extensions import REASON_MAX, decision_problems, request_problems

D = datetime.date
DUE = D(2026, 6, 30)  # "Quý II/2026" falls due on its last day


def asked(**changes: object) -> list[str]:
    facts: dict[str, object] = {
        "current_on": DUE,
        "proposed_on": D(2026, 9, 30),
        "reason": "Chờ Bộ Khoa học và Công nghệ ban hành hướng dẫn kỹ thuật.",
        "open_request": False,
        "lead": True,
    }
    facts.update(changes)
    return request_problems(**facts)  # type: ignore[arg-type]


def test_a_later_day_with_a_reason_from_the_lead_agency_may_be_asked() -> None:
    assert asked() == []


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"proposed_on": DUE}, "phải sau thời hạn hiện hành là ngày 30/06/2026"),
        ({"proposed_on": D(2026, 6, 1)}, "Thời hạn đề nghị (01/06/2026) phải sau"),
        ({"proposed_on": D(2025, 12, 31)}, "phải sau thời hạn hiện hành"),
        ({"proposed_on": None}, "Nhập thời hạn đề nghị."),
        ({"proposed_on": D(2031, 12, 31)}, "quá năm năm"),
        ({"reason": ""}, "Nêu lý do đề nghị gia hạn."),
        ({"reason": "   \n\t "}, "Nêu lý do đề nghị gia hạn."),
        ({"reason": "x" * (REASON_MAX + 1)}, f"tối đa {REASON_MAX} ký tự"),
        ({"open_request": True}, "đã có một đề nghị gia hạn đang chờ xử lý"),
        ({"lead": False}, "Chỉ cán bộ báo cáo của cơ quan chủ trì"),
        ({"current_on": None}, "không có thời hạn để gia hạn"),
    ],
)
def test_a_bad_request_is_refused_with_what_is_wrong(
    changes: dict[str, object], words: str
) -> None:
    problems = asked(**changes)
    assert len(problems) == 1
    assert words in problems[0]


def test_every_problem_of_a_request_is_named_at_once() -> None:
    problems = asked(proposed_on=D(2026, 1, 1), reason="", open_request=True, lead=False)
    assert len(problems) == 4


def test_the_day_after_the_deadline_is_an_extension_and_five_years_the_limit() -> None:
    assert asked(proposed_on=DUE + datetime.timedelta(days=1)) == []
    assert asked(proposed_on=D(2031, 6, 30)) == []


def decided(**changes: object) -> list[str]:
    facts: dict[str, object] = {
        "grant": True,
        "current_on": DUE,
        "granted_on": D(2026, 8, 31),
        "comment": "",
    }
    facts.update(changes)
    return decision_problems(**facts)  # type: ignore[arg-type]


def test_a_grant_needs_no_comment_and_a_refusal_does() -> None:
    assert decided() == []
    assert decided(grant=False, granted_on=None) == ["Nêu lý do không chấp thuận gia hạn."]
    assert decided(grant=False, granted_on=None, comment="Không có căn cứ.") == []


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"granted_on": DUE}, "Thời hạn được gia hạn (30/06/2026) phải sau"),
        ({"granted_on": D(2026, 3, 1)}, "phải sau thời hạn hiện hành là ngày 30/06/2026"),
        ({"granted_on": None}, "Nhập thời hạn được gia hạn."),
        ({"current_on": None}, "không có thời hạn để gia hạn"),
        ({"comment": "y" * 2001}, "Ý kiến dài 2001 ký tự"),
        ({"grant": False, "comment": "  "}, "Nêu lý do không chấp thuận"),
    ],
)
def test_a_bad_decision_is_refused_with_what_is_wrong(
    changes: dict[str, object], words: str
) -> None:
    problems = decided(**changes)
    assert len(problems) == 1
    assert words in problems[0]


def test_a_refusal_does_not_look_at_the_day() -> None:
    assert decided(grant=False, granted_on=D(2020, 1, 1), comment="Không đồng ý.") == []
