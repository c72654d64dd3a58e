"""'What changed since …' on a real store: the seeds, then the dev corpus, then an edited copy of one seed
document replacing it. The answer since the first run must equal the difference of GraphML exports taken
between the runs, and list what the replaced document's new version dropped."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ecograph.api.app import create_app
from ecograph.graph.backends import open_store
from ecograph.graph.errors import NotFound
from ecograph.graph.export import write_graphml
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore
from ecograph.loaders.ingest import IngestReport, ingest_paths
from ecograph.queries.changes import Changes, changes
from tests.conftest import SEEDS, SHARED

DEV = SHARED / "corpus" / "dev"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
REPLACED = "000_7405eb821d4f810b.txt"


@dataclass
class Graphml:
    nodes: set[str]
    edges: dict[str, dict[str, str]]  # key → its data (by attribute name)


def export(store: GraphStore, path: Path) -> Graphml:
    with open(path, "w", encoding="utf-8") as out:
        write_graphml(store, out)
    root = ET.parse(path).getroot()
    names = {k.get("id"): k.get("attr.name") for k in root.iter(f"{GRAPHML}key")}
    edges = {e.get("id") or "": {"source": e.get("source") or "", "target": e.get("target") or "",
                                 **{names[d.get("key")]: d.text or "" for d in e.iter(f"{GRAPHML}data")}}
             for e in root.iter(f"{GRAPHML}edge")}
    return Graphml({n.get("id") or "" for n in root.iter(f"{GRAPHML}node")}, edges)


def _letters(text: str) -> str:
    """A text without punctuation or spaces (evidence sentences are stored with normalised punctuation)."""
    return "".join(c for c in text if c.isalnum())


@dataclass
class History:
    data: Path
    store: GraphStore
    runs: list[IngestReport]
    before: Graphml  # after the first run
    after: Graphml  # after the last
    edited: str  # the sentence of the replaced document that the new version changes


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[History]:
    folder = tmp_path_factory.mktemp("history")
    store = open_store(Settings(data_dir=folder / "data"))
    store.run("delete_graph", write=True)
    store.ensure_schema()
    first = ingest_paths([SEEDS], store)
    before = export(store, folder / "first.graphml")
    second = ingest_paths([DEV], store)
    stated = [e for e in before.edges.values() if e["doc"] == REPLACED]
    assert stated, "the replaced seed document states relationships"
    sentence = stated[0]["evidence"]
    text = (SEEDS / REPLACED).read_text(encoding="utf-8")
    raw = [part for part in text.split("。") if len(_letters(part)) >= 10 and _letters(part) in _letters(sentence)]
    assert raw, "the evidence sentence is in the document (its punctuation normalised)"
    copy = folder / "v2" / REPLACED
    copy.parent.mkdir()
    copy.write_text(text.replace(raw[0], "长治市新建了一个综合服务中心"), encoding="utf-8")
    third = ingest_paths([copy.parent], store, replace=True)
    assert third.replaced == [REPLACED], third.summary()
    after = export(store, folder / "last.graphml")
    yield History(folder / "data", store, [first, second, third], before, after, sentence)
    store.close()


def _sets(result: Changes, change: str) -> tuple[set[str], set[str]]:
    entities = {e.entity.id for g in result.chains for e in g.entities if e.change == change}
    edges = {r.key or "" for g in result.chains for r in g.relationships if r.change == change}
    return entities, edges


def test_changes_since_first_run_equal_the_graphml_difference(history: History) -> None:
    result = changes(history.store, history.runs[0].run or "")
    added_nodes, added_edges = _sets(result, "added")
    removed_nodes, removed_edges = _sets(result, "removed")
    assert added_nodes == history.after.nodes - history.before.nodes
    assert added_edges == set(history.after.edges) - set(history.before.edges)
    assert removed_nodes == history.before.nodes - history.after.nodes
    assert removed_edges == set(history.before.edges) - set(history.after.edges)
    assert removed_edges, "the edited sentence's relationships are gone"
    assert (result.entities_added, result.relationships_added) == (len(added_nodes), len(added_edges))
    assert [r.id for r in result.runs] == [history.runs[1].run, history.runs[2].run]


def test_replacement_lists_what_the_new_version_dropped(history: History) -> None:
    result = changes(history.store, history.runs[1].run or "")
    (rep,) = result.replacements
    assert rep.document == REPLACED and rep.run == history.runs[2].run
    assert rep.title and "创新如潮逐浪高" in rep.title
    dropped = {r.key for r in rep.dropped}
    gone = {k for k, e in history.before.edges.items() if e["doc"] == REPLACED} - set(history.after.edges)
    assert dropped == gone
    assert all(r.evidence.sentence == history.edited for r in rep.dropped)
    assert all(r.evidence.doc_date == "2023-06-25" for r in rep.dropped)
    # what the new version states again keeps the run that first saw it
    kept = {k for k, e in history.before.edges.items() if e["doc"] == REPLACED} & set(history.after.edges)
    assert all(history.after.edges[k]["first_seen"] == history.runs[0].run for k in kept)
    # since the dev run, the seeds' dropped edges are in the replacement but were not there before it? they were:
    # the net removal lists them too, since they existed at the dev run
    assert {r.key for g in result.chains for r in g.relationships if r.change == "removed"} == dropped


def test_changes_since_a_date_and_an_unknown_run(history: History) -> None:
    day = (history.runs[0].run or "")[:8]
    since_day = changes(history.store, f"{day[:4]}-{day[4:6]}-{day[6:]}")  # every run of the test is that day
    assert (since_day.entities_added, since_day.relationships_added) == (len(history.after.nodes), len(history.after.edges))
    assert (since_day.entities_removed, since_day.relationships_removed) == (0, 0)
    with pytest.raises(NotFound, match="导入批次"):
        changes(history.store, "no-such-run")


def test_graphml_carries_provenance_and_citations(history: History) -> None:
    dated = [e for e in history.after.edges.values() if e["doc"] == REPLACED]
    assert dated and all(e["doc_date"] == "2023-06-25" and "创新如潮逐浪高" in e["doc_title"] for e in dated)
    assert all(e["first_seen"] and e["first_seen_at"] and e["last_seen"] for e in history.after.edges.values())


def test_api_changes_json_csv_and_page(history: History) -> None:
    with TestClient(create_app(Settings(data_dir=history.data))) as client:
        since = history.runs[0].run
        body = client.get("/changes", params={"since": since}).json()
        assert body["relationships_added"] == len(set(history.after.edges) - set(history.before.edges))
        cited = [r["evidence"] for g in body["chains"] for r in g["relationships"]]
        assert any(e["doc_title"] and e["doc_date"] for e in cited)
        page = client.get("/changes", params={"since": since, "format": "html"})
        assert page.status_code == 200 and "本期新增" in page.text and "文档替换" in page.text
        sheet = client.get("/changes", params={"since": since, "format": "csv"})
        rows = list(csv.DictReader(io.StringIO(sheet.text.lstrip("\ufeff"))))
        assert {r["change"] for r in rows} == {"added", "removed"}
        assert client.get("/changes", params={"since": "nope"}).status_code == 404
        runs = client.get("/runs").json()
        assert [r["id"] for r in runs] == [r.run for r in history.runs]
        assert runs[2]["changed"] == 1 and runs[1]["added"] == 28


def test_entity_timeline_sorted_by_document_date(history: History) -> None:
    with TestClient(create_app(Settings(data_dir=history.data))) as client:
        ends = Counter(e[end] for e in history.after.edges.values() for end in ("source", "target"))
        busiest = ends.most_common(1)[0][0]
        detail = client.get(f"/entities/{busiest}").json()
        assert len(detail["timeline"]) >= 1
        assert sum(len(t["stated_by"]) for t in detail["timeline"]) == len(detail["relationships"])
        for entry in detail["timeline"]:
            dates = [s["date"] for s in entry["stated_by"] if s["date"]]
            assert dates == sorted(dates) and entry["first_date"] == (dates[0] if dates else None)
            assert entry["first"] == entry["stated_by"][0] and entry["first_seen"]
        firsts = [t["first_date"] for t in detail["timeline"] if t["first_date"]]
        assert firsts == sorted(firsts)
        assert all(r["first_seen"] for r in detail["relationships"])
        cited = [r for r in detail["relationships"] if r["doc_title"] and r["doc_date"]]
        assert cited
        page = client.get(f"/entities/{busiest}", params={"format": "html"}).text
        assert f"{cited[0]['doc_title']}（{cited[0]['doc_date']}）" in page  # the page cites title and date too
