"""Split clean text into paragraphs, sentences and clauses, keeping offsets into the text.

Relations are stated inside one sentence (the evidence the gold cites), list expansion works
inside one clause, and a section heading (`现代煤化工产业创新链。`) scopes the rest of its
paragraph, so all three levels are needed, each with its span in the clean text.

A sentence is at most `SENTENCE_MAX` characters: a longer run without an end mark (a table or a
list pasted as one line) is cut at its last comma, enumeration mark or space before the limit, else before a
function word (与, 和, 的 …), else at the limit. Later stages compare the mentions of a sentence pairwise, so an
unbounded sentence made them quadratic (a 5 MB line took minutes and gigabytes); bounded units
keep the whole extraction linear in the text. The longest sentence in the seed and dev corpora
has 309 characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENT_END = re.compile(r"[。!?！？;；]+[”’\"]?|\n")
_CLAUSE_END = re.compile(r"[，,:：;；。!?！？]")
_HEADING_MAX = 30
SENTENCE_MAX = 600
_CUT = re.compile(r"[，,、:：\s]")
_SOFT_CUT = re.compile(r"[与和及并在于的]")  # function words: a cut before one rarely splits a name


@dataclass(frozen=True)
class Span:
    """A piece of the clean text: [start, end) and its text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Sentence(Span):
    """A sentence with the paragraph (line) it belongs to."""

    paragraph: int


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines."""
    out = []
    pos = 0
    for line in text.split("\n"):
        s = line.strip()
        if s:
            lead = len(line) - len(line.lstrip())
            out.append(Span(pos + lead, pos + lead + len(s), s))
        pos += len(line) + 1
    return out


def sentences(text: str) -> list[Sentence]:
    """Sentences, split at end marks and line ends; surrounding spaces trimmed."""
    out: list[Sentence] = []
    for pi, para in enumerate(paragraphs(text)):
        pos = para.start
        for m in _SENT_END.finditer(para.text):
            _append(out, text, pos, para.start + m.end(), pi)
            pos = para.start + m.end()
        _append(out, text, pos, para.end, pi)
    return out


def _append(out: list[Sentence], text: str, start: int, end: int, para: int) -> None:
    while end - start > SENTENCE_MAX:  # cut where a clause ends (else before a function word), in the window's later half
        window = text[start + SENTENCE_MAX // 2 : start + SENTENCE_MAX]
        cuts = [m.end() for m in _CUT.finditer(window)] or [m.start() for m in _SOFT_CUT.finditer(window)]
        cut = start + SENTENCE_MAX // 2 + cuts[-1] if cuts else start + SENTENCE_MAX
        _append_one(out, text, start, cut, para)
        start = cut
    _append_one(out, text, start, end, para)


def _append_one(out: list[Sentence], text: str, start: int, end: int, para: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and not _CLAUSE_END.fullmatch(text[start:end]):
        out.append(Sentence(start, end, text[start:end], para))


def clauses(sent: Span) -> list[Span]:
    """Clauses of a sentence, split at commas, colons and semicolons."""
    out = []
    pos = 0
    for m in _CLAUSE_END.finditer(sent.text):
        if m.start() > pos:
            out.append(Span(sent.start + pos, sent.start + m.start(), sent.text[pos : m.start()]))
        pos = m.end()
    if pos < len(sent.text):
        out.append(Span(sent.start + pos, sent.end, sent.text[pos:]))
    return out


def is_heading(sent: Sentence, next_in_para: bool) -> bool:
    """A short sentence that opens its paragraph and names a topic, not a statement."""
    body = sent.text.rstrip("。")
    return len(body) <= _HEADING_MAX and not re.search(r"[，,:：]", body) and next_in_para
