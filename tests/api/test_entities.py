"""Search, entity detail, neighbourhood, paths, stats and the whole-graph export on the seed graph."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import find

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def test_search_matches_traditional_script_and_substrings(client: TestClient) -> None:
    body = client.get("/entities", params={"q": "振東"}).json()  # 004 writes 振東制藥
    names = {i["name"] for i in body["items"]}
    assert "振东制药" in names and body["total"] >= len(body["items"])
    labs = client.get("/entities", params={"q": "实验室", "label": "Lab"}).json()
    assert labs["items"] and all(i["label"] == "Lab" for i in labs["items"])


def test_search_pages_without_overlap(client: TestClient) -> None:
    first = client.get("/entities", params={"q": "山西", "limit": 3}).json()
    second = client.get("/entities", params={"q": "山西", "limit": 3, "offset": 3}).json()
    assert first["total"] > 3 and len(first["items"]) == 3
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


@pytest.mark.parametrize(
    "url",
    ["/entities", "/entities?q=", "/entities?q=x&limit=0", "/entities?q=x&limit=100000", "/entities?q=x&label=Person",
     "/entities/x/neighbours?depth=4", "/paths?from=x", "/chains/" + "长" * 101 + "/labs"],
)
def test_bad_parameters_are_422(client: TestClient, url: str) -> None:
    assert client.get(url).status_code == 422


def test_entity_detail_has_every_relationship_with_evidence(client: TestClient) -> None:
    company = find(client, "振东制药", "Company")
    body = client.get(f"/entities/{company['id']}").json()
    assert body["label"] == "Company" and any(d.startswith("004_") for d in body["docs"])
    hosts = {r["other"]["name"]: r for r in body["relationships"] if r["type"] == "HOSTS" and r["direction"] == "out"}
    # 004: 依托振東制藥 ... 中医药与健康山西省实验室
    lab = hosts["中医药与健康山西省实验室"]
    assert lab["evidence"] and lab["doc"].startswith("004_") and 0 < lab["confidence"] <= 1


def test_unknown_entity_is_a_404_with_suggestions(client: TestClient) -> None:
    response = client.get("/entities/振东制药")
    assert response.status_code == 404
    body = response.json()
    assert "振东制药" in body["detail"] and any(s.startswith("振东制药 (") for s in body["suggestions"])


def test_neighbourhood_is_bounded_by_depth_and_limit(client: TestClient) -> None:
    lingyan = find(client, "长治凌燕机械厂", "Company")
    one = client.get(f"/entities/{lingyan['id']}/neighbours", params={"depth": 1}).json()
    near = {n["name"]: n["distance"] for n in one["nodes"]}
    assert near["长治凌燕机械厂"] == 0 and near["山西省新能源航空智能保障装备技术创新中心"] == 1
    assert max(near.values()) == 1
    two = client.get(f"/entities/{lingyan['id']}/neighbours", params={"depth": 2}).json()
    assert len(two["nodes"]) > len(one["nodes"]) and max(n["distance"] for n in two["nodes"]) == 2
    small = client.get(f"/entities/{lingyan['id']}/neighbours", params={"depth": 2, "limit": 2}).json()
    assert len(small["nodes"]) <= 3 and small["truncated"]


def test_paths_connect_a_lab_to_its_hosts_chain(client: TestClient) -> None:
    lab = find(client, "山西省新能源航空智能保障装备技术创新中心", "Lab")
    chain = find(client, "高端装备制造", "IndustryChain")
    body = client.get("/paths", params={"from": lab["id"], "to": chain["id"]}).json()
    assert body["paths"]
    path = body["paths"][0]
    assert path["nodes"][0]["id"] == lab["id"] and path["nodes"][-1]["id"] == chain["id"]
    assert len(path["edges"]) == len(path["nodes"]) - 1 <= 4
    assert client.get("/paths", params={"from": lab["id"], "to": "nope"}).status_code == 404


def test_stats_count_the_seed_graph(client: TestClient) -> None:
    body = client.get("/stats").json()
    assert body["documents"] == 5
    assert {"Lab", "Company", "IndustryChain"} <= set(body["labels"])
    assert {"SUPPORTS", "HOSTS", "BELONGS_TO"} <= set(body["types"])


def test_whole_graph_export_streams_valid_graphml(client: TestClient) -> None:
    stats = client.get("/stats").json()
    with client.stream("GET", "/export/graphml") as response:
        assert response.status_code == 200
        text = "".join(response.iter_text())
    graph = ET.fromstring(text.encode("utf-8")).find(f"{GRAPHML}graph")
    assert graph is not None
    assert len(graph.findall(f"{GRAPHML}node")) == sum(stats["labels"].values())
    assert len(graph.findall(f"{GRAPHML}edge")) == sum(stats["types"].values())


def test_openapi_documents_every_endpoint_with_schemas(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    expected = {
        "/chains": "get", "/chains/{name}/labs": "get", "/chains/{name}": "get", "/entities": "get",
        "/entities/{id}": "get", "/entities/{id}/neighbours": "get", "/paths": "get", "/stats": "get",
        "/export/graphml": "get", "/documents": "post", "/documents/{id}": "delete",
    }
    for path, method in expected.items():
        operation = spec["paths"][path][method]
        assert operation["summary"], path
        assert operation["responses"]["200"]["content"], path
    assert {"ChainLabs", "ChainEcosystem", "EntityDetail", "ErrorBody"} <= set(spec["components"]["schemas"])
    assert client.get("/docs").status_code == 200


def test_paths_go_through_no_region_or_chain_and_are_shortest_first(client: TestClient) -> None:
    lab = find(client, "山西省新能源航空智能保障装备技术创新中心", "Lab")
    host = find(client, "长治凌燕机械厂", "Company")
    chain = find(client, "高端装备制造", "IndustryChain")
    body = client.get("/paths", params={"from": lab["id"], "to": chain["id"], "max_len": 6, "limit": 20}).json()
    lengths = {len(p["edges"]) for p in body["paths"]}
    assert len(lengths) == 1  # only the shortest length, as allShortestPaths answered
    for path in body["paths"]:
        assert all(n["label"] not in ("Region", "IndustryChain") for n in path["nodes"][1:-1])
        for a, b, edge in zip(path["nodes"], path["nodes"][1:], path["edges"], strict=False):
            assert {edge["source"], edge["target"]} == {a["id"], b["id"]}
    direct = client.get("/paths", params={"from": host["id"], "to": lab["id"], "max_len": 1}).json()
    assert [len(p["edges"]) for p in direct["paths"]] == [1] * len(direct["paths"]) and direct["paths"]  # 001: 依托


def test_an_organisation_shows_its_labs_and_the_chains_they_support(client: TestClient) -> None:
    """Two hops a planner follows: a host → the labs it hosts → the chains each is stated to support."""
    chains = {c["name"] for c in client.get("/chains").json()}
    checked = 0
    for summary in chains:
        for item in client.get(f"/chains/{summary}/labs").json()["labs"]:
            if item["tier"] != "stated":
                continue
            for host in item["hosts"]:
                detail = client.get(f"/entities/{host['id']}").json()
                hosted = {h["lab"]["id"]: h for h in detail["hosted_labs"]}
                assert item["lab"]["id"] in hosted
                assert summary in {c["name"] for c in hosted[item["lab"]["id"]]["chains"]}
                assert all(e["doc"] for e in hosted[item["lab"]["id"]]["evidence"])
                checked += 1
    assert checked > 0
