"""Entities: search by name, one entity with its relationships, a neighbourhood, edges among a set."""

from __future__ import annotations

from collections.abc import Iterable

from ecograph import queries
from ecograph.graph.errors import NotFound
from ecograph.graph.model import Label
from ecograph.graph.names import normalise_name, to_simplified, to_traditional
from ecograph.graph.store import GraphStore, Row
from ecograph.queries import provenance
from ecograph.queries.chain_names import resolve_chain
from ecograph.queries.models import (
    DEFAULT_PAGE,
    HUBS,
    MAX_DEPTH,
    MAX_NEIGHBOURS,
    MAX_PAGE,
    MAX_RELATIONSHIPS,
    EntityDetail,
    EntityPage,
    EntityRef,
    EntitySummary,
    GraphEdge,
    HostedLab,
    Neighbourhood,
    NeighbourNode,
    PathEdge,
    Relationship,
    clamp_page,
    entity_ref,
    evidence_of,
    pinyin_key,
    shown_aliases,
)


def search_entities(
    store: GraphStore, q: str, label: Label | None = None, limit: int = DEFAULT_PAGE, offset: int = 0
) -> EntityPage:
    """Entities whose name or an alias contains `q`, in Simplified or Traditional script, any case."""
    limit, offset = clamp_page(limit, offset)
    raw = q.strip().lower()
    terms = sorted({t for t in (raw, to_simplified(raw), to_traditional(raw)) if t})
    label_value = label.value if label else None
    if not terms:
        return EntityPage(q=q, label=label, total=0, limit=limit, offset=offset, items=[])
    params = {"terms": terms, "label": label_value}
    total = queries.run(store, "count_entities_matching", params)[0]["total"]
    rows = queries.run(store, "search_entities", {**params, "skip": offset, "limit": limit})
    items = [
        EntitySummary(id=r["id"], label=r["label"], name=r["name"], aliases=shown_aliases(r["name"], r["aliases"]),
                      name_en=r["name_en"], docs=r["docs"] or [])
        for r in rows
    ]
    return EntityPage(q=q, label=label, total=total, limit=limit, offset=offset, items=items)


def entity_row(store: GraphStore, entity_id: str) -> Row:
    rows = queries.run(store, "get_entity", {"id": entity_id})
    if not rows:
        hits = search_entities(store, entity_id, limit=5).items
        raise NotFound(f"没有 id 为「{entity_id}」的实体（no entity with id {entity_id!r}）",
                       [f"{h.name} ({h.id})" for h in hits])
    return rows[0]


def resolve_entity_id(store: GraphStore, text: str) -> str:
    """The id of the entity a user means by `text`: an id as it is, else a chain by any of its names,
    else the entity whose name or alias is exactly `text`. Raises NotFound with close names."""
    if queries.run(store, "get_entity", {"id": text}):
        return text
    try:
        return resolve_chain(store, text).id
    except NotFound:
        pass
    key = normalise_name(to_simplified(text))
    hits = search_entities(store, text, limit=MAX_PAGE).items
    exact = [h for h in hits if key in {normalise_name(to_simplified(n)) for n in [h.name, *h.aliases]}]
    if exact:
        return exact[0].id
    raise NotFound(f"没有找到实体「{text}」：它既不是实体 id，也不是实体或产业链的名称（no entity {text!r}）",
                   [f"{h.name} ({h.id})" for h in hits[:5]])


def entity_detail(store: GraphStore, entity_id: str) -> EntityDetail:
    """One entity: label, names, documents and every relationship with its evidence."""
    row = entity_row(store, entity_id)
    rels = queries.run(store, "list_entity_relationships", {"id": entity_id, "limit": MAX_RELATIONSHIPS})
    out_count = sum(1 for r in rels if r["direction"] == "out")
    found = provenance.citations(store, (r["doc"] for r in rels))
    relationships = [
        Relationship(key=r["key"], type=r["type"], direction=r["direction"], other=entity_ref(r),
                     evidence=r["evidence"], doc=r["doc"], confidence=r["confidence"], rule=r["rule"],
                     doc_title=found[r["doc"]].title if r["doc"] in found else None,
                     doc_date=r["doc_date"] or (found[r["doc"]].date if r["doc"] in found else None),
                     first_seen=r["first_seen"], first_seen_at=r["first_seen_at"])
        for r in rels
    ]
    return EntityDetail(
        id=row["id"], label=row["label"], name=row["name"], aliases=shown_aliases(row["name"], row["aliases"]),
        name_en=row["name_en"], docs=row["docs"] or [],
        relationships=relationships,
        truncated=MAX_RELATIONSHIPS in (out_count, len(rels) - out_count),
        hosted_labs=hosted_labs(store, entity_id),
        timeline=provenance.timeline(relationships, found),
    )


def hosted_labs(store: GraphStore, entity_id: str) -> list[HostedLab]:
    """The labs an entity hosts, each with the chains it is stated to support, in pinyin order."""
    labs: dict[str, HostedLab] = {}
    for r in queries.run(store, "list_hosted_lab_chains", {"id": entity_id}):
        item = labs.setdefault(r["lab_id"], HostedLab(lab=EntityRef(id=r["lab_id"], label=Label.Lab, name=r["lab_name"])))
        chain = EntityRef(id=r["chain_id"], label=Label.IndustryChain, name=r["chain_name"]) if r["chain_id"] else None
        if chain and chain not in item.chains:
            item.chains.append(chain)
        item.evidence += [e for e in evidence_of("SUPPORTS", r["evidence"], r["doc"], None)
                          if (e.sentence, e.doc) not in {(x.sentence, x.doc) for x in item.evidence}]
    for item in labs.values():
        item.chains.sort(key=lambda c: pinyin_key(c.name))
    return sorted(labs.values(), key=lambda x: pinyin_key(x.lab.name))


def neighbours(store: GraphStore, entity_id: str, depth: int = 1, limit: int = 100) -> Neighbourhood:
    """Entities within `depth` (1..3) hops, breadth first, at most `limit` nodes besides the centre.
    A region or chain reached on the way is listed but not expanded: its 100K+ members would be read
    for an arbitrary `limit` of them."""
    depth = max(1, min(depth, MAX_DEPTH))
    limit = max(1, min(limit, MAX_NEIGHBOURS))
    center = entity_ref(entity_row(store, entity_id))
    nodes: dict[str, NeighbourNode] = {center.id: NeighbourNode(**center.model_dump(), distance=0)}
    edges: dict[str, GraphEdge] = {}
    frontier, truncated = [center.id], False
    for distance in range(1, depth + 1):
        if not frontier:
            break
        rows = queries.run(store, "list_adjacent_edges", {"ids": frontier, "limit": limit + 1})
        frontier = []
        for r in rows:
            if r["id"] not in nodes:
                if len(nodes) > limit:
                    truncated = True
                    continue
                nodes[r["id"]] = NeighbourNode(id=r["id"], label=r["label"], name=r["name"], distance=distance)
                frontier += [] if r["label"] in HUBS else [r["id"]]
            edges.setdefault(r["key"] or f"{r['source']}-{r['type']}-{r['target']}",
                             GraphEdge(key=r["key"], type=r["type"], source=r["source"], target=r["target"]))
    return Neighbourhood(center=center, depth=depth, limit=limit, nodes=list(nodes.values()),
                         edges=list(edges.values()), truncated=truncated)


def edges_among(store: GraphStore, ids: Iterable[str]) -> list[PathEdge]:
    """The stored relationships among a set of entities, with their evidence."""
    return [
        PathEdge(key=r["key"], type=r["type"], source=r["source"], target=r["target"], evidence=r["evidence"], doc=r["doc"])
        for r in queries.run(store, "list_edges_among", {"ids": sorted(ids)})
    ]
