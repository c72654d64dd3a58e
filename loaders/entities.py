"""Find mentions of the seven entity labels in clean text.

Models tested here (notes/measured-facts.md) miss long lab names and cannot tell a lab from a
company, so organisations are found the way a reader finds them: by the suffix that ends the
name (longest suffix wins, which also decides the label), with the start found by walking left
over jieba tokens until a trigger word, a function word or punctuation. Short company names
that carry no suffix are taken only from context cues (X自主研制的, 依托A、B等, 以X为牵头企业,
A、B等N家企业, 简称X). Chains are found in loaders/chains.py;
regions from the administrative-division table shipped with `cpca`. All vocabulary lives in
`loaders/data/`; nothing here names a specific organisation.
"""

from __future__ import annotations

import bisect
import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import jieba
import jieba.posseg
import rjieba

from graph import taxonomy
from graph.model import Label
from loaders.segment import Sentence, clauses

jieba.setLogLevel(60)

CJK = r"\u3400-\u9fff"
_STOP_TAGS = ("p", "c", "u", "r", "m", "d", "q", "t", "y", "e", "o", "f", "ad")
_PUNCT = re.compile(rf"[^{CJK}A-Za-z0-9\-·]")
_PAREN_GROUP = re.compile(rf"\([{CJK}]{{2,6}}\)$")
_QUOTED_BEFORE = re.compile(rf"“([{CJK}A-Za-z0-9]{{1,10}})”$")
_MAX_NAME = 40
_CJK_CHAR = re.compile(rf"[{CJK}]")
# jieba tags dynasty and place-like words (西秦, 东汉) as time words; only these are real ones.
_TIME_CHARS = re.compile(r"[年月日时今明昨近前后初末季天周期代晚早午夜春夏秋冬]")


@dataclass(frozen=True)
class Mention:
    """One mention of an entity in the clean text of a document."""

    label: Label
    name: str
    start: int
    end: int
    rule: str


class Spans:
    """Spans of text already claimed by mentions, asked whether a new span overlaps one.

    Every extractor checks its candidates against all mentions found so far; scanning that
    list per candidate was quadratic in the mentions of a document. Spans are kept sorted by
    start, so only those starting within the longest span's length before a query are looked at.
    """

    def __init__(self, mentions: Iterable[Mention] = ()) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._longest = 0
        for m in mentions:
            self.add(m.start, m.end)

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)
        self._longest = max(self._longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span [a, b) has a < end and start < b."""
        lo = bisect.bisect_right(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return any(self._ends[k] > start for k in range(lo, hi))


@dataclass(frozen=True)
class Lexicon:
    """The general vocabulary of `data/lexicon.json`, compiled once."""

    suffix_label: dict[str, Label]
    suffix_re: re.Pattern[str]
    strong: frozenset[str]
    conjunctions: frozenset[str]
    category_nouns: frozenset[str]
    generic_re: re.Pattern[str]
    level_re: re.Pattern[str]
    weak: frozenset[str]
    co_verbs: frozenset[str]
    co_builder_pairs: frozenset[str]
    suffixes: tuple[str, ...]
    name_starts: tuple[str, ...]
    generic: frozenset[str]
    gov_suffixes: tuple[str, ...]
    media_suffixes: tuple[str, ...]
    non_entity_heads: tuple[str, ...]
    countries: tuple[str, ...]
    deictic_city: tuple[str, ...]
    deictic_province: tuple[str, ...]
    program_re: re.Pattern[str]
    generic_programs: frozenset[str]
    zone_re: re.Pattern[str]
    zone_suffix_re: re.Pattern[str]
    regions: dict[str, tuple[str, str]]
    region_code: dict[str, str]
    region_of_code: dict[str, str]
    region_by_prefix: dict[str, tuple[str, ...]]
    region_start_re: re.Pattern[str]
    county_short: tuple[str, ...]
    tags: dict[str, str]


def _alt(words: Iterable[str]) -> str:
    """A regex for any of `words`, the longest first where several start at one position.

    Written as a trie (`河(?:北省?|南省?)`), not as a flat `w1|w2|…`: the matches are the same,
    but the engine tries one branch per distinct next character instead of every word (the
    chain and generic-word lists have hundreds).
    """
    trie: dict[str, dict] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    """Children first and the word ending here last, so backtracking tries longer words first."""
    branches = [re.escape(ch) + _trie_pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) == 1 else f"{body}?"


def _load_json(name: str) -> dict:
    return json.loads(resources.files("loaders.data").joinpath(name).read_text(encoding="utf-8"))


_REGION_NOISE = frozenset({"城区", "郊区", "矿区", "市辖区", "新区", "高新区", "开发区", "市中区", "中区", "东区", "西区", "南区", "北区"})
_SHORT_STRIP = re.compile(r"(?:省|市|特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|地区|盟)$")


def _load_regions() -> dict[str, tuple[str, str]]:
    """Surface form → (full name, adcode) for provinces, cities and counties (cpca's table).

    Provinces and prefecture-level cities also get their short form (河北 → 河北省); counties
    only their full name, since their short forms are common words.
    """
    raw = resources.files("cpca.resources").joinpath("adcodes.csv").read_text(encoding="utf-8")
    out: dict[str, tuple[str, str]] = {}
    ranked = sorted(csv.DictReader(io.StringIO(raw)), key=lambda r: r["adcode"])
    for row in ranked:
        name, code = row["name"], row["adcode"][:6]
        if name in _REGION_NOISE or len(name) < 2:
            continue
        is_county = not code.endswith("00")
        out.setdefault(name, (name, code))
        if not is_county:
            short = _SHORT_STRIP.sub("", name)
            if len(short) >= 2 and short != name:
                out.setdefault(short, (name, code))
    return out


def _first_name_of_code(regions: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Adcode → the first full name the table gives it."""
    out: dict[str, str] = {}
    for full, code in regions.values():
        out.setdefault(code, full)
    return out


def _by_prefix(forms: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Forms of two or more characters grouped by their first two, longest first."""
    out: dict[str, list[str]] = {}
    for f in sorted(forms, key=lambda f: (-len(f), f)):
        out.setdefault(f[:2], []).append(f)
    return {k: tuple(v) for k, v in out.items()}


def _starts_of(forms: Iterable[str]) -> re.Pattern[str]:
    """Where a form of two or more characters may start: its first character, then its second."""
    firsts, seconds = {f[0] for f in forms}, {f[1] for f in forms}
    return re.compile(f"[{''.join(map(re.escape, sorted(firsts)))}](?=[{''.join(map(re.escape, sorted(seconds)))}])")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load and compile the vocabulary (cached: every document shares it)."""
    lex = _load_json("lexicon.json")
    suffix_label = {s: Label(lab) for lab, ss in lex["org_suffixes"].items() for s in ss}
    regions = _load_regions()
    jieba.initialize()
    return Lexicon(
        suffix_label=suffix_label,
        suffix_re=re.compile(_alt(set(suffix_label))),
        strong=frozenset(lex["strong_boundaries"]),
        conjunctions=frozenset(lex["conjunctions"]),
        category_nouns=frozenset(lex["category_nouns"]),
        generic_re=re.compile(_alt(lex["generic_words"])),
        level_re=re.compile(_alt(lex["level_words"])),
        weak=frozenset(lex["weak_boundaries"]),
        co_verbs=frozenset(lex["co_verbs"]),
        co_builder_pairs=frozenset(lex["co_builder_pairs"]),
        suffixes=tuple(suffix_label),
        name_starts=tuple(lex["name_starts"]),
        generic=frozenset(lex["generic_words"]),
        gov_suffixes=tuple(lex["government_suffixes"]),
        media_suffixes=tuple(lex["media_suffixes"]),
        non_entity_heads=tuple(lex["non_entity_heads"]),
        countries=tuple(lex["countries"]),
        deictic_city=tuple(lex["deictic_city"]),
        deictic_province=tuple(lex["deictic_province"]),
        program_re=re.compile(_alt(lex["program_suffixes"])),
        generic_programs=frozenset(lex["generic_programs"]),
        zone_re=re.compile(rf"([{CJK}]{{2,12}}?)({_alt(lex['zone_suffixes'])})"),
        zone_suffix_re=re.compile(_alt(lex["zone_suffixes"])),
        regions=regions,
        region_code={full: code for full, code in regions.values()},
        region_of_code=_first_name_of_code(regions),
        region_by_prefix=_by_prefix(regions),
        region_start_re=_starts_of(regions),
        county_short=tuple(sorted({n[:-1] for n, (_, c) in regions.items() if not c.endswith("00") and len(n) >= 3 and n[-1] in "县区市旗"})),
        tags=jieba.posseg.dt.word_tag_tab,
    )


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


# Region names (3,500 forms of two or more characters) are looked up by the two characters at
# a position, not with a regex: even written as a trie, an alternation of that size tries
# hundreds of branches at each position (7 µs for one `match`, 40 µs for a `sub` on a stem).


def region_at(text: str, start: int) -> str | None:
    """The region surface form that starts at `start`, if any (longest)."""
    forms = lexicon().region_by_prefix.get(text[start : start + 2])
    return next((f for f in forms if text.startswith(f, start)), None) if forms else None


def is_region(text: str) -> bool:
    """Whether `text` is exactly a region surface form."""
    return text in lexicon().regions


def _region_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, form) of the region names in `text`: at each position the longest, left to right."""
    starts = lexicon().region_start_re
    out: list[tuple[int, int, str]] = []
    m = starts.search(text)
    while m:
        form = region_at(text, m.start())
        if form is not None:
            out.append((m.start(), m.start() + len(form), form))
        m = starts.search(text, m.start() + (len(form) if form else 1))
    return out


@lru_cache(maxsize=4)
def region_forms(text: str) -> tuple[tuple[int, int, str], ...]:
    """The region names of a whole document; cached, as `regions` and `home_regions` both read them."""
    return tuple(_region_spans(text))


def without_regions(text: str) -> str:
    """`text` with every region name taken out."""
    pos = 0
    parts = []
    for s, e, _ in _region_spans(text):
        parts.append(text[pos:s])
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _ends_with_org_suffix(text: str) -> bool:
    return text.endswith(lexicon().suffixes)


def _starts_name(text: str, pos: int) -> bool:
    lex = lexicon()
    return text.startswith(lex.name_starts, pos) or region_at(text, pos) is not None


def _before(toks: Sequence[Token], pos: int) -> int:
    """Index of the last token that starts before `pos` (-1 if none); tokens are in text order."""
    return bisect.bisect_left(toks, pos, key=_token_start) - 1


def _token_start(t: Token) -> int:
    return t.start


def left_boundary(text: str, toks: Sequence[Token], s: int, conj_always_stops: bool = False) -> int:
    """Start of the name that ends with a suffix starting at `s` (all offsets absolute).

    Walks left over tokens and stops at punctuation, digits, a trigger word, or a function
    word; a conjunction stops only when what precedes it is itself a complete name, so
    `研究与应用技术创新中心` stays whole while `…中心和国家…中心` splits (programme names never
    hold a conjunction, so they pass `conj_always_stops`).
    """
    lex = lexicon()
    base = toks[0].start if toks else s
    idx = _before(toks, s)
    b = s
    if idx >= 0 and toks[idx].end > s:  # suffix starts inside a token: the token belongs to the name
        b = toks[idx].start
        idx -= 1
    while idx >= 0:
        t = toks[idx]
        if s - t.start > _MAX_NAME:
            break
        w = t.text
        if w == ")":
            m = _PAREN_GROUP.search(text, base, t.end)
            if m and m.start() >= base:
                b = m.start()
                idx = _before(toks, m.start())
                continue
            break
        if w == "”":
            m = _QUOTED_BEFORE.search(text, base, t.end)
            if m and b == s:
                b = m.start()
                idx = _before(toks, m.start())
                continue
            break
        if w in lex.conjunctions:
            left = toks[idx - 1].text if idx > 0 else ""
            if (
                conj_always_stops
                or b == s
                or _ends_with_org_suffix(text[base : t.start])
                or left in lex.category_nouns
                or left.endswith("政府")
                or is_region(left)
                or _starts_name(text, b)
            ):
                break
            b = t.start
            idx -= 1
            continue
        if w in lex.strong or _PUNCT.search(w) or w.isdigit():
            break
        if w in lex.co_verbs and text[t.start - 2 : t.start] not in lex.co_builder_pairs:
            break  # 三方共建X / 双方将共建X; only 厅市共建X is a name
        if w in lex.weak and (
            _starts_name(text, t.end)
            or idx == 0
            or _PUNCT.search(toks[idx - 1].text)
            or _ends_with_org_suffix(text[base : t.start])
        ):
            break
        if (
            len(w) > 1
            and t.tag.startswith(_STOP_TAGS)
            and (t.tag != "t" or _TIME_CHARS.search(w))
            and w not in lex.generic
            and not _starts_name(text, t.start)
        ):
            break
        b = t.start
        idx -= 1
    return b


_COUNTED = re.compile(
    r"(?:[0-9]+|[一二三四五六七八九十两几多]+)?(?:个|家|项|批|所|类|条|名|位|种|链|楼|期|座|支)"
)
_DESIGNATIONS = ("全国重点实验室", "国家重点实验室")
_LEGAL_FORM = ("有限公司", "有限责任公司", "股份有限公司", "集团有限公司", "集团股份有限公司")


_NAME_MARKS = re.compile(r"[“”\"·\-()]")


def is_category(stem: str, label: Label) -> bool:
    """True when a name's part before its suffix holds nothing but generic words and regions.

    `省级重点实验室`, `国内知名大学`, `该公司` describe a class, not one organisation. A region
    plus an institute suffix (某市科学院) is a real name; a region plus a lab suffix
    (某省实验室, as a class) is not.
    """
    lex = lexicon()
    if len(stem) < 2:
        return True
    rest = stem
    only_region = False
    head = region_at(rest, 0)
    if head:
        rest = rest[len(head) :]
        only_region = True
    if _COUNTED.match(stem) or "领域" in stem:
        return True
    rest = _NAME_MARKS.sub("", rest)
    rest = without_regions(lex.generic_re.sub("", rest))
    if not rest:
        national = stem.startswith(("中国", "国家"))
        return not ((only_region or national) and label in (Label.Institute, Label.University))
    for _, tag in tagged_words(rest):
        if tag.startswith(("v", "m", "r", "d", "p", "u", "f", "i", "l", "c", "q")):
            continue
        return False
    return True


def _newly_set_up(text: str, start: int, suffix: str) -> bool:
    """`组建科技投资公司`: a company being set up is named, however generic its words."""
    return suffix == "公司" and text[max(0, start - 2) : start] in ("组建", "成立", "设立", "注册")


def _names_an_org(stem: str) -> bool:
    """A stem that is itself an organisation name (某某大学 in 某某大学科创中心) makes a real name."""
    return any(stem.endswith(x) and len(stem) > len(x) + 1 for x in ("大学", "学院", "科学院", "集团", "公司"))


def _inside_word(toks: Sequence[Token], s: int, e: int, suffix: str) -> bool:
    """A suffix that is part of a common word (工厂, 大学生, 厂房, 仿制药) ends no name.

    Only the tokens overlapping [s, e] can say so; they are found by bisection.
    """
    for k in range(max(0, _before(toks, s + 1)), len(toks)):
        t = toks[k]
        if t.start >= e:
            break
        if t.start < e and t.end > e:
            return True
        if suffix in ("制药", "药业", "厂") and t.start < s < t.end and len(t.text) > 1 and t.tag != "x":
            return True
        if t.start < s < t.end and t.end >= e and not t.tag.startswith(("nt", "nz", "ns", "nr")) and suffix not in ("公司", "集团"):
            if t.end == e and suffix in ("大学", "学院"):
                continue  # 医科大学, 师范学院: the kind of school, the head of the name
            return True
    return False


def _blocked(text: str, start: int, end: int) -> bool:
    """Mentions inside 《…》 name a policy document, not an organisation.

    That is: the last 《 before the mention is not closed before it, and a 》 follows it.
    Looked up by bisection in the document's marks (searching the text per candidate was
    quadratic in the length of a long document).
    """
    opens, closes = _title_marks(text)
    i = bisect.bisect_left(opens, start) - 1
    if i < 0:
        return False
    j = bisect.bisect_left(closes, opens[i])
    if j < len(closes) and closes[j] < start:
        return False
    return bisect.bisect_left(closes, end) < len(closes)


@lru_cache(maxsize=4)
def _title_marks(text: str) -> tuple[list[int], list[int]]:
    """Offsets of every 《 and every 》 in a document."""
    return [m.start() for m in re.finditer("《", text)], [m.start() for m in re.finditer("》", text)]


def organisations(text: str, sents: list[Sentence]) -> list[Mention]:
    """Suffix-anchored organisation and lab mentions, with host prefixes kept as their own mentions."""
    lex = lexicon()
    found: list[Mention] = []
    for sent in sents:
        matches = list(lex.suffix_re.finditer(sent.text))
        if not matches:
            continue
        toks = tokens(sent.text, sent.start)
        for m in matches:
            s, e = sent.start + m.start(), sent.start + m.end()
            suffix = m.group()
            nxt = text[e : e + 1]
            if suffix in ("大学", "学院") and nxt in "生城园":
                continue
            if _inside_word(toks, s, e, suffix):
                continue
            b = left_boundary(text, toks, s)
            name = text[b:e]
            stem = text[b:s]
            label = lex.suffix_label[suffix]
            if _blocked(text, b, e):
                continue
            plain = stem.replace("“", "").replace("”", "")
            if suffix in _LEGAL_FORM and len(plain) >= 2:
                if plain[0] in "该本这此其我各每" or _COUNTED.match(plain):
                    continue
            elif suffix in _DESIGNATIONS and not _COUNTED.match(plain):
                if not lex.level_re.sub("", without_regions(plain)):
                    continue
            elif is_category(plain, label) and not _names_an_org(plain) and not _newly_set_up(text, b, suffix):
                continue
            if stem.endswith(lex.gov_suffixes) or name.endswith(lex.media_suffixes):
                continue
            clean_name = name.replace("“", "").replace("”", "")
            found.append(Mention(label, clean_name, b, e, f"suffix:{suffix}"))
    return _drop_nested(found)


def _drop_nested(ms: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions; a host prefix (X集团 in X集团…基地) stays too.

    Mentions come in start order, so the first kept one that encloses a mention is searched
    only among those starting within the longest kept mention's length before it.
    """
    ms = sorted(set(ms), key=lambda m: (m.start, -(m.end - m.start)))
    out: list[Mention] = []
    starts: list[int] = []
    longest = 0
    for m in ms:
        lo = bisect.bisect_left(starts, m.start - longest)
        outer = next((out[k] for k in range(lo, len(out)) if out[k].start <= m.start and m.end <= out[k].end), None)
        if outer is None:
            kept = m
        elif (
            m.start == outer.start
            and m.label in (Label.Company, Label.University, Label.Institute)
            and outer.label in (Label.Lab, Label.Institute)
            and not is_region(m.name)
        ):
            kept = Mention(m.label, m.name, m.start, m.end, "host-prefix")
        else:
            continue
        out.append(kept)
        starts.append(kept.start)
        longest = max(longest, kept.end - kept.start)
    return out


_BARE_CUE_AFTER = re.compile(r"(?:自主研制|自主研发|研发生产|研制生产|研制|生产制造)的")
_BARE_NAME = re.compile(rf"[{CJK}A-Za-z]{{2,8}}")
_LIST_SEP = re.compile(r"、|和|及|与")
_ABBR = re.compile(rf"[(（]简称[:：]?“?([{CJK}A-Za-z0-9]{{2,10}})”?[)）]")


def _is_bare_company(name: str) -> bool:
    """A short company name: not a category, not a region, not a deictic, not an org with a suffix."""
    lex = lexicon()
    if not _BARE_NAME.fullmatch(name) or is_region(name):
        return False
    if name[0] in "该本这此其我各每" or name in lex.category_nouns or name in lex.generic:
        return False
    if lex.zone_re.fullmatch(name) or "的" in name:
        return False
    if lex.tags.get(name, "x") not in ("x", "nz", "nt", "nr", "ns", "nrt"):
        return False
    if name in taxonomy.surface_index() or name.endswith(("企业", "高校", "院所", "机构", "单位")):
        return False
    return not is_category(name, Label.Company)


def _strip_country(name: str) -> str:
    for c in lexicon().countries:
        if name.startswith(c) and len(name) > len(c) + 1:
            return name[len(c) :]
    return name


def _list_items(text: str, start: int, end: int, sep: re.Pattern[str] = _LIST_SEP) -> list[tuple[int, int]]:
    """Spans of the items of an enumeration `A、B和C` inside [start, end)."""
    out = []
    pos = start
    for m in sep.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return [(s, e) for s, e in out if e > s]


_VERB_AFTER_BARE = re.compile(
    r"(?:开展|实施|强化|建设|筹建|组建|推进|研发|申请|承担|打造|攻关|聚焦|利用|加快|推动|提升|实现|牵头|成立)"
)
_RELY = re.compile(r"(?:领域|行业)[，,]?(?:重点)?依托")
_LIST_END = re.compile(rf"等|[，。；;：:]|{_VERB_AFTER_BARE.pattern}")
_LEAD_FIRM = re.compile(rf"以([{CJK}A-Za-z]{{2,12}})为(?:牵头|龙头|链主)(?:企业|单位)")
_ALLY_LIST = re.compile(rf"联合((?:[^、，。等]{{2,12}}、)*[^、，。等]{{2,12}})等[{CJK}]{{0,4}}企业")
_N_FIRMS = re.compile(
    rf"((?:[^、和等，。\d]{{2,14}}[、和])*[^、和等，。\d]{{2,14}})等?(?:[0-9]+|[一二两三四五六七八九十]+)家(?:[{CJK}]{{0,4}})?企业"
)
# What every _N_FIRMS match contains; the list part backtracks at every position, so a
# sentence without this is not scanned at all.
_N_FIRMS_CUE = re.compile(rf"[0-9一二两三四五六七八九十]家[{CJK}]{{0,4}}企业")


_WORKSHOP = re.compile(rf"(?:项目|在)([{CJK}A-Za-z]{{2,8}}?)(?:[一二三四五六七八九十0-9]+号?)?车间")
_ENCOURAGED = re.compile(rf"(?:鼓励|支持|推动)([{CJK}A-Za-z]{{2,10}}?)(?:利用|发挥|依托|牵头)")


def _trim_left(text: str, s: int, e: int) -> int:
    """Start the first item of a list after its last verb or function word (打破德国某企业 → 德国某企业)."""
    lex = lexicon()
    for t in tokens(text[s:e], s):
        if t.text in lex.strong or (len(t.text) > 1 and t.tag.startswith(("v", "p", "d", "c", "u", "r", "m"))):
            s = t.end
    return s


def companies_by_context(text: str, sents: list[Sentence], known: list[Mention]) -> list[Mention]:
    """Companies without a suffix, recognised by what the sentence says they do."""
    taken = Spans(known)
    out: list[Mention] = []

    def add(s: int, e: int, rule: str) -> None:
        name = text[s:e]
        if not taken.overlaps(s, e) and _is_bare_company(name):
            out.append(Mention(Label.Company, _strip_country(name), s, e, rule))
            taken.add(s, e)

    def add_list(s0: int, e0: int, rule: str) -> None:
        items = _list_items(text, s0, e0)
        for i, (s, e) in enumerate(items):
            add(_trim_left(text, s, e) if i == 0 else s, e, rule)

    for sent in sents:
        base = sent.start
        for cl in clauses(sent):
            for m in _BARE_CUE_AFTER.finditer(cl.text):
                if m.start() >= 2:
                    add(cl.start, cl.start + m.start(), "bare:made-by")
        for m in _LEAD_FIRM.finditer(sent.text):
            add(base + m.start(1), base + m.end(1), "bare:lead-firm")
        for m in _ALLY_LIST.finditer(sent.text):
            add_list(base + m.start(1), base + m.end(1), "bare:ally")
        if _N_FIRMS_CUE.search(sent.text):
            for m in _N_FIRMS.finditer(sent.text):
                add_list(base + m.start(1), base + m.end(1), "bare:n-firms")
        for m in _WORKSHOP.finditer(sent.text):
            add(base + m.start(1), base + m.end(1), "bare:workshop")
        for m in _ENCOURAGED.finditer(sent.text):
            add(base + m.start(1), base + m.end(1), "bare:encouraged")
        for m in _RELY.finditer(sent.text):
            end = _LIST_END.search(sent.text, m.end())
            stop = end.start() if end else len(sent.text)
            add_list(base + m.end(), base + stop, "bare:rely-on")
    return out


def abbreviations(text: str, orgs: list[Mention]) -> dict[str, Mention]:
    """`X有限公司(简称Y)` → Y stands for X in the rest of the document."""
    out: dict[str, Mention] = {}
    for m in _ABBR.finditer(text):
        owner = next((o for o in orgs if o.end == m.start()), None)
        if owner is not None:
            out[m.group(1)] = owner
    return out


def abbreviation_mentions(text: str, abbr: dict[str, Mention], known: list[Mention]) -> list[Mention]:
    """Every later use of a declared short name, as a mention of the full name's entity."""
    taken = Spans(known)
    out = []
    for short, owner in abbr.items():
        for s, e, _ in find_all(text, [short]):
            if not taken.overlaps(s, e):
                out.append(Mention(owner.label, owner.name, s, e, "abbreviation"))
    return out


def find_all(text: str, words: Iterable[str]) -> list[tuple[int, int, str]]:
    """(start, end, word) of what `re.finditer` of the alternation of `words` would match:
    left to right, the longest word at each position, no overlaps.

    Found with str.find: the word lists are per document (names already found), and
    compiling a pattern per document, or per name, cost more than the search and kept
    evicting the `re` module's cache of the fixed patterns.
    """
    longest: dict[int, str] = {}
    for w in words:
        pos = text.find(w) if w else -1
        while pos != -1:
            if len(w) > len(longest.get(pos, "")):
                longest[pos] = w
            pos = text.find(w, pos + 1)
    out: list[tuple[int, int, str]] = []
    end = 0
    for pos in sorted(longest):
        if pos >= end:
            end = pos + len(longest[pos])
            out.append((pos, end, longest[pos]))
    return out


_PROGRAM_QUOTED = re.compile(rf"“([{CJK}]{{2,10}})”(计划|专项|基金|工程)")


def programs(text: str, sents: list[Sentence], known: list[Mention]) -> list[Mention]:
    """Funding programmes: names ending in 计划/专项/基金 that are not a class of plans.

    A programme name is kept when it has a proper part besides generic words, or when a
    region or 国家 owns it (国家X计划, 某市重大专项 are real programmes).
    """
    lex = lexicon()
    taken = Spans(known)
    out: list[Mention] = []
    for sent in sents:
        for m in _PROGRAM_QUOTED.finditer(sent.text):
            s, e = sent.start + m.start(), sent.start + m.end()
            if text.startswith(("行动", "考核"), e):
                continue
            out.append(Mention(Label.Program, m.group(1) + m.group(2), s, e, "program:quoted"))
            taken.add(s, e)
        matches = list(lex.program_re.finditer(sent.text))
        if not matches:
            continue
        toks = tokens(sent.text, sent.start)
        for m in matches:
            s, e = sent.start + m.start(), sent.start + m.end()
            nxt = text[e : e + 2]
            in_word = _inside_word(toks, s, e, m.group()) and not nxt.startswith("项目")  # 基金项目 is one jieba word
            if nxt.startswith(("体系", "行动", "考核", "管理", "资金", "债")) or in_word:
                continue
            if taken.overlaps(s, e) or _blocked(text, s, e):
                continue
            b = left_boundary(text, toks, s, conj_always_stops=True)
            name = text[b:e]
            stem = text[b:s]
            if name in lex.generic_programs or len(stem) < 2 or stem.startswith(("各类", "各级", "市级", "省级", "县级")):
                continue
            owned = region_at(stem, 0) is not None or stem.startswith(("国家", "中国"))
            set_up = m.group().endswith("基金") and "设立" in sent.text[max(0, m.start() - 14) : m.start()]
            if not owned and not set_up and is_category(stem, Label.Program):
                continue
            if any(name.endswith(g) and len(name) - len(g) <= 2 for g in lex.generic_programs if len(g) > 2):
                continue
            out.append(Mention(Label.Program, name, b, e, f"program:{m.group()}"))
            taken.add(b, e)
    return out


_REGION_AFTER_SKIP = re.compile(r"委|市委|省委|县委|区委|[^人]{0,4}?(?:局|厅)|日报|晚报|籍|人(?!民政府)")
_GOVT = "人民政府"
_PARTY_CUE = re.compile(r"(?:[、和][^、，。]{2,8}?)*等?(?:晋位|晋升|获批|入选|升级为|被评为|被认定为|成功创建|成功获批)")


def regions(text: str, sents: list[Sentence], known: list[Mention]) -> list[Mention]:
    """Region mentions outside other names; rule `region:party` where the region itself acts.

    Whether a region becomes a node is decided later: only a party (a relation endpoint or
    the subject of an upgrade such as 晋位省级高新区) is one, per gold NOTES rule 3.
    """
    lex = lexicon()
    taken = Spans(known)
    out: list[Mention] = []
    for s, e, form in region_forms(text):
        if taken.overlaps(s, e) or _blocked(text, s, e):
            continue
        if text.startswith(_GOVT, e):
            out.append(Mention(Label.Region, lex.regions[form][0], s, e + len(_GOVT), "region:government"))
            continue
        if _REGION_AFTER_SKIP.match(text, e):
            continue
        out.append(Mention(Label.Region, lex.regions[form][0], s, e, "region"))
    for sent in sents:
        if not lex.zone_suffix_re.search(sent.text):
            continue  # zone_re tries twelve stem lengths at every position before its suffix
        for m in lex.zone_re.finditer(sent.text):
            e = sent.start + m.end()
            toks = tokens(sent.text, sent.start)
            b = left_boundary(text, toks, sent.start + m.start(2))
            stem = text[b : sent.start + m.start(2)]
            if len(stem) < 2 or re.search(r"[东西南北]部|各|全", stem) or taken.overlaps(b, e):
                continue
            named_type = len(m.group(2)) >= 5
            local = region_at(stem, 0) or stem.startswith(lex.county_short)
            if len(stem) > 6 or not (local or (named_type and not is_category(stem, Label.Region))):
                continue
            out.append(Mention(Label.Region, text[b:e], b, e, "region:zone"))
    out = _mark_parties(text, sents, out)
    return sorted(out, key=lambda m: m.start)


def _mark_parties(text: str, sents: list[Sentence], ms: list[Mention]) -> list[Mention]:
    starts = [x.start for x in sents]
    out = []
    for m in ms:
        sent = _sentence_at(sents, starts, m.start)
        party = False
        if sent is not None:
            tail = text[m.end : sent.end]
            party = bool(_PARTY_CUE.match(tail))
        out.append(Mention(m.label, m.name, m.start, m.end, "region:party") if party else m)
    return out


def _sentence_at(sents: list[Sentence], starts: list[int], pos: int) -> Sentence | None:
    """The sentence holding offset `pos` (sentences are in order and do not overlap)."""
    i = bisect.bisect_right(starts, pos) - 1
    return sents[i] if i >= 0 and pos < sents[i].end else None


def echo_companies(text: str, known: list[Mention]) -> list[Mention]:
    """Later uses of a company name already found in the document, and of its short form.

    A bare name recognised once (依托XY汽车开展…) is the same company wherever else the
    document writes it; a full legal name (某省ABCD光电科技有限公司) is often shortened to
    the start of its core (ABCD), which is taken where it stands as a word of its own.
    """
    from loaders.resolve import core

    lex = lexicon()
    taken = sorted((m.start, m.end) for m in known)
    starts = [a for a, _ in taken]

    def free(s: int, e: int) -> bool:
        i = bisect.bisect_right(starts, e)
        return not any(a < e and s < b for a, b in taken[max(0, i - 8) : i])

    out: list[Mention] = []
    names = {m.name: m for m in known if m.label == Label.Company}
    bare = [n for n in names if len(n) >= 3 and not n.endswith(_LEGAL_FORM)]
    for s, e, name in find_all(text, bare):
        if free(s, e):
            out.append(Mention(Label.Company, name, s, e, "echo"))
    for full in names:
        if not full.endswith(_LEGAL_FORM):
            continue
        c = core(Label.Company, full)
        if len(c) < 5 or lex.generic_re.match(c):
            continue
        for s, _, _ in find_all(text, [c[:4]]):
            e = s + 4
            while e - s < len(c) and text[e : e + 1] == c[e - s]:
                e += 1
            before = text[s - 1 : s]
            if (not before or not _CJK_CHAR.match(before)) and free(s, e):
                out.append(Mention(Label.Company, text[s:e], s, e, "echo:short"))
    return out


def echoed_host_prefixes(text: str, orgs: list[Mention]) -> list[Mention]:
    """A company named elsewhere in the document that starts a lab's name is its host (NOTES rule 2).

    Suffix matching finds 某某集团 inside 某某集团…中试基地 by itself; a short company name
    known only from context or as an echo (某某锂能 → 某某锂能研发中心) needs this look-back.
    """
    surfaces = {text[m.start : m.end]: m.name for m in orgs if m.label == Label.Company and m.end - m.start >= 3}
    hosted = [m for m in orgs if m.label in (Label.Lab, Label.Institute) and m.rule != "host-prefix"]
    prefixed = {m.start for m in orgs if m.rule == "host-prefix"}
    by_prefix = _by_prefix(surfaces)  # each lab looks only at the names sharing its first two characters
    out = []
    for lab in hosted:
        if lab.start in prefixed:
            continue
        candidates = by_prefix.get(text[lab.start : lab.start + 2], ())
        head = next((f for f in candidates if text.startswith(f, lab.start)), None)
        if head and lab.end - lab.start >= len(head) + 2:
            out.append(Mention(Label.Company, surfaces[head], lab.start, lab.start + len(head), "host-prefix"))
    return out
