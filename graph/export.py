"""GraphML streamed from the store: constant memory, readable by Gephi, Cytoscape, yEd and networkx.

Nodes carry `label`, `name`, `aliases` (JSON list), `docs` (JSON list), `name_en`; edges carry
`type`, `evidence`, `doc`, `confidence`, `rule`. Text is XML-escaped and stripped of the
characters XML 1.0 forbids, so hostile document text still yields a valid file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from graph.store import GraphStore, Row

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
NODE_KEYS = (("label", "string"), ("name", "string"), ("aliases", "string"), ("docs", "string"), ("name_en", "string"))
EDGE_KEYS = (("type", "string"), ("evidence", "string"), ("doc", "string"), ("confidence", "double"), ("rule", "string"))


def _xml(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = _XML_FORBIDDEN.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


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


def write_graphml(store: GraphStore, out: IO[str]) -> tuple[int, int]:
    """Stream the whole graph into `out`; returns (nodes, edges) written."""
    counts = [0, 0]

    def counted(rows: Iterable[Row], i: int) -> Iterator[Row]:
        for row in rows:
            counts[i] += 1
            yield row

    for chunk in iter_graphml(counted(store.iter_rows("list_entities"), 0), counted(store.iter_rows("list_edges"), 1)):
        out.write(chunk)
    return counts[0], counts[1]
