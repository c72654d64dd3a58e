"""The served pages in a real headless chromium: they draw, stay offline, link through, and escape."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from bench.chromium import Chromium
from bench.served import READY, serve, stored
from bench.synthetic import chain_graph
from ecograph.cli import cli
from ecograph.graph.model import Document, Edge, Graph, Label, Node, RelType
from ecograph.graph.store import GraphStore
from ecograph.queries.chain_names import resolve_chain
from ecograph.queries.chains import chain_ecosystem, list_chains
from ecograph.queries.entities import entity_detail, neighbours, search_entities
from ecograph.queries.models import MAX_NEIGHBOURS, ChainEcosystem, ChainSummary, Tier, pinyin_key
from ecograph.viz.pages import CHAIN_CAPS
from tests.conftest import load

pytestmark = pytest.mark.browser

DRAWN = "window.ecograph.network.body.nodeIndices.length"


def ecosystem_ids(eco: ChainEcosystem) -> set[str]:
    """Every entity the read layer puts in a chain's ecosystem (partners excepted), computed apart from viz."""
    ids = {eco.chain.id}
    ids |= {ref.id for item in eco.labs for ref in [item.lab, *item.hosts]}
    ids |= {m.entity.id for group in (eco.companies, eco.universities, eco.institutes, eco.programs) for m in group}
    return ids



def test_index_lists_chains_with_links(browser: Chromium, seed_app: str, seed_store: GraphStore, tmp_path: Path) -> None:
    load(browser, seed_app + "/", tmp_path / "index.png")
    shown = browser.evaluate("[...document.querySelectorAll('main > table.chains a')].map(a => a.getAttribute('href'))")
    folded = browser.evaluate("[...document.querySelectorAll('details.empty-chains table.chains a')]"
                              ".map(a => a.getAttribute('href'))")
    chains = list_chains(seed_store)

    def members(c: ChainSummary) -> int:
        return c.labs + c.companies + c.universities + c.institutes + c.programs

    by_size = sorted((c for c in chains if members(c)), key=lambda c: (-members(c), pinyin_key(c.name)))
    assert shown == [f"/chains/{quote(c.name, safe='')}" for c in by_size]
    assert sorted(folded) == sorted(f"/chains/{quote(c.name, safe='')}" for c in chains if not members(c))
    assert "/chains/%E5%85%89%E4%BC%8F" in shown  # 光伏
    assert not browser.evaluate("document.querySelector('details.empty-chains').open")  # hidden until asked
    assert browser.evaluate("!!document.querySelector('form.search input[name=q]')")


def test_served_search_lists_matches_while_typing_with_a_label_filter(
    browser: Chromium, seed_app: str, seed_store: GraphStore, tmp_path: Path
) -> None:
    load(browser, seed_app + "/chains/" + quote("光伏"), tmp_path / "typing.png")
    typed = "实验室"
    expected = search_entities(seed_store, typed, Label.Lab, limit=10).items
    assert expected
    browser.evaluate("(() => { const f = document.querySelector('form.search');"
                     " f.querySelector('select[name=label]').value = 'Lab';"
                     f" const q = f.querySelector('input[name=q]'); q.value = '{typed}';"
                     " q.dispatchEvent(new Event('input')); })()")
    browser.wait_for("document.querySelectorAll('ul.suggest li').length > 0")
    names = browser.evaluate("[...document.querySelectorAll('ul.suggest li a')].map(a => a.textContent)")
    assert names == [hit.name for hit in expected]
    browser.screenshot(tmp_path / "typed.png")


@pytest.mark.parametrize("chain", ["光伏", "现代煤化工"])
def test_chain_map_draws_every_node_of_the_ecosystem(
    browser: Chromium, seed_app: str, seed_store: GraphStore, tmp_path: Path, chain: str
) -> None:
    eco = chain_ecosystem(seed_store, chain)
    load(browser, f"{seed_app}/chains/{quote(chain)}", tmp_path / f"chain-{chain}.png")
    assert browser.evaluate("!!document.querySelector('#graph canvas')")
    assert browser.evaluate(DRAWN) == len(ecosystem_ids(eco))
    inferred = sum(1 for item in eco.labs if item.tier is Tier.inferred)
    dashed = browser.evaluate(
        "new Set(window.ecograph.network.body.data.edges.get().filter(e => e.dashes).map(e => e.from)).size"
    )
    assert dashed == inferred


def test_index_to_chain_to_lab_evidence_by_clicking(
    browser: Chromium, seed_app: str, seed_store: GraphStore, tmp_path: Path
) -> None:
    """The newcomer's path: index → 现代煤化工's map → click a lab node → its page shows the evidence."""
    load(browser, seed_app + "/", tmp_path / "start.png")
    browser.evaluate("document.querySelector('a[href=\"/chains/%E7%8E%B0%E4%BB%A3%E7%85%A4%E5%8C%96%E5%B7%A5\"]').click()")
    browser.wait_for("location.pathname.startsWith('/chains/') && " + READY)
    lab = chain_ecosystem(seed_store, "现代煤化工").labs[0]
    x, y = browser.evaluate(
        f"(() => {{ const n = window.ecograph.network; const p = n.canvasToDOM(n.getPosition({lab.lab.id!r}));"
        " const r = document.getElementById('graph').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; })()"
    )
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        browser.call("Input.dispatchMouseEvent", session=True, type=kind, x=x, y=y, button="left", clickCount=1)
    browser.wait_for(f"location.pathname === '/entities/{lab.lab.id}' && " + READY)
    browser.screenshot(tmp_path / "lab.png")
    text = browser.evaluate("document.body.innerText")
    assert lab.lab.name in text
    assert lab.evidence[0].sentence in text
    assert browser.log.errors == [] and browser.log.remote_requests == []


def test_entity_page_draws_its_neighbourhood(browser: Chromium, seed_app: str, seed_store: GraphStore, tmp_path: Path) -> None:
    chain = resolve_chain(seed_store, "现代煤化工")
    hood = neighbours(seed_store, chain.id, limit=MAX_NEIGHBOURS)
    load(browser, f"{seed_app}/entities/{chain.id}", tmp_path / "entity.png")
    assert browser.evaluate(DRAWN) == len(hood.nodes)
    detail = entity_detail(seed_store, chain.id)
    assert browser.evaluate("document.querySelectorAll('table.relationships tbody tr').length") == len(detail.relationships)


HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_LAB = "</script><script>window.__pwned = 1</script>实验室"
HOSTILE_EVIDENCE = "<img src=x onerror=\"alert(2); window.__pwned = 2\">共建光伏实验室"


def hostile_graph() -> Graph:
    chain = Node.make(Label.IndustryChain, "光伏", docs=["evil<b>.txt"])
    company = Node.make(Label.Company, HOSTILE_NAME, aliases=["<svg onload=alert(3)>"], docs=["evil<b>.txt"])
    lab = Node.make(Label.Lab, HOSTILE_LAB, docs=["evil<b>.txt"])
    edges = [
        Edge(source=company.id, target=chain.id, type=RelType.BELONGS_TO, evidence=HOSTILE_EVIDENCE, doc="evil<b>.txt"),
        Edge(source=lab.id, target=chain.id, type=RelType.SUPPORTS, evidence=HOSTILE_EVIDENCE, doc="evil<b>.txt"),
        Edge(source=company.id, target=lab.id, type=RelType.HOSTS, evidence=HOSTILE_EVIDENCE, doc="evil<b>.txt"),
    ]
    docs = [Document(id="evil<b>.txt", path="evil<b>.txt", sha256="1" * 64)]
    return Graph(nodes=[chain, company, lab], edges=edges, documents=docs)


def test_text_from_documents_is_shown_never_run(browser: Chromium, tmp_path: Path) -> None:
    graph = hostile_graph()
    company, lab = graph.nodes[1], graph.nodes[2]
    with stored(tmp_path / "data", graph), serve(tmp_path / "data") as url:
        for path in ("/", "/chains/%E5%85%89%E4%BC%8F", f"/entities/{company.id}", f"/entities/{lab.id}", "/search?q=script"):
            load(browser, url + path, tmp_path / f"hostile-{len(path)}.png")
            assert browser.evaluate("typeof window.__pwned") == "undefined"
            assert browser.evaluate("document.querySelectorAll('img, svg, body script:not([src]):not([type])').length") == 0
        text = browser.evaluate("document.body.innerText")
        assert HOSTILE_NAME in text
        load(browser, f"{url}/entities/{lab.id}", tmp_path / "hostile-lab.png")
        text = browser.evaluate("document.body.innerText")
        assert HOSTILE_LAB in text and HOSTILE_EVIDENCE in text
        labels = browser.evaluate("window.ecograph.network.body.data.nodes.get().map(n => n.label)")
        assert HOSTILE_LAB in labels and HOSTILE_NAME in labels


def test_two_thousand_node_chain_draws_capped_with_the_rest_listed(browser: Chromium, tmp_path: Path) -> None:
    graph = chain_graph("光伏", 2000)
    with stored(tmp_path / "data", graph) as store, serve(tmp_path / "data") as url:
        eco = chain_ecosystem(store, "光伏")
        load(browser, f"{url}/chains/%E5%85%89%E4%BC%8F", tmp_path / "chain-2000.png")
    total = len(ecosystem_ids(eco))
    drawn = browser.evaluate(DRAWN)
    hidden = browser.evaluate("[...document.querySelectorAll('details.overflow li')].length")
    more = browser.evaluate("window.ecograph.network.body.data.nodes.get().filter(n => String(n.id).startsWith('__more')).length")
    assert drawn - more + hidden == total
    assert drawn - more <= 1 + sum(CHAIN_CAPS.values())
    assert more >= 1  # 1,300 companies exceed their cap: a visible "+n more" node
    assert browser.evaluate("window.ecograph.firstDrawMs") < 10_000


def test_rendered_files_open_from_disk(browser: Chromium, seed_dir: Path, seed_store: GraphStore, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["render", str(tmp_path / "site")], env={"ECOGRAPH_DATA_DIR": str(seed_dir)})
    assert result.exit_code == 0, result.output
    load(browser, (tmp_path / "site" / "index.html").as_uri(), tmp_path / "disk-index.png")
    browser.evaluate("(() => { const i = document.getElementById('entity-filter'); i.value = '实验室';"
                     " i.dispatchEvent(new Event('input')); })()")
    assert browser.evaluate("document.querySelectorAll('#entity-matches a').length") > 0
    eco = chain_ecosystem(seed_store, "现代煤化工")
    load(browser, (tmp_path / "site" / "chains" / "现代煤化工.html").as_uri(), tmp_path / "disk-chain.png")
    assert browser.evaluate(DRAWN) == len(ecosystem_ids(eco))
    assert all(url.startswith("file://") or url.startswith("data:") for url in browser.log.requests)


def test_hovering_an_edge_shows_its_evidence_and_document(
    browser: Chromium, seed_app: str, seed_store: GraphStore, tmp_path: Path
) -> None:
    lab = next(item for item in chain_ecosystem(seed_store, "现代煤化工").labs if item.evidence)
    load(browser, f"{seed_app}/chains/{quote('现代煤化工')}", tmp_path / "before-hover.png")
    x, y = browser.evaluate(
        f"(() => {{ const n = window.ecograph.network; const p = n.getPositions([{lab.lab.id!r}, n.body.nodeIndices[0]]);"
        f" const a = p[{lab.lab.id!r}], b = p[n.body.nodeIndices[0]];"
        " const d = n.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});"
        " const r = document.getElementById('graph').getBoundingClientRect(); return [r.left + d.x, r.top + d.y]; })()"
    )
    assert browser.evaluate("window.ecograph.network.body.nodeIndices[0]") == resolve_chain(seed_store, "现代煤化工").id
    for dx in (0, 1, 2):
        browser.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=x + dx, y=y)
    browser.wait_for("document.querySelector('div.vis-tooltip') && document.querySelector('div.vis-tooltip').style.visibility === 'visible'")
    browser.screenshot(tmp_path / "hover.png")
    tooltip = browser.evaluate("document.querySelector('div.vis-tooltip').innerText")
    assert lab.evidence[0].sentence in tooltip
    assert (lab.evidence[0].doc or "") in tooltip
