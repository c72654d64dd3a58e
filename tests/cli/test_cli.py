"""The `ecograph` command end to end, as a user runs it: real processes, real files, real store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from tests.conftest import GOLD, SCORER


def _run(args: list[str], data: Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ECOGRAPH_DATA_DIR": str(data)}
    return subprocess.run([sys.executable, "-m", "ecograph", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, check=check, timeout=300)


def _server_alive(data: Path) -> bool:
    out = subprocess.run(["pgrep", "-f", f"unixsocket:{data.resolve()}"], capture_output=True, text=True)
    return bool(out.stdout.strip())


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[Path, Path, str]:
    work = tmp_path_factory.mktemp("cli")
    data = work / "data"
    first = _run(["ingest", "-q", str(seeds_dir)], data, work)
    return work, data, first.stdout


def test_ingest_reports_and_leaves_no_server_behind(seeded: tuple[Path, Path, str]) -> None:
    _, data, out = seeded
    assert out.startswith("5 ingested, 0 unchanged, 0 failed")
    assert not _server_alive(data)


def test_reingesting_the_seeds_changes_no_count(seeded: tuple[Path, Path, str], seeds_dir: Path) -> None:
    work, data, _ = seeded
    before = _run(["stats"], data, work).stdout
    again = _run(["ingest", "-q", str(seeds_dir)], data, work).stdout
    assert again.startswith("0 ingested, 5 unchanged")
    forced = _run(["ingest", "-q", "--force", str(seeds_dir)], data, work).stdout
    assert forced.startswith("5 ingested")
    assert _run(["stats"], data, work).stdout == before
    assert "documents: 5" in before


def test_export_is_read_by_networkx_and_the_scorer(seeded: tuple[Path, Path, str]) -> None:
    work, data, _ = seeded
    out = work / "seeds.graphml"
    _run(["export", "graphml", str(out)], data, work)
    g = nx.read_graphml(out)
    assert g.number_of_nodes() > 50 and g.number_of_edges() > 30
    assert all({"label", "name", "aliases", "docs"} <= set(d) for _, d in g.nodes(data=True))
    assert all({"type", "evidence", "doc", "confidence"} <= set(d) for *_, d in g.edges(data=True))
    scored = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(out), "--json"],
                            capture_output=True, text=True, check=True)
    result = json.loads(scored.stdout)
    assert set(result) >= {"entities", "relations"}


def test_export_to_stdout(seeded: tuple[Path, Path, str]) -> None:
    work, data, _ = seeded
    text = _run(["export", "graphml", "-"], data, work).stdout
    assert text.startswith("<?xml") and text.rstrip().endswith("</graphml>")


def test_named_query_with_parameters(seeded: tuple[Path, Path, str]) -> None:
    work, data, _ = seeded
    rows = [json.loads(line) for line in _run(["query", "list_entities", "skip=0", "limit=3"], data, work).stdout.splitlines()]
    assert len(rows) == 3 and all(r["id"] and r["name"] for r in rows)
    missing = _run(["query", "list_entities"], data, work, check=False)
    assert missing.returncode != 0 and "skip, limit" in missing.stderr


def test_query_takes_names_where_ids_are_expected(seeded: tuple[Path, Path, str]) -> None:
    work, data, _ = seeded
    chains = [json.loads(line) for line in _run(["query", "list_chain_names"], data, work).stdout.splitlines()]
    chain = next(c for c in chains if c["name"] == "现代煤化工")
    by_name = _run(["query", "count_chain_labs", "id=现代煤化工"], data, work).stdout
    by_id = _run(["query", "count_chain_labs", f"id={chain['id']}"], data, work).stdout
    assert by_name == by_id and json.loads(by_name)["stated"] > 0
    entity = json.loads(_run(["query", "get_entity", f"id={chain['id']}"], data, work).stdout)
    assert json.loads(_run(["query", "get_entity", f"id={entity['name']}"], data, work).stdout)["id"] == chain["id"]
    unknown = _run(["query", "get_entity", "id=没有这个机构"], data, work, check=False)
    assert unknown.returncode != 0 and "没有这个机构" in unknown.stderr and unknown.stdout == ""


def test_query_lists_and_runs_read_queries_only(seeded: tuple[Path, Path, str]) -> None:
    work, data, _ = seeded
    listed = {line.split("(")[0] for line in _run(["query", "--list"], data, work).stdout.splitlines()}
    assert {"count_chain_labs", "search_entities", "get_entity"} <= listed
    assert not listed & {"delete_graph", "merge_nodes", "create_edges", "delete_document"}
    assert "search_entities" in _run(["query", "--help"], data, work).stdout
    before = _run(["stats"], data, work).stdout
    refused = _run(["query", "delete_graph"], data, work, check=False)
    assert refused.returncode != 0 and "delete_graph" in refused.stderr
    assert _run(["stats"], data, work).stdout == before


def test_stats_without_a_store_says_so_and_creates_none(tmp_path: Path) -> None:
    result = _run(["stats"], tmp_path / "nothing-here", tmp_path, check=False)
    assert result.returncode != 0 and "ecograph ingest" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "nothing-here").exists()


def test_unreadable_documents_are_reported_and_the_rest_lands(tmp_path: Path, seeds_dir: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_bytes((seeds_dir / sorted(p.name for p in seeds_dir.iterdir())[0]).read_bytes())
    (docs / "empty.txt").write_bytes(b"")
    (docs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    result = _run(["ingest", "-q", str(docs)], tmp_path / "data", tmp_path, check=False)
    assert result.returncode == 1
    assert result.stdout.startswith("1 ingested, 0 unchanged, 2 failed")
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 2 and any("empty.txt" in e for e in errors) and any("image.txt" in e for e in errors)


def test_store_down_is_a_clear_error(tmp_path: Path) -> None:
    env = {**os.environ, "ECOGRAPH_BACKEND": "neo4j", "ECOGRAPH_NEO4J_URI": "bolt://127.0.0.1:1"}
    result = subprocess.run([sys.executable, "-m", "ecograph", "stats"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "Error: cannot reach Neo4j at bolt://127.0.0.1:1" in result.stderr
    assert "Traceback" not in result.stderr
