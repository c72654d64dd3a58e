"""The whole graph as the CSV files `neo4j-admin database import full` reads, and read back.

For users moving to a Neo4j cluster: one node file per label and one relationship file per type,
with the headers the import tool types columns by (`:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`,
`name:string[]`, `start:int` ...). Arrays are joined with U+001F (a control character no text holds),
so the import needs `--array-delimiter=U+001F`; `import.sh` beside the files holds the whole command.
"""

from __future__ import annotations

import csv
import shlex
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ecograph import queries
from ecograph.graph.model import Document, Label, RelType
from ecograph.graph.store import GraphStore, Row
from ecograph.queries.export import iter_whole_graph

ARRAY = "\x1f"
NODE_HEADER = ["id:ID", "name", "aliases:string[]", "docs:string[]", "name_en", ":LABEL"]
DOC_HEADER = ["id:ID", "path", "sha256", "chars:int", ":LABEL"]
EDGE_HEADER = [":START_ID", ":END_ID", ":TYPE", "key", "evidence", "doc", "start:int", "end:int", "rule", "confidence:double"]
_PAGE = 5000


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ARRAY.join(str(v) for v in value)
    return str(value)


def _documents(store: GraphStore) -> Iterator[Row]:
    skip = 0
    while True:
        rows = queries.run(store, "list_documents", {"skip": skip, "limit": _PAGE})
        yield from rows
        if len(rows) < _PAGE:
            return
        skip += _PAGE


def write_admin_csv(store: GraphStore, directory: Path) -> dict[str, int]:
    """Write every node and relationship under `directory`; returns rows written per file."""
    directory.mkdir(parents=True, exist_ok=True)
    nodes, edges = iter_whole_graph(store)
    files: dict[str, Any] = {}
    writers: dict[str, Any] = {}
    counts: dict[str, int] = {}

    def writer(name: str, header: list[str]) -> Any:
        if name not in writers:
            files[name] = open(directory / name, "w", encoding="utf-8", newline="")
            writers[name] = csv.writer(files[name])
            writers[name].writerow(header)
            counts[name] = 0
        counts[name] += 1
        return writers[name]

    try:
        for n in nodes:
            writer(f"nodes_{n['label']}.csv", NODE_HEADER).writerow(
                [n["id"], n["name"], _text(n["aliases"]), _text(n["docs"]), _text(n["name_en"]), f"Entity;{n['label']}"])
        for e in edges:
            writer(f"relationships_{e['type']}.csv", EDGE_HEADER).writerow(
                [e["source"], e["target"], e["type"], *(_text(e[k]) for k in ("key", "evidence", "doc", "start", "end", "rule", "confidence"))])
        for d in _documents(store):
            writer("nodes_Document.csv", DOC_HEADER).writerow([d["id"], d["path"], d["sha256"], d["chars"], "Document"])
    finally:
        for f in files.values():
            f.close()
    args = ["neo4j-admin", "database", "import", "full", "--array-delimiter=U+001F", "--multiline-fields=true"]
    args += [f"--nodes={name}" for name in sorted(counts) if name.startswith("nodes_")]
    args += [f"--relationships={name}" for name in sorted(counts) if name.startswith("relationships_")]
    (directory / "import.sh").write_text(
        "#!/bin/sh\n# Run in this folder, Neo4j stopped; then create the indexes of graph/statements/*.neo4j.cypher.\n"
        + " ".join(shlex.quote(a) for a in args) + " neo4j\n", encoding="utf-8")
    return counts


def _optional(text: str, kind: type) -> Any:
    return kind(text) if text != "" else None


def read_admin_csv(directory: Path) -> tuple[dict[Label, list[Row]], dict[RelType, list[Row]], list[Document]]:
    """The rows of files written by `write_admin_csv`, shaped for `GraphStore.bulk_load_rows`."""
    nodes: dict[Label, list[Row]] = {}
    edges: dict[RelType, list[Row]] = {}
    documents: list[Document] = []
    for path in sorted(directory.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            rows = csv.DictReader(f)
            for r in rows:
                if ":TYPE" in r:
                    edges.setdefault(RelType(r[":TYPE"]), []).append({
                        "source": r[":START_ID"], "target": r[":END_ID"], "key": r["key"], "evidence": r["evidence"],
                        "doc": r["doc"], "start": _optional(r["start:int"], int), "end": _optional(r["end:int"], int),
                        "rule": r["rule"], "confidence": _optional(r["confidence:double"], float)})
                elif r[":LABEL"] == "Document":
                    documents.append(Document(id=r["id:ID"], path=r["path"], sha256=r["sha256"], chars=int(r["chars:int"] or 0)))
                else:
                    label = Label(r[":LABEL"].split(";")[-1])
                    nodes.setdefault(label, []).append({
                        "id": r["id:ID"], "name": r["name"], "name_en": r["name_en"] or None,
                        "aliases": r["aliases:string[]"].split(ARRAY) if r["aliases:string[]"] else [],
                        "docs": r["docs:string[]"].split(ARRAY) if r["docs:string[]"] else []})
    return nodes, edges, documents
