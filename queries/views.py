"""The read layer the API and the HTML pages share: typed answers built from named queries.

Every function takes a `GraphStore` and returns a pydantic model, so the JSON API, the pages in
viz/ and the tests all see the same answer to "which labs support the photovoltaic chain".
No Cypher here: each question is one or a few `.cypher` files in this folder; what is done in
Python is what Cypher does badly (name resolution with OpenCC and fuzzy suggestions, keyword
checks against the chain taxonomy, merging tiers).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal, NamedTuple
from weakref import WeakKeyDictionary

import opencc
from pydantic import BaseModel, Field
from rapidfuzz import fuzz, process

from graph.errors import NotFound, QueryFailed
from graph.model import Label, normalise_name
from graph.export import iter_edges, iter_entities
from graph.store import GraphStore, Row
from loaders.normalise import PINYIN_GLOSS

DEFAULT_PAGE = 20
MAX_PAGE = 200
MAX_RELATIONSHIPS = 500
MAX_NEIGHBOURS = 500
MAX_DEPTH = 3
MAX_PATH_LEN = 6
MAX_PATHS = 20
MAX_PATH_STEP = 5000  # relationships read per breadth-first level of a path search
_HUBS = {Label.Region.value, Label.IndustryChain.value}  # never inside a path
MAX_KEYWORD_LABS = 200
KEYWORD_SCAN_MS = 1000  # once per chain and graph change (the result is kept), not per page
_CHAIN_SUFFIXES = ("产业创新链", "创新链", "产业链", "产业")
_MIN_TERM = 2  # one-character keywords match everything


# ---------------------------------------------------------------- models


class EntityRef(BaseModel):
    """Enough of an entity to name it and link to it."""

    id: str
    label: str
    name: str


class Evidence(BaseModel):
    """The sentence of a document that states a relationship."""

    type: str
    sentence: str
    doc: str | None = None
    confidence: float | None = None


class ChainRef(BaseModel):
    """An industry chain and the names it is known by."""

    id: str
    name: str
    name_en: str | None = None
    aliases: list[str] = Field(default_factory=list)


class ChainSummary(ChainRef):
    """A chain with counts of what is linked to it (stated or hosted; keyword matches not counted)."""

    labs: int = 0
    companies: int = 0
    universities: int = 0
    institutes: int = 0
    programs: int = 0


class Tier(StrEnum):
    """Why a lab is listed for a chain: a document says so, or the graph implies it."""

    stated = "stated"
    inferred = "inferred"


class ChainLab(BaseModel):
    """One lab of a chain, with why it is listed, who hosts it and the sentences behind it."""

    lab: EntityRef
    tier: Tier
    why: list[str]
    hosts: list[EntityRef] = Field(default_factory=list)
    partners: list[EntityRef] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    docs: list[str] = Field(default_factory=list)


class ChainLabs(BaseModel):
    """Answer to "which labs support chain X": stated labs first, then inferred ones."""

    chain: ChainRef
    stated: int
    inferred: int
    keyword_complete: bool = Field(description=(
        "false when the keyword part of the inferred tier is cut short: its scan of every lab and "
        "sentence ran out of time (large graphs) or found more keyword-only labs than are kept; "
        "`inferred` and the pages after the hosted labs then miss some labs"))
    limit: int
    offset: int
    labs: list[ChainLab]


class ChainMember(BaseModel):
    """A company, university, institute or programme linked to a chain, and how."""

    entity: EntityRef
    why: list[str]
    evidence: list[Evidence] = Field(default_factory=list)


class ChainGaps(BaseModel):
    """What a planner looks for: where the ecosystem has no lab."""

    companies_without_lab: list[EntityRef] = Field(description="companies in the chain that host or cooperate with none of its labs")
    labs_without_host: list[EntityRef] = Field(description="labs of the chain with no host in the graph")
    chains_without_lab: list[ChainRef] = Field(description="every chain with no stated or hosted lab")


class ChainEcosystem(BaseModel):
    """A chain's ecosystem: its labs (both tiers), members, funders and gaps."""

    chain: ChainRef
    labs: list[ChainLab]
    companies: list[ChainMember]
    universities: list[ChainMember]
    institutes: list[ChainMember]
    programs: list[ChainMember]
    gaps: ChainGaps


class EntitySummary(EntityRef):
    """A search hit."""

    aliases: list[str] = Field(default_factory=list)
    name_en: str | None = None
    docs: list[str] = Field(default_factory=list)


class EntityPage(BaseModel):
    """One page of search hits."""

    q: str
    label: str | None
    total: int
    limit: int
    offset: int
    items: list[EntitySummary]


class Relationship(BaseModel):
    """One stated relationship of an entity, seen from that entity."""

    key: str | None
    type: str
    direction: Literal["out", "in"]
    other: EntityRef
    evidence: str | None
    doc: str | None
    confidence: float | None
    rule: str | None = None


class EntityDetail(EntitySummary):
    """One entity with every relationship (up to MAX_RELATIONSHIPS each way)."""

    relationships: list[Relationship]
    truncated: bool = False


class NeighbourNode(EntityRef):
    """An entity of a neighbourhood and its distance in hops from the centre."""

    distance: int


class GraphEdge(BaseModel):
    """A relationship between two entities of a returned subgraph."""

    key: str | None
    type: str
    source: str
    target: str


class Neighbourhood(BaseModel):
    """The entities within `depth` hops of one, bounded by `limit` nodes."""

    center: EntityRef
    depth: int
    limit: int
    nodes: list[NeighbourNode]
    edges: list[GraphEdge]
    truncated: bool


class PathEdge(GraphEdge):
    """One hop of a path, with its evidence."""

    evidence: str | None = None
    doc: str | None = None


class Path(BaseModel):
    """One shortest path: nodes in order and the relationships between them."""

    nodes: list[EntityRef]
    edges: list[PathEdge]


class PathsResult(BaseModel):
    """How two entities are connected (empty `paths`: not within `max_len` hops)."""

    source: EntityRef
    target: EntityRef
    max_len: int
    paths: list[Path]


class Stats(BaseModel):
    """What the graph holds."""

    labels: dict[str, int]
    types: dict[str, int]
    documents: int


# ---------------------------------------------------------------- names


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


@lru_cache(maxsize=8192)
def _key(text: str) -> str:
    """Lookup form of a chain name: simplified, normalised, plural 's' and chain suffixes dropped."""
    key = normalise_name(_t2s().convert(text))
    for suffix in _CHAIN_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
            break
    if key.isascii() and key.endswith("s") and len(key) > 3:
        key = key[:-1]
    return key


@cache
def _taxonomy() -> tuple[dict[str, Any], ...]:
    """The loaders' general chain taxonomy (canonical, en, synonyms, keywords)."""
    text = resources.files("graph").joinpath("data/chains.json").read_text(encoding="utf-8")
    return tuple(json.loads(text)["chains"])


@cache
def _taxonomy_index() -> dict[str, dict[str, Any]]:
    """Taxonomy entries by the lookup key of their canonical name and synonyms (canonical wins)."""
    index: dict[str, dict[str, Any]] = {}
    for entry in _taxonomy():
        for synonym in entry["synonyms"]:
            index.setdefault(_key(synonym), entry)
    for entry in _taxonomy():
        index[_key(entry["canonical"])] = entry
    return index


def _taxonomy_entry(chain: ChainRef) -> dict[str, Any] | None:
    index = _taxonomy_index()
    for name in [chain.name, *chain.aliases]:
        if _key(name) in index:
            return index[_key(name)]
    return None


def _chain_names(chain: ChainRef) -> list[tuple[int, str]]:
    """(priority, name) for every name a chain answers to; lower priority wins a clash."""
    names = [(0, chain.name)] + [(1, a) for a in chain.aliases]
    if chain.name_en:
        names.append((2, chain.name_en))
    entry = _taxonomy_entry(chain)
    if entry:
        names += [(3, n) for n in [entry["canonical"], *entry["synonyms"], *entry["en"]]]
    return names


def _chains(store: GraphStore) -> list[ChainRef]:
    return [
        ChainRef(id=r["id"], name=r["name"], name_en=r["name_en"], aliases=r["aliases"] or [])
        for r in store.run("list_chain_names")
    ]


def resolve_chain(store: GraphStore, name: str) -> ChainRef:
    """The chain a user means by `name`: canonical, alias, Traditional script or English, any case.

    Raises NotFound with the closest chain names when nothing matches.
    """
    return _resolve(_chains(store), name)


def _resolve(chains: list[ChainRef], name: str) -> ChainRef:
    wanted = _key(name)
    best: dict[str, tuple[int, ChainRef]] = {}
    prefixes: dict[str, set[str]] = defaultdict(set)
    for chain in chains:
        for priority, alias in _chain_names(chain):
            key = _key(alias)
            if key not in best or priority < best[key][0]:
                best[key] = (priority, chain)
            if alias.isascii():
                words = alias.lower().split()
                for n in range(1, len(words)):
                    prefixes[_key(" ".join(words[:n]))].add(chain.id)
    for key, ids in prefixes.items():  # "hydrogen" for "hydrogen energy", unless several chains start so
        if key not in best and len(ids) == 1:
            best[key] = (4, next(c for c in chains if c.id in ids))
    if wanted and wanted in best:
        return best[wanted][1]
    raise NotFound(f"no industry chain named {name!r}", _suggest(wanted, best))


def _suggest(wanted: str, names: dict[str, tuple[int, ChainRef]], limit: int = 5) -> list[str]:
    """Canonical names of the chains whose names are closest to what was asked."""
    if not wanted:
        return []
    hits = process.extract(wanted, list(names), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=50)
    out: list[str] = []
    for key, _, _ in hits:
        chain_name = names[key][1].name
        if chain_name not in out:
            out.append(chain_name)
    return out[:limit]


# ---------------------------------------------------------------- chains


def _ref(row: Row) -> EntityRef:
    return EntityRef(id=row["id"], label=row["label"], name=row["name"])


def _evidence(type_: str, sentence: str | None, doc: str | None, confidence: float | None) -> list[Evidence]:
    return [Evidence(type=type_, sentence=sentence, doc=doc, confidence=confidence)] if sentence else []


def _links(store: GraphStore, chain_ids: list[str]) -> list[Row]:
    return store.run("list_chain_links", {"ids": chain_ids})


_COUNTED = {"Lab": "labs", "Company": "companies", "University": "universities", "Institute": "institutes", "Program": "programs"}


def list_chains(store: GraphStore) -> list[ChainSummary]:
    """Every chain with counts of the labs, companies, universities, institutes and programmes linked to it."""
    chains = _chains(store)
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _links(store, [c.id for c in chains]):
        if row["label"] in _COUNTED:
            seen[row["chain"]][_COUNTED[row["label"]]].add(row["id"])
    return [
        ChainSummary(**chain.model_dump(), **{field: len(ids) for field, ids in seen[chain.id].items()})
        for chain in chains
    ]


def _terms(chain: ChainRef, chains: list[ChainRef]) -> tuple[list[str], list[str]]:
    """Keywords of a chain (names, synonyms, taxonomy keywords; Simplified and Traditional), and the
    other chains' longer names that contain one of them (新能源 inside 新能源汽车 is not a hit)."""
    own = {n for _, n in _chain_names(chain) if not n.isascii()}
    entry = _taxonomy_entry(chain)
    if entry:
        own |= set(entry["keywords"])
    own = {t for t in own if len(t) >= _MIN_TERM}
    others: set[str] = set()
    for other in chains:
        if other.id != chain.id:
            others |= {n for _, n in _chain_names(other) if len(n) >= _MIN_TERM}
            other_entry = _taxonomy_entry(other)
            if other_entry:
                others |= set(other_entry["keywords"])
    with_trad = own | {_s2t().convert(t) for t in own}
    shadows = {o for o in others | {_s2t().convert(o) for o in others} if any(t in o and t != o for t in with_trad)}
    return sorted(with_trad, key=lambda t: (-len(t), t)), sorted(shadows)


def _matched(text: str, terms: list[str], shadows: list[str]) -> list[str]:
    """Terms that occur in `text` outside every longer name of another chain."""
    covered = [False] * len(text)
    for shadow in shadows:
        start = text.find(shadow)
        while start >= 0:
            covered[start : start + len(shadow)] = [True] * len(shadow)
            start = text.find(shadow, start + 1)
    hits: list[str] = []
    for term in terms:
        start = text.find(term)
        while start >= 0:
            if not all(covered[start : start + len(term)]):
                hits.append(term)
                break
            start = text.find(term, start + 1)
    return hits


def _words(groups: Iterable[list[str]]) -> str:
    """Matched terms for a reason line, in Simplified script once each, longest first."""
    shown = {PINYIN_GLOSS.sub("", _t2s().convert(t)) for g in groups for t in g}
    return "、".join(sorted(shown, key=lambda t: (-len(t), t)))


class _LabTotals(NamedTuple):
    """What paging a chain's labs needs beforehand: the tier sizes, the chain's keywords and the
    keyword-only labs (rows of list_labs_matching, at most MAX_KEYWORD_LABS, in name order), and
    whether those are all of them."""

    stated: int
    hosted: int
    terms: list[str]
    shadows: list[str]
    keyword: tuple[Row, ...]
    keyword_complete: bool


@dataclass
class _Snapshot:
    """What chain_labs keeps per store until the graph changes: the chains, the names resolved so far
    and the totals of the chains asked for. Counting a big chain's labs and scanning labs for
    keywords is linear in the graph; a page is not, nor are these three reads."""

    fingerprint: tuple[int, int]
    chains: list[ChainRef]
    resolved: dict[str, ChainRef] = field(default_factory=dict)
    totals: dict[str, _LabTotals] = field(default_factory=dict)


_SNAPSHOTS: WeakKeyDictionary[GraphStore, _Snapshot] = WeakKeyDictionary()
_MAX_RESOLVED = 1024  # names as users typed them; forgotten all at once beyond this


def fingerprint(store: GraphStore) -> tuple[int, int]:
    """The graph's node and relationship counts in one constant-time call: what changes on every write
    (ingest adds a document node, deletion removes one). The API's response cache keys on it too."""
    row = store.run("graph_fingerprint")[0]
    return (row["nodes"], row["relationships"])


def _snapshot(store: GraphStore) -> _Snapshot:
    """The store's snapshot, renewed when its node or relationship count changed. Every ingest adds
    a document node and every deletion removes one, so a write renews it; only a re-extraction that
    replaced edges by exactly as many others would not (the totals then wait for the next write)."""
    row = store.run("graph_fingerprint")[0]
    fingerprint = (row["nodes"], row["relationships"])
    snap = _SNAPSHOTS.get(store)
    if snap is None or snap.fingerprint != fingerprint:
        snap = _SNAPSHOTS[store] = _Snapshot(fingerprint, _chains(store))
    return snap


def _resolve_cached(snap: _Snapshot, name: str) -> ChainRef:
    if name not in snap.resolved:
        if len(snap.resolved) >= _MAX_RESOLVED:
            snap.resolved.clear()
        snap.resolved[name] = _resolve(snap.chains, name)
    return snap.resolved[name]


def _lab_totals(store: GraphStore, snap: _Snapshot, chain: ChainRef) -> _LabTotals:
    if chain.id not in snap.totals:
        counts = store.run("count_chain_labs", {"id": chain.id})
        terms, shadows = _terms(chain, snap.chains)
        keyword, complete = _keyword_only(store, chain, terms, shadows)
        snap.totals[chain.id] = _LabTotals(
            stated=counts[0]["stated"] if counts else 0, hosted=counts[0]["hosted"] if counts else 0,
            terms=terms, shadows=shadows, keyword=keyword, keyword_complete=complete,
        )
    return snap.totals[chain.id]


def _keyword_reasons(row: Row, terms: list[str], shadows: list[str]) -> tuple[list[str], list[Evidence]]:
    """Why a lab row of list_labs_matching / list_lab_keyword_hits mentions the chain, and the sentences."""
    in_name = _matched(row["name"], terms, shadows)
    hits = [(h, m) for h in row["hits"] if (m := _matched(h["evidence"] or "", terms, shadows))]
    host_hits = [(h, m) for h in row["host_hits"] if (m := _matched(h["evidence"] or "", terms, shadows))]
    why: list[str] = []
    if in_name:
        why.append(f"its name mentions {_words([in_name])}")
    if hits:
        why.append(f"a sentence about it mentions {_words(m for _, m in hits)}")
    for host in sorted({h["host"] for h, _ in host_hits}):
        why.append(f"its host {host} is described with {_words(m for h, m in host_hits if h['host'] == host)}")
    evidence = [e for h, _ in hits + host_hits for e in _evidence(h["type"], h["evidence"], h["doc"], h["confidence"])]
    return why, evidence


def _keyword_only(
    store: GraphStore, chain: ChainRef, terms: list[str], shadows: list[str]
) -> tuple[tuple[Row, ...], bool]:
    """Labs that only the chain's keywords tie to it (neither stated nor hosted by a member), and
    whether that list is whole. It is not when the scan, which reads every lab and every sentence
    about a lab or its host, does not finish within KEYWORD_SCAN_MS (at 200K nodes it takes
    seconds), or when it stopped at MAX_KEYWORD_LABS: the caller must be told, since an empty or
    short tier would otherwise read as "no such lab". FalkorDB's full-text indexes do not replace the
    scan: their word segmentation misses keywords inside longer words (化工 in 煤化工), so on the
    100K/300K synthetic graph they found 56% of the labs the scan finds (none for 27 of 52 chains)."""
    if not terms:
        return (), True
    try:  # bounded in time, so a page still answers at scale; the flag says what was lost
        matching = store.run("list_labs_matching", {"terms": terms, "limit": MAX_KEYWORD_LABS}, timeout_ms=KEYWORD_SCAN_MS)
    except QueryFailed:
        return (), False
    complete = len(matching) < MAX_KEYWORD_LABS
    rows = [r for r in matching if _keyword_reasons(r, terms, shadows)[0]]
    if not rows:
        return (), complete
    linked = {r["id"] for r in store.run("list_chain_labs_among", {"id": chain.id, "ids": [r["id"] for r in rows]})}
    return tuple(r for r in rows if r["id"] not in linked), complete


def _lab_page(
    store: GraphStore, snap: _Snapshot, chain: ChainRef, limit: int | None, offset: int
) -> tuple[_LabTotals, list[ChainLab]]:
    """Labs `offset`..`offset + limit` (all with None) of the chain, in the order stated, hosted by a
    member, keyword-only: each tier is paged in its own query, so only the page's labs are built."""
    totals = _lab_totals(store, snap, chain)
    end = totals.stated + totals.hosted + len(totals.keyword) if limit is None else offset + limit
    labs: dict[str, ChainLab] = {}

    def lab(row: Row, tier: Tier) -> ChainLab:
        if row["id"] not in labs:
            labs[row["id"]] = ChainLab(
                lab=EntityRef(id=row["id"], label=Label.Lab.value, name=row["name"]),
                tier=tier, why=[], docs=row["docs"] or [],
            )
        return labs[row["id"]]

    if offset < totals.stated:
        page = {"id": chain.id, "skip": offset, "limit": min(end, totals.stated) - offset}
        for row in store.run("list_chain_labs_stated", page):
            item = lab(row, Tier.stated)
            why = f"a document states it supports {chain.name} (SUPPORTS)"
            item.why += [why] if why not in item.why else []
            item.evidence += _evidence("SUPPORTS", row["evidence"], row["doc"], row["confidence"])
    skip, stop = max(offset - totals.stated, 0), min(end - totals.stated, totals.hosted)
    if skip < stop:
        hosted: list[str] = []
        for row in store.run("list_chain_labs_hosted", {"id": chain.id, "skip": skip, "limit": stop - skip}):
            item = lab(row, Tier.inferred)
            hosted += [] if row["id"] in hosted else [row["id"]]
            link = "belongs to" if row["host_link"] == "BELONGS_TO" else "supports"
            why = f"hosted by {row['host']}, which {link} {chain.name}"
            if why not in item.why:
                item.why.append(why)
                item.evidence += _evidence("HOSTS", row["evidence"], row["doc"], row["confidence"])
                item.evidence += _evidence(row["host_link"], row["host_evidence"], row["host_doc"], row["host_confidence"])
        if totals.terms and hosted:
            for row in store.run("list_lab_keyword_hits", {"ids": hosted, "terms": totals.terms}):
                why_words, evidence = _keyword_reasons(row, totals.terms, totals.shadows)
                labs[row["id"]].why += why_words
                labs[row["id"]].evidence += evidence
    first = totals.stated + totals.hosted
    for row in totals.keyword[max(offset - first, 0) : max(end - first, 0)]:
        item = lab(row, Tier.inferred)
        why_words, evidence = _keyword_reasons(row, totals.terms, totals.shadows)
        item.why += why_words
        item.evidence += evidence
    _attach_partners(store, labs)
    for item in labs.values():
        item.evidence = _dedupe(item.evidence)
    return totals, list(labs.values())


def _attach_partners(store: GraphStore, labs: dict[str, ChainLab]) -> None:
    if not labs:
        return
    for row in store.run("list_lab_partners", {"ids": list(labs)}):
        item = labs[row["lab"]]
        ref = _ref(row)
        group = item.hosts if row["type"] == "HOSTS" else item.partners
        if ref not in group:
            group.append(ref)
        if row["type"] == "HOSTS" and item.tier is Tier.stated:
            item.evidence += _evidence("HOSTS", row["evidence"], row["doc"], row["confidence"])


def _dedupe(evidence: list[Evidence]) -> list[Evidence]:
    seen: set[tuple[str, str, str | None]] = set()
    out = []
    for e in evidence:
        if (e.type, e.sentence, e.doc) not in seen:
            seen.add((e.type, e.sentence, e.doc))
            out.append(e)
    return out


def chain_labs(store: GraphStore, name: str, limit: int = MAX_PAGE, offset: int = 0) -> ChainLabs:
    """Which labs support chain `name`: stated (a SUPPORTS edge) first, then inferred (hosted by a
    member of the chain, then those whose name or a sentence about it mentions the chain's keywords).
    The counts cover every lab unless `keyword_complete` is false (the keyword scan was cut short);
    `labs` is one page of them, and only that page is read."""
    snap = _snapshot(store)
    chain = _resolve_cached(snap, name)
    limit, offset = _page(limit, offset)
    totals, labs = _lab_page(store, snap, chain, limit, offset)
    return ChainLabs(chain=chain, stated=totals.stated, inferred=totals.hosted + len(totals.keyword),
                     keyword_complete=totals.keyword_complete, limit=limit, offset=offset, labs=labs)


_WHY = {
    "BELONGS_TO": "belongs to {via} (BELONGS_TO)",
    "SUPPORTS": "supports {via} (SUPPORTS)",
    "HOSTS_SUPPORTING_LAB": "hosts {via}, which supports the chain",
    "FUNDS_MEMBER": "funds {via}",
}


def chain_ecosystem(store: GraphStore, name: str) -> ChainEcosystem:
    """A chain's labs, companies, universities, institutes, programmes and the gaps between them."""
    snap = _snapshot(store)
    chains = snap.chains
    chain = _resolve_cached(snap, name)
    order = {Tier.stated: 0, Tier.inferred: 1}
    labs = sorted(_lab_page(store, snap, chain, None, 0)[1], key=lambda x: (order[x.tier], x.lab.name))
    links = _links(store, [c.id for c in chains])
    members: dict[str, ChainMember] = {}
    for row in links:
        if row["chain"] != chain.id or row["label"] not in ("Company", "University", "Institute", "Program"):
            continue
        member = members.setdefault(row["id"], ChainMember(entity=_ref(row), why=[]))
        why = _WHY[row["via"]].format(via=row["via_name"])
        if why not in member.why:
            member.why.append(why)
        member.evidence = _dedupe(member.evidence + _evidence(row["via"], row["evidence"], row["doc"], row["confidence"]))
    grouped: dict[str, list[ChainMember]] = defaultdict(list)
    for member in sorted(members.values(), key=lambda m: m.entity.name):
        grouped[member.entity.label].append(member)
    with_lab = {ref.id for item in labs for ref in item.hosts + item.partners}
    has_lab = {row["chain"] for row in links if row["label"] == "Lab"}
    gaps = ChainGaps(
        companies_without_lab=[
            m.entity for m in grouped["Company"]
            if any(w.startswith("belongs to") for w in m.why) and m.entity.id not in with_lab
        ],
        labs_without_host=[item.lab for item in labs if not item.hosts],
        chains_without_lab=[c for c in chains if c.id not in has_lab],
    )
    return ChainEcosystem(
        chain=chain, labs=labs, companies=grouped["Company"], universities=grouped["University"],
        institutes=grouped["Institute"], programs=grouped["Program"], gaps=gaps,
    )


def chain_subgraph_rows(store: GraphStore, name: str) -> tuple[list[Row], list[Row]]:
    """Node and edge rows (shaped like list_entities / list_edges) of a chain's ecosystem, for export."""
    eco = chain_ecosystem(store, name)
    ids = {eco.chain.id}
    ids |= {ref.id for item in eco.labs for ref in [item.lab, *item.hosts, *item.partners]}
    ids |= {m.entity.id for group in (eco.companies, eco.universities, eco.institutes, eco.programs) for m in group}
    id_list = sorted(ids)
    return store.run("list_entities_by_ids", {"ids": id_list}), store.run("list_edges_among", {"ids": id_list})


# ---------------------------------------------------------------- entities


def _page(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_PAGE)), max(0, offset)


def search_entities(
    store: GraphStore, q: str, label: Label | None = None, limit: int = DEFAULT_PAGE, offset: int = 0
) -> EntityPage:
    """Entities whose name or an alias contains `q`, in Simplified or Traditional script, any case."""
    limit, offset = _page(limit, offset)
    raw = q.strip().lower()
    terms = sorted({t for t in (raw, _t2s().convert(raw), _s2t().convert(raw)) if t})
    label_value = label.value if label else None
    if not terms:
        return EntityPage(q=q, label=label_value, total=0, limit=limit, offset=offset, items=[])
    params = {"terms": terms, "label": label_value}
    total = store.run("count_entities_matching", params)[0]["total"]
    rows = store.run("search_entities", {**params, "skip": offset, "limit": limit})
    items = [
        EntitySummary(id=r["id"], label=r["label"], name=r["name"], aliases=r["aliases"] or [],
                      name_en=r["name_en"], docs=r["docs"] or [])
        for r in rows
    ]
    return EntityPage(q=q, label=label_value, total=total, limit=limit, offset=offset, items=items)


def _entity_row(store: GraphStore, entity_id: str) -> Row:
    rows = store.run("get_entity", {"id": entity_id})
    if not rows:
        hits = search_entities(store, entity_id, limit=5).items
        raise NotFound(f"no entity with id {entity_id!r}", [f"{h.name} ({h.id})" for h in hits])
    return rows[0]


def entity_detail(store: GraphStore, entity_id: str) -> EntityDetail:
    """One entity: label, names, documents and every relationship with its evidence."""
    row = _entity_row(store, entity_id)
    rels = store.run("list_entity_relationships", {"id": entity_id, "limit": MAX_RELATIONSHIPS})
    out_count = sum(1 for r in rels if r["direction"] == "out")
    return EntityDetail(
        id=row["id"], label=row["label"], name=row["name"], aliases=row["aliases"] or [],
        name_en=row["name_en"], docs=row["docs"] or [],
        relationships=[
            Relationship(key=r["key"], type=r["type"], direction=r["direction"], other=_ref(r),
                         evidence=r["evidence"], doc=r["doc"], confidence=r["confidence"], rule=r["rule"])
            for r in rels
        ],
        truncated=MAX_RELATIONSHIPS in (out_count, len(rels) - out_count),
    )


def neighbours(store: GraphStore, entity_id: str, depth: int = 1, limit: int = 100) -> Neighbourhood:
    """Entities within `depth` (1..3) hops, breadth first, at most `limit` nodes besides the centre.
    A region or chain reached on the way is listed but not expanded: its 100K+ members would be read
    for an arbitrary `limit` of them."""
    depth = max(1, min(depth, MAX_DEPTH))
    limit = max(1, min(limit, MAX_NEIGHBOURS))
    center = _ref(_entity_row(store, entity_id))
    nodes: dict[str, NeighbourNode] = {center.id: NeighbourNode(**center.model_dump(), distance=0)}
    edges: dict[str, GraphEdge] = {}
    frontier, truncated = [center.id], False
    for distance in range(1, depth + 1):
        if not frontier:
            break
        rows = store.run("list_adjacent_edges", {"ids": frontier, "limit": limit + 1})
        frontier = []
        for r in rows:
            if r["id"] not in nodes:
                if len(nodes) > limit:
                    truncated = True
                    continue
                nodes[r["id"]] = NeighbourNode(id=r["id"], label=r["label"], name=r["name"], distance=distance)
                frontier += [] if r["label"] in _HUBS else [r["id"]]
            edges.setdefault(r["key"] or f"{r['source']}-{r['type']}-{r['target']}",
                             GraphEdge(key=r["key"], type=r["type"], source=r["source"], target=r["target"]))
    return Neighbourhood(center=center, depth=depth, limit=limit, nodes=list(nodes.values()),
                         edges=list(edges.values()), truncated=truncated)


def _walks(via: dict[str, list[tuple[str, PathEdge]]], node: str, start: str) -> Iterator[tuple[list[str], list[PathEdge]]]:
    """Every way from `start` to `node` along the steps a breadth-first search recorded (lazily)."""
    if node == start:
        yield [node], []
        return
    for prev, edge in via[node]:
        for nodes, edges in _walks(via, prev, start):
            yield nodes + [node], edges + [edge]


def _shortest_paths(store: GraphStore, source: EntityRef, target: EntityRef, max_len: int, limit: int) -> list[Path]:
    """Breadth-first from both ends at once, one list_path_steps query per level, always on the
    smaller frontier: the levels stay a few hundred entities where a one-sided [*..6] search reaches
    the whole graph through its region and chain hubs (which therefore are never inside a path)."""
    ends = [source.id, target.id]
    refs = {source.id: source, target.id: target}
    reached: tuple[dict[str, int], dict[str, int]] = ({source.id: 0}, {target.id: 0})
    via: tuple[dict[str, list[tuple[str, PathEdge]]], ...] = (defaultdict(list), defaultdict(list))
    frontiers, depths = [[source.id], [target.id]], [0, 0]
    hub = [ref.label in _HUBS for ref in (source, target)]
    while depths[0] + depths[1] < max_len:
        cost = [math.inf if hub[i] and depths[i] == 0 else len(frontiers[i]) for i in (0, 1)]
        side = 0 if cost[0] <= cost[1] else 1
        depth = depths[side] + 1
        step = {"ids": frontiers[side], "ends": ends, "limit": MAX_PATH_STEP}
        frontier: list[str] = []
        for r in store.run("list_path_steps", step):
            if reached[side].get(r["id"], depth) < depth:
                continue
            if r["id"] not in reached[side]:
                reached[side][r["id"]] = depth
                refs[r["id"]] = EntityRef(id=r["id"], label=r["label"], name=r["name"])
                frontier.append(r["id"])
            via[side][r["id"]].append((r["at"], PathEdge(key=None, type=r["type"], source=r["source"], target=r["target"],
                                                         evidence=r["evidence"], doc=r["doc"])))
        frontiers[side], depths[side] = frontier, depth
        meets = {n: depth + reached[1 - side][n] for n in frontier if n in reached[1 - side]}
        if meets:
            shortest = min(meets.values())
            found: list[Path] = []
            for meet in (n for n, length in meets.items() if length == shortest):
                for left_nodes, left_edges in _walks(via[0], meet, source.id):
                    for right_nodes, right_edges in _walks(via[1], meet, target.id):
                        found.append(Path(nodes=[refs[n] for n in left_nodes + right_nodes[-2::-1]],
                                          edges=left_edges + right_edges[::-1]))
                        if len(found) == limit:
                            return found
            return found
        if not frontier:
            break
    return []


def paths(store: GraphStore, from_id: str, to_id: str, max_len: int = 4, limit: int = 10) -> PathsResult:
    """The shortest undirected paths between two entities, if within `max_len` hops, through no
    region or chain (every entity is a few hops from one, so such paths say nothing)."""
    max_len = max(1, min(max_len, MAX_PATH_LEN))
    source, target = _ref(_entity_row(store, from_id)), _ref(_entity_row(store, to_id))
    if source.id == target.id:
        return PathsResult(source=source, target=target, max_len=max_len, paths=[Path(nodes=[source], edges=[])])
    found = _shortest_paths(store, source, target, max_len, max(1, min(limit, MAX_PATHS)))
    return PathsResult(source=source, target=target, max_len=max_len, paths=found)


def stats(store: GraphStore) -> Stats:
    """Counts by label and relationship type, and documents ingested."""
    return Stats(
        labels={r["label"]: r["count"] for r in store.run("count_by_label")},
        types={r["type"]: r["count"] for r in store.run("count_by_type")},
        documents=store.run("count_documents")[0]["documents"],
    )


def iter_whole_graph(store: GraphStore) -> tuple[Iterator[Row], Iterator[Row]]:
    """Node and edge rows of the whole graph, streamed in id-range pages (linear in the graph's size)."""
    return iter_entities(store), iter_edges(store)

