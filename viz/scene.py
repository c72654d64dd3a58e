"""What a page draws: nodes and edges with their roles, capped, turned into vis-network data via pyvis.

A role that has more nodes than its cap keeps its best-connected ones and gets one grey
"+n more" node on the canvas; the hidden nodes are listed (linked) under the map, so nothing is
dropped silently. A name whose label would overlap another's is not drawn (the busier node keeps
its label); it shows in the node's tooltip and while the pointer is on the node.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pyvis.network import Network

from ecograph.viz.layout import Point, Tag, make_room, visible_labels
from ecograph.viz.style import FONT_STACK, INFERRED, MORE, STATED, TIER_ZH, look, relation

MAX_EVIDENCE_IN_TOOLTIP = 4
BIG = 300  # nodes above which a map draws smaller nodes and labels


@dataclass
class SceneNode:
    id: str
    label: str
    name: str
    role: str
    href: str | None = None
    note: str = ""
    weight: int = 0


@dataclass
class SceneEdge:
    source: str
    target: str
    type: str
    evidence: str = ""
    doc: str = ""
    tier: str = STATED
    note: str = ""


@dataclass
class Overflow:
    """The nodes of one role that the map does not draw."""

    role: str
    title: str
    nodes: list[SceneNode]

    @property
    def label(self) -> str:
        return f"+{len(self.nodes)} 个{self.title}未显示"

    @property
    def anchor(self) -> str:
        return f"more-{self.role}"

    @property
    def node_id(self) -> str:
        """Id of the grey "+n more" node; no entity id starts with an underscore."""
        return f"__{self.anchor}"


@dataclass
class Scene:
    focus: str
    nodes: list[SceneNode] = field(default_factory=list)
    edges: list[SceneEdge] = field(default_factory=list)
    overflow: list[Overflow] = field(default_factory=list)

    def ids(self, role: str) -> list[str]:
        return [n.id for n in self.nodes if n.role == role]

    @property
    def big(self) -> bool:
        return len(self.nodes) > BIG

    def size(self, node_id: str) -> int:
        return 26 if node_id == self.focus else (10 if self.big else 14)

    @property
    def font(self) -> int:
        return 12 if self.big else 14

    def tags(self) -> dict[str, Tag]:
        """Every drawn label with its node's size, for the layout to make room and the map to hide overlaps."""
        tags = {n.id: Tag(n.name, self.size(n.id), self.font) for n in self.nodes}
        tags.update({g.node_id: Tag(g.label, 0, self.font, inside=True) for g in self.overflow})
        return tags

    def label_order(self) -> list[str]:
        """Whose label wins a collision: the focus, the "+n more" nodes, then the best-connected."""
        ranked = [n.id for n in sorted(self.nodes, key=lambda n: (n.id != self.focus, -n.weight, n.name, n.id))]
        return ranked[:1] + [g.node_id for g in self.overflow] + ranked[1:]


def cap(scene: Scene, caps: Mapping[str, int], titles: Mapping[str, str]) -> Scene:
    """Keep at most caps[role] nodes of each role (heaviest first); record the rest as overflow.

    Runs before edges are fetched, so a chain with 20,000 members costs one bounded edge query.
    """
    by_role: dict[str, list[SceneNode]] = defaultdict(list)
    for node in scene.nodes:
        by_role[node.role].append(node)
    kept: list[SceneNode] = []
    overflow: list[Overflow] = []
    for role, nodes in by_role.items():
        limit = caps.get(role)
        if limit is None or len(nodes) <= limit:
            kept += nodes
            continue
        ranked = sorted(nodes, key=lambda n: (n.id != scene.focus, -n.weight, n.name))
        kept += ranked[:limit]
        overflow.append(Overflow(role, titles.get(role, role), sorted(ranked[limit:], key=lambda n: n.name)))
    ids = {n.id for n in kept}
    edges = [e for e in scene.edges if e.source in ids and e.target in ids]
    return Scene(scene.focus, kept, edges, overflow)


def _edge_title(edges: list[SceneEdge], names: Mapping[str, str]) -> str:
    first = edges[0]
    _, verb = relation(first.type)
    lines = [f"{names[first.source]} —{verb}→ {names[first.target]}  [{first.type}，{TIER_ZH[first.tier]}]"]
    if first.note:
        lines.append(first.note)
    for edge in edges[:MAX_EVIDENCE_IN_TOOLTIP]:
        if edge.evidence:
            lines.append(f"「{edge.evidence}」")
        if edge.doc:
            lines.append(f"—— {edge.doc}")
    if len(edges) > MAX_EVIDENCE_IN_TOOLTIP:
        lines.append(f"另有 {len(edges) - MAX_EVIDENCE_IN_TOOLTIP} 条证据")
    return "\n".join(lines)


def vis_data(scene: Scene, positions: Mapping[str, Point]) -> dict[str, Any]:
    """The JSON a page hands to vis-network: nodes, edges, links and options.

    Built with pyvis's Network (which owns vis-network's node/edge vocabulary); the page template,
    not pyvis's, turns it into HTML, because pyvis's template loads from CDNs and does not escape
    `</script>` inside its JSON.
    """
    net = Network(directed=True)
    names = {n.id: n.name for n in scene.nodes}
    links: dict[str, str] = {}
    big = scene.big
    if big:  # its layout made room for the labels already; stretching would only add zoom
        rounded = {node: (round(x, 1), round(y, 1)) for node, (x, y) in positions.items()}
        shown = visible_labels(scene.label_order(), scene.tags(), rounded)
    else:
        rounded, shown = make_room(scene.label_order(), scene.tags(), positions)
    for node in scene.nodes:
        style = look(node.label)
        x, y = rounded[node.id]
        title = f"{node.name}\n{style.name_zh}（{node.label}）" + (f"\n{node.note}" if node.note else "")
        net.add_node(
            node.id, label=node.name, title=title, shape=style.shape,
            color=style.colour, x=x, y=y, size=scene.size(node.id), name=node.name,
        )
        if node.href:
            links[node.id] = node.href
    for group in scene.overflow:
        x, y = rounded[group.node_id]
        net.add_node(
            group.node_id, label=group.label, title="点击查看未显示的节点列表",
            shape=MORE.shape, color=MORE.colour, x=x, y=y, name=group.label,
        )
        links[group.node_id] = f"#{group.anchor}"
    for item in net.nodes:  # pyvis puts the id where a label is empty, so labels are hidden afterwards
        if item["id"] not in shown:
            item["label"] = ""
    grouped: dict[tuple[str, str, str, str], list[SceneEdge]] = defaultdict(list)
    for edge in scene.edges:
        grouped[(edge.source, edge.target, edge.type, edge.tier)].append(edge)
    for (source, target, rel, tier), edges in grouped.items():
        colour, _ = relation(rel)
        net.add_edge(
            source, target, title=_edge_title(edges, names), color=colour,
            dashes=[8, 6] if tier == INFERRED else False, width=2 if tier == STATED and rel == "SUPPORTS" else 1,
        )
    options = {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}},
        "nodes": {"font": {"face": FONT_STACK, "size": scene.font}},
        "interaction": {
            "hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
            "navigationButtons": False, "keyboard": False,
        },
    }
    return {"nodes": net.nodes, "edges": net.edges, "links": links, "options": options}
