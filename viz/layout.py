"""Node positions computed on the server, so the browser draws once with physics off.

A chain map is laid out by role in O(n log n): the chain in the centre, its labs (and beyond
them their host organisations) in one sector, its companies in the other, the programmes on an
outer ring next to what they fund. That picture reads the same every time and costs nothing for
thousands of nodes, where a force layout in the browser would freeze the tab. Small
neighbourhood graphs use networkx's spring layout with a fixed seed.

Names are long Chinese strings drawn under their node, so neighbours along a ring are spaced by
how far their labels reach in the ring's direction there (a label's full width at twelve o'clock,
only its height at three o'clock). Labels that still collide after layout are hidden by
`visible_labels` (their names stay in the tooltip), so no two drawn labels ever overlap.
"""

from __future__ import annotations

import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import networkx as nx

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom

MIN_SPACING = 40.0  # px between neighbours along a ring, whatever their labels
ROW_GAP = 120.0  # px between rings; at 80 px a 2,000-member chain drew 995 of 1,769 names, at 120 px 1,355
FIRST_RING = 240.0
SECTOR_GAP = 0.12  # radians left empty between the two sectors
LABEL_PAD = 4.0  # px kept free around every label box: the width estimate is not the font's own
# Glyph advance in font sizes (measured with Noto Sans CJK SC at 12 px, rounded up): CJK and the
# punctuation CJK fonts draw full width (—·“”), most Latin letters and digits, capitals, and m/w/M/W.
WIDE, NARROW, CAPITAL, BROAD = 1.0, 0.62, 0.72, 0.9
GRID = 96.0  # px per cell of the collision grid
NEIGHBOUR_GAP = 160.0  # px wanted between nodes of an entity's neighbourhood
ROOM = (1.0, 1.5, 2.0, 2.5)  # how far `make_room` may stretch a small map
ENOUGH = 0.8  # share of names a stretched map should draw


@dataclass(frozen=True)
class Tag:
    """A node's label as vis-network draws it: under a shape of radius `size`, or inside a box."""

    text: str
    size: float
    font: float
    inside: bool = False

    @property
    def width(self) -> float:
        return text_width(self.text, self.font)

    def box(self, at: Point) -> Box:
        """The label's box around its node at `at`, padded by LABEL_PAD.

        vis-network hangs a label under a shape at y + size + font/2 + 4 and centres one inside a box.
        """
        x, y = at
        top = y - self.font / 2 if self.inside else y + self.size + self.font / 2 + 4
        half = self.width / 2 + LABEL_PAD
        return (x - half, top - LABEL_PAD, x + half, top + self.font + LABEL_PAD)


def text_width(text: str, font: float) -> float:
    """Width of one line of text in px: CJK glyphs are a font size wide, Latin ones about 0.6 of it."""
    total = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WFA":
            total += WIDE
        elif ch in "MWmw@%&":
            total += BROAD
        elif "A" <= ch <= "Z":
            total += CAPITAL
        else:
            total += NARROW
    return total * font


def _reach(angle: float, width: float, height: float) -> float:
    """How far apart two labels must sit along a ring at `angle` so their boxes do not meet.

    Along the tangent (-sin, cos) a distance d moves a label d|sin| sideways and d|cos| down; the
    boxes are clear once either reaches the half-widths' sum `width` or the `height`.
    """
    sin, cos = abs(math.sin(angle)), abs(math.cos(angle))
    across = width / sin if sin > 1e-9 else math.inf
    down = height / cos if cos > 1e-9 else math.inf
    return max(MIN_SPACING, min(across, down))


def _arc(
    ids: Sequence[str], start: float, end: float, radius: float, tags: Mapping[str, Tag]
) -> tuple[dict[str, Point], float]:
    """Place ids in order along arcs from `start` to `end`, filling rings outward.

    Each ring takes nodes while their labels fit, then spreads them evenly over the span (which
    only widens the gaps). Returns the positions and the radius of the next free ring.
    """
    pos: dict[str, Point] = {}
    i = 0
    span = end - start
    while i < len(ids):
        angles = [0.0]
        j = i + 1
        while j < len(ids):
            a, b = tags.get(ids[j - 1]), tags.get(ids[j])
            width = ((a.width if a else 0.0) + (b.width if b else 0.0)) / 2 + 2 * LABEL_PAD
            height = max(a.font if a else 0.0, b.font if b else 0.0) + 2 * LABEL_PAD
            step = _reach(start + angles[-1], width, height) / radius
            if angles[-1] + step > span - MIN_SPACING / radius:
                break
            angles.append(angles[-1] + step)
            j += 1
        row = ids[i:j]
        used = angles[-1] + MIN_SPACING / radius
        spread = span / used if used > 0 else 1.0
        for node, angle in zip(row, angles, strict=True):
            theta = start + (angle + MIN_SPACING / radius / 2) * spread
            pos[node] = (radius * math.cos(theta), radius * math.sin(theta))
        i = j
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
    tags: Mapping[str, Tag] | None = None,
) -> dict[str, Point]:
    """Positions for a chain map.

    `hosts` maps each host organisation to the labs it hosts; `programmes` maps each programme to
    the nodes it funds; `tags` are the labels to make room for. Sectors are sized by how many nodes they hold.
    """
    tags = tags or {}
    pos: dict[str, Point] = {chain: (0.0, 0.0)}
    lab_weight = max(len(labs), len(hosts))
    weight = lab_weight + len(companies)
    outer = FIRST_RING
    if weight:
        split = 2 * math.pi * lab_weight / weight
        top = -math.pi / 2  # the lab sector starts at twelve o'clock and runs clockwise
        lab_pos, lab_outer = _arc(labs, top + SECTOR_GAP / 2, top + split - SECTOR_GAP / 2, FIRST_RING, tags)
        pos.update(lab_pos)
        host_pos, host_outer = _arc(
            _by_mean_angle(hosts, pos), top + SECTOR_GAP / 2, top + split - SECTOR_GAP / 2, lab_outer + ROW_GAP, tags
        )
        pos.update(host_pos)
        company_pos, company_outer = _arc(
            companies, top + split + SECTOR_GAP / 2, top + 2 * math.pi - SECTOR_GAP / 2, FIRST_RING, tags
        )
        pos.update(company_pos)
        outer = max(host_outer, company_outer)
    programme_pos, _ = _arc(_by_mean_angle(programmes, pos), 0.0, 2 * math.pi, outer + ROW_GAP, tags)
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
    # k is the wanted distance between neighbours in pixels: with networkx's default (1/√n, for a
    # unit box) and no rescaling, every node collapses onto the pinned centre.
    placed = nx.spring_layout(graph, pos=start, fixed=[centre], seed=7, iterations=80, k=NEIGHBOUR_GAP, scale=None)
    return {node: (float(x), float(y)) for node, (x, y) in placed.items()}


def visible_labels(order: Sequence[str], tags: Mapping[str, Tag], pos: Mapping[str, Point]) -> set[str]:
    """The nodes whose label can be drawn without touching a label drawn before it, in `order`.

    Greedy on a spatial grid: each box is tested only against boxes in the cells it covers, so a
    map of n labels costs O(n log n) for the caller's ranking and about O(n) here.
    """
    grid: dict[tuple[int, int], list[Box]] = defaultdict(list)
    shown: set[str] = set()
    for node in order:
        tag = tags.get(node)
        if tag is None or not tag.text or node not in pos:
            continue
        box = tag.box(pos[node])
        cells = [
            (cx, cy)
            for cx in range(math.floor(box[0] / GRID), math.floor(box[2] / GRID) + 1)
            for cy in range(math.floor(box[1] / GRID), math.floor(box[3] / GRID) + 1)
        ]
        if any(_meet(box, other) for cell in cells for other in grid.get(cell, ())):
            continue
        for cell in cells:
            grid[cell].append(box)
        shown.add(node)
    return shown


def make_room(
    order: Sequence[str], tags: Mapping[str, Tag], pos: Mapping[str, Point]
) -> tuple[dict[str, Point], set[str]]:
    """Stretch a small map about the origin until ENOUGH of its names can be drawn (at most ROOM[-1]).

    Stretching keeps the picture and only lengthens edges; returns the positions and the drawn labels.
    """
    best: tuple[dict[str, Point], set[str]] = ({}, set())
    for factor in ROOM:
        stretched = {node: (round(x * factor, 1), round(y * factor, 1)) for node, (x, y) in pos.items()}
        shown = visible_labels(order, tags, stretched)
        if len(shown) > len(best[1]):
            best = (stretched, shown)
        if len(shown) >= ENOUGH * len(pos):
            break
    return best if best[0] else (dict(pos), set())


def _meet(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
