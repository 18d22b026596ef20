"""Document numbers (số, ký hiệu) as Nghị định 30/2020/NĐ-CP writes them.

State bodies write ``number/kind-issuer`` (``66/KH-UBND``, ``03/NQ-CP``), with the year for
legal documents (``45/2025/NĐ-CP``); Party bodies write ``number-kind/issuer`` (``57-NQ/TW``,
``60-CTr/TU``). A date (``25/02/2025``) has figures where the kind's letters stand, so it is
never taken for a number.
"""

from __future__ import annotations

import re

from theodoi.ingest.textnorm import normalize_text

_CODE = r"[A-ZĐa-zđ][A-ZĐa-zđ0-9&]*"
_STATE = rf"\d+(?:/\d{{4}})?/{_CODE}(?:-{_CODE})*"
_PARTY = rf"\d+-{_CODE}/{_CODE}(?:-{_CODE})*"
_NUMBER = re.compile(rf"(?<![\w/-])(?:{_PARTY}|{_STATE})(?![\w/])")
# Kinds whose usual spelling mixes cases (Nghị định 30/2020/NĐ-CP, Phụ lục III).
_MIXED_CASE = {"CTR": "CTr", "TTR": "TTr", "TTG": "TTg", "CTRHĐ": "CTrHĐ"}
_KINDS = {
    "KH": "ke_hoach",
    "CTr": "chuong_trinh",
    "CTrHĐ": "chuong_trinh",
    "CTHĐ": "chuong_trinh",
    "NQ": "nghi_quyet",
    "NQLT": "nghi_quyet",
    "QĐ": "quyet_dinh",
    "BC": "bao_cao",
}


def find_document_numbers(text: str) -> list[str]:
    """Every document number in ``text``, in order of appearance, each once, in its usual
    spelling (``71-CTR/TU`` -> ``71-CTr/TU``)."""
    numbers: list[str] = []
    for _, _, number in find_document_number_spans(normalize_text(text)):
        if number not in numbers:
            numbers.append(number)
    return numbers


def find_document_number_spans(text: str) -> list[tuple[int, int, str]]:
    """Every document number in ``text`` (normalised), each time it is written, with where
    it is written and in its usual spelling."""
    return [(m.start(), m.end(), _usual_spelling(m.group(0))) for m in _NUMBER.finditer(text)]


def _usual_spelling(number: str) -> str:
    return re.sub(_CODE, lambda m: _MIXED_CASE.get(m.group(0).upper(), m.group(0).upper()), number)


def kind_of_number(number: str) -> str | None:
    """The kind of document a number names (``KH`` -> ``ke_hoach``), or None for a kind
    outside the Plan JSON's list (a Nghị định, a công văn such as ``1552/BTTTT-TTH``)."""
    spelled = _usual_spelling(normalize_text(number).strip())
    party = re.fullmatch(rf"\d+-({_CODE})/.*", spelled)
    state = re.fullmatch(rf"\d+(?:/\d{{4}})?/({_CODE})(?:-.*)?", spelled)
    match = party or state
    return _KINDS.get(match.group(1)) if match else None
