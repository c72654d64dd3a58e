"""The HTML pages: view models of queries/ in, one self-standing HTML string out.

Pure: no store access. Every text that came from a document goes through Jinja's autoescape (in
markup) or `tojson` (inside the page's JSON, which escapes `<`, `>`, `&` and `'`), and the
page's script puts it into the DOM only as text. A Content-Security-Policy without inline
scripts backs that up, and keeps the page from loading anything that is not ecograph's own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape

from ecograph.graph.model import Label, RelType
from ecograph.queries import models
from ecograph.viz import layout
from ecograph.viz.scene import Scene, SceneEdge, SceneNode, cap, vis_data
from ecograph.viz.style import INFERRED, LABELS, MORE, RELATIONS, STATED, TIER_ZH, look

# Most nodes of each role a chain map draws: ~2,000 in all, which vis-network draws in well under
# a second with physics off; the rest are listed under the map.
CHAIN_CAPS = {"lab": 400, "host": 300, "company": 1000, "programme": 300}
CHAIN_TITLES = {"lab": "实验室/平台与支撑单位", "host": "依托单位", "company": "企业", "programme": "科技计划/基金"}
NEIGHBOUR_CAP = 120
GAP_SHOWN = 100  # names listed per gap; the count says how many there are
UNSAFE_FILENAME = str.maketrans({c: "_" for c in '/\\:*?"<>|%#\x00'})


@dataclass(frozen=True)
class Links:
    """Where pages and assets are: served by ecograph (absolute paths) or files on disk (relative).

    `depth` is how many folders below the render root the page being written sits.
    """

    static: bool = False
    depth: int = 0

    @property
    def _root(self) -> str:
        return "../" * self.depth if self.static else "/"

    @property
    def search(self) -> str | None:
        """The server-side search page; static renders filter an embedded list instead."""
        return None if self.static else "/search"

    def home(self) -> str:
        return f"{self._root}index.html" if self.static else "/"

    def chain(self, name: str) -> str:
        if self.static:
            return f"{self._root}chains/{quote(chain_filename(name))}"
        return f"/chains/{quote(name, safe='')}"

    def entity(self, entity_id: str) -> str:
        if self.static:
            return f"{self._root}entities/{quote(entity_filename(entity_id))}"
        return f"/entities/{quote(entity_id, safe='')}"

    def asset(self, name: str) -> str:
        return f"{self._root}assets/{name}" if self.static else f"/static/{name}"


def chain_filename(name: str) -> str:
    """A chain page's file name: the chain's own (Chinese) name, made safe for any file system."""
    return f"{name.translate(UNSAFE_FILENAME)}.html"


def entity_filename(entity_id: str) -> str:
    return f"{entity_id.translate(UNSAFE_FILENAME)}.html"


@cache
def environment() -> Environment:
    """The pages' one Jinja environment (templates of viz/templates, autoescaped); other renderers overlay it."""
    env = Environment(
        loader=PackageLoader("ecograph.viz", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    env.globals.update(look=look, tier_zh=TIER_ZH, relation_zh={k.value: v[1] for k, v in RELATIONS.items()},
                       label_options=[(label.value, style.name_zh) for label, style in LABELS.items()])
    return env


def _render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)


def _legend(labels: Iterable[str], tiers: bool) -> dict[str, list[dict[str, str]]]:
    """Legend rows for the labels a map shows, and the two line styles of SUPPORTS when it has both tiers."""
    present = set(labels)
    items = [
        {"label": label.value, "colour": style.colour, "glyph": style.glyph, "name_zh": style.name_zh}
        for label, style in LABELS.items() if label.value in present
    ]
    if "more" in present:
        items.append({"label": "", "colour": MORE.colour, "glyph": MORE.glyph, "name_zh": MORE.name_zh})
    supports = RELATIONS[RelType.SUPPORTS][0]
    relations = [
        {"tier": STATED, "colour": supports, "name_zh": "支撑：文中明述", "text": "实线 SUPPORTS"},
        {"tier": INFERRED, "colour": supports, "name_zh": "支撑：推断", "text": "虚线"},
    ] if tiers else []
    relations += [
        {"tier": STATED, "colour": colour, "name_zh": name_zh, "text": rel.value}
        for rel, (colour, name_zh) in RELATIONS.items() if rel is not RelType.SUPPORTS or not tiers
    ]
    return {"labels": items, "relations": relations}


# ---------------------------------------------------------------- chain map


def _lab_note(item: models.ChainLab) -> str:
    return f"{TIER_ZH[item.tier.value]}支撑该产业链：" + "；".join(item.why)


def chain_scene(eco: models.ChainEcosystem, links: Links) -> Scene:
    """Who is on a chain's map and in which role, capped per role (edges come after, for kept ids only)."""
    chain = eco.chain
    nodes: dict[str, SceneNode] = {
        chain.id: SceneNode(chain.id, Label.IndustryChain.value, chain.name, "chain", links.entity(chain.id))
    }

    def add(ref: models.EntityRef, role: str, weight: int, note: str = "") -> None:
        if ref.id in nodes:
            nodes[ref.id].weight += weight
        else:
            nodes[ref.id] = SceneNode(ref.id, ref.label, ref.name, role, links.entity(ref.id), note, weight)

    for item in eco.labs:
        add(item.lab, "lab", (4 if item.tier is models.Tier.stated else 0) + len(item.evidence), _lab_note(item))
    for item in eco.labs:
        for host in item.hosts:
            add(host, "host", 1)
    for member in eco.universities + eco.institutes:
        add(member.entity, "lab", len(member.evidence), "；".join(member.why))
    for member in eco.companies:
        add(member.entity, "company", len(member.evidence) + len(member.why), "；".join(member.why))
    for member in eco.programs:
        add(member.entity, "programme", len(member.evidence), "；".join(member.why))
    return cap(Scene(chain.id, list(nodes.values())), CHAIN_CAPS, CHAIN_TITLES)


def _inferred_edges(eco: models.ChainEcosystem, kept: set[str]) -> list[SceneEdge]:
    """Dashed lab → chain edges for labs the graph implies support the chain; their evidence is why."""
    edges: list[SceneEdge] = []
    for item in eco.labs:
        if item.tier is not models.Tier.inferred or item.lab.id not in kept:
            continue
        note = "推断依据：" + "；".join(item.why)
        evidence = item.evidence or [models.Evidence(type="SUPPORTS", sentence="")]
        edges += [
            SceneEdge(item.lab.id, eco.chain.id, "SUPPORTS", e.sentence, e.doc or "", INFERRED, note)
            for e in evidence
        ]
    return edges


def _chain_positions(scene: Scene, edges: Sequence[SceneEdge]) -> dict[str, layout.Point]:
    more = {group.role: group.node_id for group in scene.overflow}
    labs = scene.ids("lab") + ([more["lab"]] if "lab" in more else [])
    lab_ids = set(labs)
    hosts: dict[str, list[str]] = {h: [] for h in scene.ids("host") + ([more["host"]] if "host" in more else [])}
    programmes: dict[str, list[str]] = {
        p: [] for p in scene.ids("programme") + ([more["programme"]] if "programme" in more else [])
    }
    for edge in edges:
        if edge.type == "HOSTS" and edge.source in hosts and edge.target in lab_ids:
            hosts[edge.source].append(edge.target)
        elif edge.type == "FUNDS" and edge.source in programmes:
            programmes[edge.source].append(edge.target)
    companies = scene.ids("company") + ([more["company"]] if "company" in more else [])
    return layout.chain_layout(scene.focus, labs, hosts, companies, programmes, scene.tags())


def render_chain(eco: models.ChainEcosystem, scene: Scene, edges: Sequence[models.PathEdge], links: Links) -> str:
    """A chain's page: the map (stated support solid, inferred dashed), its labs with evidence, its gaps.

    `scene` is `chain_scene(eco, links)`; `edges` are the stored relationships among its nodes.
    """
    kept = {n.id for n in scene.nodes}
    drawn = [
        SceneEdge(e.source, e.target, e.type, e.evidence or "", e.doc or "")
        for e in edges if e.source in kept and e.target in kept
    ]
    drawn += _inferred_edges(eco, kept)
    scene.edges = drawn
    graph = vis_data(scene, _chain_positions(scene, drawn))
    labels = {n.label for n in scene.nodes} | ({"more"} if scene.overflow else set())
    stated = [item for item in eco.labs if item.tier is models.Tier.stated]
    return _render(
        "chain.html", links=links, eco=eco, graph=graph, overflow=scene.overflow,
        legend=_legend(labels, tiers=True), stated=len(stated), inferred=len(eco.labs) - len(stated),
        gap_shown=GAP_SHOWN,
    )


# ---------------------------------------------------------------- entity page


def render_entity(detail: models.EntityDetail, hood: models.Neighbourhood, links: Links) -> str:
    """An entity's page: names, documents, every relationship with its evidence, its neighbourhood map."""
    weight: dict[str, int] = defaultdict(int)
    for rel in detail.relationships:
        weight[rel.other.id] += 1
    nodes = [
        SceneNode(n.id, n.label, n.name, "centre" if n.id == detail.id else "neighbour", links.entity(n.id),
                  weight=weight[n.id])
        for n in hood.nodes
    ]
    scene = cap(Scene(detail.id, nodes), {"neighbour": NEIGHBOUR_CAP}, {"neighbour": "相邻节点"})
    kept = {n.id for n in scene.nodes}
    evidence = {rel.key: rel for rel in detail.relationships if rel.key}
    for edge in hood.edges:
        if edge.source in kept and edge.target in kept:
            stated = evidence.get(edge.key or "")
            scene.edges.append(SceneEdge(edge.source, edge.target, edge.type,
                                         (stated.evidence or "") if stated else "", (stated.doc or "") if stated else ""))
    more = [group.node_id for group in scene.overflow]
    positions = layout.spring_layout(
        detail.id, [(e.source, e.target) for e in scene.edges] + [(detail.id, m) for m in more], kept | set(more)
    )
    graph = vis_data(scene, positions)
    labels = {n.label for n in scene.nodes} | ({"more"} if scene.overflow else set())
    by_type: dict[str, list[models.Relationship]] = defaultdict(list)
    for rel in sorted(detail.relationships, key=lambda r: models.pinyin_key(r.other.name)):
        by_type[rel.type].append(rel)
    return _render(
        "entity.html", links=links, entity=detail, graph=graph, overflow=scene.overflow,
        legend=_legend(labels, tiers=False), by_type=dict(sorted(by_type.items())), hood=hood,
        style=look(detail.label),
    )


# ---------------------------------------------------------------- index, search, not found


def _members(chain: models.ChainSummary) -> int:
    return chain.labs + chain.companies + chain.universities + chain.institutes + chain.programs


def render_index(
    chains: Sequence[models.ChainSummary],
    stats: models.Stats,
    links: Links,
    entities: Sequence[models.EntityRef] = (),
    show_all: bool = False,
) -> str:
    """The start page: the chains with members by size (then pinyin), the graph's totals, and search.
    Chains only mentioned, with no member yet, are folded away below (open with `show_all`).

    A static render passes `entities`, which the page filters in the browser (no server to ask).
    """
    index = [{"name": e.name, "label": look(e.label).name_zh, "href": links.entity(e.id)} for e in entities]
    ordered = sorted(chains, key=lambda c: (-_members(c), models.pinyin_key(c.name)))
    return _render("index.html", links=links, chains=[c for c in ordered if _members(c)],
                   empty=[c for c in ordered if not _members(c)], show_all=show_all, stats=stats, entity_index=index,
                   label_names={label.value: style.name_zh for label, style in LABELS.items()})


def render_search(page: models.EntityPage, links: Links) -> str:
    return _render("search.html", links=links, page=page, query=page.q, label=page.label.value if page.label else "")


def render_not_found(message: str, suggestions: Sequence[str], links: Links) -> str:
    return _render("not_found.html", links=links, message=message, suggestions=list(suggestions))
