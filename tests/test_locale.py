"""Every message Django's validators, form and model fields and authentication forms can show
has a Vietnamese translation: Django's own vi catalog lacks some and holds others under an older
wording ("This password is too short…" reached users in English); the project's catalog fills
the gaps."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import django
import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import trans_real

DJANGO = Path(django.__file__).parent
# Django's list of its messages: its English catalogs, each entry naming the code it is from.
CATALOGS = (
    DJANGO / "conf/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
)
# The code whose messages a user of theodoi can meet: validation and the account forms.
SOURCES = (
    "core/validators.py",
    "forms/",
    "db/models/",
    "contrib/auth/password_validation.py",
    "contrib/auth/forms.py",
    "contrib/auth/validators.py",
)
ENTRY = re.compile(r'^(msgctxt|msgid|msgid_plural) (".*")$')


def catalog_entries(path: Path) -> Iterator[tuple[str, str | None, str, bool]]:
    """(references, context, message id, has a plural) of each entry of a .po file."""
    for block in path.read_text("utf-8").split("\n\n"):
        references = " ".join(line[3:] for line in block.splitlines() if line.startswith("#: "))
        fields: dict[str, list[str]] = {}
        current = None
        for line in block.splitlines():
            match = ENTRY.match(line)
            if match:
                current = match.group(1)
                fields[current] = [match.group(2)]
            elif line.startswith('"') and current is not None:
                fields[current].append(line)
            elif line.startswith("msgstr"):
                current = None
        text = {
            key: "".join(ast.literal_eval(part) for part in parts) for key, parts in fields.items()
        }
        if text.get("msgid"):
            yield references, text.get("msgctxt") or None, text["msgid"], "msgid_plural" in text


def django_messages() -> list[tuple[str | None, str, bool]]:
    return [
        (context, msgid, plural)
        for catalog in CATALOGS
        for references, context, msgid, plural in catalog_entries(catalog)
        if any(source in references for source in SOURCES)
    ]


def test_django_s_catalogs_are_read() -> None:
    messages = {msgid for _, msgid, _ in django_messages()}
    assert "Enter a valid email address." in messages
    assert len(messages) > 100


def test_every_validation_message_of_django_has_a_vietnamese_translation() -> None:
    catalog = trans_real.translation("vi")._catalog  # type: ignore[attr-defined]
    missing = []
    for context, msgid, plural in django_messages():
        key: str | tuple[str, int] = f"{context}\x04{msgid}" if context else msgid
        if plural:
            key = (key, 0)
        if key not in catalog:
            missing.append(msgid)
    assert missing == []


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("ngan", "Mật khẩu quá ngắn: phải có ít nhất 10 ký tự."),
        ("1234567890123", "Mật khẩu này hoàn toàn là số."),
        ("password1234", "Mật khẩu này quá phổ biến."),
    ],
)
def test_a_weak_password_is_refused_in_vietnamese(password: str, message: str) -> None:
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert message in refused.value.messages
