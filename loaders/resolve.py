"""One node per real entity across documents.

Two nodes of the same label are one entity when a name or alias of one equals a name or
alias of the other after normalisation (script, width, quotes), when a bare short company
name starts the core of a full name (中科潞安 → 山西中科潞安紫外光电科技有限公司; the core drops
the region prefix and the legal suffix), or when two platform names differ only by a region
prefix (省全钒… / 开封全钒…). A name that carries its own legal suffix never absorbs a longer
one, so a parent group and its subsidiaries (潞宝集团 / 潞宝兴海) stay apart.
"""

from __future__ import annotations

import re

from graph.model import Edge, Graph, Label, Node, normalise_name
from loaders.entities import lexicon
from loaders.normalise import to_simplified

_LEGAL = re.compile(r"(?:集团股份有限公司|集团有限公司|股份有限公司|有限责任公司|有限公司|集团公司|股份公司|公司|集团|厂)$")
_INDUSTRY_TAIL = re.compile(r"(?:科技|技术|实业|控股|发展|工业|电子|光电|新材料|新能源|机械|制造|装备|药业|制药|化工)+$")
_PARENS = re.compile(r"[(（][^)）]*[)）]")


def key(name: str) -> str:
    """Normalised, Simplified form of a name: the exact-match key."""
    return normalise_name(to_simplified(re.sub(r"[(（]筹[)）]", "", name)))


def _strip_regions(name: str) -> str:
    lex = lexicon()
    prev = None
    while prev != name:
        prev = name
        m = lex.region_re.match(name)
        if m and len(name) - m.end() >= 2:
            name = name[m.end() :]
        elif name[:1] in "省市" and len(name) > 3:
            name = name[1:]
    return name


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
    ka = {key(n) for n in [a.name, *a.aliases]}
    kb = {key(n) for n in [b.name, *b.aliases]}
    if ka & kb:
        return True
    if label in (Label.IndustryChain, Label.Program, Label.Region):
        return False
    ca = {core(label, n) for n in [a.name, *a.aliases]}
    cb = {core(label, n) for n in [b.name, *b.aliases]}
    if label == Label.Company:
        for x, y, ys in ((a, b, cb), (b, a, ca)):
            for n in [x.name, *x.aliases]:
                c = core(label, n)
                if _bare(n) and len(c) >= 2 and any(o.startswith(c) for o in ys):
                    return True
        return bool({c for c in ca if len(c) >= 2} & cb)
    return bool({c for c in ca if len(c) >= 6} & cb)


def _canonical(group: list[Node]) -> str:
    """Fullest form: the longest name; ties go to the name seen first."""
    names = [g.name for g in group]
    return max(names, key=len)


def resolve(graphs: list[Graph], known: list[Node] | None = None) -> Graph:
    """Merge per-document graphs (and nodes already stored) into one graph of unique entities."""
    known = known or []
    nodes: list[Node] = [*known]
    for g in graphs:
        nodes.extend(g.nodes)
    known_ids = {n.id for n in known}
    parent = list(range(len(nodes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_label: dict[Label, list[int]] = {}
    for i, n in enumerate(nodes):
        by_label.setdefault(n.label, []).append(i)
    for label, idx in by_label.items():
        index: dict[str, int] = {}
        for i in idx:
            for nm in [nodes[i].name, *nodes[i].aliases]:
                k = key(nm)
                if k in index:
                    parent[find(i)] = find(index[k])
                else:
                    index[k] = i
        reps = sorted({find(i) for i in idx})
        for x in range(len(reps)):
            for y in range(x + 1, len(reps)):
                ra, rb = find(reps[x]), find(reps[y])
                if ra != rb and same_entity(label, _merged([nodes[j] for j in idx if find(j) == ra]), _merged([nodes[j] for j in idx if find(j) == rb])):
                    parent[rb] = ra

    groups: dict[int, list[int]] = {}
    for i in range(len(nodes)):
        groups.setdefault(find(i), []).append(i)
    remap: dict[str, str] = {}
    out_nodes: list[Node] = []
    for members in groups.values():
        group = [nodes[i] for i in members]
        merged = _merged(group)
        kid = next((n.id for n in group if n.id in known_ids), None)
        node = merged.model_copy(update={"id": kid or Node.make(merged.label, merged.name).id})
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


def _merged(group: list[Node]) -> Node:
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
    return Node(id=group[0].id, label=group[0].label, name=name, aliases=aliases, docs=docs, name_en=name_en)
