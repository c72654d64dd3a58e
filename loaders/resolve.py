"""One node per real entity across documents.

Two nodes of the same label are one entity when a name or alias of one equals a name or
alias of the other after normalisation (script, width, quotes), when a bare short company
name starts the core of a full name (ABCD → 某省ABCD光电科技有限公司; the core drops
the region prefix and the legal suffix), or when two platform names differ only by a region
prefix (省X技术创新联合体 / 某市X技术创新联合体). A name that carries its own legal suffix never absorbs a longer
one, so a parent group and its subsidiaries (AB集团 / ABCD) stay apart.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from graph.model import Edge, Graph, Label, Node, node_id, normalise_name
from loaders.lexicon import region_at
from loaders.normalise import to_simplified

_LEGAL = re.compile(r"(?:集团股份有限公司|集团有限公司|股份有限公司|有限责任公司|有限公司|集团公司|股份公司|公司|集团|厂)$")
_PARENS = re.compile(r"[(（][^)）]*[)）]")


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """Normalised, Simplified form of a name: the exact-match key."""
    return normalise_name(to_simplified(re.sub(r"[(（]筹[)）]", "", name)))


@lru_cache(maxsize=65536)
def entity_id(label: Label, name: str) -> str:
    """`graph.model.node_id`, cached: extraction and resolution ask for the same names' ids many times."""
    return node_id(label, name)


def _strip_regions(name: str) -> str:
    prev = None
    while prev != name:
        prev = name
        head = region_at(name, 0)
        if head and len(name) - len(head) >= 2:
            name = name[len(head) :]
        elif name[:1] in "省市" and len(name) > 3:
            name = name[1:]
    return name


@lru_cache(maxsize=65536)
def core(label: Label, name: str) -> str:
    """The distinctive part of a name: no region prefix, no legal suffix, no parenthesis."""
    n = _strip_regions(_PARENS.sub("", key(name)))
    if label == Label.Company:
        n = _LEGAL.sub("", n)
    return n


def _bare(name: str) -> bool:
    return not _LEGAL.search(key(name))


def same_entity(label: Label, a: Node, b: Node) -> bool:
    """Whether two nodes of one label name the same real entity (see module docstring)."""
    uf = _UnionFind.merge_keys(label, [a, b], _UnionFind(2))
    return uf.find(0) == uf.find(1)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    @staticmethod
    def merge_keys(label: Label, nodes: list[Node], uf: _UnionFind, idx: list[int] | None = None) -> _UnionFind:
        """Union the nodes (positions `idx` in `uf`) that share a key, a core, or a bare prefix."""
        idx = idx if idx is not None else list(range(len(nodes)))
        seen: dict[str, int] = {}
        cores: dict[str, int] = {}
        bare: list[tuple[str, int]] = []
        all_cores: list[tuple[str, int]] = []
        for i, n in zip(idx, nodes, strict=True):
            for nm in [n.name, *n.aliases]:
                k = key(nm)
                if k in seen:
                    uf.union(i, seen[k])
                else:
                    seen[k] = i
                if label in (Label.IndustryChain, Label.Program, Label.Region):
                    continue
                c = core(label, nm)
                if len(c) >= (2 if label == Label.Company else 6):
                    if c in cores:
                        uf.union(i, cores[c])
                    else:
                        cores[c] = i
                    all_cores.append((c, i))
                    if label == Label.Company and _bare(nm):
                        bare.append((c, i))
        if bare:
            all_cores.sort()
            keys = [c for c, _ in all_cores]
            for c, i in bare:
                lo = bisect.bisect_left(keys, c)
                while lo < len(keys) and keys[lo].startswith(c):
                    uf.union(i, all_cores[lo][1])
                    lo += 1
        return uf


def resolve(graphs: list[Graph], known: list[Node] | None = None) -> Graph:
    """Merge per-document graphs (and nodes already stored) into one graph of unique entities."""
    known = known or []
    nodes: list[Node] = [*known]
    for g in graphs:
        nodes.extend(g.nodes)
    known_ids = {n.id for n in known}
    uf = _UnionFind(len(nodes))
    by_label: dict[Label, list[int]] = {}
    for i, n in enumerate(nodes):
        by_label.setdefault(n.label, []).append(i)
    for label, idx in by_label.items():
        _UnionFind.merge_keys(label, [nodes[i] for i in idx], uf, idx)

    groups: dict[int, list[int]] = {}
    for i in range(len(nodes)):
        groups.setdefault(uf.find(i), []).append(i)
    remap: dict[str, str] = {}
    out_nodes: list[Node] = []
    for members in groups.values():
        group = [nodes[i] for i in members]
        kid = next((n.id for n in group if n.id in known_ids), None)
        node = _merged(group, kid)
        out_nodes.append(node)
        for n in group:
            remap[n.id] = node.id
    edges: dict[str, Edge] = {}
    for g in graphs:
        for e in g.edges:
            e2 = e.model_copy(update={"source": remap.get(e.source, e.source), "target": remap.get(e.target, e.target)})
            if e2.source != e2.target:
                edges.setdefault(e2.key, e2)
    docs = {d.id: d for g in graphs for d in g.documents}
    return Graph(nodes=out_nodes, edges=list(edges.values()), documents=list(docs.values()))


def _canonical(group: list[Node]) -> str:
    """Fullest form: the longest name; ties go to the name seen first."""
    return max((g.name for g in group), key=len)


def _merged(group: list[Node], known_id: str | None) -> Node:
    """One node for a group: canonical name, every other name as an alias, all documents.

    Its id is the stored node's (`known_id`) or the one its label and canonical name give.
    """
    name = _canonical(group)
    aliases: list[str] = []
    docs: list[str] = []
    for n in group:
        for a in [n.name, *n.aliases]:
            if a != name and a not in aliases:
                aliases.append(a)
        for d in n.docs:
            if d not in docs:
                docs.append(d)
    name_en = next((n.name_en for n in group if n.name_en), None)
    label = group[0].label
    return Node(id=known_id or entity_id(label, name), label=label, name=name, aliases=aliases, docs=docs, name_en=name_en)
