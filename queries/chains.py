"""Industry chains: the list with counts, the labs of one chain, and its whole ecosystem.

What does not change until the graph does (the chains, names resolved so far, the tier totals of
the chains asked for) is kept in a `ChainCache` the caller owns (the API keeps one on app.state).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from ecograph import queries
from ecograph.graph.store import GraphStore, Row
from ecograph.queries.chain_names import read_chains, resolve
from ecograph.queries.labs import LabTotals, count_labs, dedupe, lab_page
from ecograph.queries.models import (
    MAX_PAGE,
    ChainEcosystem,
    ChainGaps,
    ChainLabs,
    ChainMember,
    ChainRef,
    ChainSummary,
    Tier,
    clamp_page,
    entity_ref,
    evidence_of,
    pinyin_key,
)
from ecograph.queries.provenance import cite
from ecograph.queries.stats import fingerprint


def _links(store: GraphStore, chain_ids: list[str]) -> list[Row]:
    return queries.run(store, "list_chain_links", {"ids": chain_ids})


_MEMBERS = {"Company": "companies", "University": "universities", "Institute": "institutes", "Program": "programs"}


def list_chains(store: GraphStore, cache: ChainCache | None = None) -> list[ChainSummary]:
    """Every chain with counts of the labs (stated + inferred, as its page counts them), companies,
    universities, institutes and programmes linked to it."""
    snap = (cache or ChainCache()).snapshot(store)
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in _links(store, [c.id for c in snap.chains]):
        if row["label"] in _MEMBERS:
            seen[row["chain"]][_MEMBERS[row["label"]]].add(row["id"])
    out = []
    for chain in snap.chains:
        totals = _lab_totals(store, snap, chain)
        counts = {field: len(ids) for field, ids in seen[chain.id].items()}
        out.append(ChainSummary.model_validate({**chain.model_dump(), **counts, "labs": totals.stated + totals.hosted}))
    return out


@dataclass
class _Snapshot:
    """What chain_labs keeps per store until the graph changes: the chains, the names resolved so far
    and the totals of the chains asked for. Counting a big chain's labs and scanning labs for
    keywords is linear in the graph; a page is not, nor are these three reads."""

    fingerprint: int
    chains: list[ChainRef]
    resolved: dict[str, ChainRef] = field(default_factory=dict)
    totals: dict[str, LabTotals] = field(default_factory=dict)


_MAX_RESOLVED = 1024  # names as users typed them; forgotten all at once beyond this


class ChainCache:
    """The chain snapshots of the stores a caller reads, each renewed when its store's version
    changed: every write renews it, whichever process made it."""

    def __init__(self) -> None:
        self._snapshots: WeakKeyDictionary[GraphStore, _Snapshot] = WeakKeyDictionary()

    def snapshot(self, store: GraphStore) -> _Snapshot:
        current = fingerprint(store)
        snap = self._snapshots.get(store)
        if snap is None or snap.fingerprint != current:
            snap = self._snapshots[store] = _Snapshot(current, read_chains(store))
        return snap


def _resolved(snap: _Snapshot, name: str) -> ChainRef:
    if name not in snap.resolved:
        if len(snap.resolved) >= _MAX_RESOLVED:
            snap.resolved.clear()
        snap.resolved[name] = resolve(snap.chains, name)
    return snap.resolved[name]


def _lab_totals(store: GraphStore, snap: _Snapshot, chain: ChainRef) -> LabTotals:
    if chain.id not in snap.totals:
        snap.totals[chain.id] = count_labs(store, chain, snap.chains)
    return snap.totals[chain.id]


def chain_labs(store: GraphStore, name: str, limit: int = MAX_PAGE, offset: int = 0,
               cache: ChainCache | None = None) -> ChainLabs:
    """Which labs support chain `name`: stated (a SUPPORTS edge) first, then inferred (hosted by a
    member of the chain and named with the chain's terms). The counts cover every lab; `labs` is one
    page of them, and only that page is read."""
    snap = (cache or ChainCache()).snapshot(store)
    chain = _resolved(snap, name)
    limit, offset = clamp_page(limit, offset)
    totals = _lab_totals(store, snap, chain)
    labs = lab_page(store, totals, chain, limit, offset)
    cite(store, (e for item in labs for e in item.evidence))  # title and date beside each document
    return ChainLabs(chain=chain, stated=totals.stated, inferred=totals.hosted, limit=limit, offset=offset, labs=labs)


_WHY = {
    "BELONGS_TO": "属于{via}产业链（BELONGS_TO）",
    "SUPPORTS": "支撑{via}产业链（SUPPORTS）",
    "HOSTS_SUPPORTING_LAB": "依托建设{via}，该实验室支撑本产业链（hosts a supporting lab）",
    "FUNDS_MEMBER": "资助{via}（FUNDS a member）",
}


def chain_ecosystem(store: GraphStore, name: str, cache: ChainCache | None = None) -> ChainEcosystem:
    """A chain's labs, companies, universities, institutes, programmes and the gaps between them."""
    snap = (cache or ChainCache()).snapshot(store)
    chain = _resolved(snap, name)
    order = {Tier.stated: 0, Tier.inferred: 1}
    labs = sorted(lab_page(store, _lab_totals(store, snap, chain), chain, None, 0),
                  key=lambda x: (order[x.tier], pinyin_key(x.lab.name)))
    links = _links(store, [chain.id])
    members: dict[str, ChainMember] = {}
    for row in links:
        if row["chain"] != chain.id or row["label"] not in ("Company", "University", "Institute", "Program"):
            continue
        member = members.setdefault(row["id"], ChainMember(entity=entity_ref(row), why=[]))
        why = _WHY[row["via"]].format(via=row["via_name"])
        if why not in member.why:
            member.why.append(why)
        member.evidence = dedupe(member.evidence + evidence_of(row["via"], row["evidence"], row["doc"], row["confidence"]))
    grouped: dict[str, list[ChainMember]] = defaultdict(list)
    for member in sorted(members.values(), key=lambda m: pinyin_key(m.entity.name)):
        grouped[member.entity.label].append(member)
    with_lab = {ref.id for item in labs for ref in item.hosts + item.partners}
    gaps = ChainGaps(
        companies_without_lab=[
            m.entity for m in grouped["Company"]
            if any(w.endswith("（BELONGS_TO）") for w in m.why) and m.entity.id not in with_lab
        ],
        labs_without_host=[item.lab for item in labs if not item.hosts],
        no_lab=not labs,
    )
    cite(store, [e for item in labs for e in item.evidence] + [e for m in members.values() for e in m.evidence])
    return ChainEcosystem(
        chain=chain, labs=labs, companies=grouped["Company"], universities=grouped["University"],
        institutes=grouped["Institute"], programs=grouped["Program"], gaps=gaps,
    )
