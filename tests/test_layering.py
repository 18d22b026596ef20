"""Imports go one way, from a higher layer down (STYLE.md rule 1): a rule never knows the
database, a model never knows the page that shows it, and no two packages import each other.

Every import is read from the source (``ast``), the ones inside functions and under
``TYPE_CHECKING`` too: an import deferred to dodge a cycle is still a cycle. A new package or
top-level module of ``theodoi`` must be placed in :data:`LAYERS` before its imports can pass.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import theodoi

SOURCE = Path(theodoi.__file__).parent

# Lowest first. A unit (a package of ``theodoi`` or one of its top-level modules) may import
# units of its own layer or of the layers before it, never of a later one.
LAYERS: dict[str, set[str]] = {
    # Plain Python, no Django: reading documents, the decree's and the seeds' rules.
    "rules": {"ingest", "evaluation"},
    # Helpers that know no domain: bounded files and texts, announcements between layers, the
    # two-level cache, the sender's address, the audit log, counters.
    "base": {
        "constraints",
        "users",
        "texts",
        "files",
        "events",
        "caching",
        "proxies",
        "audit",
        "limits",
    },
    # Models and the services that write them. Snapshots are state derived from reporting:
    # reporting announces (theodoi.events), snapshots subscribe and rebuild.
    "state": {"orgs", "plans", "reporting", "snapshots", "directives"},
    # What people and machines reach: pages, jobs, files out, backups, the demonstration
    # data (built by calling every layer's services, so it sits on top of them).
    "adapters": {"workspace", "portal", "notify", "exports", "backup", "demo", "headers", "api"},
    # Wiring: settings, routes, the process entry points.
    "project": {"settings", "urls", "wsgi", "cli", "startup"},
}
PLAIN_PYTHON = LAYERS["rules"]

LAYER_OF = {unit: rank for rank, units in enumerate(LAYERS.values()) for unit in units}
NAME_OF = dict(enumerate(LAYERS))


def _module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in the file."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                yield node.lineno, ".".join([*base, *([node.module] if node.module else [])])
            else:
                yield node.lineno, node.module or ""


def _unit(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "theodoi" and len(parts) > 1 else None


def _sources() -> list[Path]:
    return sorted(p for p in SOURCE.rglob("*.py") if "migrations" not in p.parts)


def _edges() -> dict[tuple[str, str], list[str]]:
    """Between units: (importer, imported) → where, as ``path:line``."""
    edges: dict[tuple[str, str], list[str]] = {}
    for path in _sources():
        importer = _unit(_module_name(path))
        for line, name in _imports(path):
            imported = _unit(name)
            if importer and imported and imported != importer:
                where = f"{path.relative_to(SOURCE)}:{line}"
                edges.setdefault((importer, imported), []).append(where)
    return edges


def test_every_package_and_top_level_module_has_a_layer() -> None:
    units = {_unit(_module_name(path)) for path in _sources()} - {None}
    assert units - set(LAYER_OF) == set()


def test_no_import_goes_from_a_lower_layer_to_a_higher_one() -> None:
    upward = [
        f"{where}: {importer} ({NAME_OF[LAYER_OF[importer]]}) imports {imported} "
        f"({NAME_OF[LAYER_OF[imported]]})"
        for (importer, imported), places in sorted(_edges().items())
        if LAYER_OF.get(imported, -1) > LAYER_OF.get(importer, len(LAYERS))
        for where in places
    ]
    assert upward == []


def _cycles(edges: set[tuple[str, str]]) -> list[list[str]]:
    """The strongly connected groups of more than one unit (Tarjan's algorithm)."""
    graph: dict[str, list[str]] = {}
    for importer, imported in sorted(edges):
        graph.setdefault(importer, []).append(imported)
        graph.setdefault(imported, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(unit: str) -> None:
        index[unit] = low[unit] = len(index)
        stack.append(unit)
        for other in graph[unit]:
            if other not in index:
                visit(other)
                low[unit] = min(low[unit], low[other])
            elif other in stack:
                low[unit] = min(low[unit], index[other])
        if low[unit] == index[unit]:
            group = []
            while (member := stack.pop()) != unit:
                group.append(member)
            group.append(unit)
            if len(group) > 1:
                groups.append(sorted(group))

    for unit in graph:
        if unit not in index:
            visit(unit)
    return groups


def test_no_two_packages_import_each_other_even_through_others() -> None:
    edges = _edges()
    found = [
        {" imports ".join(pair): edges[pair] for pair in sorted(edges) if set(pair) <= set(group)}
        for group in _cycles(set(edges))
    ]
    assert found == []


def test_the_cycle_finder_sees_a_cycle_through_three_packages() -> None:
    edges = {("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")}
    assert _cycles(edges) == [["a", "b", "c"]]


def test_the_rules_import_no_django() -> None:
    offenders = [
        f"{path.relative_to(SOURCE)}:{line}: {name}"
        for path in _sources()
        if _unit(_module_name(path)) in PLAIN_PYTHON
        for line, name in _imports(path)
        if name.split(".")[0] == "django"
    ]
    assert offenders == []


def test_importing_every_module_of_the_rules_loads_no_django_even_indirectly() -> None:
    code = (
        "import importlib, pkgutil, sys\n"
        f"for package in {sorted(PLAIN_PYTHON)!r}:\n"
        "    root = importlib.import_module('theodoi.' + package)\n"
        "    for module in pkgutil.walk_packages(root.__path__, root.__name__ + '.'):\n"
        "        importlib.import_module(module.name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
