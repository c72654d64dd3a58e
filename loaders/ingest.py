"""Ingest: read → extract → resolve against the store → write, with a report of what failed.

A document that cannot be read is reported and skipped; the rest of the batch lands. A document
whose content hash is already recorded is skipped, so re-ingesting is a no-op. Document records
are written after the entities and edges, so an interrupted run is finished by the next one
without doubling anything (every write is a MERGE on a stable key).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import DocumentError
from graph.model import Document, Graph
from graph.store import GraphStore, WriteSummary
from loaders.pipeline import extract_text, resolve
from loaders.read import iter_documents, read_document


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
                found.append((item.name, item))
    return found, errors


def document_record(name: str, data: bytes, chars: int) -> Document:
    sha = hashlib.sha256(data).hexdigest()
    return Document(id=hashlib.sha1(name.encode("utf-8")).hexdigest()[:16], path=name, sha256=sha, chars=chars)


def ingest_paths(
    paths: Iterable[Path],
    store: GraphStore,
    *,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> IngestReport:
    """Ingest files and folders into the store."""
    found, errors = collect(paths)
    report = IngestReport(failed=errors)
    started = time.perf_counter()
    texts: list[tuple[str, str]] = []
    records: list[Document] = []
    for name, path in found:
        try:
            data = path.read_bytes()
        except OSError as exc:
            report.failed.append(DocumentError(str(path), exc.strerror or str(exc)))
            continue
        if not force and store.run("find_document_by_sha256", {"sha256": hashlib.sha256(data).hexdigest()}):
            report.unchanged.append(name)
        else:
            try:
                text = read_document(path)
            except DocumentError as exc:
                report.failed.append(exc)
            else:
                texts.append((name, text))
                records.append(document_record(name, data, len(text)))
        if progress:
            progress(name)
    _extract_and_write(texts, records, store, report)
    report.seconds = time.perf_counter() - started
    return report


def _extract_and_write(texts: list[tuple[str, str]], records: list[Document], store: GraphStore, report: IngestReport) -> None:
    graphs: list[Graph] = []
    for (name, text), record in zip(texts, records, strict=True):
        try:
            graphs.append(extract_text(text, name))
        except Exception as exc:  # one document's extraction bug must not sink the batch
            report.failed.append(DocumentError(name, f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        report.ingested.append(name)
        report.chars += record.chars
    if not graphs:
        return
    extracted = set(report.ingested)
    kept = [r for r in records if r.path in extracted]
    merged = resolve(graphs, known=store.known_nodes())
    merged.documents = kept
    report.written = store.write(merged)
