"""Reading the roles a province's identity provider gives a person."""

from __future__ import annotations

import pytest

from theodoi.workspace.sso_claims import LIMIT, Claimed, roles_claimed


@pytest.mark.parametrize(
    ("value", "found", "unread"),
    [
        (["reporter@dong-thap--so-y-te"], [Claimed("reporter", "dong-thap--so-y-te")], []),
        (
            "leader@dong-thap coordinator@dong-thap--so-khoa-hoc-cong-nghe",
            [
                Claimed("leader", "dong-thap"),
                Claimed("coordinator", "dong-thap--so-khoa-hoc-cong-nghe"),
            ],
            [],
        ),
        (
            "leader@dong-thap,inspector@dong-thap",
            [Claimed("leader", "dong-thap"), Claimed("inspector", "dong-thap")],
            [],
        ),
        (["Leader@", " INSPECTOR@ "], [Claimed("leader", None), Claimed("inspector", None)], []),
        (["reporter@"], [], ["reporter@"]),  # a reporter always belongs to an agency
        (["admin@dong-thap"], [], ["admin@dong-thap"]),  # IT staff are made in theodoi
        (["reporter"], [], ["reporter"]),
        ([42, None], [], ["42", "None"]),
        (["leader@x", "leader@x"], [Claimed("leader", "x")], []),
        (None, [], []),
        (7, [], ["7"]),
        ("", [], []),
    ],
)
def test_roles_claimed(value: object, found: list[Claimed], unread: list[str]) -> None:
    assert roles_claimed(value) == (found, unread)


def test_a_long_claim_is_read_only_so_far() -> None:
    found, _unread = roles_claimed([f"leader@tinh-{n}" for n in range(LIMIT * 5)])
    assert len(found) == LIMIT
