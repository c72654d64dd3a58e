"""Issue 7 item 5: the cleaner and the extractor on arbitrary text, bounded so the set runs in seconds.

Texts mix real organisation sentences with the noise offices' documents carry: punctuation runs,
pinyin glosses, Traditional script, control characters, RTL marks, markup and any Unicode. No
exception may escape, and every edge's evidence must be a sentence of the cleaned document.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from ecograph.loaders.normalise import clean
from ecograph.loaders.pipeline import extract_text

FRAGMENTS = [
    "山西大学与太原理工大学签署战略合作协议。", "中北大学与太原钢铁集团有限公司共建联合实验室。",
    "國立某某大學與台灣新材料股份有限公司簽署合作協議。", "技術(shù)", "企业,、。;；", "，，，。。。",
    "省科技厅支持光伏产业链发展。", "重点研发计划资助1200万元。", "\u202e", "\u200b", "\x00", "\x07", "\x1b[31m",
    "<script>alert(1)</script>", "'}) DETACH DELETE n //", "首页 > 新闻", "（筹）", "简称“山大”", "\n", "\r\n", " ",
]
NOISE = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
CJK = st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=12)
TEXTS = st.lists(st.one_of(st.sampled_from(FRAGMENTS), NOISE, CJK), max_size=25).map("".join)
BOUNDED = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@BOUNDED
@given(TEXTS)
def test_clean_never_raises_and_maps_every_character_back(raw: str) -> None:
    c = clean(raw)
    assert len(c.offsets) == len(c.text) == len(c.traditional)
    assert all(0 <= o < len(raw) for o in c.offsets)


@BOUNDED
@given(TEXTS)
def test_extraction_never_raises_and_evidence_is_a_sentence_of_the_cleaned_text(raw: str) -> None:
    graph = extract_text(raw, "fuzz.txt")
    cleaned = clean(raw).text
    for edge in graph.edges:
        assert edge.evidence and edge.evidence in cleaned, edge
    ids = {n.id for n in graph.nodes}
    assert all(e.source in ids and e.target in ids for e in graph.edges)
