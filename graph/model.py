"""The graph that extraction produces and the stores accept.

Extraction never touches a database: it returns a `Graph`, and `GraphStore.write` stores it.
Ids are derived from label and normalised name so that the same entity extracted twice gets
the same id, which is what makes re-ingesting idempotent.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ecograph.graph.names import normalise_name


class Label(StrEnum):
    """Node labels of shared/ontology.md; the only strings ever written into Cypher as labels."""

    Company = "Company"
    University = "University"
    Institute = "Institute"
    Lab = "Lab"
    IndustryChain = "IndustryChain"
    Program = "Program"
    Region = "Region"


class RelType(StrEnum):
    """Relationship types of shared/ontology.md; the only strings written into Cypher as types."""

    COOPERATES_WITH = "COOPERATES_WITH"
    HOSTS = "HOSTS"
    FUNDS = "FUNDS"
    SUPPORTS = "SUPPORTS"
    BELONGS_TO = "BELONGS_TO"
    LOCATED_IN = "LOCATED_IN"


def _digest(*parts: str) -> str:
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def node_id(label: Label, name: str) -> str:
    """Stable id of an entity: label plus normalised canonical name."""
    return f"{label.value.lower()}-{_digest(label.value, normalise_name(name))}"


def edge_key(rel: RelType, source: str, target: str, doc: str, evidence: str) -> str:
    """Stable key of one stated relationship: the same sentence stating it twice is one edge."""
    return _digest(rel.value, source, target, doc, evidence)


class Node(BaseModel):
    """One real-world entity."""

    model_config = ConfigDict(extra="forbid")

    id: str
    label: Label
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    docs: list[str] = Field(default_factory=list)
    name_en: str | None = None
    date: str | None = None  # the earliest date of the documents naming it in this write (first_date when stored)

    @classmethod
    def make(cls, label: Label, name: str, **fields: Any) -> Node:
        """A node whose id follows from its label and name."""
        return cls(id=node_id(label, name), label=label, name=name, **fields)


class Edge(BaseModel):
    """One relationship as one document states it, with the sentence that says so."""

    model_config = ConfigDict(extra="forbid")

    source: str
    target: str
    type: RelType
    evidence: str
    doc: str
    start: int = -1
    end: int = -1
    rule: str = ""
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    doc_date: str | None = None  # the stating document's publication date and title, when known
    doc_title: str | None = None

    @property
    def key(self) -> str:
        return edge_key(self.type, self.source, self.target, self.doc, self.evidence)


class Document(BaseModel):
    """The record of one ingested document; its content hash makes re-ingesting a no-op."""

    model_config = ConfigDict(extra="forbid")

    id: str
    path: str
    sha256: str
    chars: int = 0
    # What the document says about itself (or its sidecar / mapping file says): cited beside its evidence.
    title: str | None = None
    date: str | None = None  # publication date, ISO (YYYY-MM-DD)
    publisher: str | None = None
    url: str | None = None
    run: str | None = None  # the ingest run that stored this version


class Run(BaseModel):
    """One recorded ingest: when, and what it did to the documents. `at` is ISO UTC with microseconds,
    so runs compare as strings; entities and relationships carry the runs that first and last saw them."""

    model_config = ConfigDict(extra="forbid")

    id: str
    at: str
    finished_at: str | None = None
    status: str = "running"  # running → done | failed
    added: int = 0
    changed: int = 0
    removed: int = 0
    unchanged: int = 0
    failed: int = 0
    replaced: list[str] = Field(default_factory=list)  # paths whose earlier version this run replaced

    def stamp(self) -> dict[str, str]:
        """The `$run` parameter of the write statements (first_seen / last_seen)."""
        return {"id": self.id, "at": self.at}


class Graph(BaseModel):
    """Nodes and edges extracted from one or more documents."""

    model_config = ConfigDict(extra="forbid")

    nodes: list[Node] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    run: Run | None = None  # the run writing it: stamps first_seen / last_seen
