"""How far "which labs support chain X" can be trusted, measured against the gold graphs: for every
chain of gold/seeds.json and gold/dev.json with SUPPORTS edges, the labs the API lists after
ingesting the matching corpus, matched to the gold's labs by name or alias (NFKC). The stated tier
must be precise (≥ 0.9), stated + inferred nearly so (≥ 0.75); recall is printed, not asserted,
since it is the extraction's to raise. Expectations come from the gold files only."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from ecograph.api.app import create_app
from ecograph.loaders.ingest import ingest_paths
from tests.api.conftest import SEEDS, empty_store, make_settings

SHARED = SEEDS.parents[1]
CORPORA = {"seeds": SEEDS, "dev": SHARED / "corpus/dev"}
STATED_FLOOR = 0.9
ALL_FLOOR = 0.75


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip()


@dataclass
class Row:
    corpus: str
    chain: str
    gold: set[str]
    stated: list[str]  # gold names (or the listed name when no gold lab has it) of the stated tier
    inferred: list[str]

    def hits(self, names: list[str]) -> int:
        return sum(n in self.gold for n in names)


def _gold(corpus: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Gold lab names by each of their NFKC names and aliases, and the gold labs of each chain."""
    gold = json.loads((SHARED / f"gold/{corpus}.json").read_text(encoding="utf-8"))
    names = {_key(n): e["name"] for e in gold["entities"] for n in [e["name"], *e.get("aliases", [])]}
    chains: dict[str, set[str]] = {}
    for rel in gold["relations"]:
        if rel["type"] == "SUPPORTS":
            chains.setdefault(rel["target"], set()).add(rel["source"])
    return names, chains


@pytest.fixture(scope="module")
def table(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[Row]]:
    rows: list[Row] = []
    for corpus, folder in CORPORA.items():
        data_dir = tmp_path_factory.mktemp(f"quality-{corpus}-{backend}")
        store = empty_store(backend, data_dir)
        assert not ingest_paths([folder], store).failed
        store.close()
        names, chains = _gold(corpus)
        with TestClient(create_app(make_settings(backend, data_dir))) as client:
            for chain, labs in sorted(chains.items()):
                response = client.get(f"/chains/{chain}/labs")
                listed = response.json()["labs"] if response.status_code == 200 else []
                tiers: dict[str, list[str]] = {"stated": [], "inferred": []}
                for item in listed:
                    tiers[item["tier"]].append(names.get(_key(item["lab"]["name"]), item["lab"]["name"]))
                rows.append(Row(corpus, chain, labs, tiers["stated"], tiers["inferred"]))
    _print(rows)
    yield rows


def _ratio(hit: int, n: int) -> float:
    return hit / n if n else 1.0


def _print(rows: list[Row]) -> None:
    print("\ncorpus  chain            gold  stated(hit/n)  +inferred(hit/n)  recall")
    for r in rows:
        listed = r.stated + r.inferred
        print(f"{r.corpus:7} {r.chain:12}\t{len(r.gold):4}  {r.hits(r.stated):3}/{len(r.stated):<3}"
              f"        {r.hits(listed):3}/{len(listed):<3}           {len(r.gold & set(listed))}/{len(r.gold)}")
    stated, listed = _totals(rows)
    found = sum(len(r.gold & set(r.stated + r.inferred)) for r in rows)
    gold = sum(len(r.gold) for r in rows)
    print(f"precision stated {_ratio(*stated):.3f} ({stated[0]}/{stated[1]}), stated+inferred "
          f"{_ratio(*listed):.3f} ({listed[0]}/{listed[1]}); recall {_ratio(found, gold):.3f} ({found}/{gold})")


def _totals(rows: list[Row]) -> tuple[tuple[int, int], tuple[int, int]]:
    stated = (sum(r.hits(r.stated) for r in rows), sum(len(r.stated) for r in rows))
    listed = (sum(r.hits(r.stated + r.inferred) for r in rows), sum(len(r.stated + r.inferred) for r in rows))
    return stated, listed


def test_stated_and_inferred_together_are_precise(table: list[Row]) -> None:
    _, listed = _totals(table)
    assert listed[1] > 0 and _ratio(*listed) >= ALL_FLOOR, listed


def test_the_inferred_tier_lowers_precision_by_no_more_than_the_floor_allows(table: list[Row]) -> None:
    inferred = (sum(r.hits(r.inferred) for r in table), sum(len(r.inferred) for r in table))
    assert _ratio(*inferred) >= ALL_FLOOR, inferred


def test_stated_labs_are_precise(table: list[Row]) -> None:
    stated, _ = _totals(table)
    assert stated[1] > 0 and _ratio(*stated) >= STATED_FLOOR, stated
