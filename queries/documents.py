"""Ingested documents: list them, read one, and remove one with what only it contributed.

The records are `graph.model.Document`, as ingest writes them. Removal is the store's single
`delete_document` statement, so a crash never leaves half a document behind.
"""

from __future__ import annotations

from pydantic import BaseModel
from rapidfuzz import fuzz, process

from ecograph import queries
from ecograph.graph import runs
from ecograph.graph.errors import NotFound
from ecograph.graph.model import Document
from ecograph.graph.store import GraphStore
from ecograph.queries.models import DEFAULT_PAGE, MAX_PAGE, clamp_page


class DocumentPage(BaseModel):
    """A page of ingested documents."""

    total: int
    limit: int
    offset: int
    items: list[Document]


class DeleteResult(BaseModel):
    """What removing a document took out of the graph."""

    document: Document
    relationships_deleted: int
    entities_deleted: int
    entities_updated: int


def list_documents(store: GraphStore, limit: int = DEFAULT_PAGE, offset: int = 0) -> DocumentPage:
    """A page of ingested documents, by path."""
    limit, offset = clamp_page(limit, offset)
    rows = queries.run(store, "list_documents", {"skip": offset, "limit": limit})
    total = queries.run(store, "count_documents")[0]["documents"]
    return DocumentPage(total=total, limit=limit, offset=offset, items=[Document(**r) for r in rows])


def get_document(store: GraphStore, doc_id: str) -> Document:
    """One document by id; NotFound suggests documents whose id or path is close."""
    rows = queries.run(store, "get_document", {"id": doc_id})
    if not rows:
        listed = queries.run(store, "list_documents", {"skip": 0, "limit": MAX_PAGE})
        known = [f"{r['path']} ({r['id']})" for r in listed]
        hits = process.extract(doc_id, known, scorer=fuzz.partial_ratio, limit=5, score_cutoff=60)
        raise NotFound(f"no document with id {doc_id!r}", [h[0] for h in hits])
    return Document(**rows[0])


def delete_document(store: GraphStore, doc_id: str) -> DeleteResult:
    """Remove a document: its edges, its mention on entities, entities only it mentioned, its record."""
    doc = get_document(store, doc_id)
    run = runs.start(store)  # a removal is a recorded run too: `changes` lists what it took out
    counts = store.delete_document(doc.id, run.stamp())
    run.removed = int(counts is not None)
    runs.finish(store, run, ok=counts is not None)
    if counts is None:  # removed by another writer since it was read
        raise NotFound(f"no document with id {doc_id!r}")
    return DeleteResult(document=doc, **counts)
