"""Shortest paths between two entities, searched breadth-first from both ends."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator

from ecograph import queries
from ecograph.graph.store import GraphStore
from ecograph.queries.entities import entity_row
from ecograph.queries.models import (
    HUBS,
    MAX_PATH_LEN,
    MAX_PATHS,
    EntityRef,
    Path,
    PathEdge,
    PathsResult,
    entity_ref,
)

MAX_PATH_STEP = 5000  # relationships read per breadth-first level of a path search


def _walks(via: dict[str, list[tuple[str, PathEdge]]], node: str, start: str) -> Iterator[tuple[list[str], list[PathEdge]]]:
    """Every way from `start` to `node` along the steps a breadth-first search recorded (lazily)."""
    if node == start:
        yield [node], []
        return
    for prev, edge in via[node]:
        for nodes, edges in _walks(via, prev, start):
            yield nodes + [node], edges + [edge]


def _shortest_paths(store: GraphStore, source: EntityRef, target: EntityRef, max_len: int, limit: int) -> list[Path]:
    """Breadth-first from both ends at once, one list_path_steps query per level, always on the
    smaller frontier: the levels stay a few hundred entities where a one-sided [*..6] search reaches
    the whole graph through its region and chain hubs (which therefore are never inside a path)."""
    ends = [source.id, target.id]
    refs = {source.id: source, target.id: target}
    reached: tuple[dict[str, int], dict[str, int]] = ({source.id: 0}, {target.id: 0})
    via: tuple[dict[str, list[tuple[str, PathEdge]]], ...] = (defaultdict(list), defaultdict(list))
    frontiers, depths = [[source.id], [target.id]], [0, 0]
    hub = [ref.label in HUBS for ref in (source, target)]
    while depths[0] + depths[1] < max_len:
        cost = [math.inf if hub[i] and depths[i] == 0 else len(frontiers[i]) for i in (0, 1)]
        side = 0 if cost[0] <= cost[1] else 1
        depth = depths[side] + 1
        step = {"ids": frontiers[side], "ends": ends, "limit": MAX_PATH_STEP}
        frontier: list[str] = []
        for r in queries.run(store, "list_path_steps", step):
            if reached[side].get(r["id"], depth) < depth:
                continue
            if r["id"] not in reached[side]:
                reached[side][r["id"]] = depth
                refs[r["id"]] = EntityRef(id=r["id"], label=r["label"], name=r["name"])
                frontier.append(r["id"])
            via[side][r["id"]].append((r["at"], PathEdge(key=None, type=r["type"], source=r["source"], target=r["target"],
                                                         evidence=r["evidence"], doc=r["doc"])))
        frontiers[side], depths[side] = frontier, depth
        meets = {n: depth + reached[1 - side][n] for n in frontier if n in reached[1 - side]}
        if meets:
            shortest = min(meets.values())
            found: list[Path] = []
            for meet in (n for n, length in meets.items() if length == shortest):
                for left_nodes, left_edges in _walks(via[0], meet, source.id):
                    for right_nodes, right_edges in _walks(via[1], meet, target.id):
                        found.append(Path(nodes=[refs[n] for n in left_nodes + right_nodes[-2::-1]],
                                          edges=left_edges + right_edges[::-1]))
                        if len(found) == limit:
                            return found
            return found
        if not frontier:
            break
    return []


def paths(store: GraphStore, from_id: str, to_id: str, max_len: int = 4, limit: int = 10) -> PathsResult:
    """The shortest undirected paths between two entities, if within `max_len` hops, through no
    region or chain (every entity is a few hops from one, so such paths say nothing)."""
    max_len = max(1, min(max_len, MAX_PATH_LEN))
    source, target = entity_ref(entity_row(store, from_id)), entity_ref(entity_row(store, to_id))
    if source.id == target.id:
        return PathsResult(source=source, target=target, max_len=max_len, paths=[Path(nodes=[source], edges=[])])
    found = _shortest_paths(store, source, target, max_len, max(1, min(limit, MAX_PATHS)))
    return PathsResult(source=source, target=target, max_len=max_len, paths=found)
