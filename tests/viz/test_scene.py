"""The renderer's own rules, without a browser: capping never drops silently, layouts never stack nodes."""

from __future__ import annotations

import math

import pytest

from ecograph.viz import layout
from ecograph.viz.scene import Scene, SceneNode, cap


def test_cap_keeps_the_heaviest_and_lists_every_other_node() -> None:
    nodes = [SceneNode("c", "IndustryChain", "链", "chain")]
    nodes += [SceneNode(f"n{i}", "Company", f"企业{i:03d}", "company", weight=i % 7) for i in range(50)]
    capped = cap(Scene("c", nodes), {"company": 10}, {"company": "企业"})
    kept = [n for n in capped.nodes if n.role == "company"]
    (overflow,) = capped.overflow
    assert len(kept) == 10 and len(overflow.nodes) == 40
    assert min(n.weight for n in kept) >= max(n.weight for n in overflow.nodes)
    assert {n.id for n in kept} | {n.id for n in overflow.nodes} == {f"n{i}" for i in range(50)}


def test_chain_layout_gives_every_node_its_own_place() -> None:
    labs = [f"l{i}" for i in range(300)]
    hosts = {f"h{i}": [f"l{i}"] for i in range(200)}
    companies = [f"c{i}" for i in range(1000)]
    programmes = {f"p{i}": [f"c{i}"] for i in range(200)}
    pos = layout.chain_layout("chain", labs, hosts, companies, programmes)
    assert len(pos) == 1 + 300 + 200 + 1000 + 200
    points = sorted(pos.values())
    closest = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 for a, b in zip(points, points[1:], strict=False))
    assert closest > 1.0
    assert pos["chain"] == (0.0, 0.0)


def test_spring_layout_pins_the_centre_and_is_repeatable() -> None:
    edges = [("e", f"n{i}") for i in range(12)]
    first = layout.spring_layout("e", edges, {f"n{i}" for i in range(12)})
    assert first["e"] == (0.0, 0.0)
    assert first == layout.spring_layout("e", edges, {f"n{i}" for i in range(12)})


@pytest.mark.parametrize("n", [1, 2, 12, 40])
def test_spring_layout_keeps_neighbours_apart_in_pixels(n: int) -> None:
    """A lone neighbour once landed under the centre node: positions must be in pixels, not a unit box."""
    edges = [("e", f"n{i}") for i in range(n)]
    pos = layout.spring_layout("e", edges, {f"n{i}" for i in range(n)})
    points = list(pos.values())
    closest = min(math.dist(a, b) for i, a in enumerate(points) for b in points[i + 1 :])
    assert closest > 60.0, closest
