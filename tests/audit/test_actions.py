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


def _typed_action_parameters(func: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    args = [*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs]
    return {
        a.arg
        for a in args
        if (isinstance(a.annotation, ast.Name) and a.annotation.id == "Action")
        or (isinstance(a.annotation, ast.Constant) and a.annotation.value == "Action")
    }


def record_calls() -> list[tuple[str, ast.expr, frozenset[str]]]:
    """(where, first argument, the enclosing function's parameters typed ``Action``) of every
    call of ``record`` in the project's code."""
    calls: dict[str, tuple[str, ast.expr, frozenset[str]]] = {}
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
        scopes: list[tuple[ast.AST, frozenset[str]]] = [(tree, frozenset())]
        scopes += [
            (node, frozenset(_typed_action_parameters(node)))
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        ]
        # ast.walk visits outer functions first, so the innermost scope of a call wins.
        for scope, typed in scopes:
            for node in ast.walk(scope):
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "record":
                    where = f"{path.relative_to(SRC)}:{node.lineno}"
                    calls[where] = (where, node.args[0], typed)
    return sorted(calls.values(), key=lambda call: call[0])


# Parsed once: the parametrisation and the count read the same list.
RECORD_CALLS = record_calls()


def test_the_code_records_actions_in_many_places() -> None:
    assert len(RECORD_CALLS) >= 30


@pytest.mark.parametrize(
    ("where", "action", "typed"), RECORD_CALLS, ids=[w for w, _a, _t in RECORD_CALLS]
)
def test_every_recorded_action_is_a_declared_one_never_a_string(
    where: str, action: ast.expr, typed: frozenset[str]
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
    # A helper's parameter typed Action: mypy holds every caller to a declared one.
    passed_on = isinstance(action, ast.Name) and action.id in typed
    assert members or "admin_action" in called or tables == ["_REVIEWED"] or passed_on, where
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
