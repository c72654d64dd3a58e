"""The planners' analytics on the seeds + dev graph, checked against the gold files and the graph's own
relationships (read through the entity API, apart from the analytics code)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from ecograph.api.app import create_app
from ecograph.graph import taxonomy
from ecograph.graph.errors import NotFound
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore
from ecograph.queries.chain_names import resolve_chain, taxonomy_entry
from ecograph.queries.coverage import coverage
from ecograph.queries.entities import entity_detail
from ecograph.queries.key_orgs import LEAD_WORDS, key_organisations
from ecograph.queries.models import ChainRef
from ecograph.queries.regions import adcodes, compare_regions, region_view, search_in_region
from ecograph.queries.report import ChainReport, chain_report
from tests.analytics.conftest import gold_entities, gold_relations, graph_entity

GROUP = {"Company": "companies", "Lab": "labs", "University": "academia", "Institute": "academia"}


def members(report: ChainReport, group: str) -> set[str]:
    return {m.entity.id for seg in [*report.segments, report.unplaced] for m in getattr(seg, group)}


def gold_chains(store: GraphStore) -> dict[str, ChainRef]:
    """The chains the gold files give companies or labs to, as the graph names them (those it has)."""
    out: dict[str, ChainRef] = {}
    for rel in gold_relations("BELONGS_TO") + gold_relations("SUPPORTS"):
        try:
            chain = resolve_chain(store, rel["target"])
        except NotFound:
            continue
        out[rel["target"]] = chain
    return out


def stated(store: GraphStore, chain: ChainRef, kind: str) -> set[str]:
    """The ids the graph links to the chain by `kind` (BELONGS_TO or SUPPORTS), read from the chain's own relationships."""
    return {r.other.id for r in entity_detail(store, chain.id).relationships if r.type.value == kind and r.direction == "in"}


def test_report_lists_the_gold_members_the_graph_links(store: GraphStore) -> None:
    """For each chain the gold gives members to: every gold company (lab) the graph also links to the chain by
    BELONGS_TO (SUPPORTS) is in the report; at least three chains have such members."""
    names = gold_entities()
    checked = 0
    for gold_chain, chain in gold_chains(store).items():
        report = chain_report(store, chain.name)
        for kind in ("BELONGS_TO", "SUPPORTS"):
            linked = stated(store, chain, kind)
            expected: dict[str, set[str]] = {"companies": set(), "labs": set(), "academia": set()}
            for rel in gold_relations(kind):
                if rel["target"] != gold_chain:
                    continue
                entity = names[rel["source"]]
                found = graph_entity(store, rel["source"], list(entity["aliases"]))  # type: ignore[arg-type]
                if found is not None and found.id in linked:
                    expected[GROUP[found.label.value]].add(found.id)
            for group, ids in expected.items():
                assert ids <= members(report, group), (chain.name, group)
            checked += bool(expected["companies"])
    assert checked >= 3


def test_every_member_the_graph_links_is_placed_with_its_evidence(store: GraphStore) -> None:
    for chain in gold_chains(store).values():
        report = chain_report(store, chain.name)
        assert stated(store, chain, "BELONGS_TO") <= members(report, "companies")
        entry = taxonomy_entry(chain)
        segments = {s.name: s for s in entry.segments} if entry else {}
        assert [s.name for s in report.segments] == list(segments)
        for seg in report.segments:
            for m in seg.companies + seg.labs + seg.academia + seg.programs:
                placements = [p for p in m.placements if p.segment == seg.name]
                assert placements, (m.entity.name, seg.name)
                for p in placements:
                    if p.source == "name":
                        assert p.keyword in m.entity.name and p.keyword in segments[seg.name].keywords
                    elif p.source == "evidence":
                        assert p.sentence and p.keyword in p.sentence


def test_gaps_follow_from_the_panorama(store: GraphStore) -> None:
    for chain in gold_chains(store).values():
        report = chain_report(store, chain.name)
        kinds = [g.kind for g in report.gaps]
        empty = [s.name for s in report.segments if not s.companies]
        assert sorted(g.segment for g in report.gaps if g.kind == "segment_without_company") == sorted(empty)
        assert ("single_company" in kinds) == (len(members(report, "companies")) == 1)
        assert ("single_lab" in kinds) == (len(members(report, "labs")) == 1)
        assert ("no_program" in kinds) == (not members(report, "programs"))
        for gap in report.gaps:
            assert gap.zh and gap.en and any("\u4e00" <= ch <= "\u9fff" for ch in gap.zh)
        hosted = {lab for lab in members(report, "labs")
                  if any(r.type.value == "HOSTS" and r.direction == "in" for r in entity_detail(store, lab).relationships)}
        orphans = next((g for g in report.gaps if g.kind == "lab_without_host"), None)
        assert {e.id for e in (orphans.entities if orphans else [])} == members(report, "labs") - hosted


def test_key_organisations_are_ranked_and_explained(store: GraphStore) -> None:
    explained = 0
    for chain in gold_chains(store).values():
        result = key_organisations(store, chain.name)
        scores = [k.score for k in result.items]
        assert scores == sorted(scores, reverse=True)
        for item in result.items:  # every 链主/龙头 claim has its sentence in the graph
            said = {r.doc for r in entity_detail(store, item.entity.id).relationships
                    if r.evidence and any(w in r.evidence for w in LEAD_WORDS)}
            assert set(item.lead_docs) <= said
            assert bool(item.lead_docs) == any("链主/龙头" in reason for reason in item.reasons)
        if not result.items:
            continue
        top = result.items[0]
        ids = {m for g in ("companies", "labs", "academia", "programs") for m in members(chain_report(store, chain.name), g)}
        rels = entity_detail(store, top.entity.id).relationships
        hosts = sorted({r.other.name for r in rels if r.type.value == "HOSTS" and r.direction == "out" and r.other.id in ids})
        partners = sorted({r.other.name for r in rels if r.type.value == "COOPERATES_WITH" and r.other.id in ids})
        assert top.hosts_labs == hosts and top.cooperates_with == partners
        if hosts:
            assert f"{len(hosts)} 个" in top.reasons[0]
            explained += 1
        if partners:
            assert any(f"与本链 {len(partners)} 个成员合作" in r for r in top.reasons)
    assert explained >= 1


def test_coverage_marks_every_stated_lab(store: GraphStore) -> None:
    cov = coverage(store, limit=1000)
    rows = {lab.id: lab for lab in cov.labs}
    assert cov.total_labs == len(rows)
    assert cov.multi_chain_labs == sum(1 for lab in rows.values() if len(lab.chains) > 1)
    for chain in gold_chains(store).values():
        for lab_id in stated(store, chain, "SUPPORTS"):
            if lab_id.startswith("lab-"):
                assert rows[lab_id].chains[chain.name] == "stated"
    totals = {c.chain: c.labs for c in cov.chains}
    for name, n in totals.items():
        assert n == sum(1 for lab in rows.values() if name in lab.chains)


def _located(store: GraphStore) -> Iterator[tuple[str, str]]:
    """(organisation id, region name) of the gold LOCATED_IN edges the graph also has."""
    names = gold_entities()
    for rel in gold_relations("LOCATED_IN"):
        org = graph_entity(store, rel["source"], list(names[rel["source"]]["aliases"]))  # type: ignore[arg-type]
        if org is None or org.label.value == "Region":
            continue
        for r in org.relationships:
            if r.type.value == "LOCATED_IN" and r.direction == "out" and r.other.name == rel["target"]:
                yield org.id, rel["target"]


def test_regions_cover_their_cities_and_zones(store: GraphStore) -> None:
    code_names = {code: name for name, codes in adcodes().items() for code in codes}
    seen = 0
    for org, region in _located(store):
        assert org in {m.entity.id for m in region_view(store, region).organisations}
        for code in adcodes().get(region, ()):
            province = code_names.get(code[:2] + "0" * 10)
            if province and province != region:
                try:
                    view = region_view(store, province)
                except NotFound:
                    continue  # the graph has no node for the province
                assert org in {m.entity.id for m in view.organisations}
                seen += 1
    assert seen >= 1


def test_compare_and_search_agree_with_the_region_pages(store: GraphStore) -> None:
    regions = list(dict.fromkeys(region for _, region in _located(store)))
    assert len(regions) >= 2
    a, b = regions[:2]
    cmp = compare_regions(store, a, b)
    assert cmp.a == region_view(store, a) and cmp.b == region_view(store, b)
    assert {c.chain for c in cmp.chains} == {c.chain for c in cmp.a.chains} | {c.chain for c in cmp.b.chains}
    view = region_view(store, a)
    assert len(search_in_region(store, a)) == len(view.organisations)
    first = view.organisations[0].entity
    assert first.id in {m.entity.id for m in search_in_region(store, a, first.name[:3])}


@pytest.fixture(scope="module")
def client(graph_dir: Path, store: GraphStore) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data_dir=graph_dir))) as c:
        yield c


def test_tables_out_over_http(client: TestClient, store: GraphStore) -> None:
    chain = next(iter(gold_chains(store).values())).name
    body = client.get(f"/chains/{chain}/report").json()
    placed = sum(len(seg[g]) for seg in [*body["segments"], body["unplaced"]] for g in ("companies", "labs", "academia", "programs"))
    text = client.get(f"/chains/{chain}/report", params={"format": "csv"})
    assert text.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(text.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["环节阶段 stage", "环节 segment"] and len(rows) - 1 == placed
    gaps = list(csv.reader(io.StringIO(client.get(f"/chains/{chain}/report", params={"format": "csv", "table": "gaps"}).content.decode("utf-8-sig"))))
    assert len(gaps) - 1 == len(body["gaps"])
    book = load_workbook(io.BytesIO(client.get(f"/chains/{chain}/report", params={"format": "xlsx"}).content))
    assert book.sheetnames == ["members", "gaps"] and book["members"].max_row == placed + 1
    for url in ("/coverage", "/chains/{c}/key-organisations", "/regions/{r}"):
        region = next(iter(_located(store)))[1]
        path = url.format(c=chain, r=region)
        assert client.get(path).status_code == 200
        assert client.get(path, params={"format": "csv"}).content.startswith("\ufeff".encode())
        assert load_workbook(io.BytesIO(client.get(path, params={"format": "xlsx"}).content)).sheetnames
    assert client.get("/regions/不存在的地方").status_code == 404
    assert client.get("/chains/不存在的链/report").status_code == 404


def test_region_filter_over_http(client: TestClient, store: GraphStore) -> None:
    region = next(iter(_located(store)))[1]
    inside = {m.entity.id for m in region_view(store, region).organisations}
    cov = client.get("/coverage", params={"region": region, "limit": 1000}).json()
    assert {lab["id"] for lab in cov["labs"]} <= inside
    for chain in gold_chains(store).values():
        keyed = client.get(f"/chains/{chain.name}/key-organisations", params={"region": region}).json()
        assert {k["entity"]["id"] for k in keyed["items"]} <= inside
        rep = client.get(f"/chains/{chain.name}/report", params={"region": region}).json()
        assert {m["entity"]["id"] for seg in [*rep["segments"], rep["unplaced"]] for g in ("companies", "labs") for m in seg[g]} <= inside
    hits = client.get("/search/entities", params={"region": region, "q": ""}).json()
    assert {h["entity"]["id"] for h in hits} <= inside and hits
    assert taxonomy.chains()  # the taxonomy the report reads is there
