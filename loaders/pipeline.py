"""The extraction stage as pure functions: text in, `Graph` out, no database.

    extract_text(text, doc)          one document's raw text → its graph
    resolve(graphs, known)           per-document graphs (+ stored nodes) → one graph
    extract_texts(docs, known)       both, for a list of (doc_name, text)
"""

from __future__ import annotations

from ecograph.graph import taxonomy
from ecograph.graph.model import Edge, Graph, Label, Node
from ecograph.loaders import resolve as _resolve
from ecograph.loaders.chains import chains
from ecograph.loaders.entities import (
    Mention,
    companies_by_context,
    echo_companies,
    echoed_host_prefixes,
    possessive_labs,
    programs,
    region_parties,
    regions,
)
from ecograph.loaders.names import organisations
from ecograph.loaders.normalise import Cleaned, clean
from ecograph.loaders.relations import RawEdge, deictic_mentions, home_regions, relations
from ecograph.loaders.segment import sentences
from ecograph.loaders.shortnames import (
    academy_hosts,
    company_short_names,
    program_short_names,
    short_forms,
    short_mentions,
)

__all__ = ["extract_text", "extract_texts", "find_mentions", "resolve"]


def find_mentions(c: Cleaned) -> tuple[list[Mention], list[RawEdge], set[tuple[int, int]]]:
    """All mentions and relation instances of one cleaned document, and the spans of the regions
    that act as parties (see entities.region_parties)."""
    text = c.text
    sents = sentences(text)
    orgs = organisations(text, sents)
    orgs += companies_by_context(text, sents, orgs)
    orgs += short_mentions(text, short_forms(text, orgs), orgs)
    orgs += echo_companies(text, orgs)
    orgs += echoed_host_prefixes(text, orgs)
    orgs += academy_hosts(orgs)
    orgs = company_short_names(orgs)
    orgs += possessive_labs(text, orgs)
    progs = program_short_names(programs(text, sents, orgs))
    chs = chains(text, sents, orgs + progs)
    regs = regions(text, sents, orgs + progs + chs)
    home = home_regions(text, regs)
    regs += deictic_mentions(text, home, regs)
    mentions = orgs + progs + chs + regs
    return mentions, relations(text, sents, mentions, home), region_parties(text, sents, regs, orgs)


def _surface_forms(c: Cleaned, m: Mention) -> list[str]:
    """The names a mention is written as: clean, Traditional and raw (pinyin-annotated)."""
    if m.rule in ("region:deictic", "chain:keyword") or m.start >= m.end:
        return []
    forms = [c.text[m.start : m.end]]
    for f in (c.traditional_form(m.start, m.end), c.raw_form(m.start, m.end)):
        if f not in forms and "\n" not in f:
            forms.append(f)
    return forms


def extract_text(text: str, doc: str) -> Graph:
    """Clean one document's raw text and extract its entities and relations (pure)."""
    c = clean(text)
    mentions, raw_edges, parties = find_mentions(c)
    used = {id(e.source) for e in raw_edges} | {id(e.target) for e in raw_edges}
    en = taxonomy.english_names()
    nodes: dict[str, Node] = {}
    # Mentions repeat a name many times and each edge end is a mention again: build each node
    # and each span's surface forms once.
    by_name: dict[tuple[Label, str], Node] = {}
    forms_at: dict[tuple[int, int, str], list[str]] = {}

    def node_for(m: Mention) -> Node:
        cur = by_name.get((m.label, m.name))
        if cur is None:
            n = Node(id=_resolve.entity_id(m.label, m.name), label=m.label, name=m.name, docs=[doc])
            cur = by_name[(m.label, m.name)] = nodes.setdefault(n.id, n)
        forms = forms_at.get((m.start, m.end, m.rule))
        if forms is None:
            forms = forms_at[(m.start, m.end, m.rule)] = _surface_forms(c, m)
        for f in forms:
            if f != cur.name and f not in cur.aliases:
                cur.aliases.append(f)
        if m.label == Label.IndustryChain and cur.name in en and not cur.name_en:
            cur.name_en = en[cur.name][0]
        return cur

    for m in mentions:
        if m.label == Label.Region and (m.start, m.end) not in parties and id(m) not in used:
            continue
        if m.rule == "region:deictic" and id(m) not in used:
            continue
        node_for(m)
    edges: list[Edge] = []
    for e in raw_edges:
        s, o = node_for(e.source), node_for(e.target)
        edges.append(
            Edge(
                source=s.id,
                target=o.id,
                type=e.type,
                evidence=e.sentence.text,
                doc=doc,
                start=e.sentence.start,
                end=e.sentence.end,
                rule=e.rule,
                confidence=e.confidence,
            )
        )
    return _resolve.resolve([Graph(nodes=list(nodes.values()), edges=edges)])


def resolve(graphs: list[Graph], known: list[Node] | None = None) -> Graph:
    """Merge per-document graphs into one; `known` nodes keep their ids. See loaders.resolve."""
    return _resolve.resolve(graphs, known)


def extract_texts(docs: list[tuple[str, str]], known: list[Node] | None = None) -> Graph:
    """Extract each (doc_name, text) and resolve them together (and against `known`)."""
    return resolve([extract_text(text, name) for name, text in docs], known)
