"""The map of the 34 provinces and cities, as SVG path data shipped with theodoi
(``data/provinces-34.paths.json``, made by ``scripts/province_map.py``; source and licence in
``data/README.md``). The page draws it inline: nothing is fetched from elsewhere."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from theodoi.evaluation.rollup import CompletionBand, RollUp


@dataclass(frozen=True)
class Shape:
    code: str  # the province's organisation code, ``dong-thap``
    name: str
    d: str
    label: tuple[float, float]
    dots: tuple[tuple[float, float], ...]  # islands drawn as dots
    archipelago: dict[str, Any] | None


@dataclass(frozen=True)
class Outline:
    width: float
    height: float
    shapes: tuple[Shape, ...]


@cache
def outline() -> Outline:
    text = (
        resources.files("theodoi.workspace.dashboard")
        .joinpath("data/provinces-34.paths.json")
        .read_text("utf-8")
    )
    data = json.loads(text)
    return Outline(
        width=data["width"],
        height=data["height"],
        shapes=tuple(
            Shape(
                code=s["code"],
                name=s["name"],
                d=s["d"],
                label=(s["label"][0], s["label"][1]),
                dots=tuple((x, y) for x, y in s["dots"]),
                archipelago=s["archipelago"],
            )
            for s in data["shapes"]
        ),
    )


@dataclass(frozen=True)
class Area:
    """A province as drawn: its shape, its organisation (None if theodoi does not hold it)
    and its figures."""

    shape: Shape
    province: int | None
    rollup: RollUp | None

    @property
    def band(self) -> CompletionBand:
        return self.rollup.band if self.rollup is not None else CompletionBand.NO_PLAN


def areas(codes: dict[str, int], rollups: dict[int, RollUp]) -> list[Area]:
    """Each shape with the province of its code and that province's roll-up."""
    drawn = []
    for shape in outline().shapes:
        province = codes.get(shape.code)
        drawn.append(Area(shape, province, rollups.get(province) if province is not None else None))
    return drawn
