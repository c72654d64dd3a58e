"""Segmentation of clean text into jieba words with their dictionary POS tags.

The name grammar (loaders.names) walks these words to find where a name starts.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import jieba
import rjieba

from ecograph.loaders.lexicon import lexicon


class Token(NamedTuple):
    """One jieba word at [start, end) of the clean text (a tuple: millions are made per corpus)."""

    text: str
    start: int
    end: int
    tag: str


@lru_cache(maxsize=256)
def tokens(text: str, offset: int = 0) -> tuple[Token, ...]:
    """jieba tokens (dictionary only, no HMM guessing) with their dictionary POS tag.

    Cached: organisations, programmes and zones each look at the tokens of the same sentence.
    """
    out = []
    pos = offset
    for w, tag in tagged_words(text):
        out.append(Token(w, pos, pos + len(w), tag))
        pos += len(w)
    return tuple(out)


def tagged_words(text: str) -> list[tuple[str, str]]:
    """The words of `jieba.cut(text, HMM=False)` (the same list, found faster), each with its
    dictionary POS tag ("x" for none).

    Segmentation is the largest single cost of extraction. jieba cuts each block (a run of
    letters and digits between punctuation and spaces) on its own; here each block is cut by
    `_cut_block` and cached, so a sentence and its prefixes (产业链 stems) share the work.
    """
    tags = lexicon().tags  # lexicon() also loads jieba's dictionary
    out: list[tuple[str, str]] = []
    for blk in jieba.re_han_default.split(text):
        if not blk:
            continue
        if jieba.re_han_default.match(blk):
            out.extend(_cut_block(blk))
        else:
            for x in jieba.re_skip_default.split(blk):
                if jieba.re_skip_default.match(x):
                    out.append((x, tags.get(x, "x")))
                else:
                    out.extend((ch, tags.get(ch, "x")) for ch in x)
    return out


@lru_cache(maxsize=16384)
def _cut_block(blk: str) -> tuple[tuple[str, str], ...]:
    """jieba's maximum-probability route over its own dictionary, computed by jieba-rs (rjieba).

    jieba-rs bundles jieba 0.42's dictionary (every word and prefix of `jieba.dt.FREQ`, with its
    tags) and takes the same route without HMM, ties to the longer word and single ASCII
    letters and digits glued: word for word the same as `jieba.cut(blk, HMM=False)`, checked on
    the seeds, the demo and probe corpora, 500 synthetic documents and 100K random blocks,
    at a third of the CPU of the pure-Python route it replaced. The tags still come from
    jieba's table ("x" for none; rjieba.tag says "eng" for ASCII words).
    """
    tags = _stock_dictionary_tags()
    return tuple([(w, tags.get(w, "x")) for w in rjieba.cut(blk, False)])


# Sum of the frequencies in jieba 0.42's dict.txt, the dictionary jieba-rs bundles.
_STOCK_TOTAL = 60101967


@lru_cache(maxsize=1)
def _stock_dictionary_tags() -> dict[str, str]:
    """jieba's tag table, once jieba is known to use the dictionary rjieba bundles.

    rjieba does not see words given to jieba (`jieba.add_word`, `load_userdict`,
    `set_dictionary`); the project adds none, and if one is ever added it must go to
    `rjieba.add_word` too, so fail loudly rather than segment differently from jieba.
    """
    tags = lexicon().tags  # lexicon() also loads jieba's dictionary
    dt = jieba.dt
    if dt.dictionary is not None or dt.total != _STOCK_TOTAL or dt.user_word_tag_tab:
        raise RuntimeError("jieba's dictionary was changed; add the same words to rjieba (rjieba.add_word)")
    return tags


def _before(toks: Sequence[Token], pos: int) -> int:
    """Index of the last token that starts before `pos` (-1 if none); tokens are in text order."""
    return bisect.bisect_left(toks, pos, key=_token_start) - 1


def _token_start(t: Token) -> int:
    return t.start



def word_frequency(word: str) -> int:
    """jieba's dictionary frequency of a word (0 when it is not a word): how ordinary it is."""
    lexicon()  # loads jieba's dictionary
    return int(jieba.dt.FREQ.get(word, 0))
