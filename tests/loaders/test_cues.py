"""Every cue row of loaders/data/cues.json, run through the real extraction on its own examples.

A positive example must yield the row's edge (the rule id is recorded on the edge); a negative
example must not yield any edge of that row. Example sentences name invented organisations.
"""

from __future__ import annotations

import pytest

from ecograph.graph.model import Graph
from ecograph.loaders.cues import Cue, compile_pattern, cues
from ecograph.loaders.pipeline import extract_text

ROWS = cues().rows


def _edges(text: str) -> set[tuple[str, str, str, str]]:
    g: Graph = extract_text(text, "example.txt")
    name = {n.id: n.name for n in g.nodes}
    return {(e.rule or "", e.type.value, name[e.source], name[e.target]) for e in g.edges}


@pytest.mark.parametrize("cue", ROWS, ids=[c.id for c in ROWS])
def test_positive_examples_yield_the_cue_edge(cue: Cue) -> None:
    assert cue.positive, f"{cue.id} has no positive example"
    for ex in cue.positive:
        got = _edges(ex["text"])
        assert (cue.id, cue.type.value, ex["source"], ex["target"]) in got, (ex["text"], sorted(got))


@pytest.mark.parametrize("cue", ROWS, ids=[c.id for c in ROWS])
def test_negative_examples_do_not_yield_it(cue: Cue) -> None:
    assert cue.negative, f"{cue.id} has no negative example"
    for text in cue.negative:
        got = _edges(text)
        assert not [e for e in got if e[0] == cue.id], (text, sorted(got))


def test_rows_have_unique_ids_and_only_known_word_classes() -> None:
    ids = [c.id for c in ROWS]
    assert len(ids) == len(set(ids))
    with pytest.raises(KeyError):
        compile_pattern("{S} <no_such_class> {O}", "C", "L", cues().classes, {})


def test_a_list_slot_gives_one_edge_per_item() -> None:
    got = _edges("在氢能领域，依托远川重工集团、明澜储能科技有限公司和青禾生物科技有限公司等开展攻关。")
    firms = {e[2] for e in got if e[1] == "BELONGS_TO" and e[3] == "氢能"}
    assert firms == {"远川重工集团", "明澜储能科技有限公司", "青禾生物科技有限公司"}


def test_a_list_passes_over_an_item_that_is_no_mention() -> None:
    got = _edges("青川大学科技园落户德阳高新区，重点布局光电材料工程技术研究中心、一批前沿技术实验室、高分子材料重点实验室等。")
    placed = {e[2] for e in got if e[1] == "LOCATED_IN" and e[3] == "德阳高新区"}
    assert placed == {"光电材料工程技术研究中心", "高分子材料重点实验室"}
