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
from collections import defaultdict
from functools import lru_cache

from ecograph.graph.export import iter_entities
from ecograph.graph.model import Edge, Graph, Label, Node, node_id
from ecograph.graph.names import normalise_name, to_simplified
from ecograph.graph.store import GraphStore
from ecograph.loaders.lexicon import lexicon, region_at

_LEGAL = re.compile(r"(?:集团股份有限公司|集团有限公司|股份有限公司|有限责任公司|有限公司|集团公司|股份公司|公司|集团|厂)$")
_PARENS = re.compile(r"[(（][^)）]*[)）]")
# Labels merged on exact keys only: their short cores (a chain word, a programme line, a region) are too generic.
_NO_CORES = frozenset({Label.IndustryChain, Label.Program, Label.Region})


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """Normalised, Simplified form of a name: the exact-match key. An academy's standard short
    name is spelled out (中科院X → 中国科学院X), so both forms of one institute meet."""
    k = normalise_name(to_simplified(re.sub(r"[(（]筹[)）]", "", name)))
    for short, full in lexicon().academy_short.items():
        if k.startswith(short):
            return full + k[len(short) :]
    return k


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
                if label in _NO_CORES:
                    continue
                c = core(label, nm)
                if len(c) >= _core_floor(label):
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


def _core_floor(label: Label) -> int:
    """The shortest core resolve.merge_keys compares (shorter ones are too generic to merge on)."""
    return 2 if label == Label.Company else 6


def _index(index: dict[str, list[str]], token: str, id_: str) -> None:
    ids = index.setdefault(token, [])
    if id_ not in ids:
        ids.append(id_)


class KnownEntities:
    """The store's entities as resolution needs them, indexed by what `merge_keys` matches on.

    Read once per run with the id-range iterator (linear), then kept current with what this run
    writes (`add` mirrors merge_nodes.cypher), instead of re-reading the store for every group.
    `candidates` gives resolve only the stored entities a group can merge with — those sharing a
    key or core with it, or in a bare-name prefix relation (merge_keys's rules), closed
    transitively — in id order, as the whole store would have given them. It costs ~1.5 KB of
    memory per stored entity (names, keys, cores), the price of not asking the store per group.

    A second writer: entities another process stores during this run are not seen, so a mention
    of one under another name (an abbreviation, a Traditional form) becomes a separate entity;
    under the same canonical name both runs derive the same id and MERGE makes it one. Run one
    writer at a time (the API serialises its own ingests; a CLI ingest beside it is not).
    """

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.reload()

    def reload(self) -> None:
        """(Re)read every stored entity."""
        self._rec: dict[str, tuple[Label, str, tuple[str, ...], str | None]] = {}
        self._keys: dict[Label, dict[str, list[str]]] = defaultdict(dict)
        self._cores: dict[Label, dict[str, list[str]]] = defaultdict(dict)
        self._bare: dict[str, list[str]] = {}  # core of a bare company name → ids
        self._company_cores: list[str] = []  # sorted when `_sorted` is False, for prefix ranges
        self._sorted = True
        for r in iter_entities(self.store):
            self._put(r["id"], Label(r["label"]), r["name"], tuple(r["aliases"] or ()), r["name_en"])

    def _put(self, id_: str, label: Label, name: str, aliases: tuple[str, ...], name_en: str | None) -> None:
        self._rec[id_] = (label, name, aliases, name_en)
        for nm in (name, *aliases):
            k = key(nm)
            _index(self._keys[label], nm if k == nm else k, id_)  # share the string when it is its own key
            if label in _NO_CORES:
                continue
            c = core(label, nm)
            if len(c) < _core_floor(label):
                continue
            cores = self._cores[label]
            if label == Label.Company and c not in cores:
                self._company_cores.append(c)
                self._sorted = False
            _index(cores, c, id_)
            if label == Label.Company and _bare(nm):
                _index(self._bare, c, id_)

    def _matches(self, label: Label, nm: str) -> set[str]:
        found = set(self._keys[label].get(key(nm), ()))
        if label in _NO_CORES:
            return found
        c = core(label, nm)
        if len(c) < _core_floor(label):
            return found
        cores = self._cores[label]
        found.update(cores.get(c, ()))
        if label == Label.Company:
            for i in range(2, len(c)):  # stored bare names whose core begins this one
                found.update(self._bare.get(c[:i], ()))
            if _bare(nm):  # stored names whose core begins with this bare one
                if not self._sorted:
                    self._company_cores.sort()
                    self._sorted = True
                at = bisect.bisect_left(self._company_cores, c)
                while at < len(self._company_cores) and self._company_cores[at].startswith(c):
                    found.update(cores[self._company_cores[at]])
                    at += 1
        return found

    def candidates(self, graphs: list[Graph]) -> list[Node]:
        """The stored entities these graphs' nodes may resolve to, and what those may, in id order."""
        frontier = [(n.label, nm) for g in graphs for n in g.nodes for nm in (n.name, *n.aliases)]
        ids: set[str] = set()
        while frontier:
            new = set().union(*(self._matches(label, nm) for label, nm in frontier)) - ids
            ids |= new
            frontier = [(self._rec[i][0], nm) for i in new for nm in (self._rec[i][1], *self._rec[i][2])]
        out: list[Node] = []
        for i in sorted(ids):
            label, name, aliases, name_en = self._rec[i]
            out.append(Node(id=i, label=label, name=name, aliases=list(aliases), name_en=name_en))
        return out

    def add(self, written: list[Node]) -> None:
        """Fold written entities in as merge_nodes.cypher stores them: the longer name wins, every other is an alias."""
        for n in written:
            old = self._rec.get(n.id)
            prev_name, prev_aliases, prev_en = (old[1], old[2], old[3]) if old else (n.name, (), None)
            name = n.name if len(n.name) > len(prev_name) else prev_name
            aliases = tuple(a for a in dict.fromkeys((*prev_aliases, prev_name, *n.aliases, n.name)) if a != name)
            self._put(n.id, n.label, name, aliases, prev_en or n.name_en)
