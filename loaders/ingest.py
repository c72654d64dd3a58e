"""Ingest: read → extract → resolve against the store → write, with a report of what failed.

A document that cannot be read is reported and skipped; the rest of the batch lands. A document
whose content hash is already recorded is skipped, so re-ingesting is a no-op; one whose name was
ingested before with other content first has its old contributions removed.

Groups: the files are cut into groups of at most `GROUP_DOCS` files and `GROUP_BYTES` bytes, in the
order given, so a rerun cuts the same groups. While the pool extracts one group (loaders.parallel),
this process resolves and writes the one before: resolution sees the whole group plus the stored
entities it may match (`loaders.resolve.KnownEntities`), and the group is written with one `store.write` — its entities and
relationships in large UNWIND batches, its Document records last.

Crash safety: a process killed at any point loses at most the group being written; the next run
redoes exactly the documents without a record, and every write is a MERGE on a stable key, so
nothing doubles.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from graph.errors import DocumentError
from graph.model import Document, Graph, Node
from graph.settings import Settings
from graph.store import GraphStore, WriteSummary
from loaders import parallel
from loaders.pipeline import resolve
from loaders.read import iter_documents, open_document, read_document
from loaders.resolve import KnownEntities
from queries.documents import delete_document

GROUP_DOCS = 250
GROUP_BYTES = 4 << 20  # with two groups in flight (one extracting, one writing) memory stays flat
# Extraction time grows faster than the text (1 M characters: ~50 s), so longer texts are refused
# with a reason instead of stalling the batch.
MAX_CHARS = 2_000_000
_TEXT_SUFFIXES = frozenset({".txt", ".md"})
_CHUNK = 1 << 20
T = TypeVar("T")


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
class _Group:
    """One group in flight: its files (for progress), the documents to extract, their extraction."""

    names: list[str]
    read: list[tuple[Document, str]]
    job: parallel.Extraction


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
    """Ingest files and folders into the store, a group at a time, extracting the next group meanwhile."""
    found, errors = collect(paths)
    report = IngestReport(failed=errors)
    started = time.perf_counter()
    writer = _Writer(store, report, force)
    workers = Settings().workers
    pending: _Group | None = None  # extracting while the group before it is written
    try:
        for files in _groups(found):
            read = _read_group(files, store, force, report)
            previous, pending = pending, _Group([n for n, _ in files], read, parallel.start([(r.path, t) for r, t in read], workers))
            if previous:
                writer.finish(previous, progress)
        last, pending = pending, None
        if last:
            writer.finish(last, progress)
    finally:
        if pending:  # the run failed: no one will read the group in flight
            pending.job.cancel()
    report.written = writer.written.summary()
    report.seconds = time.perf_counter() - started
    return report


def _groups(found: list[tuple[str, Path]]) -> Iterator[list[tuple[str, Path]]]:
    """Consecutive files, at most GROUP_DOCS of them and GROUP_BYTES of file (a single larger file is a group)."""
    group: list[tuple[str, Path]] = []
    size = 0
    for name, path in found:
        try:
            n = path.stat().st_size
        except OSError:
            n = 0  # _read_group reports it
        if group and (len(group) >= GROUP_DOCS or size + n > GROUP_BYTES):
            yield group
            group, size = [], 0
        group.append((name, path))
        size += n
    if group:
        yield group


def _read_group(files: list[tuple[str, Path]], store: GraphStore, force: bool, report: IngestReport) -> list[tuple[Document, str]]:
    """Records and texts of a group's new documents; unchanged and unreadable ones are reported instead."""
    hashed = [(name, path, sha) for name, path in files if (sha := _guarded(path, report, content_hash)) is not None]
    rows = [{"sha256": sha} for _, _, sha in hashed]
    recorded = set() if force or not rows else {r["sha256"] for r in store.run("find_recorded_sha256", {"rows": rows})}
    out: list[tuple[Document, str]] = []
    for name, path, sha in hashed:
        if sha in recorded:
            report.unchanged.append(name)
        elif (text := _guarded(path, report, _text)) is not None:
            out.append((Document(id=document_id(name), path=name, sha256=sha, chars=len(text)), text))
    return out


def _guarded(path: Path, report: IngestReport, step: Callable[[Path], T]) -> T | None:
    """`step(path)`, or None when it failed (and the failure is reported)."""
    try:
        return step(path)
    except OSError as exc:
        report.failed.append(DocumentError(str(path), exc.strerror or str(exc)))
    except DocumentError as exc:
        report.failed.append(exc)
    return None


def _text(path: Path) -> str:
    if path.suffix.lower() in _TEXT_SUFFIXES and path.is_file() and path.stat().st_size > 4 * MAX_CHARS:
        raise DocumentError(str(path), _too_long(path.stat().st_size // 4, at_least=True))  # ≤ 4 bytes a character
    text = read_document(path)
    if len(text) > MAX_CHARS:
        raise DocumentError(str(path), _too_long(len(text)))
    return text


def _too_long(chars: int, at_least: bool = False) -> str:
    many = f"at least {chars:,}" if at_least else f"{chars:,}"
    return f"text of {many} characters is longer than the {MAX_CHARS:,} one document may have; split it into parts"


class _Writer:
    """Resolves and writes groups in order, holding what the run needs across them."""

    def __init__(self, store: GraphStore, report: IngestReport, force: bool) -> None:
        self.store = store
        self.report = report
        self.force = force
        self.known = KnownEntities(store)
        self.written = _Written()
        self.recorded: set[str] = set()  # hashes this run wrote: a copy in a later group is unchanged

    def finish(self, group: _Group, progress: Callable[[str], None] | None) -> None:
        """Wait for the group's extraction, replace older versions, resolve, write; then report progress."""
        docs: list[_Extracted] = []
        for (record, _), result in zip(group.read, group.job.result(), strict=True):
            if not self.force and record.sha256 in self.recorded:  # read before the earlier copy was written
                self.report.unchanged.append(record.path)
            elif isinstance(result, Exception):  # one document's extraction bug must not sink the batch
                self.report.failed.append(DocumentError(record.path, f"extraction failed: {type(result).__name__}: {result}"))
            else:
                docs.append(_Extracted(record.path, record, result))
        if docs:
            self._write(docs)
        if progress:
            for name in group.names:
                progress(name)

    def _write(self, docs: list[_Extracted]) -> None:
        ids = [d.record.id for d in docs]
        older = {r["id"] for r in self.store.run("find_documents_by_ids", {"ids": ids})}
        for doc_id in dict.fromkeys(i for i in ids if i in older):  # a name ingested before with other content (or forced)
            delete_document(self.store, doc_id)
        if older:
            self.known.reload()  # the removal may have deleted or changed entities
        graphs = [d.graph for d in docs]
        part = _group_graph(resolve(graphs, known=self.known.candidates(graphs)), docs)
        self.store.write(part)
        self.known.add(part.nodes)
        self.written.add(part)
        self.recorded.update(d.record.sha256 for d in docs)
        self.report.ingested.extend(d.name for d in docs)
        self.report.chars += sum(d.record.chars for d in docs)


def _group_graph(merged: Graph, docs: list[_Extracted]) -> Graph:
    """What the group states, with resolved ids, as document-by-document writes would leave it.

    An entity's `docs` are the group's documents that name it or one of whose edges ends at it,
    in group order (stored entities' other documents are already in the store); the records last.
    """
    order = {d.name: i for i, d in enumerate(docs)}
    ends: dict[str, set[str]] = defaultdict(set)
    for e in merged.edges:
        ends[e.source].add(e.doc)
        ends[e.target].add(e.doc)
    nodes: list[Node] = []
    for n in merged.nodes:  # resolve made these nodes for this call alone, so they are set in place
        if mine := {d for d in n.docs if d in order} | ends.get(n.id, set()):
            n.docs = sorted(mine, key=order.__getitem__)
            nodes.append(n)
    return Graph(nodes=nodes, edges=merged.edges, documents=[d.record for d in docs])


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
