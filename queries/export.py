"""Rows to export: the whole graph streamed, or one chain's ecosystem."""

from __future__ import annotations

from collections.abc import Iterator

from ecograph import queries
from ecograph.graph.export import iter_edges, iter_entities
from ecograph.graph.store import GraphStore, Row
from ecograph.queries.chains import ChainCache, chain_ecosystem


def iter_whole_graph(store: GraphStore) -> tuple[Iterator[Row], Iterator[Row]]:
    """Node and edge rows of the whole graph, streamed in id-range pages (linear in the graph's size)."""
    return iter_entities(store), iter_edges(store)


def chain_subgraph_rows(store: GraphStore, name: str, cache: ChainCache | None = None) -> tuple[list[Row], list[Row]]:
    """Node and edge rows (shaped like list_entities / list_edges) of a chain's ecosystem, for export."""
    eco = chain_ecosystem(store, name, cache)
    ids = {eco.chain.id}
    ids |= {ref.id for item in eco.labs for ref in [item.lab, *item.hosts, *item.partners]}
    ids |= {m.entity.id for group in (eco.companies, eco.universities, eco.institutes, eco.programs) for m in group}
    id_list = sorted(ids)
    return (queries.run(store, "list_entities_by_ids", {"ids": id_list}),
            queries.run(store, "list_edges_among", {"ids": id_list}))
