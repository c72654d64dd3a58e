"""No organisation of any corpus is written into the product (code, rules, data): the extraction must
hold on documents nobody tuned it for. General knowledge is exempt: the public list of universities
(loaders/data/universities.json, its source cited there) and the national academies of the lexicon with their standard short forms."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REPO

GOLDS = [REPO.parent / "shared" / "gold" / "seeds.json", REPO.parent / "shared" / "gold" / "dev.json",
         REPO / "demo" / "gold.json", REPO / "tests" / "loaders" / "probe" / "gold.json"]
PRODUCT = ["graph", "loaders", "queries", "api", "viz", "ecograph"]
SUFFIXES = (".py", ".json", ".cypher", ".html", ".js", ".txt")


def _general_knowledge() -> set[str]:
    data = REPO / "loaders" / "data"
    universities = json.loads((data / "universities.json").read_text(encoding="utf-8"))
    known = {u["name"] for u in universities["universities"]}
    known |= {s for u in universities["universities"] for s in u.get("short", [])}
    lexicon = json.loads((data / "lexicon.json").read_text(encoding="utf-8"))
    return known | set(lexicon["academies"]) | set(lexicon["academy_short"])


def test_no_gold_organisation_name_is_in_the_product() -> None:
    golds = [g for g in GOLDS if g.exists()]
    if len(golds) < len(GOLDS):
        pytest.skip("../shared is not beside the checkout")
    exempt = _general_knowledge()
    names = {n for g in golds for e in json.loads(g.read_text(encoding="utf-8"))["entities"]
             if e["label"] in ("Company", "Lab", "Institute", "Program", "University")
             for n in [e["name"], *e.get("aliases", [])] if len(n) >= 3 and n not in exempt}
    files = [p for folder in PRODUCT for p in (REPO / folder).rglob("*") if p.suffix in SUFFIXES and p.is_file()]
    found = {(n, str(p.relative_to(REPO))) for p in files for n in names if n in p.read_text(encoding="utf-8")}
    assert not found, sorted(found)
