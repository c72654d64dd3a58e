"""The view models every read returns, and the limits the API validates against.

Labels are `graph.model.Label` values; a relationship's type is a `RelType`.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field
from pypinyin import lazy_pinyin

from ecograph.graph.model import Label, RelType
from ecograph.graph.names import PINYIN_GLOSS, normalise_name, to_simplified
from ecograph.graph.store import Row

DEFAULT_PAGE = 20
MAX_PAGE = 200
MAX_RELATIONSHIPS = 500
MAX_NEIGHBOURS = 500
MAX_DEPTH = 3
MAX_PATH_LEN = 6
MAX_PATHS = 20
HUBS = {Label.Region.value, Label.IndustryChain.value}  # never inside a path


class EntityRef(BaseModel):
    """Enough of an entity to name it and link to it."""

    id: str
    label: Label
    name: str


class Evidence(BaseModel):
    """The sentence of a document that states a relationship."""

    type: str
    sentence: str
    doc: str | None = None
    confidence: float | None = None
    doc_title: str | None = None  # the document's title and publication date, cited beside its file
    doc_date: str | None = None


class ChainRef(BaseModel):
    """An industry chain and the names it is known by."""

    id: str
    name: str
    name_en: str | None = None
    aliases: list[str] = Field(default_factory=list)


class ChainSummary(ChainRef):
    """A chain with counts of what is linked to it; `labs` is its stated + inferred labs, the same
    number its page and `/chains/{name}/labs` give."""

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
    limit: int
    offset: int
    labs: list[ChainLab]


class ChainMember(BaseModel):
    """A company, university, institute or programme linked to a chain, and how."""

    entity: EntityRef
    why: list[str]
    evidence: list[Evidence] = Field(default_factory=list)


class ChainGaps(BaseModel):
    """What a planner looks for: where this chain's ecosystem has no lab (this chain only)."""

    companies_without_lab: list[EntityRef] = Field(description="companies in the chain that host or cooperate with none of its labs")
    labs_without_host: list[EntityRef] = Field(description="labs of the chain with no host in the graph")
    no_lab: bool = Field(description="the chain has no stated or inferred lab at all")


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
    label: Label | None
    total: int
    limit: int
    offset: int
    items: list[EntitySummary]


class Relationship(BaseModel):
    """One stated relationship of an entity, seen from that entity."""

    key: str | None
    type: RelType
    direction: Literal["out", "in"]
    other: EntityRef
    evidence: str | None
    doc: str | None
    confidence: float | None
    rule: str | None = None
    doc_title: str | None = None
    doc_date: str | None = None
    first_seen: str | None = None  # the ingest run that first stored it, and when
    first_seen_at: str | None = None


class Stated(BaseModel):
    """One document stating a relationship, and when it was published (when known)."""

    doc: str
    title: str | None = None
    date: str | None = None
    evidence: str | None = None


class TimelineEntry(BaseModel):
    """A relationship of an entity over time: first stated by `first`, then by the rest (by document date)."""

    type: RelType
    direction: Literal["out", "in"]
    other: EntityRef
    first_date: str | None = Field(description="publication date of the earliest dated document stating it")
    first: Stated
    stated_by: list[Stated]
    first_seen: str | None = Field(default=None, description="the ingest run that first stored it")
    first_seen_at: str | None = None


class HostedLab(BaseModel):
    """A lab an organisation hosts and the chains that lab is stated to support: two hops a planner
    follows from a university or company to the industry it serves."""

    lab: EntityRef
    chains: list[EntityRef] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class EntityDetail(EntitySummary):
    """One entity with every relationship (up to MAX_RELATIONSHIPS each way), and the labs it hosts
    with their chains."""

    relationships: list[Relationship]
    truncated: bool = False
    hosted_labs: list[HostedLab] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list, description=(
        "per relationship (type, direction, other end): which document stated it first, by document date"))


class NeighbourNode(EntityRef):
    """An entity of a neighbourhood and its distance in hops from the centre."""

    distance: int


class GraphEdge(BaseModel):
    """A relationship between two entities of a returned subgraph."""

    key: str | None
    type: RelType
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


def entity_ref(row: Row) -> EntityRef:
    """The reference of an entity row (id, label, name)."""
    return EntityRef(id=row["id"], label=row["label"], name=row["name"])


def evidence_of(type_: str, sentence: str | None, doc: str | None, confidence: float | None) -> list[Evidence]:
    """The evidence of a relationship row: none when it has no sentence."""
    return [Evidence(type=type_, sentence=sentence, doc=doc, confidence=confidence)] if sentence else []


def shown_aliases(name: str, aliases: list[str] | None) -> list[str]:
    """The aliases a reader is shown: no pinyin glosses (信創(chuàng)), none that is only the name
    again in another script, width or quoting, each once. The raw surface forms stay in the store,
    where search still finds them, and in the sentences cited as evidence."""
    seen = {normalise_name(to_simplified(name))}
    out: list[str] = []
    for alias in aliases or []:
        clean = PINYIN_GLOSS.sub("", alias).strip()
        key = normalise_name(to_simplified(clean))
        if clean and key not in seen:
            seen.add(key)
            out.append(clean)
    return out


@lru_cache(maxsize=65536)
def pinyin_key(name: str) -> tuple[str, str]:
    """Sort key of a Chinese name by its pinyin (how a Chinese reader looks a name up), the name
    itself breaking ties between homophones."""
    return " ".join(lazy_pinyin(name)).lower(), name


def clamp_page(limit: int, offset: int) -> tuple[int, int]:
    """A page within bounds: 1..MAX_PAGE items, from offset 0 on."""
    return max(1, min(limit, MAX_PAGE)), max(0, offset)
