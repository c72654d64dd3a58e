"""Group writes leave the store that document-by-document writes left (issue 6): the same entities
with the same names, aliases, docs and ids, the same edges and records — with resolution against the
in-memory known set instead of re-reading the store, and the next group extracting in the pool meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import synth
from ecograph.graph.backends import open_store
from ecograph.graph.falkordb_store import FalkorStore
from ecograph.graph.model import Document, Graph, Label, Node
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore
from ecograph.loaders import ingest, metadata
from ecograph.loaders.pipeline import extract_text, resolve
from ecograph.loaders.read import read_document
from ecograph.loaders.resolve import KnownEntities
from tests.conftest import REPO, SEEDS, iter_rows, stored_nodes


def _corpus(folder: Path) -> list[tuple[str, Path]]:
    """Seeds and demo documents twice (each copy with a line of its own) and synthetic news: 30 files."""
    sources = sorted(SEEDS.glob("*.txt")) + sorted((REPO / "demo" / "corpus").iterdir())
    for k in range(2):
        for src in sources:
            target = folder / f"copy{k}" / src.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(src.read_text(encoding="utf-8") + f"\n第{k}份抄送件。\n", encoding="utf-8")
    for name, text in synth.documents(12):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return ingest.collect([folder])[0]


def _document_by_document(found: list[tuple[str, Path]], store: GraphStore, group: int, source: Path) -> None:
    """The ingest as it was: resolve each group against every stored entity, write one document at a time."""
    for i in range(0, len(found), group):
        files = found[i : i + group]
        texts = [(name, read_document(path)) for name, path in files]
        merged = resolve([extract_text(t, n) for n, t in texts], known=stored_nodes(store))
        for (name, path), (_, text) in zip(files, texts, strict=True):
            edges = [e for e in merged.edges if e.doc == name]
            ends = {e.source for e in edges} | {e.target for e in edges}
            nodes = [n.model_copy(update={"docs": [name]}) for n in merged.nodes if name in n.docs or n.id in ends]
            record = Document(id=ingest.document_id(name, str(source.resolve())), path=name, sha256=ingest.content_hash(path),
                              chars=len(text), **metadata.merge(metadata.from_file(path), metadata.from_text(text)))
            store.write(Graph(nodes=nodes, edges=edges, documents=[record]))


def _rows(store: GraphStore) -> tuple[list[dict], list[dict], list[dict]]:
    nodes = sorted((n.model_dump() for n in stored_nodes(store)), key=lambda r: r["id"])
    edges = sorted(iter_rows(store, "list_edges"), key=lambda r: r["key"])
    docs = sorted(({k: v for k, v in r.items() if k != "run"} for r in iter_rows(store, "list_documents")),
                  key=lambda r: r["id"])  # the run id differs; the rest of the record must not
    return nodes, edges, docs


@pytest.mark.parametrize("workers", [1, 2])
def test_group_writes_equal_document_by_document_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    found = _corpus(tmp_path / "docs")
    monkeypatch.setattr(ingest, "GROUP_DOCS", 7)  # several groups, so later ones resolve against earlier ones
    monkeypatch.setenv("ECOGRAPH_WORKERS", str(workers))
    with open_store(Settings(data_dir=tmp_path / "old")) as old, open_store(Settings(data_dir=tmp_path / "new")) as new:
        _document_by_document(found, old, 7, tmp_path / "docs")
        report = ingest.ingest_paths([tmp_path / "docs"], new)
        assert (len(report.ingested), report.failed) == (len(found), [])
        want, got = _rows(old), _rows(new)
        assert got[0] == want[0]
        assert got[1] == want[1]
        assert got[2] == want[2]
        again = ingest.ingest_paths([tmp_path / "docs"], new)
        assert (again.ingested, len(again.unchanged)) == ([], len(found))


def test_known_set_mirrors_what_the_store_makes_of_writes(fresh_store: FalkorStore) -> None:
    """`KnownEntities.add` folds written entities in as merge_nodes.cypher does: longer name wins (ASCII and
    CJK of the same length included), every other name an alias, the first English name stays."""
    known = KnownEntities(fresh_store)
    short = Node.make(Label.Company, "ABCD光电", aliases=["ABCD"], docs=["a"])
    writes = [
        [short, Node.make(Label.IndustryChain, "光伏", name_en="photovoltaics", docs=["a"])],
        [short.model_copy(update={"name": "某省ABCD光电科技有限公司", "aliases": ["ABCD光電"], "docs": ["b"]}),
         Node.make(Label.IndustryChain, "光伏", aliases=["光伏产业"], name_en="PV", docs=["b"])],
        [short.model_copy(update={"name": "某省ABCD光电科技有限公司X", "docs": ["c"]}),
         short.model_copy(update={"id": "company-2", "name": "甲乙丙丁", "aliases": ["ABCD"], "docs": ["c"]})],
        [short.model_copy(update={"id": "company-2", "name": "WXYZ", "docs": ["d"]})],  # same length: the stored name stays
    ]
    for nodes in writes:
        fresh_store.write(Graph(nodes=nodes))
        known.add(nodes)
    assert known._rec == KnownEntities(fresh_store)._rec
    chain = Node.make(Label.IndustryChain, "光伏产业")
    assert [n.id for n in known.candidates([Graph(nodes=[chain])])] == [writes[0][1].id]
    bare = Node.make(Label.Company, "ABCD", docs=["e"])  # a bare name reaches every company whose core it begins
    assert {n.id for n in known.candidates([Graph(nodes=[bare])])} == {short.id, "company-2"}
