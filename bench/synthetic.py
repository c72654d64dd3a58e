"""Chains of any size built from graph.model objects, for the large-page test and the benchmark."""

from __future__ import annotations

from ecograph.graph.model import Document, Edge, Graph, Label, Node, RelType

DOC = "synthetic.txt"


def chain_graph(chain: str, nodes: int, doc: str = DOC) -> Graph:
    """A chain with about `nodes` entities: 15% labs (two thirds stated), 10% hosts, 65% companies, 10% programmes.

    Inferred labs are hosted by a company of the chain, so queries.chains.chain_ecosystem infers them.
    """
    hub = Node.make(Label.IndustryChain, chain, docs=[doc])
    n_labs, n_hosts, n_programmes = max(1, nodes * 15 // 100), max(1, nodes // 10), max(1, nodes // 10)
    n_companies = max(1, nodes - 1 - n_labs - n_hosts - n_programmes)
    labs = [Node.make(Label.Lab, f"合成测试第{i}号重点实验室", docs=[doc]) for i in range(n_labs)]
    hosts = [Node.make(Label.University, f"合成测试第{i}大学", docs=[doc]) for i in range(n_hosts)]
    companies = [Node.make(Label.Company, f"合成测试第{i}有限公司", docs=[doc]) for i in range(n_companies)]
    programmes = [Node.make(Label.Program, f"合成测试第{i}号科技计划", docs=[doc]) for i in range(n_programmes)]
    edges: list[Edge] = []

    def edge(rel: RelType, a: Node, b: Node) -> None:
        edges.append(Edge(source=a.id, target=b.id, type=rel, doc=doc, evidence=f"{a.name}与{b.name}的关系由本句陈述。"))

    for c in companies:
        edge(RelType.BELONGS_TO, c, hub)
    for i, lab in enumerate(labs):
        if i % 3 == 2:  # inferred: hosted by a member company, no SUPPORTS edge
            edge(RelType.HOSTS, companies[i % len(companies)], lab)
        else:
            edge(RelType.SUPPORTS, lab, hub)
            edge(RelType.HOSTS, hosts[i % len(hosts)], lab)
    for i, p in enumerate(programmes):
        edge(RelType.FUNDS, p, companies[(i * 7) % len(companies)])
    docs = [Document(id=doc, path=doc, sha256="0" * 64)]
    return Graph(nodes=[hub, *labs, *hosts, *companies, *programmes], edges=edges, documents=docs)
