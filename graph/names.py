"""Name forms shared by extraction and reading: one normalisation, one script conversion.

Loaders key entities on these forms and queries look names up with the same ones, so they live
here, below both, and are defined once.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import opencc

PINYIN_GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")  # 技術(shù): a reading printed after a word
_NAME_NOISE = re.compile(r"[\s\"'“”‘’《》〈〉「」『』【】·・]")


def normalise_name(name: str) -> str:
    """The form two names must share to be the same key: NFKC, no spaces or quotes, lower case."""
    return _NAME_NOISE.sub("", unicodedata.normalize("NFKC", name)).lower()


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """Traditional→Simplified with OpenCC (phrase-aware, so 乾 and 干 are told apart)."""
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    """Simplified→Traditional with OpenCC: how a Traditional-script source may print a name."""
    return _converter("s2t").convert(text)
