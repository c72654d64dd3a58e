"""The chain endpoints answer what the seed documents say (001 lists each innovation chain's labs)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import find

COAL_LABS = {"国家煤基合成工程技术研究中心", "山西省煤基合成润滑油材料研究与应用技术创新中心", "北大-襄垣煤化工联合实验室"}
EQUIPMENT_LABS = {"高端装备可靠性新技术山西省重点实验室", "MEMS制造技术实验室"}


def _labs(client: TestClient, name: str) -> dict[str, object]:
    response = client.get(f"/chains/{name}/labs")
    assert response.status_code == 200, response.text
    return response.json()


def _stated(body: dict[str, object]) -> set[str]:
    return {lab["lab"]["name"] for lab in body["labs"] if lab["tier"] == "stated"}


def test_every_chain_is_listed_with_counts(client: TestClient) -> None:
    chains = {c["name"]: c for c in client.get("/chains").json()}
    coal = chains["现代煤化工"]
    # 001: three labs carry the coal-chemical chain; 004: 潞安化工集团 and 潞宝兴海 work in it
    assert coal["labs"] >= 3 and coal["companies"] >= 2
    assert chains["高端装备制造"]["companies"] >= 4  # 004: 航天清华, 淮海, 澳瑞特, 凌燕, 惠丰 ...
    assert set(chains["光伏"]) >= {"labs", "companies", "universities", "institutes", "programs"}


def test_labs_of_the_coal_chemical_chain_are_the_ones_001_names(client: TestClient) -> None:
    body = _labs(client, "现代煤化工")
    assert _stated(body) == COAL_LABS
    for lab in body["labs"]:
        evidence = lab["evidence"][0]
        assert lab["why"] and lab["lab"]["name"] in evidence["sentence"] and evidence["doc"].startswith("001_")


def test_labs_are_paged_and_counts_cover_every_page(client: TestClient) -> None:
    whole = _labs(client, "现代煤化工")
    pages = [client.get("/chains/现代煤化工/labs", params={"limit": 1, "offset": i}).json() for i in range(len(whole["labs"]))]
    assert [p["labs"][0] for p in pages] == whole["labs"]
    assert all(p["stated"] == whole["stated"] and p["limit"] == 1 for p in pages)
    assert client.get("/chains/现代煤化工/labs", params={"limit": 0}).status_code == 422
    assert client.get("/chains/现代煤化工/labs", params={"limit": 100000}).status_code == 422


@pytest.mark.parametrize("name", ["煤化工", "現代煤化工", "现代煤化工产业链", "Modern Coal Chemical Industry", "modern coal"])
def test_a_chain_answers_to_aliases_traditional_and_english(client: TestClient, name: str) -> None:
    body = _labs(client, name)
    assert body["chain"]["name"] == "现代煤化工"
    assert _stated(body) == COAL_LABS


def test_which_labs_support_the_photovoltaic_chain(client: TestClient) -> None:
    body = _labs(client, "photovoltaic")
    assert body["chain"]["name"] == "光伏"
    # the seeds name no lab for 光伏 (001 only urges firms to co-build some), so nothing is stated
    assert body["stated"] == 0 and _stated(body) == set()
    eco = client.get("/chains/光伏").json()
    assert "潞安太阳能" in {m["entity"]["name"] for m in eco["companies"]}  # 004: 在光伏领域,依托潞安太阳能
    assert "潞安太阳能" in {c["name"] for c in eco["gaps"]["companies_without_lab"]}
    assert eco["gaps"]["no_lab"] == (not eco["labs"])  # this chain's gaps only, no list of other chains


def test_hydrogen_is_supported_by_the_hydrogen_storage_lab(client: TestClient) -> None:
    body = _labs(client, "hydrogen")
    assert body["chain"]["name"] == "氢能"
    assert "山西省高效储氢技术与应用重点实验室" in _stated(body)  # 003
    assert all(len(lab["why"]) == len(set(lab["why"])) for lab in body["labs"])


def test_stated_labs_come_first_then_inferred_ones_with_their_reason(client: TestClient) -> None:
    body = _labs(client, "高端装备制造")
    assert _stated(body) == EQUIPMENT_LABS
    tiers = [lab["tier"] for lab in body["labs"]]
    assert tiers == sorted(tiers, key=["stated", "inferred"].index)
    for lab in body["labs"]:
        if lab["tier"] == "inferred":  # a host in the chain, named in the sentence it rests on
            assert lab["hosts"] and any(h["name"] in lab["why"][0] for h in lab["hosts"])
            assert {e["type"] for e in lab["evidence"]} >= {"HOSTS"}


def test_a_lab_answer_names_its_host(client: TestClient) -> None:
    body = _labs(client, "生物医药大健康")
    labs = {lab["lab"]["name"]: lab for lab in body["labs"]}
    # 001: 山西振东五和医养堂股份有限公司组建的药食同源功能食品山西省重点实验室
    food = labs["药食同源功能食品山西省重点实验室"]
    assert food["tier"] == "stated"
    assert "山西振东五和医养堂股份有限公司" in {h["name"] for h in food["hosts"]}


def test_ecosystem_lists_members_and_gaps(client: TestClient) -> None:
    eco = client.get("/chains/生物医药大健康").json()
    assert {"振东制药", "康宝制药"} <= {m["entity"]["name"] for m in eco["companies"]}  # 004
    assert all(m["why"] and m["evidence"] for m in eco["companies"])
    hostless = {lab["name"] for lab in eco["gaps"]["labs_without_host"]}
    assert "山西省抗肿瘤原料药中试基地" in hostless  # 001 names no host for it
    assert "药食同源功能食品山西省重点实验室" not in hostless


def test_unknown_chain_is_a_404_that_suggests_close_names(client: TestClient) -> None:
    response = client.get("/chains/hydrogn/labs")
    assert response.status_code == 404
    body = response.json()
    assert "hydrogn" in body["detail"] and "氢能" in body["suggestions"]
    assert "现代煤化工" in client.get("/chains/煤化学").json()["suggestions"]


def test_chain_export_is_the_chains_subgraph(client: TestClient) -> None:
    response = client.get("/export/graphml", params={"chain": "现代煤化工"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/graphml+xml")
    for name in COAL_LABS | {"现代煤化工"}:
        assert name in response.text
    assert "振东制药" not in response.text
    assert client.get("/export/graphml", params={"chain": "nosuchchain"}).status_code == 404


def test_entity_search_finds_the_chain_node_too(client: TestClient) -> None:
    assert find(client, "现代煤化工", "IndustryChain")["label"] == "IndustryChain"


def test_every_lab_is_listed_once_with_tiers_matching_the_counts(client: TestClient) -> None:
    for name in ("高端装备制造", "现代煤化工", "氢能", "生物医药大健康"):
        body = _labs(client, name)
        ids = [lab["lab"]["id"] for lab in body["labs"]]
        assert len(ids) == len(set(ids)), name
        assert sum(lab["tier"] == "stated" for lab in body["labs"]) == body["stated"], name
        assert sum(lab["tier"] == "inferred" for lab in body["labs"]) == body["inferred"], name
        assert all(lab["why"] for lab in body["labs"]), name
