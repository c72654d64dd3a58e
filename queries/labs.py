"""The two tiers of a chain's labs: stated (a SUPPORTS edge), then inferred (hosted by a member of
the chain, then named or described with the chain's keywords), each paged in its own query."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import queries
from graph.errors import QueryTimeout
from graph.model import Label
from graph.names import PINYIN_GLOSS, to_simplified, to_traditional
from graph.store import GraphStore, Row
from queries.chain_names import chain_names, taxonomy_entry
from queries.models import (
    ChainLab,
    ChainRef,
    EntityRef,
    Evidence,
    Tier,
    entity_ref,
    evidence_of,
)

MAX_KEYWORD_LABS = 200
KEYWORD_SCAN_MS = 1000  # once per chain and graph change (the result is kept), not per page
_MIN_TERM = 2  # one-character keywords match everything


def terms_of(chain: ChainRef, chains: list[ChainRef]) -> tuple[list[str], list[str]]:
    """Keywords of a chain (names, synonyms, taxonomy keywords; Simplified and Traditional), and the
    other chains' longer names that contain one of them (新能源 inside 新能源汽车 is not a hit)."""
    own = {n for _, n in chain_names(chain) if not n.isascii()}
    entry = taxonomy_entry(chain)
    if entry:
        own |= set(entry.keywords)
    own = {t for t in own if len(t) >= _MIN_TERM}
    others: set[str] = set()
    for other in chains:
        if other.id != chain.id:
            others |= {n for _, n in chain_names(other) if len(n) >= _MIN_TERM}
            other_entry = taxonomy_entry(other)
            if other_entry:
                others |= set(other_entry.keywords)
    with_trad = own | {to_traditional(t) for t in own}
    shadows = {o for o in others | {to_traditional(o) for o in others} if any(t in o and t != o for t in with_trad)}
    return sorted(with_trad, key=lambda t: (-len(t), t)), sorted(shadows)


def matched(text: str, terms: list[str], shadows: list[str]) -> list[str]:
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
    shown = {PINYIN_GLOSS.sub("", to_simplified(t)) for g in groups for t in g}
    return "、".join(sorted(shown, key=lambda t: (-len(t), t)))


class LabTotals(NamedTuple):
    """What paging a chain's labs needs beforehand: the tier sizes, the chain's keywords and the
    keyword-only labs (rows of list_labs_matching, at most MAX_KEYWORD_LABS, in name order), and
    whether those are all of them."""

    stated: int
    hosted: int
    terms: list[str]
    shadows: list[str]
    keyword: tuple[Row, ...]
    keyword_complete: bool


def _keyword_reasons(row: Row, terms: list[str], shadows: list[str]) -> tuple[list[str], list[Evidence]]:
    """Why a lab row of list_labs_matching / list_lab_keyword_hits mentions the chain, and the sentences."""
    in_name = matched(row["name"], terms, shadows)
    hits = [(h, m) for h in row["hits"] if (m := matched(h["evidence"] or "", terms, shadows))]
    host_hits = [(h, m) for h in row["host_hits"] if (m := matched(h["evidence"] or "", terms, shadows))]
    why: list[str] = []
    if in_name:
        why.append(f"its name mentions {_words([in_name])}")
    if hits:
        why.append(f"a sentence about it mentions {_words(m for _, m in hits)}")
    for host in sorted({h["host"] for h, _ in host_hits}):
        why.append(f"its host {host} is described with {_words(m for h, m in host_hits if h['host'] == host)}")
    evidence = [e for h, _ in hits + host_hits for e in evidence_of(h["type"], h["evidence"], h["doc"], h["confidence"])]
    return why, evidence


def keyword_only(
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
        matching = queries.run(store, "list_labs_matching", {"terms": terms, "limit": MAX_KEYWORD_LABS}, timeout_ms=KEYWORD_SCAN_MS)
    except QueryTimeout:
        return (), False
    complete = len(matching) < MAX_KEYWORD_LABS
    rows = [r for r in matching if _keyword_reasons(r, terms, shadows)[0]]
    if not rows:
        return (), complete
    linked = {r["id"] for r in queries.run(store, "list_chain_labs_among", {"id": chain.id, "ids": [r["id"] for r in rows]})}
    return tuple(r for r in rows if r["id"] not in linked), complete


def lab_page(store: GraphStore, totals: LabTotals, chain: ChainRef, limit: int | None, offset: int) -> list[ChainLab]:
    """Labs `offset`..`offset + limit` (all with None) of the chain, in the order stated, hosted by a
    member, keyword-only: each tier is paged in its own query, so only the page's labs are built."""
    end = totals.stated + totals.hosted + len(totals.keyword) if limit is None else offset + limit
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
            why = f"a document states it supports {chain.name} (SUPPORTS)"
            item.why += [why] if why not in item.why else []
            item.evidence += evidence_of("SUPPORTS", row["evidence"], row["doc"], row["confidence"])
    skip, stop = max(offset - totals.stated, 0), min(end - totals.stated, totals.hosted)
    if skip < stop:
        hosted: list[str] = []
        for row in queries.run(store, "list_chain_labs_hosted", {"id": chain.id, "skip": skip, "limit": stop - skip}):
            item = lab(row, Tier.inferred)
            hosted += [] if row["id"] in hosted else [row["id"]]
            link = "belongs to" if row["host_link"] == "BELONGS_TO" else "supports"
            why = f"hosted by {row['host']}, which {link} {chain.name}"
            if why not in item.why:
                item.why.append(why)
                item.evidence += evidence_of("HOSTS", row["evidence"], row["doc"], row["confidence"])
                item.evidence += evidence_of(row["host_link"], row["host_evidence"], row["host_doc"], row["host_confidence"])
        if totals.terms and hosted:
            for row in queries.run(store, "list_lab_keyword_hits", {"ids": hosted, "terms": totals.terms}):
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
