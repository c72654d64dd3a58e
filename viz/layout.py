"""Node positions computed on the server, so the browser draws once with physics off.

A chain map is laid out by role in O(n log n): the chain in the centre, its labs (and beyond
them their host organisations) in one sector, its companies in the other, the programmes on an
outer ring next to what they fund. That picture reads the same every time and costs nothing for
thousands of nodes, where a force layout in the browser would freeze the tab. Small
neighbourhood graphs use networkx's spring layout with a fixed seed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx

Point = tuple[float, float]

SPACING = 70.0  # px between neighbours along a ring
ROW_GAP = 80.0  # px between rings
FIRST_RING = 240.0
SECTOR_GAP = 0.12  # radians left empty between the two sectors


def _arc(ids: Sequence[str], start: float, end: float, radius: float) -> tuple[dict[str, Point], float]:
    """Place ids in order along arcs from `start` to `end`, filling rings outward.

    Returns the positions and the radius of the next free ring.
    """
    pos: dict[str, Point] = {}
    i = 0
    while i < len(ids):
        span = end - start
        room = max(1, int(span * radius / SPACING))
        row = ids[i : i + room]
        step = span / len(row)
        for k, node in enumerate(row):
            angle = start + step * (k + 0.5)
            pos[node] = (radius * math.cos(angle), radius * math.sin(angle))
        i += room
        radius += ROW_GAP
    return pos, radius


def _angle(point: Point) -> float:
    return math.atan2(point[1], point[0]) % (2 * math.pi)


def _by_mean_angle(owners: Mapping[str, Iterable[str]], pos: Mapping[str, Point]) -> list[str]:
    """Order outer nodes by the direction of what they connect to, so their edges stay short."""

    def key(node: str) -> tuple[float, str]:
        angles = [_angle(pos[t]) for t in owners[node] if t in pos]
        if not angles:
            return (math.inf, node)
        x = sum(math.cos(a) for a in angles)
        y = sum(math.sin(a) for a in angles)
        return (math.atan2(y, x) % (2 * math.pi), node)

    return sorted(owners, key=key)


def chain_layout(
    chain: str,
    labs: Sequence[str],
    hosts: Mapping[str, Sequence[str]],
    companies: Sequence[str],
    programmes: Mapping[str, Sequence[str]],
) -> dict[str, Point]:
    """Positions for a chain map.

    `hosts` maps each host organisation to the labs it hosts; `programmes` maps each programme to
    the nodes it funds. Sectors are sized by how many nodes they hold.
    """
    pos: dict[str, Point] = {chain: (0.0, 0.0)}
    lab_weight = max(len(labs), len(hosts))
    weight = lab_weight + len(companies)
    outer = FIRST_RING
    if weight:
        split = 2 * math.pi * lab_weight / weight
        top = -math.pi / 2  # the lab sector starts at twelve o'clock and runs clockwise
        lab_pos, lab_outer = _arc(labs, top + SECTOR_GAP / 2, top + split - SECTOR_GAP / 2, FIRST_RING)
        pos.update(lab_pos)
        host_pos, host_outer = _arc(
            _by_mean_angle(hosts, pos), top + SECTOR_GAP / 2, top + split - SECTOR_GAP / 2, lab_outer + ROW_GAP
        )
        pos.update(host_pos)
        company_pos, company_outer = _arc(
            companies, top + split + SECTOR_GAP / 2, top + 2 * math.pi - SECTOR_GAP / 2, FIRST_RING
        )
        pos.update(company_pos)
        outer = max(host_outer, company_outer)
    programme_pos, _ = _arc(_by_mean_angle(programmes, pos), 0.0, 2 * math.pi, outer + ROW_GAP)
    pos.update(programme_pos)
    return pos


def spring_layout(centre: str, edges: Iterable[tuple[str, str]], nodes: Iterable[str]) -> dict[str, Point]:
    """Positions for a small neighbourhood: networkx spring layout, centre pinned, fixed seed."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    graph.add_node(centre)
    if graph.number_of_nodes() == 1:
        return {centre: (0.0, 0.0)}
    scale = 120.0 * math.sqrt(graph.number_of_nodes())
    start = nx.circular_layout(graph, scale=scale)
    start[centre] = (0.0, 0.0)
    placed = nx.spring_layout(graph, pos=start, fixed=[centre], seed=7, iterations=80, k=None, scale=None)
    return {node: (float(x), float(y)) for node, (x, y) in placed.items()}
