"""Ingested documents: list them, and remove what only one document contributed.

An edge is one document's statement (its key includes the document), so deleting a document's
edges never removes another document's evidence. Entities keep a `docs` list; an entity left
with no document after the removal existed only because of that document and is deleted.
"""

from __future__ import annotations

from pydantic import BaseModel
from rapidfuzz import fuzz, process

from graph.errors import NotFound
from graph.store import GraphStore
from queries.views import DEFAULT_PAGE, MAX_PAGE


class DocumentRecord(BaseModel):
    """One ingested document."""

    id: str
    path: str
    sha256: str
    chars: int | None = None


class DocumentPage(BaseModel):
    """A page of ingested documents."""

    total: int
    limit: int
    offset: int
    items: list[DocumentRecord]


class DeleteResult(BaseModel):
    """What removing a document took out of the graph."""

    document: DocumentRecord
    relationships_deleted: int
    entities_deleted: int
    entities_updated: int


def list_documents(store: GraphStore, limit: int = DEFAULT_PAGE, offset: int = 0) -> DocumentPage:
    """A page of ingested documents, by path."""
    limit, offset = max(1, min(limit, MAX_PAGE)), max(0, offset)
    rows = store.run("list_documents", {"skip": offset, "limit": limit})
    total = store.run("count_documents")[0]["documents"]
    return DocumentPage(total=total, limit=limit, offset=offset, items=[DocumentRecord(**r) for r in rows])


def get_document(store: GraphStore, doc_id: str) -> DocumentRecord:
    """One document by id; NotFound suggests documents whose id or path is close."""
    rows = store.run("get_document", {"id": doc_id})
    if not rows:
        known = {f"{r['path']} ({r['id']})": r for r in store.run("list_documents", {"skip": 0, "limit": MAX_PAGE})}
        hits = process.extract(doc_id, list(known), scorer=fuzz.partial_ratio, limit=5, score_cutoff=60)
        raise NotFound(f"no document with id {doc_id!r}", [h[0] for h in hits])
    return DocumentRecord(**rows[0])


def delete_document(store: GraphStore, doc_id: str) -> DeleteResult:
    """Remove a document: its edges, its mention on entities, entities only it mentioned, its record."""
    doc = get_document(store, doc_id)
    names = sorted({doc.path, doc.id})  # what an edge's doc and an entity's docs hold for it
    edges = store.run("delete_document_edges", {"docs": names}, write=True)[0]["deleted"]
    touched = store.run("remove_document_from_entities", {"docs": names}, write=True)
    orphans = [r["id"] for r in touched if r["remaining"] == 0]
    deleted = store.run("delete_entities", {"ids": orphans}, write=True)[0]["deleted"] if orphans else 0
    store.run("delete_document", {"id": doc.id}, write=True)
    return DeleteResult(document=doc, relationships_deleted=edges, entities_deleted=deleted,
                        entities_updated=len(touched) - len(orphans))
