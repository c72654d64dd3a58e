"""Clean raw document text into the one form every later stage matches against.

Web pages and converted replies arrive with page chrome, pinyin glosses inside words
(`技術(shù)`), doubled punctuation (`企业,、`), ASCII commas and Traditional script. The
extractors are written for clean Simplified text, so all of that is removed here, while a
per-character map back to the raw text is kept: evidence can then be shown as the source
printed it, and the Traditional / pinyin-annotated surface forms of a name can be kept as
aliases (gold NOTES rule 9).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from ecograph.graph.names import PINYIN_GLOSS, to_simplified

_GLOSS_AFTER_CJK = re.compile(r"(?<=[\u3400-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
_PUNCT = ",，、。;；:：!！?？"
_PUNCT_RUN = re.compile(rf"[{_PUNCT}](?:[ \t\u3000]*[{_PUNCT}])+")
_ASCII_COMMA = re.compile(r"(?<![0-9A-Za-z]),|,(?![0-9A-Za-z])")
_SPACES = re.compile(r"[ \t\u3000\xa0]+")

# Page chrome of Chinese news and government sites: navigation, share/print widgets,
# photo credits, bylines, dates and editor lines. Each is a whole-line pattern, and only a short
# line without a sentence end mark can be chrome (`_CHROME_MAX`, `_SENTENCE_END`): a line that
# states something (…签约仪式于2023年6月26日在长治举行。, 时间：…，青川大学与…签署协议。) is content
# even when it has a date or a "时间：" label. A date is chrome only at the start of a line (after
# at most a source name and a space), followed by a clock time, a chrome label or nothing.
_DATE = r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
_LABEL = r"(?:发布日期|发布时间|更新时间|日期|时间|来源|浏览数|浏览次数|点击数|作者|编辑|字号)"
_CHROME = re.compile(
    rf"""^(?:
      首页\s*[>＞›].*
    | .*(?:分享到|我要打印|关闭窗口|打印本页|返回顶部|【打印】|【关闭】).*
    | 【?资料图(?:片)?】?(?:\s.*摄)?
    | .*(?:记者|摄影|通讯员)\s*\S{{1,12}}(?:\s+\S{{1,4}})?\s*摄\s*
    | (?:图|图片|来源|本文来源|图片来源)[:：].{{0,40}}
    | .*责任编辑[:：].*
    | (?:本报|全媒体)?记者\s*\S{{1,10}}
    | {_LABEL}[:：][^，,]*
    | (?:\S{{1,20}}\s+)?{_DATE}(?:\s*{_TIME}(?:\s+\S{{1,12}})?)?(?:\s+{_LABEL}[:：].*|\s+星期.)?
    | [xX×]\s*广告
    )$""",
    re.VERBOSE,
)
_CHROME_MAX = 80
_SENTENCE_END = re.compile(r"[。！？!?；;]")


@dataclass(frozen=True)
class Cleaned:
    """Clean text plus, for each of its characters, the index of the raw character it came from."""

    raw: str
    text: str
    offsets: tuple[int, ...]
    traditional: str

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-text span of clean span [start, end), widened over a trailing pinyin gloss."""
        if start >= end:
            o = self.offsets[start] if start < len(self.offsets) else len(self.raw)
            return o, o
        rs = self.offsets[start]
        re_ = self.offsets[end - 1] + 1
        m = PINYIN_GLOSS.match(self.raw, re_)
        if m:
            re_ = m.end()
        return rs, re_

    def raw_form(self, start: int, end: int) -> str:
        """The text of clean span [start, end) as the raw document printed it (glosses included)."""
        rs, re_ = self.raw_span(start, end)
        return self.raw[rs:re_]

    def traditional_form(self, start: int, end: int) -> str:
        """The clean span before Traditional→Simplified conversion (same length, same offsets)."""
        return self.traditional[start:end]


Repl = Callable[[re.Match[str]], list[tuple[str, int]]]


def _sub(text: str, offs: list[int], pattern: re.Pattern[str], repl: Repl) -> tuple[str, list[int]]:
    """Regex substitution that keeps the character→raw-offset map in step.

    `repl` returns the new characters, each with the index inside the match it stands for.
    """
    out: list[str] = []
    out_offs: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        out.append(text[pos : m.start()])
        out_offs.extend(offs[pos : m.start()])
        for ch, rel in repl(m):
            out.append(ch)
            out_offs.append(offs[m.start() + rel])
        pos = m.end()
    out.append(text[pos:])
    out_offs.extend(offs[pos:])
    return "".join(out), out_offs


class _NfkcTable(dict[int, str]):
    """str.translate table mapping each character to its own NFKC form, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        self[code] = form = unicodedata.normalize("NFKC", chr(code))
        return form


_NFKC = _NfkcTable()


def _nfkc(text: str, offs: list[int]) -> tuple[str, list[int]]:
    """NFKC character by character (a full-width comma alone makes a text not normalised).

    Most characters map to one character (none maps to nothing), and then the offsets stand
    as they are; only when some character expands is the text walked character by character
    to repeat its offset.
    """
    if unicodedata.is_normalized("NFKC", text):
        return text, offs
    out_text = text.translate(_NFKC)
    if len(out_text) == len(text):
        return out_text, offs
    out: list[str] = []
    out_offs: list[int] = []
    for ch, o in zip(text, offs, strict=True):
        n = _NFKC[ord(ch)]
        out.append(n)
        out_offs.extend([o] * len(n))
    return "".join(out), out_offs


def _convert_aligned(text: str) -> str:
    """OpenCC output of the same length as the input, so one offset map serves both scripts.

    t2s almost always maps character for character; where a phrase rule changes the length,
    that line is converted character by character instead.
    """
    conv = to_simplified(text)
    if len(conv) == len(text):
        return conv
    lines = text.split("\n")
    out = []
    for line in lines:
        c = to_simplified(line)
        if len(c) != len(line):
            sm = difflib.SequenceMatcher(a=line, b=c, autojunk=False)
            chars = list(line)
            for tag, i1, i2, _, _ in sm.get_opcodes():
                if tag == "equal":
                    continue
                for k in range(i1, i2):
                    chars[k] = to_simplified(line[k])
            c = "".join(ch if len(ch) == 1 else line[k] for k, ch in enumerate(chars))
        out.append(c)
    return "\n".join(out)


def is_chrome(line: str) -> bool:
    """True for a short line that is page furniture rather than document content."""
    s = line.strip()
    return 0 < len(s) <= _CHROME_MAX and not _SENTENCE_END.search(s) and bool(_CHROME.match(s))


def clean(raw: str) -> Cleaned:
    """Normalise raw document text; see the module docstring for the steps and why."""
    # Line ends become "\n"; offsets are built on `raw`, so they stay exact.
    if "\r" in raw:
        offs = [i for i, ch in enumerate(raw) if not (ch == "\r" and raw[i + 1 : i + 2] == "\n")]
        text = "".join("\n" if raw[i] == "\r" else raw[i] for i in offs)
    else:
        offs, text = list(range(len(raw))), raw

    # Drop chrome lines (blanked, so line structure and offsets stay simple).
    kept: list[str] = []
    kept_offs: list[int] = []
    pos = 0
    for line in text.split("\n"):
        end = pos + len(line)
        if not is_chrome(line):
            kept.append(line)
            kept_offs.extend(offs[pos:end])
        kept.append("\n")
        kept_offs.append(offs[end] if end < len(offs) else len(raw))
        pos = end + 1
    text, offs = "".join(kept)[:-1], kept_offs[:-1]

    text, offs = _sub(text, offs, _GLOSS_AFTER_CJK, lambda m: [])
    text, offs = _nfkc(text, offs)
    text, offs = _sub(text, offs, _SPACES, lambda m: [(" ", 0)])
    text, offs = _sub(text, offs, _PUNCT_RUN, lambda m: [(m.group()[-1], len(m.group()) - 1)])
    text, offs = _sub(text, offs, _ASCII_COMMA, lambda m: [("，", 0)])
    traditional = text
    text = _convert_aligned(text)
    return Cleaned(raw=raw, text=text, offsets=tuple(offs), traditional=traditional)
