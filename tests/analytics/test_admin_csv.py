"""`ecograph export csv DIR`: neo4j-admin import files whose re-import gives back the same graph."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from ecograph.cli import cli
from ecograph.graph.falkordb_store import FalkorStore
from ecograph.queries.admin_csv import read_admin_csv
from ecograph.queries.stats import stats


def test_export_csv_headers_and_reimport(graph_dir: Path, tmp_path: Path, fresh_store: FalkorStore) -> None:
    out = tmp_path / "neo4j"
    result = CliRunner().invoke(cli, ["export", "csv", str(out)], env={"ECOGRAPH_DATA_DIR": str(graph_dir)})
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.glob("*.csv"))
    assert "nodes_Document.csv" in files and any(f.startswith("relationships_") for f in files)
    for path in out.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        if path.name.startswith("nodes_"):
            assert header[0] == "id:ID" and header[-1] == ":LABEL"
        else:
            assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    script = (out / "import.sh").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in script and all(f"={name}" in script for name in files)

    nodes, edges, documents = read_admin_csv(out)
    fresh_store.ensure_schema()
    fresh_store.bulk_load_rows(nodes, edges, documents)
    from bench.served import stored

    with stored(graph_dir) as original:
        before = stats(original)
    assert stats(fresh_store) == before
