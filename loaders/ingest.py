"""Ingest: read → extract → resolve against the store → write, with a report of what failed.

A document that cannot be read is reported and skipped; the rest of the batch lands. A document
whose content hash is already recorded is skipped, so re-ingesting is a no-op; one whose name was
ingested before with other content first has its old contributions removed.

Crash safety: documents are extracted and resolved in groups of `GROUP_DOCS` (resolution sees the
whole group plus what the store holds), then written one document at a time — its entities, its
relationships, and last its Document record. A process killed at any point loses at most the
group in flight; the next run redoes exactly the documents without a record, and every write is
a MERGE on a stable key, so nothing doubles.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import DocumentError
from graph.model import Document, Graph
from graph.settings import Settings
from graph.store import GraphStore, WriteSummary
from loaders.parallel import extract_all
from loaders.pipeline import resolve
from loaders.read import iter_documents, open_document, read_document
from queries.documents import delete_document

GROUP_DOCS = 50
# Extraction time grows faster than the text (1 M characters: ~50 s), so longer texts are refused
# with a reason instead of stalling the batch.
MAX_CHARS = 2_000_000
_TEXT_SUFFIXES = frozenset({".txt", ".md"})
_CHUNK = 1 << 20


@dataclass
class IngestReport:
    """What one ingest did, for the CLI's summary line and the API's answer."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[DocumentError] = field(default_factory=list)
    chars: int = 0
    seconds: float = 0.0
    written: WriteSummary = field(default_factory=WriteSummary)

    def summary(self) -> str:
        w = self.written
        return (
            f"{len(self.ingested)} ingested, {len(self.unchanged)} unchanged, {len(self.failed)} failed; "
            f"{w.nodes} entities and {w.edges} relationships written; "
            f"{self.chars / 1000:.0f}K chars in {self.seconds:.1f} s"
        )


@dataclass
class _Extracted:
    name: str
    record: Document
    graph: Graph


def collect(paths: Iterable[Path]) -> tuple[list[tuple[str, Path]], list[DocumentError]]:
    """Files under the given paths, named relative to the folder the user gave (a file: its own name)."""
    found: list[tuple[str, Path]] = []
    errors: list[DocumentError] = []
    for root in paths:
        for item in iter_documents([root]):
            if isinstance(item, DocumentError):
                errors.append(item)
            elif root.is_dir():
                found.append((item.relative_to(root).as_posix(), item))
            else:
                found.append((item.relative_to(root.parent).as_posix(), item))
    return found, errors


def document_id(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8")).hexdigest()[:16]


def content_hash(path: Path) -> str:
    """SHA-256 of a document's bytes, streamed (a 500 MB report never sits in memory for this)."""
    digest = hashlib.sha256()
    with open_document(path) as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def ingest_paths(
    paths: Iterable[Path],
    store: GraphStore,
    *,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into the store, one group of documents at a time."""
    found, errors = collect(paths)
    report = IngestReport(failed=errors)
    started = time.perf_counter()
    written = _Written()
    for i in range(0, len(found), GROUP_DOCS):
        group = _extract_group([_read(name, path, store, force, report) for name, path in found[i : i + GROUP_DOCS]], report)
        if progress:
            for name, _ in found[i : i + GROUP_DOCS]:
                progress(name)
        _write(group, store, report, written)
    report.written = written.summary()
    report.seconds = time.perf_counter() - started
    return report


def _read(name: str, path: Path, store: GraphStore, force: bool, report: IngestReport) -> tuple[Document, str] | None:
    """One document's record and text, or None when it is unchanged or failed (and reported so)."""
    try:
        sha = content_hash(path)
        if not force and store.run("find_document_by_sha256", {"sha256": sha}):
            report.unchanged.append(name)
            return None
        if path.suffix.lower() in _TEXT_SUFFIXES and path.is_file() and path.stat().st_size > 4 * MAX_CHARS:
            raise DocumentError(str(path), _too_long(path.stat().st_size // 4, at_least=True))  # ≤ 4 bytes a character
        text = read_document(path)
        if len(text) > MAX_CHARS:
            raise DocumentError(str(path), _too_long(len(text)))
    except OSError as exc:
        report.failed.append(DocumentError(str(path), exc.strerror or str(exc)))
        return None
    except DocumentError as exc:
        report.failed.append(exc)
        return None
    return Document(id=document_id(name), path=name, sha256=sha, chars=len(text)), text


def _extract_group(read: list[tuple[Document, str] | None], report: IngestReport) -> list[_Extracted]:
    """Extract a group's documents in `workers` processes (loaders.parallel); a failure is reported, not raised."""
    docs = [r for r in read if r is not None]
    out: list[_Extracted] = []
    for (record, _), result in zip(docs, extract_all([(r.path, t) for r, t in docs], Settings().workers), strict=True):
        if isinstance(result, Exception):  # one document's extraction bug must not sink the batch
            report.failed.append(DocumentError(record.path, f"extraction failed: {type(result).__name__}: {result}"))
        else:
            out.append(_Extracted(record.path, record, result))
    return out


def _too_long(chars: int, at_least: bool = False) -> str:
    many = f"at least {chars:,}" if at_least else f"{chars:,}"
    return f"text of {many} characters is longer than the {MAX_CHARS:,} one document may have; split it into parts"


def _write(docs: list[_Extracted], store: GraphStore, report: IngestReport, written: _Written) -> None:
    """Replace older versions, resolve the group against the store, then write document by document."""
    if not docs:
        return
    for doc in docs:  # a name ingested before with other content (or forced): drop what the old one said
        if store.run("get_document", {"id": doc.record.id}):
            delete_document(store, doc.record.id)
    merged = resolve([d.graph for d in docs], known=store.known_nodes())
    for doc in docs:
        part = _slice(merged, doc.name)
        part.documents = [doc.record]
        written.add(part)
        store.write(part)
        report.ingested.append(doc.name)
        report.chars += doc.record.chars


def _slice(merged: Graph, name: str) -> Graph:
    """What one document states, with resolved ids: its edges, and its entities (docs = this one only)."""
    edges = [e for e in merged.edges if e.doc == name]
    ends = {e.source for e in edges} | {e.target for e in edges}
    nodes = [n.model_copy(update={"docs": [name]}) for n in merged.nodes if name in n.docs or n.id in ends]
    return Graph(nodes=nodes, edges=edges)


class _Written:
    """Distinct entities and relationships written over the whole run (a node several documents name counts once)."""

    def __init__(self) -> None:
        self.nodes: dict[str, str] = {}
        self.edges: dict[str, str] = {}
        self.documents = 0

    def add(self, part: Graph) -> None:
        self.nodes.update((n.id, n.label.value) for n in part.nodes)
        self.edges.update((e.key, e.type.value) for e in part.edges)
        self.documents += len(part.documents)

    def summary(self) -> WriteSummary:
        by_label: dict[str, int] = {}
        by_type: dict[str, int] = {}
        for label in self.nodes.values():
            by_label[label] = by_label.get(label, 0) + 1
        for rel in self.edges.values():
            by_type[rel] = by_type.get(rel, 0) + 1
        return WriteSummary(nodes=len(self.nodes), edges=len(self.edges), documents=self.documents,
                            by_label=by_label, by_type=by_type)
