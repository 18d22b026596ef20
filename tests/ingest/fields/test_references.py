"""References are dated: a resolution is its number and its year."""

from __future__ import annotations

from theodoi.ingest.fields.references import Reference, find_references, programme_behind


def test_a_reference_takes_the_year_of_its_date_or_of_its_number() -> None:
    text = (
        "Căn cứ Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ, Nghị định số "
        "45/2025/NĐ-CP và Kế hoạch số 12-KH/TU của Tỉnh ủy"
    )
    assert find_references(text) == [
        Reference("03/NQ-CP", 2025),
        Reference("45/2025/NĐ-CP", 2025),
        Reference("12-KH/TU", None),
    ]


def test_a_programme_of_another_year_is_another_resolution() -> None:
    # issue 16: a 2025 "Nghị quyết 50/NQ-CP" was said to implement 52-NQ/TW
    assert programme_behind(Reference("50/NQ-CP", 2025), 2025) is None
    assert programme_behind(Reference("50/NQ-CP", 2020), 2021) == "52-NQ/TW"
    assert programme_behind(Reference("03/NQ-CP", 2025), 2026) == "57-NQ/TW"


def test_an_undated_programme_counts_only_for_plans_written_while_it_runs() -> None:
    assert programme_behind(Reference("50/NQ-CP", None), 2021) == "52-NQ/TW"
    assert programme_behind(Reference("50/NQ-CP", None), 2026) is None
