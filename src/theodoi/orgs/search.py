"""Finding an organisation by any of its names, as a coordinator types one.

Officials type without tone marks on a phone, use abbreviations (``Sở KH&CN``), and know a
body by its name before the 2025 reorganisation (``Sở Thông tin và Truyền thông``, now part
of ``Sở Khoa học và Công nghệ``). So every name an organisation goes by counts, tone marks and
case do not, abbreviations are spelled out, and each word typed may be the start of a word.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from theodoi.ingest.fields.agencies import expand_abbreviations
from theodoi.ingest.textnorm import fold

_NOT_A_LETTER = re.compile(r"[^\w]+")
# A query of a few words is enough to narrow a province's few hundred bodies.
MAX_QUERY = 100


def search_key(text: str) -> str:
    """``Sở KH&CN`` -> ``so khoa hoc va cong nghe``: no case, no tone marks, no punctuation."""
    key = fold(expand_abbreviations(text[:MAX_QUERY])).replace("đ", "d")
    bare = "".join(c for c in unicodedata.normalize("NFD", key) if not unicodedata.combining(c))
    return " ".join(_NOT_A_LETTER.sub(" ", bare).split())


@dataclass(frozen=True)
class AgencyChoice:
    """An organisation as the list offers it: the name to write, the label to show (with its
    province), and every name it goes by (its own, its aliases, its predecessors')."""

    name: str
    label: str
    names: tuple[str, ...]
    # The organisation's id, for a picker whose form keeps ids rather than names.
    pk: int | None = None


@dataclass(frozen=True)
class Found:
    choice: AgencyChoice
    # The other name that matched, shown beside the label ("Sở Thông tin và Truyền thông").
    matched: str | None


def _rank(words: list[str], name: str) -> int | None:
    """0: the name opens with the words typed; 1: it holds them in a row; 2: each word typed
    opens some word of the name; None: it does not match."""
    key = search_key(name).split()
    if not all(any(part.startswith(word) for part in key) for word in words):
        return None
    starts = [
        i
        for i in range(len(key) - len(words) + 1)
        if all(key[i + j].startswith(word) for j, word in enumerate(words))
    ]
    if not starts:
        return 2
    return 0 if starts[0] == 0 else 1


def search(query: str, choices: list[AgencyChoice], *, limit: int = 20) -> list[Found]:
    """The choices one of whose names matches ``query``, best first: an own name before an
    alias, a name that opens with the words typed before one that holds them, short first."""
    words = search_key(query).split()
    if not words:
        return []
    found: list[tuple[tuple[int, int, int], Found]] = []
    for choice in choices:
        best: tuple[tuple[int, int, int], str] | None = None
        for name in choice.names:
            rank = _rank(words, name)
            if rank is None:
                continue
            own = 0 if name == choice.name else 1
            score = (rank, own, len(name))
            if best is None or score < best[0]:
                best = (score, name)
        if best is not None:
            matched = None if best[1] == choice.name else best[1]
            found.append((best[0], Found(choice, matched)))
    found.sort(key=lambda item: (item[0], item[1].choice.label))
    return [item for _score, item in found[:limit]]
