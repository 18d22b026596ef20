import pytest
from hypothesis import given
from hypothesis import strategies as st

from theodoi.evaluation import AgencyScore, Period, ScoreBand, rank_agencies

YEAR_2025 = Period.year(2025)


def scored(agency: str, score: float | None) -> AgencyScore:
    band = ScoreBand.of(score) if score is not None else None
    return AgencyScore(agency, YEAR_2025, score, band, (), "")


def ranks(scores: list[AgencyScore]) -> list[tuple[int | None, str]]:
    return [(r.rank, r.score.agency) for r in rank_agencies(scores)]


def test_ties_share_a_rank_and_the_next_rank_skips() -> None:
    scores = [
        scored("Công an tỉnh", 70.0),
        scored("Sở Tài chính", 85.5),
        scored("Sở Y tế", 91.0),
        scored("Sở Nội vụ", 85.5),
    ]
    assert ranks(scores) == [
        (1, "Sở Y tế"),
        (2, "Sở Nội vụ"),
        (2, "Sở Tài chính"),
        (4, "Công an tỉnh"),
    ]
    assert [r.tied for r in rank_agencies(scores)] == [False, True, True, False]


def test_ties_are_listed_in_vietnamese_alphabetical_order() -> None:
    # By code point "Đ" and "Ủ" would come after "S"; a Vietnamese reader puts Đ after D.
    names = ["Ủy ban nhân dân thành phố Mỹ Tho", "Sở Xây dựng", "Đài Phát thanh", "Bộ Chỉ huy"]
    ranked = rank_agencies([scored(name, 80.0) for name in names])
    assert [r.score.agency for r in ranked] == [
        "Bộ Chỉ huy",
        "Đài Phát thanh",
        "Sở Xây dựng",
        "Ủy ban nhân dân thành phố Mỹ Tho",
    ]
    assert {r.rank for r in ranked} == {1}


def test_the_order_does_not_depend_on_the_input_order() -> None:
    scores = [scored("Sở Y tế", 80.0), scored("Sở Công Thương", 80.0), scored("Sở Du lịch", 60.0)]
    assert ranks(scores) == ranks(list(reversed(scores)))


def test_agencies_without_a_score_come_last_unranked() -> None:
    scores = [scored("Sở Xây dựng", None), scored("Sở Y tế", 50.0), scored("Sở Nội vụ", None)]
    assert ranks(scores) == [(1, "Sở Y tế"), (None, "Sở Nội vụ"), (None, "Sở Xây dựng")]


@pytest.mark.parametrize("scores", [[], [scored("Sở Y tế", None)]])
def test_nothing_to_rank(scores: list[AgencyScore]) -> None:
    assert all(r.rank is None for r in rank_agencies(scores))


@given(
    st.lists(
        st.tuples(st.text(min_size=1, max_size=8), st.one_of(st.none(), st.integers(0, 1000))),
        max_size=12,
    )
)
def test_a_rank_is_one_more_than_the_number_of_better_scores(
    entries: list[tuple[str, int | None]],
) -> None:
    scores = [scored(name, None if tenths is None else tenths / 10) for name, tenths in entries]
    ranked = rank_agencies(scores)
    assert len(ranked) == len(scores)
    values = [s.score for s in scores if s.score is not None]
    for r in ranked:
        if r.score.score is None:
            assert r.rank is None
        else:
            assert r.rank == 1 + sum(v > r.score.score for v in values)
            assert r.tied == (values.count(r.score.score) > 1)
