"""What changed since a run or a date: the entities and relationships later runs added or removed,
with their evidence, grouped by industry chain; and, per replaced document, what its new version
added and dropped.

"Added" is what a run after `since` first stored (first_seen) and is still in the graph; "removed"
is what a replacement after `since` took out that was there at `since` and is not back. So the
answer equals the difference between the graph at `since` and now (tests compare it with two
GraphML exports). A store written before runs were recorded cannot answer and says so.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, Field

from ecograph import queries
from ecograph.graph.errors import EcographError, NotFound
from ecograph.graph.model import Label
from ecograph.graph.store import GraphStore, Row
from ecograph.queries.models import EntityRef, Evidence
from ecograph.queries.provenance import citations

MAX_CHANGES = 5_000  # rows of each kind an answer lists; `truncated` says when there were more
NO_CHAIN = "未归入产业链"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$")


class LegacyStore(EcographError):
    """The store predates recorded runs: it cannot tell what is new."""


class RunInfo(BaseModel):
    """One recorded ingest run."""

    id: str
    at: str
    finished_at: str | None = None
    status: str | None = None
    added: int | None = None
    changed: int | None = None
    removed: int | None = None
    unchanged: int | None = None
    failed: int | None = None
    replaced: list[str] = Field(default_factory=list)


class EntityChange(BaseModel):
    """An entity a run added or a replacement removed."""

    change: Literal["added", "removed"]
    entity: EntityRef
    run: str | None = Field(description="the run that added or removed it")
    at: str | None = None
    first_date: str | None = Field(default=None, description="earliest publication date of a document naming it")
    docs: list[str] = Field(default_factory=list)


class RelationshipChange(BaseModel):
    """A relationship a run added or a replacement removed, with the sentence that states it."""

    change: Literal["added", "removed"]
    key: str | None
    type: str
    source: EntityRef
    target: EntityRef
    evidence: Evidence
    run: str | None
    at: str | None = None


class ChainChanges(BaseModel):
    """The changes touching one chain (its members and their relationships)."""

    chain: str
    entities: list[EntityChange]
    relationships: list[RelationshipChange]


class Replacement(BaseModel):
    """A document replaced by a new version: what the new version added and what it dropped."""

    document: str
    title: str | None = None
    run: str
    added: list[RelationshipChange]
    dropped: list[RelationshipChange]


class Changes(BaseModel):
    """The answer to "what is new since …"."""

    since: str
    since_at: str = Field(description="the time compared against (ISO, UTC)")
    runs: list[RunInfo] = Field(description="the runs after `since`")
    entities_added: int
    entities_removed: int
    relationships_added: int
    relationships_removed: int
    chains: list[ChainChanges]
    replacements: list[Replacement]
    truncated: bool = False


def list_runs(store: GraphStore) -> list[RunInfo]:
    """Every recorded run, oldest first."""
    return [RunInfo(**r) for r in queries.run(store, "list_runs")]


def _threshold(since: str, runs: list[RunInfo]) -> str:
    """The ISO time after which changes count: a run's start, or the start of a date."""
    for run in runs:
        if run.id == since:
            return run.at
    if _DATE.match(since.strip()):
        return since.strip().replace(" ", "T")
    known = ", ".join(r.id for r in runs[-5:]) or "（尚无记录 / none yet）"
    raise NotFound(f"没有编号为 {since!r} 的导入批次，也不是日期 YYYY-MM-DD "
                   f"(no run {since!r} and not a date); 最近的批次 / latest runs: {known}", [r.id for r in runs[-5:]])


def _ref(row: Row, end: str) -> EntityRef:
    return EntityRef(id=row[end], label=Label(row[f"{end}_label"]), name=row[f"{end}_name"])


def _relationship(row: Row, change: Literal["added", "removed"]) -> RelationshipChange:
    return RelationshipChange(
        change=change, key=row["key"], type=row["type"], source=_ref(row, "source"), target=_ref(row, "target"),
        evidence=Evidence(type=row["type"], sentence=row["evidence"] or "", doc=row["doc"],
                          confidence=row.get("confidence"), doc_date=row["doc_date"],
                          doc_title=row["doc_title"]),
        run=row["run"], at=row["at"])


def _chains(row: Row) -> list[str]:
    """The chains a change belongs to: a chain at either end, else the chains its (source) entity is in."""
    own = [row[f"{end}_name"] for end in ("source", "target")
           if row.get(f"{end}_label") == Label.IndustryChain.value and row.get(f"{end}_name")]
    if row.get("label") == Label.IndustryChain.value:
        own.append(row["name"])
    return sorted(set(own) or set(row.get("chains") or []) or {NO_CHAIN})


def changes(store: GraphStore, since: str, limit: int = MAX_CHANGES) -> Changes:
    """New and removed entities and relationships since a run (its id) or a date (YYYY-MM-DD)."""
    row = store.run("find_run_record")[0]
    if row["run"] is None and row["entity"] is not None:
        raise LegacyStore("此图库建于记录导入批次之前，无法判断哪些内容是新增的；请先运行一次 ecograph ingest"
                          "（会为已有内容补记迁移批次）(this store predates recorded runs: run an ingest first, "
                          "which migrates it)")
    runs = list_runs(store)
    at = _threshold(since, runs)
    limit = max(1, min(limit, MAX_CHANGES))
    params = {"since": at, "limit": limit + 1}
    added_nodes = queries.run(store, "list_added_entities", params)
    added_edges = queries.run(store, "list_added_edges", params)
    dropped = queries.run(store, "list_dropped", {"since": at, "limit": 4 * limit + 1})
    truncated = max(len(added_nodes), len(added_edges)) > limit or len(dropped) > 4 * limit
    added_nodes, added_edges, dropped = added_nodes[:limit], added_edges[:limit], dropped[:4 * limit]
    gone = [d for d in dropped if not d["present"] and (d["first_seen_at"] is None or d["first_seen_at"] <= at)]
    groups: dict[str, ChainChanges] = {}

    def group(name: str) -> ChainChanges:
        return groups.setdefault(name, ChainChanges(chain=name, entities=[], relationships=[]))

    for r in added_nodes:
        change = EntityChange(change="added", entity=EntityRef(id=r["id"], label=r["label"], name=r["name"]),
                              run=r["run"], at=r["at"], first_date=r["first_date"], docs=r["docs"] or [])
        for chain in _chains(r):
            group(chain).entities.append(change)
    added_rel = [_relationship(r, "added") for r in added_edges]
    for r, rel in zip(added_edges, added_rel, strict=True):
        for chain in _chains(r):
            group(chain).relationships.append(rel)
    removed_count = {"entity": 0, "relationship": 0}
    for d in gone:
        removed_count[d["kind"]] += 1
        if d["kind"] == "entity":
            ref = EntityRef(id=d["source"], label=Label(d["type"]), name=d["source_name"])
            group_rows = _chains({**d, "label": d["type"], "name": d["source_name"], "source_label": None})
            for chain in group_rows:
                group(chain).entities.append(EntityChange(change="removed", entity=ref, run=d["run"], at=d["at"],
                                                          docs=[d["doc"]] if d["doc"] else []))
        else:
            for chain in _chains(d):
                group(chain).relationships.append(_relationship(d, "removed"))
    replacements = _replacements(runs, at, added_edges, dropped)
    evidence = [c.evidence for g in groups.values() for c in g.relationships]
    evidence += [c.evidence for rep in replacements for c in rep.added + rep.dropped]
    found = citations(store, [e.doc for e in evidence] + [rep.document for rep in replacements])
    for e in evidence:
        if e.doc in found:
            e.doc_title, e.doc_date = e.doc_title or found[e.doc].title, e.doc_date or found[e.doc].date
    for rep in replacements:
        rep.title = found[rep.document].title if rep.document in found else None
    ordered = sorted(groups.values(), key=lambda g: (g.chain == NO_CHAIN, -len(g.entities) - len(g.relationships), g.chain))
    return Changes(
        since=since, since_at=at, runs=[r for r in runs if r.at > at],
        entities_added=len(added_nodes), entities_removed=removed_count["entity"],
        relationships_added=len(added_edges), relationships_removed=removed_count["relationship"],
        chains=ordered, replacements=replacements, truncated=truncated)


def _replacements(runs: list[RunInfo], at: str, added: list[Row], dropped: list[Row]) -> list[Replacement]:
    """Per document a run after `at` replaced: the relationships its new version added and dropped."""
    out: list[Replacement] = []
    for run in (r for r in runs if r.at > at):
        for path in run.replaced:
            out.append(Replacement(
                document=path, run=run.id,
                added=[_relationship(r, "added") for r in added if r["doc"] == path and r["run"] == run.id],
                dropped=[_relationship(d, "removed") for d in dropped
                         if d["kind"] == "relationship" and d["doc"] == path and d["run"] == run.id]))
    return out


CSV_COLUMNS = ("change", "kind", "chain", "type", "source", "source_label", "target", "target_label", "evidence",
               "doc", "doc_title", "doc_date", "run", "at")


def csv_rows(result: Changes) -> Iterator[dict[str, str]]:
    """One row per change and chain (a change in two chains is listed under each), then the replacements."""
    for group in result.chains:
        for e in group.entities:
            yield {"change": e.change, "kind": "entity", "chain": group.chain, "type": e.entity.label.value,
                   "source": e.entity.name, "source_label": e.entity.label.value, "doc": ";".join(e.docs),
                   "doc_date": e.first_date or "", "run": e.run or "", "at": e.at or ""}
        for r in group.relationships:
            yield _csv_relationship(r, group.chain, "relationship")
    for rep in result.replacements:
        for r in rep.added + rep.dropped:
            yield _csv_relationship(r, "", f"replacement:{rep.document}")


def _csv_relationship(r: RelationshipChange, chain: str, kind: str) -> dict[str, str]:
    return {"change": r.change, "kind": kind, "chain": chain, "type": r.type, "source": r.source.name,
            "source_label": r.source.label.value, "target": r.target.name, "target_label": r.target.label.value,
            "evidence": r.evidence.sentence, "doc": r.evidence.doc or "", "doc_title": r.evidence.doc_title or "",
            "doc_date": r.evidence.doc_date or "", "run": r.run or "", "at": r.at or ""}


def to_csv(result: Changes) -> str:
    """The changes as CSV (UTF-8 with BOM when written to a file, so spreadsheet programs read the Chinese)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, restval="")
    writer.writeheader()
    writer.writerows(csv_rows(result))
    return out.getvalue()
