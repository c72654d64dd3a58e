"""The README's main job on the demo corpus, scored against demo/gold.json.

The demo documents are fictional and the extraction rules were never tuned on them, so this is
an out-of-sample floor: a change that fits the seeds at the expense of general text fails here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, SCORER

FLOOR = {"entities_typed": 0.95, "relations": 0.85, "duplicates": 0}


def test_demo_corpus_scores_above_the_floor(tmp_path: Path) -> None:
    env = {**os.environ, "ECOGRAPH_DATA_DIR": str(tmp_path / "data")}
    cli = [sys.executable, "-m", "ecograph"]
    ingest = subprocess.run([*cli, "ingest", "-q", str(REPO / "demo" / "corpus")], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert ingest.returncode == 0, ingest.stderr
    assert ingest.stdout.startswith("4 ingested, 0 unchanged, 0 failed")
    out = tmp_path / "demo.graphml"
    subprocess.run([*cli, "export", "graphml", str(out)], env=env, cwd=tmp_path, check=True, timeout=120)
    scored = subprocess.run([sys.executable, str(SCORER), str(REPO / "demo" / "gold.json"), str(out), "--json"],
                            capture_output=True, text=True, check=True)
    result = json.loads(scored.stdout)
    assert result["entities_typed"]["f1"] >= FLOOR["entities_typed"], result["entities_typed"]
    assert result["relations"]["f1"] >= FLOOR["relations"], result["relations"]
    assert result["duplicates"] <= FLOOR["duplicates"]
