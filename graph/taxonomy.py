"""The general taxonomy of industry chains (`data/chains.json`), read in one place.

Loaders use it to name the chains a text presents and to merge their surface forms;
queries use it to answer for a chain by any of its names, in Chinese or English. It is
general knowledge (the national classification of strategic emerging industries plus the
chains planners name), never fitted to a corpus.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from ecograph.graph.names import to_simplified

# Words that turn a chain's name into the name of its industry, chain or cluster.
_HEADS = ("产业创新链", "产业集群", "产业链", "创新链", "产业")


@dataclass(frozen=True)
class Segment:
    """One link (环节) of a chain: its stage (上游/中游/下游), name and product keywords."""

    stage: str
    name: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Chain:
    """One industry chain: the canonical short name every surface form is merged into."""

    canonical: str
    parent: str | None  # the strategic-emerging-industry category it falls under, if any
    en: tuple[str, ...]
    synonyms: tuple[str, ...]
    keywords: tuple[str, ...]
    segments: tuple[Segment, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and every synonym."""
        return (self.canonical, *self.synonyms)

    @property
    def all_keywords(self) -> tuple[str, ...]:
        """The chain's own keywords, then those of its segments, each once."""
        out = dict.fromkeys(self.keywords)
        for s in self.segments:
            out.update(dict.fromkeys(s.keywords))
        return tuple(out)


@cache
def _data() -> dict:
    return json.loads(resources.files("ecograph.graph").joinpath("data/chains.json").read_text(encoding="utf-8"))


@cache
def chains() -> tuple[Chain, ...]:
    """Every chain of the taxonomy, in file order (cached)."""
    return tuple(
        Chain(
            canonical=c["canonical"],
            parent=c.get("parent"),
            en=tuple(c["en"]),
            synonyms=tuple(c["synonyms"]),
            keywords=tuple(c["keywords"]),
            segments=tuple(Segment(s["stage"], s["name"], tuple(s["keywords"])) for s in c.get("segments", ())),
        )
        for c in _data()["chains"]
    )


@cache
def categories() -> tuple[str, ...]:
    """The nine categories of the national classification, in its order."""
    return tuple(_data()["categories"])


@cache
def not_chains() -> dict[str, frozenset[str]]:
    """Words that never name a chain, by kind: categories, policy themes, statistical sectors."""
    return {kind: frozenset(words) for kind, words in _data()["not_chains"].items()}


@cache
def surface_index() -> dict[str, Chain]:
    """Every canonical name and synonym → its chain (the canonical name wins a clash)."""
    out: dict[str, Chain] = {}
    for c in chains():
        for s in c.synonyms:
            out.setdefault(s, c)
    for c in chains():
        out[c.canonical] = c
    return out


@cache
def english_names() -> dict[str, tuple[str, ...]]:
    """Canonical name → its English names."""
    return {c.canonical: c.en for c in chains()}


@cache
def keyword_index() -> dict[str, Chain]:
    """Every product keyword (the chain's own and its segments') → its chain (first chain wins)."""
    out: dict[str, Chain] = {}
    for c in chains():
        for k in c.all_keywords:
            out.setdefault(k, c)
    return out


@cache
def _en_index() -> dict[str, Chain]:
    return {e.casefold(): c for c in chains() for e in c.en}


@lru_cache(maxsize=8192)  # every chain page asks it for every chain's names
def lookup(name: str) -> Chain | None:
    """The chain a surface form names: canonical, synonym or English name, Simplified or
    Traditional script, with or without a head word (光伏产业链 → 光伏)."""
    key = unicodedata.normalize("NFKC", name).strip()
    if not key:
        return None
    found = _lookup_simplified(key)
    if found is None and not key.isascii():
        found = _lookup_simplified(to_simplified(key))
    return found if found is not None else _en_index().get(key.casefold())


def _lookup_simplified(key: str) -> Chain | None:
    index = surface_index()
    if key in index:
        return index[key]
    for head in _HEADS:
        if key.endswith(head) and key[: -len(head)] in index:
            return index[key[: -len(head)]]
    return None
