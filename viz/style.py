"""How each label and relationship type looks, in one table the graph and its legend both read.

Shapes are those vis-network draws with the label below the shape (dot, diamond, star, ...), so
long Chinese names never stretch a box; each shape also has a glyph for the HTML legend.
"""

from __future__ import annotations

from dataclasses import dataclass

from ecograph.graph.model import Label, RelType

FONT_STACK = (
    '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", '
    '"WenQuanYi Micro Hei", "SimHei", sans-serif'
)


@dataclass(frozen=True)
class Look:
    colour: str
    shape: str
    glyph: str
    name_zh: str


LABELS: dict[Label, Look] = {
    Label.IndustryChain: Look("#f28e2b", "star", "★", "产业链"),
    Label.Lab: Look("#e15759", "diamond", "◆", "实验室/平台"),
    Label.University: Look("#59a14f", "triangle", "▲", "高校"),
    Label.Institute: Look("#76b7b2", "square", "■", "科研院所"),
    Label.Company: Look("#4e79a7", "dot", "●", "企业"),
    Label.Program: Look("#b07aa1", "hexagon", "⬢", "科技计划/基金"),
    Label.Region: Look("#9c755f", "triangleDown", "▼", "地区"),
}
MORE = Look("#9aa0a6", "box", "▭", "未显示的节点")

RELATIONS: dict[RelType, tuple[str, str]] = {
    RelType.SUPPORTS: ("#e15759", "支撑"),
    RelType.HOSTS: ("#76b7b2", "依托/建设"),
    RelType.BELONGS_TO: ("#4e79a7", "属于"),
    RelType.FUNDS: ("#b07aa1", "资助"),
    RelType.COOPERATES_WITH: ("#59a14f", "合作"),
    RelType.LOCATED_IN: ("#9c755f", "位于"),
}
STATED = "stated"
INFERRED = "inferred"
TIER_ZH = {STATED: "文中明述", INFERRED: "推断"}


def look(label: str) -> Look:
    """The look of a label; unknown labels (a newer ontology) fall back to the 'more' grey."""
    try:
        return LABELS[Label(label)]
    except ValueError:
        return MORE


def relation(rel: str) -> tuple[str, str]:
    try:
        return RELATIONS[RelType(rel)]
    except ValueError:
        return ("#9aa0a6", rel)
