"""Where a statement comes from and how recent it is: the title and date of the documents evidence names,
and an entity's timeline — for each of its relationships, which document stated it first.

Evidence rows name their document by path (older stores: by id); one query per answer looks the
names up (`list_documents_by_paths`), so a citation shows the title and date, not only the file.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel

from ecograph import queries
from ecograph.graph.store import GraphStore
from ecograph.queries.models import Evidence, Relationship, Stated, TimelineEntry


class Citation(BaseModel):
    """A document as evidence cites it."""

    doc: str
    title: str | None = None
    date: str | None = None
    publisher: str | None = None
    url: str | None = None


def citations(store: GraphStore, docs: Iterable[str | None]) -> dict[str, Citation]:
    """The citation of each named document (by path or id); unknown names are left out."""
    names = sorted({d for d in docs if d})
    if not names:
        return {}
    return {r["name"]: Citation(doc=r["path"], title=r["title"], date=r["date"], publisher=r["publisher"], url=r["url"])
            for r in queries.run(store, "list_documents_by_paths", {"docs": names})}


def cite(store: GraphStore, evidence: Iterable[Evidence]) -> None:
    """Fill doc_title / doc_date of evidence in place, with one query for all of it."""
    items = list(evidence)
    found = citations(store, (e.doc for e in items))
    for e in items:
        if e.doc in found:
            e.doc_title, e.doc_date = found[e.doc].title, found[e.doc].date


def _date_key(s: Stated) -> tuple[int, str, str]:
    """Dated documents first, earliest first; undated ones after, by name."""
    return (0, s.date, s.doc) if s.date else (1, "", s.doc)


def timeline(rels: list[Relationship], found: dict[str, Citation]) -> list[TimelineEntry]:
    """An entity's relationships grouped by (type, direction, other end), each with the documents stating
    it sorted by publication date; the entries sorted by when they were first stated."""
    groups: dict[tuple[str, str, str], list[Relationship]] = {}
    for r in rels:
        groups.setdefault((r.type.value, r.direction, r.other.id), []).append(r)
    out: list[TimelineEntry] = []
    for group in groups.values():
        stated = sorted((Stated(doc=found[r.doc].doc if r.doc in found else r.doc or "",
                                title=found[r.doc].title if r.doc in found else None,
                                date=r.doc_date or (found[r.doc].date if r.doc in found else None),
                                evidence=r.evidence) for r in group), key=_date_key)
        seen = min((r for r in group if r.first_seen_at), key=lambda r: r.first_seen_at or "", default=None)
        head = group[0]
        out.append(TimelineEntry(type=head.type, direction=head.direction, other=head.other,
                                 first_date=stated[0].date, first=stated[0], stated_by=stated,
                                 first_seen=seen.first_seen if seen else None,
                                 first_seen_at=seen.first_seen_at if seen else None))
    return sorted(out, key=lambda e: (_date_key(e.first), e.type.value, e.other.name))
