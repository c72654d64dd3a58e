"""Label boxes without a browser: widths, the collision pass, and the layouts making room for names."""

from __future__ import annotations

import random
from itertools import combinations

from ecograph.viz import layout
from ecograph.viz.layout import Tag
from ecograph.viz.scene import Scene, SceneNode, vis_data


def meet(a: layout.Box, b: layout.Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_cjk_glyphs_are_a_font_size_wide_and_latin_ones_narrower() -> None:
    assert layout.text_width("重点实验室", 12) == 60
    assert 12 * 0.5 < layout.text_width("a", 12) < layout.text_width("W", 12) < 12
    assert layout.text_width("", 14) == 0


def test_drawn_labels_never_meet_and_every_hidden_one_meets_a_drawn_one() -> None:
    rng = random.Random(3)
    tags = {f"n{i}": Tag("名" * rng.randint(2, 20), 10, 12) for i in range(600)}
    pos = {node: (rng.uniform(-800, 800), rng.uniform(-800, 800)) for node in tags}
    order = sorted(tags)
    shown = layout.visible_labels(order, tags, pos)
    boxes = {node: tags[node].box(pos[node]) for node in tags}
    assert order[0] in shown and 0 < len(shown) < len(tags)
    assert not any(meet(boxes[a], boxes[b]) for a, b in combinations(sorted(shown), 2))
    for node in set(tags) - shown:
        assert any(meet(boxes[node], boxes[other]) for other in shown)


def chain_tags(labs: int, hosts: int, companies: int, programmes: int) -> tuple[dict[str, Tag], list[list[str]]]:
    groups = [[f"{kind}{i}" for i in range(n)] for kind, n in (("l", labs), ("h", hosts), ("c", companies), ("p", programmes))]
    tags = {"chain": Tag("光伏", 26, 12)}
    tags |= {node: Tag(f"合成测试第{node[1:]}号重点实验室有限公司", 10, 12) for group in groups for node in group}
    return tags, groups


def test_a_chain_ring_spaced_by_label_reach_draws_most_names() -> None:
    tags, (labs, hosts, companies, programmes) = chain_tags(300, 200, 1000, 200)
    hosted = {h: [labs[i]] for i, h in enumerate(hosts)}
    funded = {p: [companies[i]] for i, p in enumerate(programmes)}
    roomy = layout.chain_layout("chain", labs, hosted, companies, funded, tags)
    blind = layout.chain_layout("chain", labs, hosted, companies, funded)
    assert roomy.keys() == blind.keys() == tags.keys()
    assert len(set(roomy.values())) == len(roomy)
    order = list(tags)
    drawn = len(layout.visible_labels(order, tags, roomy))
    assert drawn > len(tags) / 2
    assert drawn > len(layout.visible_labels(order, tags, blind))  # the same rings at a fixed spacing


def test_a_small_map_is_stretched_until_most_names_fit() -> None:
    tags = {"u": Tag("合成测试大学", 26, 14)} | {f"n{i}": Tag(f"合成测试第{i}号重点实验室", 14, 14) for i in range(60)}
    pos = layout.spring_layout("u", [("u", n) for n in tags if n != "u"], set(tags) - {"u"})
    order = list(tags)
    stretched, shown = layout.make_room(order, tags, pos)
    assert stretched["u"] == (0.0, 0.0)
    assert len(shown) >= layout.ENOUGH * len(tags)
    assert len(shown) >= len(layout.visible_labels(order, tags, pos))  # stretching never hides more
    assert shown == layout.visible_labels(order, tags, stretched)


def test_a_hidden_name_stays_in_the_tooltip() -> None:
    nodes = [SceneNode("c", "IndustryChain", "链", "chain", weight=0)]
    nodes += [SceneNode(f"n{i}", "Company", f"合成测试第{i}号有限公司", "company", weight=i) for i in range(8)]
    data = vis_data(Scene("c", nodes), {n.id: (float(i % 2), 0.0) for i, n in enumerate(nodes)})
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["c"] == "链"  # the focus wins every collision
    assert sum(1 for label in labels.values() if label) == 1  # all within a pixel: only the focus is named
    for item in data["nodes"]:
        assert item["title"].startswith(item["name"])
