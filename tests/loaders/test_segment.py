"""Sentences, clauses and section headings keep their offsets in the clean text."""

from __future__ import annotations

from ecograph.loaders.segment import clauses, is_heading, sentences


def test_sentences_split_at_end_marks_and_lines() -> None:
    text = "现代煤化工产业创新链。重点依托A中心、B实验室等，开展研究。\n第二段!"
    ss = sentences(text)
    assert [s.text for s in ss] == ["现代煤化工产业创新链。", "重点依托A中心、B实验室等，开展研究。", "第二段!"]
    assert all(text[s.start : s.end] == s.text for s in ss)
    assert ss[0].paragraph == ss[1].paragraph != ss[2].paragraph


def test_clauses_and_headings() -> None:
    ss = sentences("高端装备制造创新链。以A实验室为依托，开展攻关。")
    assert is_heading(ss[0], next_in_para=True)
    assert not is_heading(ss[1], next_in_para=False)
    assert [c.text for c in clauses(ss[1])] == ["以A实验室为依托", "开展攻关"]
