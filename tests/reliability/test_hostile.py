"""Issue 7 item 3: hostile text from a document stays data — in the store, the export, the API and the pages.

A document full of HTML/JS, a Cypher fragment, control characters, RTL marks and a 5,000-character
name goes through the real ingest; entities whose names are the hostile strings themselves are
then written beside it (the extractor, which only takes Chinese names, would not produce them).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import networkx as nx
import pytest

from bench.chromium import Chromium
from bench.served import READY, serve
from ecograph import queries
from ecograph.graph.backends import open_store
from ecograph.graph.export import write_graphml
from ecograph.graph.model import Edge, Graph, Label, Node, RelType
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore
from ecograph.loaders.ingest import ingest_paths
from tests.conftest import iter_rows, stored_nodes

SCRIPT = "<script>window.pwned=1;alert(1)</script>"
IMG = '<img src=x onerror="window.pwned=2;alert(2)">'
CYPHER = "'}) DETACH DELETE n //"
RTL = "\u202e司公限有\u202c"
DOCUMENT = f"""关于校企合作的情况通报
{SCRIPT}新材料有限公司与山西大学签署战略合作协议，共建光伏联合实验室。
{CYPHER}科技有限公司与山西大学开展合作。
{RTL}光电有限公司与太原理工大学共建氢能实验室。
控制\x07字符\x1b[31m有限公司与中北大学签署合作协议。
{"长" * 5000}有限公司与山西大学开展合作。
{IMG}研究院与太原理工大学共建联合实验室。
"""
# Names as a hostile document would have them, and what the store keeps (control characters dropped).
HOSTILE = {
    f"{SCRIPT}有限公司": f"{SCRIPT}有限公司",
    f"{IMG}研究院": f"{IMG}研究院",
    f"{CYPHER}科技有限公司": f"{CYPHER}科技有限公司",
    f"{RTL}光电有限公司": f"{RTL}光电有限公司",
    "控制\x00字符\x07\x1b[31m有限公司": "控制字符[31m有限公司",
    "长" * 5000 + "有限公司": "长" * 5000 + "有限公司",
}


def hostile_graph(partner: str) -> Graph:
    """The hostile names as companies cooperating with `partner`, each edge's evidence the name itself."""
    nodes = [Node.make(Label.Company, name, docs=["hostile.txt"]) for name in HOSTILE]
    edges = [Edge(source=n.id, target=partner, type=RelType.COOPERATES_WITH, evidence=f"{n.name}与大学合作。",
                  doc="hostile.txt") for n in nodes]
    return Graph(nodes=nodes, edges=edges)


def counts(store: GraphStore) -> tuple[int, int, int]:
    return (sum(r["count"] for r in queries.run(store, "count_by_label")), sum(r["count"] for r in queries.run(store, "count_by_type")),
            queries.run(store, "count_documents")[0]["documents"])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """A store holding one seed, the hostile document and the hostile names; yields (data dir, name → id)."""
    work = tmp_path_factory.mktemp("hostile")
    docs = work / "docs"
    docs.mkdir()
    (docs / "hostile.txt").write_text(DOCUMENT, encoding="utf-8")
    seed = sorted(seeds_dir.iterdir())[0]
    (docs / seed.name).write_bytes(seed.read_bytes())
    data = work / "data"
    with open_store(Settings(data_dir=data)) as store:
        report = ingest_paths([docs], store)
        assert not report.failed and len(report.ingested) == 2, report.summary()
        before = counts(store)
        partner = next(n.id for n in stored_nodes(store) if n.name == "山西大学")
        graph = hostile_graph(partner)
        store.write(graph)
        after = counts(store)
        assert after == (before[0] + len(HOSTILE), before[1] + len(HOSTILE), before[2])  # nothing deleted
        ids = {HOSTILE[raw]: n.id for raw, n in zip(HOSTILE, graph.nodes, strict=True)}
        stored = {r["id"]: r["name"] for r in queries.run(store, "list_entities_by_ids", {"ids": list(ids.values())})}
        assert stored == {i: name for name, i in ids.items()}
    yield data, ids


def test_the_document_landed_as_data(hostile: tuple[Path, dict[str, str]]) -> None:
    data, _ = hostile
    with open_store(Settings(data_dir=data)) as store:
        evidence = [r["evidence"] for r in iter_rows(store, "list_edges") if r["doc"] == "hostile.txt"]
    assert any(SCRIPT in e for e in evidence) and any(CYPHER in e for e in evidence) and any(RTL in e for e in evidence)


def test_graphml_export_stays_valid_xml(hostile: tuple[Path, dict[str, str]]) -> None:
    data, ids = hostile
    out = io.StringIO()
    with open_store(Settings(data_dir=data)) as store:
        write_graphml(store, out)
    ET.fromstring(out.getvalue().encode("utf-8"))
    g = nx.read_graphml(io.BytesIO(out.getvalue().encode("utf-8")))
    assert {g.nodes[i]["name"] for i in ids.values()} == set(ids)


def test_the_api_returns_the_names_verbatim_in_json(hostile: tuple[Path, dict[str, str]]) -> None:
    data, ids = hostile
    with serve(data) as url:
        for name, entity_id in ids.items():
            body = httpx.get(f"{url}/entities/{entity_id}", timeout=30).json()
            assert body["name"] == name and any(r["evidence"].startswith(name) for r in body["relationships"])
        found = httpx.get(f"{url}/entities", params={"q": CYPHER[:20]}, timeout=30).json()["items"]
        assert [i["name"] for i in found] == [f"{CYPHER}科技有限公司"]


@pytest.mark.browser
def test_pages_show_the_hostile_text_and_run_none_of_it(
    hostile: tuple[Path, dict[str, str]], browser: Chromium, tmp_path: Path
) -> None:
    data, ids = hostile
    with serve(data) as url:
        pages = [f"/entities/{i}" for i in ids.values()] + [f"/search?q={quote('有限公司')}", f"/chains/{quote('光伏')}"]
        for page in pages:
            log = browser.open(url + page, READY)
            assert log.dialogs == [] and browser.evaluate("window.pwned === undefined"), page
            assert not any(r.endswith("/x") for r in log.requests), page  # the <img> was never an element
            injected = "document.querySelectorAll('img[src=x]').length + [...document.scripts].filter(" \
                       "s => s.textContent.trim().startsWith('window.pwned')).length"
            assert browser.evaluate(injected) == 0, page  # no element was made from the hostile markup
        log = browser.open(f"{url}/entities/{ids[f'{SCRIPT}有限公司']}", READY)
        assert SCRIPT in browser.evaluate("document.body.innerText")
        log = browser.open(f"{url}/entities/{ids[f'{IMG}研究院']}", READY)
        assert IMG in browser.evaluate("document.body.innerText")
