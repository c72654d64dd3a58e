"""GraphML streamed from the store: constant memory, readable by Gephi, Cytoscape, yEd and networkx.

Nodes carry `label`, `name`, `aliases` (JSON list), `docs` (JSON list), `name_en`; edges carry
`type`, `evidence`, `doc`, `confidence`, `rule`. Text is XML-escaped and stripped of the
characters XML 1.0 forbids, so hostile document text still yields a valid file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from graph.store import GraphStore, Row

_XML_ESCAPE = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
    | {c: None for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)}
)
ID_PAGE = 20_000  # internal ids per export query: big enough to amortise a round trip, small enough to stay flat
NODE_KEYS = (("label", "string"), ("name", "string"), ("aliases", "string"), ("docs", "string"), ("name_en", "string"))
EDGE_KEYS = (("type", "string"), ("evidence", "string"), ("doc", "string"), ("confidence", "double"), ("rule", "string"))


def _xml(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text.translate(_XML_ESCAPE)  # one C-level pass: escape and drop what XML 1.0 forbids


def _data(key: str, value: Any) -> str:
    if value is None:
        return ""
    return f'<data key="{key}">{_xml(value)}</data>'


def iter_graphml(nodes: Iterable[Row], edges: Iterable[Row]) -> Iterator[str]:
    """GraphML text in chunks, one element a chunk, from node and edge rows as the queries return them."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
    for name, kind in NODE_KEYS:
        yield f'  <key id="n_{name}" for="node" attr.name="{name}" attr.type="{kind}"/>\n'
    for name, kind in EDGE_KEYS:
        yield f'  <key id="e_{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>\n'
    yield '  <graph id="ecograph" edgedefault="directed">\n'
    for n in nodes:
        body = "".join(_data(f"n_{k}", n.get(k)) for k, _ in NODE_KEYS)
        yield f'    <node id="{_xml(n["id"])}">{body}</node>\n'
    for e in edges:
        body = "".join(_data(f"e_{k}", e.get(k)) for k, _ in EDGE_KEYS)
        yield f'    <edge id="{_xml(e["key"])}" source="{_xml(e["source"])}" target="{_xml(e["target"])}">{body}</edge>\n'
    yield "  </graph>\n</graphml>\n"


def _by_id_range(store: GraphStore, name: str, page: int) -> Iterator[Row]:
    """Rows of an `$lo`/`$hi` query over every internal id: linear in the graph, one page in memory."""
    hi = store.run("max_entity_id")[0]["hi"]
    if hi is None:
        return
    for lo in range(0, hi + 1, page):
        yield from store.run(name, {"lo": lo, "hi": lo + page})


def iter_entities(store: GraphStore, page: int = ID_PAGE) -> Iterator[Row]:
    """Every entity once, in id-range pages (for export; `list_entities` pages by SKIP and sorts)."""
    return _by_id_range(store, "export_entities", page)


def iter_edges(store: GraphStore, page: int = ID_PAGE) -> Iterator[Row]:
    """Every relationship once, paged by its source's id range."""
    return _by_id_range(store, "export_edges", page)


def write_graphml(store: GraphStore, out: IO[str]) -> tuple[int, int]:
    """Stream the whole graph into `out`; returns (nodes, edges) written."""
    counts = [0, 0]

    def counted(rows: Iterable[Row], i: int) -> Iterator[Row]:
        for row in rows:
            counts[i] += 1
            yield row

    for chunk in iter_graphml(counted(iter_entities(store), 0), counted(iter_edges(store), 1)):
        out.write(chunk)
    return counts[0], counts[1]
