"""The two tiers of a chain's labs: stated (a SUPPORTS edge), then inferred (hosted by a member of
the chain AND named with the chain's terms), each paged in its own query.

An inferred lab rests on sentences about that lab and its host only: the sentence saying who hosts
it and the one saying its host belongs to (or supports) the chain, each cited with its own
document. A sentence that lists a lab beside a chain's keywords is not evidence that the lab
supports the chain, so it is never used.
"""

from __future__ import annotations

from typing import NamedTuple

from ecograph import queries
from ecograph.graph.model import Label
from ecograph.graph.names import PINYIN_GLOSS, to_simplified, to_traditional
from ecograph.graph.store import GraphStore, Row
from ecograph.queries.chain_names import chain_names, read_chains, taxonomy_entry
from ecograph.queries.models import ChainLab, ChainRef, EntityRef, Evidence, Tier, entity_ref, evidence_of

_MIN_TERM = 2  # one-character keywords match everything
_LINK_ZH = {"BELONGS_TO": "属于", "SUPPORTS": "支撑"}


def terms_of(chain: ChainRef, chains: list[ChainRef]) -> tuple[list[str], list[str]]:
    """Terms of a chain (names, synonyms, taxonomy keywords; Simplified and Traditional), and the
    other chains' longer names that contain one of them (新能源 inside 新能源汽车 is not a hit)."""
    own = {n for _, n in chain_names(chain) if not n.isascii()}
    entry = taxonomy_entry(chain)
    if entry:
        own |= set(entry.keywords)
    own = {PINYIN_GLOSS.sub("", t) for t in own}
    own = {t for t in own if len(t) >= _MIN_TERM}
    others: set[str] = set()
    for other in chains:
        if other.id != chain.id:
            others |= {PINYIN_GLOSS.sub("", n) for _, n in chain_names(other) if len(n) >= _MIN_TERM}
            other_entry = taxonomy_entry(other)
            if other_entry:
                others |= set(other_entry.keywords)
    with_trad = own | {to_traditional(t) for t in own}
    shadows = {o for o in others | {to_traditional(o) for o in others} if any(t in o and t != o for t in with_trad)}
    return sorted(with_trad, key=lambda t: (-len(t), t)), sorted(shadows)


def chain_terms(store: GraphStore, chain_id: str) -> dict[str, list[str]]:
    """`terms` and `shadows` of the chain with this id, as the lab queries take them (none for an
    id that is not a chain's)."""
    chains = read_chains(store)
    chain = next((c for c in chains if c.id == chain_id), None)
    terms, shadows = terms_of(chain, chains) if chain else ([], [])
    return {"terms": terms, "shadows": shadows}


def name_terms(name: str, terms: list[str], shadows: list[str]) -> list[str]:
    """The terms a lab's name carries, as count_chain_labs and list_chain_labs_hosted read them: a
    term counts unless the name holds it only as part of another chain's longer name."""
    return [t for t in terms if t in name and not any(t in s and s in name for s in shadows)]


def _words(terms: list[str]) -> str:
    """Matched terms for a reason line, in Simplified script once each, longest first."""
    shown = {to_simplified(t) for t in terms}
    return "、".join(f"「{t}」" for t in sorted(shown, key=lambda t: (-len(t), t)))


class LabTotals(NamedTuple):
    """What paging a chain's labs needs beforehand: the tier sizes and the chain's terms."""

    stated: int
    hosted: int
    terms: list[str]
    shadows: list[str]


def count_labs(store: GraphStore, chain: ChainRef, chains: list[ChainRef]) -> LabTotals:
    """The size of each tier of a chain's labs (linear in the chain's size; callers keep it)."""
    terms, shadows = terms_of(chain, chains)
    counts = queries.run(store, "count_chain_labs", {"id": chain.id, "terms": terms, "shadows": shadows})
    return LabTotals(stated=counts[0]["stated"] if counts else 0, hosted=counts[0]["hosted"] if counts else 0,
                     terms=terms, shadows=shadows)


def lab_page(store: GraphStore, totals: LabTotals, chain: ChainRef, limit: int | None, offset: int) -> list[ChainLab]:
    """Labs `offset`..`offset + limit` (all with None) of the chain, stated first, then inferred:
    each tier is paged in its own query, so only the page's labs are built."""
    end = totals.stated + totals.hosted if limit is None else offset + limit
    labs: dict[str, ChainLab] = {}

    def lab(row: Row, tier: Tier) -> ChainLab:
        if row["id"] not in labs:
            labs[row["id"]] = ChainLab(
                lab=EntityRef(id=row["id"], label=Label.Lab, name=row["name"]),
                tier=tier, why=[], docs=row["docs"] or [],
            )
        return labs[row["id"]]

    if offset < totals.stated:
        page = {"id": chain.id, "skip": offset, "limit": min(end, totals.stated) - offset}
        for row in queries.run(store, "list_chain_labs_stated", page):
            item = lab(row, Tier.stated)
            why = f"文件明确写明它支撑{chain.name}产业链（stated: SUPPORTS）"
            item.why += [why] if why not in item.why else []
            item.evidence += evidence_of("SUPPORTS", row["evidence"], row["doc"], row["confidence"])
    skip, stop = max(offset - totals.stated, 0), min(end - totals.stated, totals.hosted)
    if skip < stop:
        params = {"id": chain.id, "terms": totals.terms, "shadows": totals.shadows, "skip": skip, "limit": stop - skip}
        for row in queries.run(store, "list_chain_labs_hosted", params):
            item = lab(row, Tier.inferred)
            words = _words(name_terms(row["name"], totals.terms, totals.shadows))
            why = (f"依托单位{row['host']}{_LINK_ZH[row['host_link']]}{chain.name}产业链，且实验室名称含{words}"
                   f"（inferred: host {row['host_link']} + name）")
            if why not in item.why:
                item.why.append(why)
                item.evidence += evidence_of("HOSTS", row["evidence"], row["doc"], row["confidence"])
                item.evidence += evidence_of(row["host_link"], row["host_evidence"], row["host_doc"], row["host_confidence"])
    _attach_partners(store, labs)
    for item in labs.values():
        item.evidence = dedupe(item.evidence)
    return list(labs.values())


def _attach_partners(store: GraphStore, labs: dict[str, ChainLab]) -> None:
    if not labs:
        return
    for row in queries.run(store, "list_lab_partners", {"ids": list(labs)}):
        item = labs[row["lab"]]
        ref = entity_ref(row)
        group = item.hosts if row["type"] == "HOSTS" else item.partners
        if ref not in group:
            group.append(ref)
        if row["type"] == "HOSTS" and item.tier is Tier.stated:
            item.evidence += evidence_of("HOSTS", row["evidence"], row["doc"], row["confidence"])


def dedupe(evidence: list[Evidence]) -> list[Evidence]:
    seen: set[tuple[str, str, str | None]] = set()
    out = []
    for e in evidence:
        if (e.type, e.sentence, e.doc) not in seen:
            seen.add((e.type, e.sentence, e.doc))
            out.append(e)
    return out
