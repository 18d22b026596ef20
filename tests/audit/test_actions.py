"""Every audit action is declared once with a Vietnamese label, and no code writes another:
not a string made up where it is recorded, not one the log would show without a name."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.utils import translation

from tests.conftest import NOW
from theodoi.audit.actions import Action, AdminVerb, admin_action, is_declared, label_of
from theodoi.audit.admin import AuditedAdmin
from theodoi.audit.log import record
from theodoi.audit.models import AuditEntry

SRC = Path(__file__).resolve().parents[2] / "src" / "theodoi"


def record_calls() -> list[tuple[str, ast.expr]]:
    """(where, first argument) of every call of ``record`` in the project's code."""
    calls = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        imported = any(
            isinstance(node, ast.ImportFrom)
            and node.module == "theodoi.audit.log"
            and any(alias.name == "record" for alias in node.names)
            for node in ast.walk(tree)
        )
        if not imported:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "record":
                calls.append((f"{path.relative_to(SRC)}:{node.lineno}", node.args[0]))
    return calls


def test_the_code_records_actions_in_many_places() -> None:
    assert len(record_calls()) >= 30


@pytest.mark.parametrize(("where", "action"), record_calls(), ids=[w for w, _ in record_calls()])
def test_every_recorded_action_is_a_declared_one_never_a_string(
    where: str, action: ast.expr
) -> None:
    strings = [
        node
        for node in ast.walk(action)
        if isinstance(node, ast.JoinedStr)
        or (isinstance(node, ast.Constant) and isinstance(node.value, str))
    ]
    assert strings == [], f"{where}: an action written as a string"
    members = [
        node.attr
        for node in ast.walk(action)
        if isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "Action"
    ]
    called = [
        node.func.id
        for node in ast.walk(action)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    ]
    # A table of actions (review's, by kind of report and outcome) is checked on its own below.
    tables = [
        node.value.id
        for node in ast.walk(action)
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name)
    ]
    assert members or "admin_action" in called or tables == ["_REVIEWED"], where
    assert set(members) <= set(Action.__members__), where


def test_review_actions_are_in_the_review_table() -> None:
    from theodoi.reporting.review import _REVIEWED

    assert set(_REVIEWED.values()) == {
        Action.UPDATE_ACCEPTED,
        Action.UPDATE_RETURNED,
        Action.VALUE_ACCEPTED,
        Action.VALUE_RETURNED,
    }


def test_every_declared_action_has_a_vietnamese_label() -> None:
    labels = [*Action, *AdminVerb]
    with translation.override("vi"):
        vietnamese = {choice: str(choice.label) for choice in labels}
    with translation.override("en"):
        english = {choice: str(choice.label) for choice in labels}
    untranslated = [str(c) for c in labels if vietnamese[c] == english[c]]
    assert untranslated == []
    assert len(set(vietnamese.values())) == len(labels), "two actions with one label"


def test_every_audited_admin_action_is_declared_and_named_in_vietnamese() -> None:
    audited = [m for m, a in admin.site._registry.items() if isinstance(a, AuditedAdmin)]
    assert audited
    with translation.override("vi"):
        for model in audited:
            for verb in AdminVerb:
                action = admin_action(model, verb)
                assert is_declared(action), action
                assert label_of(action) == f"{verb.label}: {model._meta.verbose_name}"
        assert label_of(Action.PLAN_PUBLISHED) == str(Action.PLAN_PUBLISHED.label)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "action", ["reporting.update.sent", "admin.plans.nothing.created", "admin.plans.task.kept"]
)
def test_an_undeclared_action_is_refused_and_nothing_is_written(
    action: str, coordinator: User
) -> None:
    written = AuditEntry.objects.count()
    with pytest.raises(ValueError, match="undeclared audit action"):
        record(action, None, by=coordinator, now=NOW)  # type: ignore[arg-type]  # on purpose
    assert AuditEntry.objects.count() == written
