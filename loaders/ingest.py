"""Ingest: read → extract → resolve against the store → write, with a report of what failed.

A document that cannot be read is reported and skipped; the rest of the batch lands. A document
whose content hash is already recorded is skipped, so re-ingesting is a no-op.

Identity: a document is its path inside its source — the folder given (its real path), or for
uploads its own content — so `附件1.txt` of one office never takes the place of another office's
`附件1.txt`: the second is stored under another path (`offB/附件1.txt`) and reported as renamed.
The same path of the same source ingested again with other content replaces the old document
(its contributions are removed first); `replace=True` (`ecograph ingest --replace`) also lets a
document take the place of one of the same path from another source, and `target` (PUT
/documents/{id}) names the one document an upload replaces. The report lists what was replaced.

Groups: the files are cut into groups of at most `GROUP_DOCS` files and `GROUP_BYTES` bytes, in the
order given, so a rerun cuts the same groups. While the pool extracts one group (loaders.parallel),
this process resolves and writes the one before: resolution sees the whole group plus the stored
entities it may match (`loaders.resolve.KnownEntities`), and the group is written with one `store.write` — its entities and
relationships in large UNWIND batches, its Document records last.

Provenance: each call is a recorded run (graph.runs); every document record carries its title, date,
publisher and URL (loaders.metadata: the `meta` mapping, a sidecar, then the document itself), every
relationship its document's date, and a replacement records what it drops (see delete_document.cypher).

Crash safety: a process killed at any point loses at most the group being written; the next run
redoes exactly the documents without a record, and every write is a MERGE on a stable key, so
nothing doubles.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TypeVar

from ecograph.graph import runs
from ecograph.graph.errors import DocumentError
from ecograph.graph.model import Document, Graph, Node, Run
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore, WriteSummary
from ecograph.loaders import metadata, parallel
from ecograph.loaders.normalise import is_chrome
from ecograph.loaders.pipeline import resolve
from ecograph.loaders.read import (
    Skipped,
    document_size,
    iter_documents,
    open_document,
    printable,
    read_document,
)
from ecograph.loaders.resolve import KnownEntities

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
    skipped: list[DocumentError] = field(default_factory=list)  # left out on purpose (hidden, unsafe name, link)
    replaced: list[str] = field(default_factory=list)  # paths whose earlier document this run replaced
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (name, path it got): the name was taken
    chrome_lines: int = 0  # page-chrome lines removed before extraction
    chars: int = 0
    seconds: float = 0.0
    written: WriteSummary = field(default_factory=WriteSummary)
    run: str | None = None  # the id of the recorded run (`ecograph changes --since RUN`)

    def summary(self) -> str:
        w = self.written
        extra = "".join(f", {n} {what}" for n, what in (
            (len(self.skipped), "skipped"), (len(self.replaced), "replaced"), (len(self.renamed), "renamed")) if n)
        return (
            f"{len(self.ingested)} ingested, {len(self.unchanged)} unchanged, {len(self.failed)} failed{extra}; "
            f"{w.nodes} entities and {w.edges} relationships written; "
            f"{self.chars / 1000:.0f}K chars in {self.seconds:.1f} s"
            + (f"; {self.chrome_lines} page-chrome lines dropped" if self.chrome_lines else "")
            + (f"; run {self.run}" if self.run else "")
        )

    def add_error(self, error: DocumentError) -> None:
        """Record a failure or a deliberate skip, its path made safe to print (one line, no raw control bytes)."""
        safe = type(error)(printable(error.path), printable(error.reason))
        (self.skipped if isinstance(error, Skipped) else self.failed).append(safe)


@dataclass(frozen=True)
class _File:
    """A document found: its name inside its source, where it is, and the source (see the module docstring)."""

    name: str
    path: Path
    source: str  # the given folder's real path; "" for uploads, which are known by their content
    label: str  # the source folder's name, to tell two documents of one name apart


@dataclass
class _Read:
    """A document to extract: its record, its text, and the id of the document it replaces."""

    record: Document
    text: str
    replaces: str | None


@dataclass
class _Group:
    """One group in flight: its files (for progress), the documents to extract, their extraction."""

    names: list[str]
    read: list[_Read]
    job: parallel.Extraction


@dataclass
class _Extracted:
    name: str
    record: Document
    graph: Graph
    replaces: str | None


def collect(paths: Iterable[Path], *, follow_symlinks: bool = False) -> tuple[list[tuple[str, Path]], list[DocumentError]]:
    """Files under the given paths, named relative to the folder the user gave (a file: its own name).

    Names are made printable (`printable`): a GBK file name unzipped on Linux, or one with a newline,
    becomes a name that can be stored and printed; the path itself still opens the file.
    """
    found: list[tuple[str, Path]] = []
    errors: list[DocumentError] = []
    for root in paths:
        base = root if root.is_dir() else root.parent
        for item in iter_documents([root], follow_symlinks=follow_symlinks):
            if isinstance(item, DocumentError):
                if not metadata.is_sidecar(Path(item.path)):  # a sidecar is read with its document
                    errors.append(item)
            else:
                found.append((printable(item.relative_to(base).as_posix()), item))
    return found, errors


def document_id(name: str, source: str = "") -> str:
    """A document's id: its name inside its source, so two sources' files of one name are two documents."""
    key = f"{source}\n{name}" if source else name
    return hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]


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
    replace: bool = False,
    follow_symlinks: bool = False,
    uploads: bool = False,
    target: str | None = None,
    meta: Mapping[str, metadata.Meta] | None = None,
    progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into the store, a group at a time, extracting the next group meanwhile.

    `replace`: a document takes the place of a stored one of the same path from another source.
    `uploads`: the files are uploads, known by their content (a same-named upload never replaces).
    `target`: the id of the stored document that the one file given replaces, keeping its path.
    `meta`: title, date, publisher, url by file name (`ingest --meta FILE`), before what documents say.
    """
    found: list[_File] = []
    report = IngestReport()
    for root in paths:
        named, errors = collect([root], follow_symlinks=follow_symlinks)
        base = Path(os.path.realpath(root if root.is_dir() else root.parent))
        found += [_File(name, path, "" if uploads else str(base), "" if uploads else printable(base.name))
                  for name, path in named]
        for error in errors:
            report.add_error(error)
    started = time.perf_counter()
    run = runs.start(store)
    report.run = run.id
    writer = _Writer(store, report, force, run)
    places = _Places(store, replace, target)
    workers = Settings().workers
    pending: _Group | None = None  # extracting while the group before it is written
    ok = False
    try:
        for files in _groups(found):
            read = _read_group(files, store, force, report, places, meta or {}, run)
            job = parallel.start([(r.record.path, r.text) for r in read], workers)
            previous, pending = pending, _Group([f.name for f in files], read, job)
            if previous:
                writer.finish(previous, progress)
        last, pending = pending, None
        if last:
            writer.finish(last, progress)
        ok = True
    finally:
        if pending:  # the run failed: no one will read the group in flight
            pending.job.cancel()
        run.added = len(report.ingested) - len(report.replaced)
        run.changed, run.unchanged, run.failed = len(report.replaced), len(report.unchanged), len(report.failed)
        run.replaced = list(report.replaced)
        runs.finish(store, run, ok=ok)
    report.written = writer.written.summary()
    report.seconds = time.perf_counter() - started
    return report


def _groups(found: list[_File]) -> Iterator[list[_File]]:
    """Consecutive files, at most GROUP_DOCS of them and GROUP_BYTES unpacked (a single larger file is a group).

    An archive member counts with its unpacked size: 650 members of 3 MB in a 3 MB zip are 650 groups,
    not one group of 2 GB of text.
    """
    group: list[_File] = []
    size = 0
    for file in found:
        n = document_size(file.path)  # 0 when it cannot be read; _read_group reports it
        if group and (len(group) >= GROUP_DOCS or size + n > GROUP_BYTES):
            yield group
            group, size = [], 0
        group.append(file)
        size += n
    if group:
        yield group


def _read_group(
    files: list[_File], store: GraphStore, force: bool, report: IngestReport, places: _Places,
    meta: Mapping[str, metadata.Meta], run: Run,
) -> list[_Read]:
    """Records and texts of a group's new documents; unchanged and unreadable ones are reported instead."""
    hashed = [(f, sha) for f in files if (sha := _guarded(f.path, report, content_hash)) is not None]
    rows = [{"sha256": sha} for _, sha in hashed]
    recorded = set() if force or not rows else {r["sha256"] for r in store.run("find_recorded_sha256", {"rows": rows})}
    fresh: list[tuple[_File, str, str]] = []
    for f, sha in hashed:
        if sha in recorded:
            report.unchanged.append(f.name)
        elif (text := _guarded(f.path, report, _text)) is not None:
            fresh.append((f, sha, text))
    out: list[_Read] = []
    for (f, sha, text), (doc_id, path, replaces) in zip(fresh, places.assign([(f, sha) for f, sha, _ in fresh]),
                                                         strict=True):
        if path != f.name and replaces is None:
            report.renamed.append((f.name, path))
        report.chrome_lines += sum(1 for line in text.split("\n") if is_chrome(line))
        told = metadata.merge(metadata.for_document(meta, f.name), _guarded(f.path, report, metadata.from_sidecar) or {},
                              metadata.from_file(f.path), metadata.from_text(text))
        out.append(_Read(Document(id=doc_id, path=path, sha256=sha, chars=len(text), run=run.id, **told), text, replaces))
    return out


class _Places:
    """Which document holds each path, so a new document never silently takes another's place.

    Asks the store once per group (by id, then by path) and remembers what this run assigned.
    """

    def __init__(self, store: GraphStore, replace: bool, target: str | None) -> None:
        self.store = store
        self.replace = replace
        self.target = target
        self.run: dict[str, str] = {}  # path → id given this run

    def assign(self, files: list[tuple[_File, str]]) -> list[tuple[str, str, str | None]]:
        """(id, path, id of the document it replaces) for each new document, in order."""
        ids = [self.target or document_id(f.name, f.source or f"sha256:{sha}") for f, sha in files]
        by_id = {r["id"]: r["path"] for r in self.store.run("find_documents_by_ids", {"ids": ids})} if ids else {}
        if self.target and (self.target not in by_id or len(ids) > 1 or self.target in self.run.values()):
            raise DocumentError(self.target, "只能用一个现有文档的新版本替换它 (a document is replaced by exactly one "
                                             "new version, and it must exist)")
        names = [f.name for f, _ in files]
        by_path = {r["path"]: r["id"] for r in self.store.run("find_documents_by_paths", {"docs": names})} if names else {}
        out: list[tuple[str, str, str | None]] = []
        for (f, _), doc_id in zip(files, ids, strict=True):
            if doc_id in by_id:  # the same path of the same source (or the target): a new version
                path, replaces = by_id[doc_id], doc_id
            else:
                path, replaces = f.name, None
                holder = self.run.get(path) or by_path.get(path)
                if holder is not None and holder != doc_id:
                    # a store written before ids had a source holds the bare name's id: the same document
                    legacy = bool(f.source) and holder == document_id(f.name)
                    if (self.replace or legacy) and path not in self.run:
                        replaces = holder
                    else:
                        path = self._free(f)
            self.run[path] = doc_id
            out.append((doc_id, path, replaces))
        return out

    def _free(self, f: _File) -> str:
        """The first path no document holds: `label/name`, then `name (2)`, `name (3)`, …"""
        pure = PurePosixPath(f.name)
        stem = pure.with_suffix("").as_posix() if pure.suffix else f.name
        tried = [f"{f.label}/{f.name}"] if f.label else []
        n = 2
        while True:
            for path in tried:
                if path not in self.run and not self.store.run("find_documents_by_paths", {"docs": [path]}):
                    return path
            tried = [f"{stem} ({n}){pure.suffix}"]
            n += 1


def _guarded(path: Path, report: IngestReport, step: Callable[[Path], T]) -> T | None:
    """`step(path)`, or None when it failed (and the failure is reported)."""
    try:
        return step(path)
    except OSError as exc:
        report.add_error(DocumentError(str(path), exc.strerror or str(exc)))
    except DocumentError as exc:
        report.add_error(exc)
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

    def __init__(self, store: GraphStore, report: IngestReport, force: bool, run: Run) -> None:
        self.store = store
        self.report = report
        self.force = force
        self.run = run
        self.known = KnownEntities(store)
        self.written = _Written()
        self.recorded: set[str] = set()  # hashes this run wrote: a copy in a later group is unchanged

    def finish(self, group: _Group, progress: Callable[[str], None] | None) -> None:
        """Wait for the group's extraction, replace older versions, resolve, write; then report progress."""
        docs: list[_Extracted] = []
        for read, result in zip(group.read, group.job.result(), strict=True):
            record = read.record
            if not self.force and record.sha256 in self.recorded:  # read before the earlier copy was written
                self.report.unchanged.append(record.path)
            elif isinstance(result, Exception):  # one document's extraction bug must not sink the batch
                self.report.add_error(DocumentError(record.path, f"extraction failed: {type(result).__name__}: {result}"))
            else:
                docs.append(_Extracted(record.path, record, result, read.replaces))
        if docs:
            self._write(docs)
        if progress:
            for name in group.names:
                progress(name)

    def _write(self, docs: list[_Extracted]) -> None:
        replaced = [d.replaces for d in docs if d.replaces]
        older = {r["id"] for r in self.store.run("find_documents_by_ids", {"ids": replaced})} if replaced else set()
        for doc_id in dict.fromkeys(i for i in replaced if i in older):  # a new version (or forced, or --replace)
            self.store.delete_document(doc_id, self.run.stamp())  # one query: the old version whole or gone
        if older:
            self.known.reload()  # the removal may have deleted or changed entities
        graphs = [d.graph for d in docs]
        part = _group_graph(resolve(graphs, known=self.known.candidates(graphs)), docs)
        part.run = self.run
        self.store.write(part)
        self.store.run("restore_dropped", write=True)  # what a new version states again keeps its first_seen
        self.known.add(part.nodes)
        self.written.add(part)
        self.recorded.update(d.record.sha256 for d in docs)
        self.report.ingested.extend(d.name for d in docs)
        self.report.replaced.extend(d.name for d in docs if d.replaces in older)
        self.report.chars += sum(d.record.chars for d in docs)


def _group_graph(merged: Graph, docs: list[_Extracted]) -> Graph:
    """What the group states, with resolved ids, as document-by-document writes would leave it.

    An entity's `docs` are the group's documents that name it or one of whose edges ends at it,
    in group order (stored entities' other documents are already in the store); the records last.
    """
    order = {d.name: i for i, d in enumerate(docs)}
    dates = {d.name: d.record.date for d in docs if d.record.date}
    titles = {d.name: d.record.title for d in docs if d.record.title}
    ends: dict[str, set[str]] = defaultdict(set)
    for e in merged.edges:
        ends[e.source].add(e.doc)
        ends[e.target].add(e.doc)
        e.doc_date, e.doc_title = dates.get(e.doc), titles.get(e.doc)
    nodes: list[Node] = []
    for n in merged.nodes:  # resolve made these nodes for this call alone, so they are set in place
        if mine := {d for d in n.docs if d in order} | ends.get(n.id, set()):
            n.docs = sorted(mine, key=order.__getitem__)
            n.date = min((dates[d] for d in mine if d in dates), default=None)
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
