"""The fast paths of issue 6 give the same answers as the plain ones: bulk load = write, id-range
export = every node and edge once, parallel extraction = serial extraction."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import networkx as nx
import pytest

from bench.synthetic import chain_graph
from ecograph import queries
from ecograph.graph import export
from ecograph.graph.falkordb_store import FalkorStore
from ecograph.graph.model import Edge, Graph, Label, Node, RelType
from ecograph.graph.store import GraphStore, WriteSummary, fresh_rows
from ecograph.loaders.parallel import extract_all
from ecograph.loaders.pipeline import extract_text
from tests.conftest import iter_rows


def _graph() -> Graph:
    g = chain_graph("光伏", 120)
    lab = g.nodes[1]
    g.nodes[1] = lab.model_copy(update={"aliases": ["光伏实验室", "光伏实验室", lab.name], "docs": ["a", "a", "b"]})
    g.nodes.append(Node.make(Label.IndustryChain, "氢能", name_en="hydrogen energy"))
    g.edges.append(Edge(source=lab.id, target="nowhere", type=RelType.SUPPORTS, evidence="悬空", doc="a"))
    g.edges.append(g.edges[0].model_copy(update={"confidence": 0.5, "rule": "again"}))  # same key: last wins
    return g


def _snapshot(store: GraphStore) -> tuple[list[dict], list[dict]]:
    nodes = sorted(iter_rows(store, "list_entities"), key=lambda r: r["id"])
    edges = sorted(iter_rows(store, "list_edges"), key=lambda r: r["key"])
    return nodes, edges


@pytest.mark.parametrize("path", ["native", "cypher"])
def test_bulk_load_stores_what_write_stores(fresh_store: FalkorStore, tmp_path: Path, path: str) -> None:
    g = _graph()
    fresh_store.write(g)
    expected = _snapshot(fresh_store)
    fresh_store.drop()
    fresh_store.ensure_schema()
    def cypher(g: Graph) -> WriteSummary:  # the portable CREATE path that the native loader overrides
        return GraphStore.bulk_load_rows(fresh_store, *fresh_rows(g), g.documents)

    load = fresh_store.bulk_load if path == "native" else cypher
    summary = load(g)
    assert _snapshot(fresh_store) == expected
    assert (summary.nodes, summary.edges) == (len(expected[0]), len(expected[1]))
    assert queries.run(fresh_store, "count_documents")[0]["documents"] == 1
    with pytest.raises(ValueError, match="empty graph"):
        load(g)


def test_id_range_export_yields_everything_once(fresh_store: FalkorStore) -> None:
    g = _graph()
    fresh_store.bulk_load(g)
    nodes, edges = _snapshot(fresh_store)
    # the export's rows also carry provenance (first_seen, …): compared on the listed columns
    paged_nodes = [{k: r[k] for k in nodes[0]} for r in export.iter_entities(fresh_store, page=7)]
    paged_edges = [{k: r[k] for k in edges[0]} for r in export.iter_edges(fresh_store, page=7)]
    assert sorted(paged_nodes, key=lambda r: r["id"]) == nodes
    assert sorted(paged_edges, key=lambda r: r["key"]) == edges
    buf = io.StringIO()
    assert export.write_graphml(fresh_store, buf) == (len(nodes), len(edges))
    back = nx.read_graphml(io.StringIO(buf.getvalue()), force_multigraph=True)
    assert (back.number_of_nodes(), back.number_of_edges()) == (len(nodes), len(edges))


def test_parallel_extraction_equals_serial(seeds_dir: Path) -> None:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))]
    texts.append(("broken.txt", b"\xe5\x85\x89"))  # type: ignore[arg-type]  # bytes: extract_text raises
    serial = extract_all(texts, workers=1)
    parallel = extract_all(texts, workers=2, chunk_chars=10_000)
    assert [g.model_dump() for g in serial[:-1]] == [g.model_dump() for g in parallel[:-1]]
    assert [extract_text(t, n).model_dump() for n, t in texts[:-1]] == [g.model_dump() for g in serial[:-1]]
    assert isinstance(serial[-1], Exception) and type(parallel[-1]) is type(serial[-1])


def test_extraction_workers_exit_with_a_killed_parent(tmp_path: Path) -> None:
    """An ingest killed with SIGKILL runs no cleanup; its pool's workers must not live on as orphans."""
    script = textwrap.dedent("""
        import multiprocessing, time
        from ecograph.loaders.parallel import extract_all
        extract_all([("a.txt", "光伏实验室。"), ("b.txt", "氢能企业。")], workers=2, chunk_chars=1)
        print(*[p.pid for p in multiprocessing.active_children()], flush=True)
        time.sleep(60)
    """)
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[2])
    assert parent.stdout is not None
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert workers and all(_alive(p) for p in workers)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(p) for p in workers), "extraction workers outlived their killed parent"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
