"""The one interface every backend implements (graph.backends picks one).

Backends differ only in how a Cypher text is executed (`_execute`) and how many rows a batch
may hold; schema, batching, row shaping and document removal live here once.
"""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeVar

from ecograph.graph.cypher import STATEMENTS, CypherFiles
from ecograph.graph.errors import QueryFailed
from ecograph.graph.model import Document, Edge, Graph, Label, Node, RelType

Row = dict[str, Any]
SCHEMA_QUERIES = (
    "create_index_entity_id",
    "create_index_entity_name",
    "create_index_document_id",
    "create_index_document_sha256",
    "create_index_document_path",
)
BULK_BATCH = 20_000  # rows per CREATE batch of a bulk load: large, since no row is looked up


@dataclass
class WriteSummary:
    """What one `write` stored (upserted, so re-writing the same graph reports the same counts)."""

    nodes: int = 0
    edges: int = 0
    documents: int = 0
    by_label: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    """Lists of at most `size` rows from any iterable (a generator's rows never sit in memory whole)."""
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def _count(counts: dict[str, int], key: str, n: int) -> None:
    counts[key] = counts.get(key, 0) + n


def node_row(node: Node) -> Row:
    return {"id": node.id, "name": node.name, "aliases": node.aliases, "docs": node.docs, "name_en": node.name_en,
            "date": node.date}


def edge_row(edge: Edge) -> Row:
    row = edge.model_dump(exclude={"type"})
    row["key"] = edge.key
    return row


def document_row(doc: Document) -> Row:
    return doc.model_dump()


NodeRows = Mapping[Label, Iterable[Row]]
EdgeRows = Mapping[RelType, Iterable[Row]]


def fresh_rows(graph: Graph) -> tuple[dict[Label, list[Row]], dict[RelType, list[Row]]]:
    """Rows of a bulk load, as `write` would leave them in an empty store (see `bulk_load_rows`)."""
    nodes: dict[Label, list[Row]] = defaultdict(list)
    ids: set[str] = set()
    for node in graph.nodes:
        if node.id in ids:
            raise ValueError(f"bulk_load needs unique node ids (resolve the graph first): {node.id}")
        ids.add(node.id)
        row = node_row(node)
        row["aliases"] = [a for a in dict.fromkeys(node.aliases) if a != node.name]
        row["docs"] = list(dict.fromkeys(node.docs))
        nodes[node.label].append(row)
    edges: dict[RelType, dict[str, Row]] = defaultdict(dict)
    for edge in graph.edges:
        if edge.source in ids and edge.target in ids:
            edges[edge.type][edge.key] = edge_row(edge)
    return nodes, {rel: list(keyed.values()) for rel, keyed in edges.items()}


T = TypeVar("T")
ANSWERS_KEPT = 256  # answers one store remembers between two writes


class GraphStore(ABC):
    """A graph store: run named queries, write graphs, close."""

    backend: str
    batch_size: int

    @abstractmethod
    def _execute(self, cypher: str, params: Mapping[str, Any], *, write: bool, timeout_ms: int | None,
                 schema: bool = False) -> list[Row]:
        """Run one Cypher text and return its rows as plain dicts (column name → value). A write
        bumps the version in the same transaction, unless it only creates an index (`schema`)."""

    @abstractmethod
    def version(self) -> int:
        """The graph's version: a counter every write bumps, kept in the store itself, so every
        process using the store sees a write by any of them. Caches of answers compare it; counts of
        nodes and relationships would miss a replacement that keeps them equal."""

    async def version_async(self) -> int:
        """`version()` for an event loop: never blocks it (backends without an async client read it on a
        thread)."""
        return await asyncio.to_thread(self.version)

    _answers: tuple[int, dict[Hashable, Any]] | None = None  # set per store on first use

    def remembered(self, key: Hashable, compute: Callable[[], T]) -> T:
        """An answer read from this store, kept until the next write (its version changes), so a page, its
        CSV and its Excel file read the graph once. The cache belongs to the store the app holds, not to a
        module; bounded: forgotten all at once beyond ANSWERS_KEPT."""
        version = self.version()
        kept = self._answers
        if kept is None or kept[0] != version or len(kept[1]) >= ANSWERS_KEPT:
            kept = self._answers = (version, {})
        if key not in kept[1]:
            kept[1][key] = compute()
        answer: T = kept[1][key]
        return answer

    def forget(self) -> None:
        """Drop the remembered answers (a benchmark timing recomputation)."""
        self._answers = None

    @abstractmethod
    def _schema_exists_error(self, exc: Exception) -> bool:
        """Whether an index-creation error only says the index is already there."""

    @abstractmethod
    def close(self) -> None:
        """Release connections (and, for the embedded store, the server this process started)."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        *,
        write: bool = False,
        timeout_ms: int | None = None,
        label: Label | None = None,
        rel: RelType | None = None,
        files: CypherFiles = STATEMENTS,
    ) -> list[Row]:
        """Run a named query with these parameters: one of the store's own statements, or one of
        `files` (queries/ hands its read queries over this way)."""
        cypher = files.render(name, self.backend, label=label, rel=rel)
        return self._execute(cypher, dict(params or {}), write=write, timeout_ms=timeout_ms)

    def run_scalars(self, name: str, params: Mapping[str, Any] | None = None, *,
                    floats: tuple[str, ...] = ()) -> list[Row]:
        """Rows of a read query whose columns hold only strings, integers, floats and nulls, fetched
        the cheapest way the backend has (for bulk reads such as the export). `floats` names the
        float columns, which an untyped wire format carries as text; they come back as floats."""
        return self.run(name, params)

    def ensure_schema(self) -> None:
        """Create the key indexes (idempotent); must run before the first load."""
        jobs: list[tuple[str, Label | None]] = [(q, None) for q in SCHEMA_QUERIES]
        jobs += [("create_index", label) for label in Label]
        for name, label in jobs:
            try:
                self._execute(STATEMENTS.render(name, self.backend, label=label), {}, write=True, timeout_ms=None,
                              schema=True)
            except QueryFailed as exc:  # an index that exists is the goal reached
                if not self._schema_exists_error(exc):
                    raise

    def write(self, graph: Graph) -> WriteSummary:
        """Upsert a graph in batches: nodes, then edges, then the document records."""
        summary = WriteSummary()
        run = graph.run.stamp() if graph.run else None  # first_seen / last_seen of what this write stores
        nodes: dict[Label, list[Row]] = defaultdict(list)
        for node in graph.nodes:
            nodes[node.label].append(node_row(node))
        for label, rows in nodes.items():
            for batch in _chunks(rows, self.batch_size):
                self.run("merge_nodes", {"rows": batch, "run": run}, write=True, label=label)
            summary.by_label[label.value] = len(rows)
            summary.nodes += len(rows)
        edges: dict[RelType, dict[str, Row]] = defaultdict(dict)
        for edge in graph.edges:
            edges[edge.type][edge.key] = edge_row(edge)
        for rel, keyed in edges.items():
            rows = list(keyed.values())
            for batch in _chunks(rows, self.batch_size):
                self.run("merge_edges", {"rows": batch, "run": run}, write=True, rel=rel)
            summary.by_type[rel.value] = len(rows)
            summary.edges += len(rows)
        self._write_documents(graph.documents, summary)
        return summary

    def bulk_load(self, graph: Graph) -> WriteSummary:
        """Load a graph into an EMPTY store by the fastest path the backend has; no MERGE lookups.

        Stores the same properties `write` would on a fresh graph (aliases without the name, no
        duplicates; one edge per key, the last stated; edges to unknown ids dropped). Incremental
        loads must keep using `write`.
        """
        nodes, edges = fresh_rows(graph)
        return self.bulk_load_rows(nodes, edges, graph.documents)

    def bulk_load_rows(self, nodes: NodeRows, edges: EdgeRows, documents: Sequence[Document] = ()) -> WriteSummary:
        """Load rows shaped as `fresh_rows` makes them (unique node ids, edges between those nodes)
        into an EMPTY store with CREATE in large batches: the portable path (Neo4j's fastest over
        the driver). Backends override it with a native loader; generators may feed rows directly."""
        self._require_empty()
        summary = WriteSummary()
        for label, rows in nodes.items():
            for batch in _chunks(rows, BULK_BATCH):
                self.run("create_nodes", {"rows": batch}, write=True, label=label)
                _count(summary.by_label, label.value, len(batch))
        for rel, rel_rows in edges.items():
            for batch in _chunks(rel_rows, BULK_BATCH):
                self.run("create_edges", {"rows": batch}, write=True, rel=rel)
                _count(summary.by_type, rel.value, len(batch))
        summary.nodes, summary.edges = sum(summary.by_label.values()), sum(summary.by_type.values())
        self._write_documents(documents, summary)
        return summary

    def _require_empty(self) -> None:
        if self.run("count_graph")[0]["nodes"]:
            raise ValueError("bulk_load needs an empty graph; use write() for incremental loads")

    def _write_documents(self, documents: Sequence[Document], summary: WriteSummary) -> None:
        docs = [document_row(d) for d in documents]
        for batch in _chunks(docs, self.batch_size):
            self.run("merge_documents", {"rows": batch}, write=True)
        summary.documents = len(docs)

    def delete_document(self, doc_id: str, run: Mapping[str, str] | None = None) -> Row | None:
        """Remove a document and what only it contributed, in one query: a crash leaves all of it or
        none. Returns the counts (relationships_deleted, entities_deleted, entities_updated), or
        None when no such document is recorded. With `run` (Run.stamp()), what it removes is
        recorded as dropped by that run, in the same query."""
        rows = self.run("delete_document", {"id": doc_id, "run": run}, write=True)
        return rows[0] if rows else None
