"""Which chain a user means: canonical name, alias, Traditional script, English or taxonomy synonym."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from rapidfuzz import fuzz, process

from ecograph import queries
from ecograph.graph import taxonomy
from ecograph.graph.errors import NotFound
from ecograph.graph.names import normalise_name, to_simplified
from ecograph.graph.store import GraphStore
from ecograph.graph.taxonomy import Chain
from ecograph.queries.models import ChainRef, shown_aliases

_CHAIN_SUFFIXES = ("产业创新链", "创新链", "产业链", "产业")


@lru_cache(maxsize=8192)
def _key(text: str) -> str:
    """Lookup form of a chain name: simplified, normalised, plural 's' and chain suffixes dropped."""
    key = normalise_name(to_simplified(text))
    for suffix in _CHAIN_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
            break
    if key.isascii() and key.endswith("s") and len(key) > 3:
        key = key[:-1]
    return key


def taxonomy_entry(chain: ChainRef) -> Chain | None:
    """The taxonomy's chain for a chain node, by its name or any alias (graph.taxonomy's one lookup)."""
    for name in [chain.name, *chain.aliases]:
        if (found := taxonomy.lookup(name)) is not None:
            return found
    return None


def chain_names(chain: ChainRef) -> list[tuple[int, str]]:
    """(priority, name) for every name a chain answers to; lower priority wins a clash."""
    names = [(0, chain.name)] + [(1, a) for a in chain.aliases]
    if chain.name_en:
        names.append((2, chain.name_en))
    entry = taxonomy_entry(chain)
    if entry:
        names += [(3, n) for n in [entry.canonical, *entry.synonyms, *entry.en]]
    return names


def read_chains(store: GraphStore) -> list[ChainRef]:
    """Every chain with the aliases a reader is shown (lookups add Traditional script themselves)."""
    return [
        ChainRef(id=r["id"], name=r["name"], name_en=r["name_en"], aliases=shown_aliases(r["name"], r["aliases"]))
        for r in queries.run(store, "list_chain_names")
    ]


def resolve_chain(store: GraphStore, name: str) -> ChainRef:
    """The chain a user means by `name`: canonical, alias, Traditional script or English, any case.

    Raises NotFound with the closest chain names when nothing matches.
    """
    return resolve(read_chains(store), name)


def resolve(chains: list[ChainRef], name: str) -> ChainRef:
    wanted = _key(name)
    best: dict[str, tuple[int, ChainRef]] = {}
    prefixes: dict[str, set[str]] = defaultdict(set)
    for chain in chains:
        for priority, alias in chain_names(chain):
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
    raise NotFound(f"没有名为「{name}」的产业链（no industry chain named {name!r}）", _suggest(wanted, best))


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
