"""GraphML export: networkx reads it back with every attribute, hostile text included."""

from __future__ import annotations

import io
import json

import networkx as nx

from ecograph.graph.export import write_graphml
from ecograph.graph.falkordb_store import FalkorStore
from ecograph.graph.model import Edge, Graph, Label, Node, RelType

EVIL = "<script>alert('x')</script> & \"quotes\" \x0b\ufffe 中文"


def test_graphml_round_trips_through_networkx(fresh_store: FalkorStore) -> None:
    lab = Node.make(Label.Lab, "山西省光电信息重点实验室", aliases=["光电实验室"], docs=["a.txt", "b.txt"])
    chain = Node.make(Label.IndustryChain, "光电", name_en="optoelectronics", docs=["a.txt"])
    evil = Node.make(Label.Company, EVIL, docs=["b.txt"])
    edges = [
        Edge(source=lab.id, target=chain.id, type=RelType.SUPPORTS, evidence="光电创新链依托该实验室。", doc="a.txt",
             confidence=0.9, rule="chain_section"),
        Edge(source=evil.id, target=chain.id, type=RelType.BELONGS_TO, evidence=EVIL, doc="b.txt"),
    ]
    fresh_store.write(Graph(nodes=[lab, chain, evil], edges=edges))
    buf = io.StringIO()
    assert write_graphml(fresh_store, buf) == (3, 2)
    g = nx.read_graphml(io.StringIO(buf.getvalue()))
    assert g.number_of_nodes() == 3 and g.number_of_edges() == 2
    node = g.nodes[lab.id]
    assert (node["label"], node["name"]) == ("Lab", "山西省光电信息重点实验室")
    assert json.loads(node["aliases"]) == ["光电实验室"]
    assert json.loads(node["docs"]) == ["a.txt", "b.txt"]
    assert g.nodes[chain.id]["name_en"] == "optoelectronics"
    edge = g.edges[lab.id, chain.id]
    assert (edge["type"], edge["doc"], edge["confidence"]) == ("SUPPORTS", "a.txt", 0.9)
    stripped = EVIL.replace("\x0b", "").replace("\ufffe", "")
    assert g.nodes[evil.id]["name"] == stripped
    assert g.edges[evil.id, chain.id]["evidence"] == stripped
