"""Synthetic data at any scale, invented from general patterns (no seed text or seed name is copied).

    names(label, i)          the i-th invented name of a label (region + invented word + industry + suffix)
    graph_rows(nodes, rels)  rows of a graph with the seed gold's label and relationship-type mix, for bulk loads
    graph(nodes, rels)       the same as a pydantic Graph
    documents(n)             (name, text) pairs in the corpus style: news chrome, 依托X建设Y, X与Y签署合作协议,
                             在C领域，依托A、B等企业…, 资助/立项, some sentences in Traditional script
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from functools import cache
from importlib import resources
from itertools import accumulate

import opencc

from ecograph.graph.model import Edge, Graph, Label, Node, RelType, edge_key, node_id
from ecograph.graph.store import EdgeRows, NodeRows, Row

# Shares of the seed gold graph (shared/gold/seeds.json): organisations 38/31/11/8/7, relationships
# LOCATED_IN 24, BELONGS_TO 23, HOSTS 19, SUPPORTS 12, COOPERATES_WITH 7, FUNDS 6. Chains come from
# the taxonomy and regions from a bounded set, as in a real national graph.
ORG_MIX = {Label.Company: 38, Label.Lab: 31, Label.University: 11, Label.Institute: 8, Label.Program: 7}
REL_MIX = {RelType.LOCATED_IN: 24, RelType.BELONGS_TO: 23, RelType.HOSTS: 19, RelType.SUPPORTS: 12,
           RelType.COOPERATES_WITH: 7, RelType.FUNDS: 6}
REGIONS = 3000
_SYLLABLES = "安宁华兴泰和丰瑞祥鼎恒信达源通泓浩坤晟嘉盛隆昌运辉煌明光曜启睿航远拓展宏博骏鑫德裕弘峰岚川岳澜汇聚"
_PLACES = "东南西北中上下新平清云河山江湖阳城林原州"
_INDUSTRY = ["科技", "新材料", "光电", "能源", "装备", "生物", "化工", "智能", "电子", "制造"]
_SUFFIX = {
    Label.Company: ["有限公司", "股份有限公司", "集团有限公司", "科技有限公司"],
    Label.Lab: ["重点实验室", "工程技术研究中心", "工程研究中心", "中试基地"],
    Label.University: ["大学", "理工大学", "职业技术学院"],
    Label.Institute: ["研究院", "研究所", "产业技术研究院"],
    Label.Program: ["科技计划", "重点研发计划", "揭榜项目", "专项资金"],
}


@cache
def chain_names() -> list[str]:
    """Canonical chain names of the taxonomy in loaders/data."""
    data = json.loads(resources.files("ecograph.graph").joinpath("data/chains.json").read_text(encoding="utf-8"))
    return [c["canonical"] for c in data["chains"]]


def _word(i: int, n: int = 2) -> str:
    out = ""
    for _ in range(n):
        i, r = divmod(i, len(_SYLLABLES))
        out += _SYLLABLES[r]
    return out


def region_name(i: int) -> str:
    """An invented place: two syllables + a place character + 市/县/区, unique per i below REGIONS."""
    return _word(i) + _PLACES[i % len(_PLACES)] + "市县区"[i % 3]


def names(label: Label, i: int) -> str:
    """The i-th invented name of an organisation label; unique per (label, i) up to ~10^8."""
    region = region_name(i % REGIONS)[:-1]
    word = _word((i // REGIONS) * 7919 + 13, 4)  # spread over the syllables, still unique per i
    if label == Label.Program:
        return f"{region}{word}{random.Random(i).choice(_SUFFIX[label])}"
    return f"{region}{word}{_INDUSTRY[i % len(_INDUSTRY)]}{_SUFFIX[label][i % len(_SUFFIX[label])]}"


def _split(total: int, mix: dict) -> dict:
    weight = sum(mix.values())
    counts = {k: total * v // weight for k, v in mix.items()}
    first = next(iter(mix))
    counts[first] += total - sum(counts.values())
    return counts


def graph_rows(nodes: int = 1_000_000, rels: int = 3_000_000, seed: int = 6) -> tuple[NodeRows, EdgeRows]:
    """Rows (as `graph.store.fresh_rows` shapes them) of about `nodes` entities and exactly `rels`
    relationships with the seed gold's label and type mix, for `GraphStore.bulk_load_rows`.

    Built without pydantic models: a million-node graph of `Node`/`Edge` objects costs ~90 s and
    5 GB before any store sees it. Chain membership is skewed (weight 1/rank) so some chains are
    large and most are small, as in real regional data; evidence sentences are short invented
    sentences naming both ends.
    """
    rnd = random.Random(seed)
    doc = "synthetic-{}.txt"

    def row(label: Label, name: str, i: int) -> Row:
        return {"id": node_id(label, name), "name": name, "aliases": [], "docs": [doc.format(i % 10_000)], "name_en": None}

    chains = [row(Label.IndustryChain, c, 0) for c in chain_names()]
    regions = [row(Label.Region, region_name(i), 0) for i in range(REGIONS)]
    orgs: dict[Label, list[Row]] = {}
    for label, count in _split(max(0, nodes - len(chains) - len(regions)), ORG_MIX).items():
        orgs[label] = [row(label, names(label, i), i) for i in range(count)]
    chain_cum = list(accumulate(1 / (r + 1) for r in range(len(chains))))
    hosts = orgs[Label.Company] + orgs[Label.University] + orgs[Label.Institute]
    everyone = hosts + orgs[Label.Lab]

    def chain() -> Row:
        return rnd.choices(chains, cum_weights=chain_cum)[0]

    def partners() -> tuple[Row, Row]:
        i, j = rnd.randrange(len(everyone)), rnd.randrange(len(everyone) - 1)
        return everyone[i], everyone[j + (j >= i)]  # never oneself

    ends = {
        RelType.LOCATED_IN: lambda: (rnd.choice(everyone), rnd.choice(regions)),
        RelType.BELONGS_TO: lambda: (rnd.choice(orgs[Label.Company]), chain()),
        RelType.HOSTS: lambda: (rnd.choice(hosts), rnd.choice(orgs[Label.Lab])),
        RelType.SUPPORTS: lambda: (rnd.choice(orgs[Label.Lab]), chain()),
        RelType.COOPERATES_WITH: partners,
        RelType.FUNDS: lambda: (rnd.choice(orgs[Label.Program]), rnd.choice(everyone)),
    }
    verbs = {RelType.LOCATED_IN: "落户", RelType.BELONGS_TO: "深耕", RelType.HOSTS: "依托建设", RelType.SUPPORTS: "支撑",
             RelType.COOPERATES_WITH: "签署合作协议，携手", RelType.FUNDS: "资助"}
    edges: dict[RelType, list[Row]] = {}
    for rel, count in _split(rels, REL_MIX).items():
        rule, verb, pick, out = f"synthetic:{rel.value.lower()}", verbs[rel], ends[rel], []
        for j in range(count):
            a, b = pick()
            d, evidence = doc.format(j % 10_000), f"{a['name']}{verb}{b['name']}，第{j}项。"
            out.append({"source": a["id"], "target": b["id"], "key": edge_key(rel, a["id"], b["id"], d, evidence),
                        "evidence": evidence, "doc": d, "start": j % 5000, "end": j % 5000 + 40, "rule": rule,
                        "confidence": 0.9})
        edges[rel] = out
    node_rows = {Label.IndustryChain: chains, Label.Region: regions, **orgs}
    return node_rows, edges


def graph(nodes: int = 100_000, rels: int = 300_000, seed: int = 6) -> Graph:
    """The same synthetic graph as `graph_rows`, as a pydantic `Graph` (for `write` and small sizes)."""
    node_rows, edge_rows = graph_rows(nodes, rels, seed)
    return Graph(
        nodes=[Node(label=label, **r) for label, rows in node_rows.items() for r in rows],
        edges=[Edge(type=rel, **{k: v for k, v in r.items() if k != "key"}) for rel, rows in edge_rows.items() for r in rows],
    )


_CHROME = ["首页 > 新闻 > 正文", "首页 > 热点 > 科技 > 正文", "来源：{r}日报", "责任编辑：{p}", "【打印】【关闭】", "分享到："]


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def document(i: int, sentences: int = 40) -> str:
    """The i-th invented news text (~3–4 KB) in the corpus style; about one sentence in ten is Traditional."""
    rnd = random.Random(i)
    region = region_name(rnd.randrange(REGIONS))
    org = lambda label: names(label, rnd.randrange(200_000))  # noqa: E731
    chain = lambda: rnd.choice(chain_names())  # noqa: E731
    templates = [
        lambda: f"{region}依托{org(Label.University)}建设{org(Label.Lab)}，聚焦{chain()}关键技术攻关。",
        lambda: f"{org(Label.Company)}与{org(Label.University)}签署合作协议，共建{org(Label.Lab)}。",
        lambda: f"在{chain()}领域，依托{org(Label.Company)}、{org(Label.Company)}等企业，组建了{org(Label.Lab)}。",
        lambda: f"{org(Label.Program)}资助{org(Label.Company)}开展{chain()}核心装备研发，立项经费达{rnd.randrange(100, 900)}万元。",
        lambda: f"{org(Label.Institute)}落户{region}，重点服务{chain()}产业链上下游企业。",
        lambda: f"近年来，{region}坚持创新驱动发展，{chain()}产业集群规模突破{rnd.randrange(50, 500)}亿元。",
        lambda: f"{org(Label.Company)}被认定为{chain()}产业链链主企业，带动配套企业{rnd.randrange(10, 90)}家。",
        lambda: f"记者了解到，{org(Label.Lab)}已获批省级重点实验室，由{org(Label.Company)}牵头运营。",
    ]
    lines = [rnd.choice(_CHROME[:2]), f"{region}：创新平台建设提速 产业链条加快延伸",
             f"{2020 + i % 5}-{1 + i % 12:02d}-{1 + i % 28:02d} 09:{i % 60:02d} " + _CHROME[2].format(r=region[:2])]
    paragraph: list[str] = []
    for k in range(sentences):
        s = rnd.choice(templates)()
        paragraph.append(_s2t().convert(s) if rnd.random() < 0.1 else s)
        if k % 4 == 3:
            lines.append("".join(paragraph))
            paragraph = []
    lines += ["".join(paragraph), _CHROME[3].format(p="王" + _word(i, 1)), rnd.choice(_CHROME[4:])]
    return "\n\n".join(line for line in lines if line)


def documents(n: int, start: int = 0) -> Iterator[tuple[str, str]]:
    """`n` (name, text) documents."""
    for i in range(start, start + n):
        yield f"synthetic/{i:06d}.txt", document(i)
