"""Chain maps and entity pages in a real headless chromium: no two drawn node labels overlap.

The label boxes are vis-network's own: at zoom 1 every node is drawn once, and its label module
reports the box it measured with the canvas font (left, top, width, height in canvas pixels,
which no zoom changes relative to each other).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest

from bench.chromium import Chromium
from bench.served import READY, serve, stored
from bench.synthetic import chain_graph
from ecograph.graph.model import Document, Edge, Graph, Label, Node, RelType
from ecograph.graph.store import GraphStore
from ecograph.queries.export import iter_whole_graph
from ecograph.viz.layout import LABEL_PAD, text_width
from ecograph.viz.style import FONT_STACK

pytestmark = pytest.mark.browser

Box = tuple[str, str, float, float, float, float]  # id, label, left, top, width, height

LABEL_BOXES = """(() => {
  const n = window.ecograph.network; n.moveTo({scale: 1}); const ctx = n.canvas.getContext();
  return n.body.nodeIndices.map(id => { const node = n.body.nodes[id]; node.draw(ctx); const s = node.labelModule.size;
    return [id, node.options.label || '', s.left, s.top, s.width, s.height]; });
})()"""


def label_boxes(browser: Chromium) -> list[Box]:
    return [tuple(row) for row in browser.evaluate(LABEL_BOXES)]  # type: ignore[misc]


def overlapping(boxes: list[Box]) -> list[tuple[Box, Box]]:
    """Pairs of drawn (non-empty) labels whose boxes intersect: a sweep over left edges."""
    drawn = sorted((b for b in boxes if b[1]), key=lambda b: b[2])
    pairs = []
    for i, a in enumerate(drawn):
        for b in drawn[i + 1:]:
            if b[2] >= a[2] + a[4]:
                break
            if a[3] < b[3] + b[5] and b[3] < a[3] + a[5]:
                pairs.append((a, b))
    return pairs


def open_map(browser: Chromium, url: str, shot: Path) -> list[Box]:
    """Open a map and read its drawn label boxes, with the pointer off the map: a name shown while the
    pointer rests on its node (left there by an earlier test of the session) is not part of the layout."""
    log = browser.open(url, READY)
    browser.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=1, y=1)
    boxes = label_boxes(browser)
    browser.screenshot(shot)
    assert log.errors == [] and log.remote_requests == [], (log.errors, log.remote_requests)
    return boxes


def test_two_thousand_node_chain_draws_no_label_over_another(browser: Chromium, tmp_path: Path) -> None:
    with stored(tmp_path / "data", chain_graph("光伏", 2000)), serve(tmp_path / "data") as url:
        boxes = open_map(browser, f"{url}/chains/{quote('光伏')}", tmp_path / "chain-2000.png")
        names = browser.evaluate("Object.fromEntries(window.ecograph.network.body.data.nodes.get()"
                                 ".map(n => [n.id, [n.name, n.title]]))")
    assert len(boxes) > 1500
    assert all(box[4] > 0 and box[5] > 0 for box in boxes if box[1])
    assert overlapping(boxes) == []
    shown = [box for box in boxes if box[1]]
    assert len(shown) > len(boxes) / 3  # spacing by label width keeps most names on the map
    for node_id, label, *_ in boxes:  # an undrawn name is still in the node's tooltip
        name, title = names[node_id]
        assert label in ("", name) and (title is None or title.startswith(name) or node_id.startswith("__"))


def test_seed_chain_and_busiest_entity_draw_no_label_over_another(
    browser: Chromium, seed_app: str, seed_store: GraphStore, tmp_path: Path
) -> None:
    for chain in ("光伏", "生物医药大健康"):
        boxes = open_map(browser, f"{seed_app}/chains/{quote(chain)}", tmp_path / f"chain-{chain}.png")
        assert len(boxes) == browser.evaluate("window.ecograph.nodes") > 1
        assert overlapping(boxes) == []
    degree: Counter[str] = Counter()
    neighbours: dict[str, set[str]] = {}
    for edge in iter_whole_graph(seed_store)[1]:
        degree[edge["source"]] += 1
        degree[edge["target"]] += 1
        neighbours.setdefault(edge["source"], set()).add(edge["target"])
        neighbours.setdefault(edge["target"], set()).add(edge["source"])
    busiest = max(degree, key=lambda node: (degree[node], node))
    boxes = open_map(browser, f"{seed_app}/entities/{quote(busiest)}", tmp_path / "busiest.png")
    assert len(boxes) == len(neighbours[busiest] - {busiest}) + 1 or len(boxes) > 10  # one node per neighbour
    assert overlapping(boxes) == []


def university_graph(labs: int) -> Graph:
    """A university hosting many labs with long names, as a large real one does: a crowded entity page."""
    doc = "synthetic-university.txt"
    university = Node.make(Label.University, "合成测试综合性研究型大学", docs=[doc])
    nodes = [Node.make(Label.Lab, f"合成测试省部共建第{i}号先进材料与智能制造协同创新重点实验室", docs=[doc])
             for i in range(labs)]
    edges = [Edge(source=university.id, target=lab.id, type=RelType.HOSTS, doc=doc, evidence=f"{lab.name}依托该校建设。")
             for lab in nodes]
    return Graph(nodes=[university, *nodes], edges=edges,
                 documents=[Document(id=doc, path=doc, sha256="2" * 64)])


def test_crowded_university_page_draws_no_label_over_another(browser: Chromium, tmp_path: Path) -> None:
    graph = university_graph(200)
    with stored(tmp_path / "data", graph), serve(tmp_path / "data") as url:
        boxes = open_map(browser, f"{url}/entities/{quote(graph.nodes[0].id)}", tmp_path / "university.png")
    assert len(boxes) > 100
    assert overlapping(boxes) == []
    assert any(box[0] == graph.nodes[0].id and box[1] for box in boxes)  # the page's own entity keeps its name


def test_a_hidden_name_shows_while_the_pointer_is_on_its_node(browser: Chromium, tmp_path: Path) -> None:
    with stored(tmp_path / "data", chain_graph("光伏", 600)), serve(tmp_path / "data") as url:
        open_map(browser, f"{url}/chains/{quote('光伏')}", tmp_path / "chain-600.png")
        hidden, name = browser.evaluate(
            "(() => { const n = window.ecograph.network.body.data.nodes.get().find(n => !n.label && n.name);"
            " return [n.id, n.name]; })()"
        )
        browser.evaluate(f"window.ecograph.network.focus({hidden!r}, {{scale: 1.5}})")
        x, y = browser.evaluate(
            f"(() => {{ const n = window.ecograph.network; const p = n.canvasToDOM(n.getPosition({hidden!r}));"
            " const r = document.getElementById('graph').getBoundingClientRect(); return [r.left + p.x, r.top + p.y]; })()"
        )
        browser.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=x, y=y)
        browser.wait_for(f"window.ecograph.network.body.data.nodes.get({hidden!r}).label === {name!r}")
        corner = browser.evaluate("(() => { const r = document.getElementById('graph').getBoundingClientRect();"
                                  " return [r.left + 3, r.top + 3]; })()")
        browser.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=corner[0], y=corner[1])
        browser.wait_for(f"window.ecograph.network.body.data.nodes.get({hidden!r}).label === ''")


@pytest.mark.parametrize("text", [
    "合成测试第0号重点实验室", "WWWWMMMM", "mmmmwwww", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz",
    "0123456789", "Micro LED（微显示）", "<script>alert(1)</script>", "中科院—（山西）·“光伏”", "ＡＢＣ１２３",
])
def test_the_server_never_underestimates_a_label_the_browser_draws(browser: Chromium, text: str) -> None:
    browser.open("about:blank")
    for font in (12, 14):
        drawn = browser.evaluate(
            f"(() => {{ const c = document.createElement('canvas').getContext('2d');"
            f" c.font = {f'{font}px ' + FONT_STACK!r}; return c.measureText({text!r}).width; }})()"
        )
        assert 0 < drawn <= text_width(text, font) + 2 * LABEL_PAD
