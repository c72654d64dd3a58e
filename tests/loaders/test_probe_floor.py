"""Quality floor on the probe set: invented documents from other cities, in other styles.

The seed documents are what the rules were written on, so their score says little about a
new city. tests/loaders/probe/ holds short fictional documents (news with page chrome, a
Traditional-script reply with pinyin glosses, a work report, a funding notice, a saved web
page) annotated by hand in the seeds.json format, following shared/gold/NOTES.md. Floors are
the numbers measured when the rules last changed, minus a margin.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecograph.loaders.pipeline import extract_texts
from tests.loaders.test_quality_floor import _scorer, _write_graphml

PROBE = Path(__file__).parent / "probe"
FLOOR = {"entities_typed": 0.95, "relations": 0.93, "duplicates": 0, "per_label": 0.90, "per_type": 0.85}


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict:
    docs = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(PROBE.glob("*.txt"))]
    path = tmp_path_factory.mktemp("probe") / "probe.graphml"
    _write_graphml(extract_texts(docs), path)
    scorer = _scorer()
    nodes, edges = scorer.read_graphml(str(path))
    gold = json.loads((PROBE / "gold.json").read_text(encoding="utf-8"))
    assert sorted(gold["documents"]) == [name for name, _ in docs]
    return scorer.score(gold, nodes, edges)


def test_probe_entities(result: dict) -> None:
    assert result["entities_typed"]["f1"] >= FLOOR["entities_typed"], result["_errors"]["missed_entities"]
    assert result["duplicates"] <= FLOOR["duplicates"], result["_errors"]["duplicate_nodes"]
    for label, r in result["entities_by_label"].items():
        assert r["f1"] >= FLOOR["per_label"], (label, r)


def test_probe_relations(result: dict) -> None:
    assert result["relations"]["f1"] >= FLOOR["relations"], result["_errors"]["missed_relations"]
    for rel, r in result["relations_by_type"].items():
        assert r["f1"] >= FLOOR["per_type"], (rel, r)
