"""The map's shipped boundary data: the 34 provinces and cities of 1/7/2025, small, and the
SVG paths the page draws are what ``scripts/province_map.py`` makes from the shipped GeoJSON."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from theodoi.orgs.loading import slug
from theodoi.workspace.dashboard.rollup import current_provinces
from theodoi.workspace.dashboard.vnmap import outline

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "src/theodoi/workspace/dashboard/data"


def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("province_map", ROOT / "scripts/province_map.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def merged_provinces() -> set[str]:
    data = json.loads((ROOT / "src/theodoi/orgs/data/provinces.json").read_text("utf-8"))
    return {slug(p["name"]) for p in data["provinces"] if p["merged_into"] is None}


def test_the_map_draws_the_34_provinces_of_the_merger_each_once() -> None:
    codes = [shape.code for shape in outline().shapes]
    assert len(codes) == len(set(codes)) == 34
    assert set(codes) == merged_provinces()
    assert all(shape.d.startswith("M") and shape.d.endswith("z") for shape in outline().shapes)


@pytest.mark.django_db
def test_every_shape_names_a_province_theodoi_holds(orgs: None) -> None:
    held = set(current_provinces().values_list("code", flat=True))
    assert {shape.code for shape in outline().shapes} == held


def test_the_archipelagos_are_drawn_with_their_provinces() -> None:
    by_code = {shape.code: shape for shape in outline().shapes}
    hoang_sa, truong_sa = by_code["da-nang"].archipelago, by_code["khanh-hoa"].archipelago
    assert hoang_sa is not None
    assert truong_sa is not None
    assert hoang_sa["name"] == "Quần đảo Hoàng Sa"
    assert truong_sa["name"] == "Quần đảo Trường Sa"
    assert by_code["da-nang"].dots
    assert by_code["khanh-hoa"].dots


def test_the_shipped_files_are_small() -> None:
    for name in ("provinces-34.geojson", "provinces-34.paths.json"):
        assert (DATA / name).stat().st_size < 150 * 1024, name


def test_the_paths_are_what_the_script_makes_of_the_shipped_geojson() -> None:
    geojson = json.loads((DATA / "provinces-34.geojson").read_text("utf-8"))
    assert len(geojson["features"]) == 34
    for feature in geojson["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert ring[0] == ring[-1]
                assert len(ring) >= 4
    made = script().paths(geojson)
    shipped = json.loads((DATA / "provinces-34.paths.json").read_text("utf-8"))
    assert made == shipped


def test_simplifying_keeps_the_ends_and_drops_what_is_within_tolerance() -> None:
    simplify = script().simplify
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, -0.001), (3.0, 0.0)]
    assert simplify(line, 0.01) == [(0.0, 0.0), (3.0, 0.0)]
    bent = [(0.0, 0.0), (1.0, 1.0), (2.0, 0.0)]
    assert simplify(bent, 0.01) == bent


def test_two_neighbours_dissolve_into_one_ring_without_their_shared_border() -> None:
    stitch = script().stitch
    # Two unit squares side by side: arc 0 is their shared border (x = 1).
    arcs = [
        [(1.0, 0.0), (1.0, 1.0)],
        [(1.0, 1.0), (0.0, 1.0), (0.0, 0.0), (1.0, 0.0)],
        [(1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0)],
    ]
    west, east = [0, 1], [~0, 2]
    refs = [r for r in west + east if r not in (0, ~0)]
    (ring,) = stitch(refs, arcs)
    assert sorted(set(ring)) == [
        (0.0, 0.0),
        (0.0, 1.0),
        (1.0, 0.0),
        (1.0, 1.0),
        (2.0, 0.0),
        (2.0, 1.0),
    ]
    assert abs(script().ring_area(ring)) == 2.0
