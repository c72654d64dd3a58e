"""One count everywhere: for every chain of the seed graph, the index page, `/chains`, the chain's
page and its JSON (ecosystem and labs) give the same numbers; each answer carries only its own
chain's gaps; what users read is Chinese and free of pinyin glosses."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote

from fastapi.testclient import TestClient

from ecograph.graph.names import PINYIN_GLOSS

HTML = {"Accept": "text/html"}
FIELDS = ("labs", "companies", "universities", "institutes", "programs")
CJK = re.compile(r"[\u4e00-\u9fff]")


def _data(tag: str) -> dict[str, int]:
    return {f: int(v) for f, v in re.findall(r'data-(\w+)="(\d+)"', tag) if f in FIELDS}


def test_index_chains_page_and_json_agree_for_every_chain(client: TestClient) -> None:
    summaries = {c["name"]: c for c in client.get("/chains").json()}
    index = client.get("/", headers=HTML).text
    rows = {unescape(name): _data(tag) for tag, name in re.findall(r'(<tr data-chain="([^"]+)"[^>]*>)', index)}
    assert set(rows) == set(summaries)  # every chain on the index, those without members folded away
    for name, summary in summaries.items():
        expected = {f: summary[f] for f in FIELDS}
        eco = client.get(f"/chains/{quote(name)}").json()
        labs = client.get(f"/chains/{quote(name)}/labs").json()
        page = client.get(f"/chains/{quote(name)}", headers=HTML).text
        counts = re.search(r'<p class="muted counts"[^>]*>', page)
        assert counts, name
        assert rows[name] == expected, name
        assert _data(counts.group(0)) == expected, name
        assert {f: len(eco[f]) for f in FIELDS} == expected, name
        assert labs["stated"] + labs["inferred"] == len(labs["labs"]) == summary["labs"], name


def test_gaps_are_the_chains_own(client: TestClient) -> None:
    for summary in client.get("/chains").json():
        eco = client.get(f"/chains/{quote(summary['name'])}").json()
        assert set(eco["gaps"]) == {"companies_without_lab", "labs_without_host", "no_lab"}
        assert eco["gaps"]["no_lab"] == (summary["labs"] == 0)
        lab_ids = {item["lab"]["id"] for item in eco["labs"]}
        assert {lab["id"] for lab in eco["gaps"]["labs_without_host"]} <= lab_ids
        company_ids = {m["entity"]["id"] for m in eco["companies"]}
        assert {c["id"] for c in eco["gaps"]["companies_without_lab"]} <= company_ids


def test_reasons_are_chinese_and_names_carry_no_pinyin(client: TestClient) -> None:
    for summary in client.get("/chains").json():
        assert not any(PINYIN_GLOSS.search(a) for a in summary["aliases"]), summary
        eco = client.get(f"/chains/{quote(summary['name'])}").json()
        reasons = [w for item in eco["labs"] for w in item["why"]]
        reasons += [w for group in ("companies", "universities", "institutes", "programs") for m in eco[group] for w in m["why"]]
        assert all(CJK.match(w) for w in reasons), reasons  # each reason starts in Chinese
    for q in ("技术", "创新", "信创", "中心"):
        for hit in client.get("/entities", params={"q": q, "limit": 200}).json()["items"]:
            assert not any(PINYIN_GLOSS.search(a) for a in hit["aliases"]), hit
            assert hit["name"] not in hit["aliases"]


def test_errors_are_chinese(client: TestClient) -> None:
    for path in ("/chains/nosuchchain", "/entities/nosuchid"):
        assert CJK.search(client.get(path).json()["detail"]), path
