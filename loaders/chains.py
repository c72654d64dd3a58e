"""Industry-chain mentions: the sectors a text presents as a region's 产业/产业链/产业集群/领域.

A chain is read off the noun phrase in front of a head word, the way a reader reads it:
`X产业`, `X产业链`, `X产业集群`, `X创新链`, and `A、B和C等优势产业` (one chain per item).
The phrase is cut from the sentence's jieba words, not from raw characters, so 资产业务 holds
no 产业 and 把陶瓷产业做大 gives 陶瓷. Surface forms of the general taxonomy
(`graph/data/chains.json`) are merged into their canonical chain; other nouns are chains of
their own (茶产业 → 茶) unless the taxonomy lists them as a category, a policy theme or a
statistical sector. A plain 领域/行业 is too often a research field or a product's market:
it names a chain only for taxonomy forms, and only where the text places the region's
work in it (在X领域, X领域企业, 优势领域).

Every sentence is segmented once and each head looks back a bounded number of words, so the
cost is linear in the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ecograph.graph import taxonomy
from ecograph.graph.model import Label
from ecograph.loaders.lexicon import lexicon, region_at
from ecograph.loaders.names import Mention, Spans, find_all
from ecograph.loaders.segment import Sentence
from ecograph.loaders.tokens import Token, tokens

# A head and what may not follow it (a park, a base or an alliance is named, not a chain).
_HEAD = re.compile(
    r"(产业创新链|产业集群|产业领域|产业链|创新链|产业|领域|行业)"
    r"(?!化|园|基地|联盟|研究院|技术研究院|联合体|创新中心|创新平台|开发区|集聚区|新城|投资|基金|大会|论坛|博览|峰会|工人)"
)
_WEAK_HEADS = frozenset({"领域", "行业"})
_CLOSED_HEADS = frozenset({"领域", "行业", "创新链"})  # taxonomy forms only (部署创新链 names none)
# Between a list and its head: 等, a count (三大, 两个千亿级) and words that rank the industries.
_RANKS = (
    "战略性新兴", "战略新兴", "新兴", "未来", "先导", "主导", "支柱", "优势", "特色", "传统", "重点",
    "高新技术", "高技术", "千亿级", "百亿级", "万亿级", "千亿", "百亿", "地方", "现代化", "大",
)
_COUNT = re.compile(r"[0-9一二三四五六七八九十两几百千万]+(?:大|个|条|类|项|种)?$")
# 整车、电池、电控完整产业链 lists the links of one chain, not chains.
_WHOLE = ("完整", "全", "整条", "上下游", "一体化", "全链条")
# What a chain's name may trail before its head: 海洋工程装备及相关配套产业, 稀土新材料及应用.
_TAILS = ("及相关配套", "及相关", "及配套", "及其应用", "及终端应用", "及应用", "及零部件")
# Links of one chain: 上游电解液、下游电池包等产业.
_STAGES = re.compile(r"上游|中游|下游")
# Modifiers that do not make a new chain (绿色化工 is 化工, 现代特色农业 is 农业).
_QUALIFIERS = ("绿色", "现代", "特色", "新型", "传统", "优势")
_SEPARATORS = frozenset({"、", "和", "及", "与", "以及"})
_GLUED = frozenset({"和", "及", "与"})  # jieba sometimes glues these to the next word (和文/旅)
_APPLIED = re.compile(r"(?:应用于|应用到|应用在|用于|用在|涵盖|覆盖)$")
# Where a plain 领域/行业 is the region's: 在X领域, 拓展X领域, X领域的代表企业, X行业增加值.
_PLACED_BEFORE = re.compile(r"(?:在|发展|培育|壮大|拓展|布局|做强|做大|打造|深耕|优势的)$")
# After an industry word: a ministry, a school or a firm, not the industry (农业农村部, 林业大学).
_NOT_AFTER_INDUSTRY = re.compile(
    r"(?:和[\u4e00-\u9fff]{1,4})?(?:部|厅|局|委)|农村|大学|学院|科学院|院|所|银行|协会|学会|集团|公司|化|科技|科学|技术|机械"
)
_MODEL = re.compile(r"以([^以，。；]{1,24}?)为(?:代表|主导|龙头|核心)的[^，。；]{0,12}?产业")
_INTRO = frozenset({"围绕", "聚焦", "涵盖", "包括", "覆盖", "重点"})
_PLACED = re.compile(r"[，,]?(?:重点)?(?:依托|龙头)|的?(?:代表|龙头|骨干|重点)?企业|增加值|产值|营业收入|营收")
_RESEARCH = re.compile(r"^[^，。；]{0,6}?(?:开展|进行|从事)[^，。；]{0,10}?(?:研究|合作|攻关)")
# 开展A产业、B产业关键共性技术攻关: research on the technology of the industries listed.
_TECH = re.compile(r"(?:、[^，。；、]{1,12}?(?:产业|产业链)){0,8}(?:关键|共性)")
_PLACED_RANKS = frozenset({"优势", "主导", "支柱", "特色"})
# Words no chain name holds: verbs of planning, research, generic nouns.
_NOT_CHAIN = re.compile(
    r"研发|研究|技术|开发|科技|创新|发展|建设|问题|方向|重点|相关|企业|项目|产品|平台|基地|园区|集群|链|"
    r"推动|推进|打造|培育|壮大|做[大强优]|加快|促进|提升|支持|引导|布局|聚焦|围绕|实现|形成|构建|完善|延伸|"
    r"拓展|引进|带动|优化|升级|转型|融合|集聚|聚集|振兴|成为|突破|规划|政策|体系|结构|水平|能力|质量|"
    r"助力|赋能|深化|积蓄|重塑|制约|部署|支撑|引领|反哺|服务|"
    r"等|的|各|本|该|其|此|^全|性$"
)
_PLACE_END = re.compile(r"[区市县省镇乡园]$")
_NOUNISH = frozenset({"n", "nz", "ng", "nr", "nrt", "nrfg", "ns", "j", "x", "eng", "b", "a", "an"})
_WORD = re.compile(r"[\u3400-\u9fffA-Za-z0-9]+")
_MAX_STEM = 8
_ONE_CHAR_STOP = frozenset("大新老小多全各该本此其强")


@dataclass(frozen=True)
class _Item:
    start: int
    end: int
    name: str
    taxonomy: bool


@dataclass(frozen=True)
class Words:
    """Words of the taxonomy that point at one chain (product keywords, or the chains' names), compiled once."""

    chain_of: dict[str, str]
    pattern: re.Pattern[str]


def _words(pairs: Iterable[tuple[str, str]]) -> Words:
    """Word → canonical chain (first chain wins) and a regex for any word (the longest at a position)."""
    chain_of: dict[str, str] = {}
    for word, canonical in pairs:
        chain_of.setdefault(word, canonical)
    alternation = "|".join(map(re.escape, sorted(chain_of, key=len, reverse=True)))
    return Words(chain_of, re.compile(alternation))


@lru_cache(maxsize=1)
def keywords() -> Words:
    """The chains' own product keywords (not their segments'): what a company makes."""
    return _words((k, c.canonical) for c in taxonomy.chains() for k in c.keywords)


@lru_cache(maxsize=1)
def chain_names() -> Words:
    """Every canonical name and synonym of the taxonomy's chains."""
    return _words((form, c.canonical) for form, c in taxonomy.surface_index().items())


@lru_cache(maxsize=1)
def _forms() -> tuple[dict[str, str], int, frozenset[str]]:
    """Surface form → canonical chain, the longest form's length, and the words that name no chain."""
    index = {form: c.canonical for form, c in taxonomy.surface_index().items()}
    never = frozenset().union(*taxonomy.not_chains().values())
    return index, max(map(len, index)), never


@lru_cache(maxsize=1)
def _county_short() -> frozenset[str]:
    """County names without 县/区/市 (海淀): a place, not part of a chain's name."""
    return frozenset(lexicon().county_short)


class _Words:
    """The jieba words of one sentence, looked up by the offset where they end."""

    def __init__(self, text: str, offset: int) -> None:
        self.text = text
        # The other extractors segment the same sentence at its offset: share their cached words.
        self.toks = tuple(Token(t.text, t.start - offset, t.end - offset, t.tag) for t in tokens(text, offset))
        self.ending = {t.end: t for t in self.toks}
        self.starts = frozenset(t.start for t in self.toks)
        self._order = [t.start for t in self.toks]

    def before(self, p: int) -> Token | None:
        """The word ending at `p`; a word running on past `p` is cut there (汽车产业 → 汽车)."""
        t = self.ending.get(p)
        if t is not None:
            return t
        for k in range(p - 1, max(-1, p - 6), -1):
            if k in self.starts:
                w = self.text[k:p]
                return Token(w, k, p, lexicon().tags.get(w, "x"))
        return None

    def head_ok(self, h: int) -> bool:
        """A head must not start inside a word that ends inside it (资产业务 holds no 产业)."""
        if h in self.starts:
            return True
        i = bisect.bisect_right(self._order, h) - 1
        return i < 0 or self.toks[i].end <= h or self.toks[i].end >= h + 2  # 优势产业/集群 holds 产业


def _taxonomy_at(words: _Words, p: int, lo: int) -> tuple[int, str] | None:
    """The longest taxonomy form ending at `p` that starts a word: (start, canonical)."""
    index, longest, _ = _forms()
    t = words.text
    for k in range(min(longest, p - lo), 0, -1):
        form = t[p - k : p]
        if form in index and (p - k in words.starts or t[p - k - 1 : p - k] in _GLUED and p - k - 1 in words.starts):
            return p - k, index[form]
    return None


def _skip(t: str, p: int, lo: int, vocab: tuple[str, ...], counts: bool = True) -> tuple[int, list[str]]:
    """Move `p` left over any words of `vocab` (and counts); also return the words skipped."""
    skipped: list[str] = []
    while p > lo:
        w = next((v for v in vocab if t.startswith(v, p - len(v)) and p - len(v) >= lo), None)
        if w is None and counts:
            m = _COUNT.search(t, max(lo, p - 8), p)
            if not m or m.end() != p or m.start() == p:
                break
            w = m.group()
        if w is None:
            break
        skipped.append(w)
        p -= len(w)
    return p, skipped


def _open_stem(words: _Words, p: int, lo: int) -> int:
    """Start of the noun phrase ending at `p` (== p when there is none)."""
    q = p
    while q > lo:
        tk = words.before(q)
        if tk is None or tk.start < lo or p - tk.start > _MAX_STEM:
            break
        w = tk.text
        last = q == p
        known = w in taxonomy.keyword_index() or w in _forms()[0]  # whatever jieba tags it (无人机/l)
        if w in _SEPARATORS or not (known or tk.tag in _NOUNISH) or not _WORD.fullmatch(w) or _NOT_CHAIN.search(w):
            break
        if _COUNT.match(w) or tk.tag.startswith("vn"):
            break  # 五大农业; a verbal noun (部署, 深化) starts no chain name
        if tk.tag.startswith(("a", "b")) and last or w in _ONE_CHAR_STOP:
            break  # an adjective ends no chain name (大产业); 做强X, 全季 start none
        generic = w in lexicon().generic and not tk.tag.startswith(("a", "b"))  # 新型 qualifies, 重点 does not
        local = region_at(words.text, tk.start) is not None or w in _county_short()
        if generic or local or _PLACE_END.search(w):
            break
        q = tk.start
    rank = next((x for x in _RANKS if words.text.startswith(x, q) and q + len(x) < p), None)
    return q + len(rank) if rank else q


def _open_name(stem: str, tag: str, head: str, ranked: bool) -> str | None:
    """The chain an open noun phrase names, or None for a category, theme, sector or generic word."""
    _, _, never = _forms()
    if stem in never or _NOT_CHAIN.search(stem) or stem in lexicon().generic:
        return None
    if stem.endswith("经济") and (head not in ("产业", "产业链") or ranked):
        return None  # 数字经济 and the other …经济 themes; 循环经济产业 is an industry
    if len(stem) == 1 and (not tag.startswith("n") or stem in _ONE_CHAR_STOP):
        return None
    if region_at(stem, 0) == stem:
        return None
    return stem


def _joins(tk: Token) -> bool:
    """Whether a word can be the start of the same noun phrase as what follows it."""
    return tk.tag in _NOUNISH and tk.text not in _SEPARATORS and bool(_WORD.fullmatch(tk.text)) and tk.text not in _QUALIFIERS


def _bounds(tk: Token) -> bool:
    """Whether a word ends the phrase before a plain 领域's item: a separator, a mark, a function word or a placing verb."""
    w = tk.text
    if w in _SEPARATORS or not _WORD.fullmatch(w) or tk.tag.startswith(("p", "u", "c", "r")) or w in _INTRO:
        return True
    return bool(_PLACED_BEFORE.search(w) or _PLACE_END.search(w))  # 拓展X领域, 本区X领域


def _item(words: _Words, p: int, lo: int, head: str, ranked: bool, open_ok: bool) -> list[_Item]:
    """The chain(s) of the list item ending at `p` (two for a joint pair such as 新能源新材料)."""
    t = words.text
    found = _taxonomy_at(words, p, lo)
    if found:
        a, canon = found
        prev = words.before(a)
        if not open_ok and prev is not None and prev.start >= lo and not _bounds(prev):
            return []  # 合成生物领域 is a narrower field than 生物
        pair = _taxonomy_at(words, a, lo)
        if pair and pair[1] == t[pair[0] : a]:
            return [_Item(pair[0], a, pair[1], True), _Item(a, p, canon, True)]
        q, _ = _skip(t, a, lo, _QUALIFIERS, counts=False)
        if q == a and open_ok:
            b = _open_stem(words, a, lo)
            if a - b >= 2 and _open_name(t[b:p], "n", head, ranked):
                return [_Item(b, p, t[b:p], False)]  # a narrower chain of its own (稀贵金属新材料)
        return [_Item(q, p, canon, True)]
    if not open_ok:
        return []
    q = _open_stem(words, p, lo)
    if q >= p:
        return []
    tk = words.before(p)
    prev = words.before(q)
    if p - q == 1 and prev is not None and prev.start >= lo and _joins(prev):
        return []  # a single character cut off a longer phrase (全季)
    name = _open_name(t[q:p], tk.tag if tk else "x", head, ranked)
    if name is None:
        return []
    index, product = _forms()[0], taxonomy.keyword_index()
    if name in index:
        return [_Item(q, p, index[name], True)]  # 特色旅游 (one jieba word) → 旅游 → 文旅
    if name in product:
        return [_Item(q, p, product[name].canonical, True)]  # a product's or a link's chain: 无人机产业链, 煤焦化
    return [_Item(q, p, name, False)]


def _list_before(words: _Words, h: int, lo: int, head: str) -> list[_Item]:
    """The chains named by the phrase in front of the head at `h`."""
    t = words.text
    p, skipped = _skip(t, h, lo, ("等", *_RANKS, *_WHOLE, *_TAILS))
    whole = any(w in _WHOLE for w in skipped)
    ranked = any(w not in _WHOLE and w not in _TAILS for w in skipped)
    weak = head in _WEAK_HEADS
    items = _parse_list(words, p, lo, head, ranked, open_ok=(head not in _CLOSED_HEADS or head == "行业") and not whole)
    if not items or _APPLIED.search(t, max(lo, items[0].start - 4), items[0].start) or _TECH.match(t, h + len(head)):
        return []
    whole = whole or bool(_STAGES.search(t, max(lo, items[0].start - 8), items[0].start))
    if whole and (len(items) > 1 or not items[0].taxonomy):
        return []
    counted = any(_COUNT.fullmatch(w) for w in skipped)
    if counted and len(items) == 1 and not items[0].taxonomy:
        return []  # 农村一二三产业: the three sectors, not a chain
    if weak:
        before = _PLACED_BEFORE.search(t, max(lo, items[0].start - 3), items[0].start)
        placed = before or _PLACED.match(t, h + len(head)) or _PLACED_RANKS & set(skipped)
        if not placed or _RESEARCH.match(t, h + len(head)):
            return []
    return items


def _parse_list(words: _Words, p: int, lo: int, head: str, ranked: bool, open_ok: bool) -> list[_Item]:
    """The items of `A、B和C` ending at `p`, right to left, until one is no chain."""
    t = words.text
    items: list[_Item] = []
    while p > lo:
        got = _item(words, p, lo, head, ranked, open_ok)
        if not got:
            break
        items[:0] = got
        sep = words.before(got[0].start)
        if sep is not None and len(sep.text) == 1 and sep.text not in _SEPARATORS and t[sep.start - 1 : sep.start] == "、":
            sep = words.before(sep.start)  # a stray character after a comma (typo, cut word) keeps the list
        if sep is None or sep.text not in _SEPARATORS:
            break
        p = sep.start
    return items


@lru_cache(maxsize=1)
def _industry_word_re() -> re.Pattern[str]:
    """Any taxonomy form that ends in 业 (not 产业/工业): a sentence without one has no industry word."""
    forms = [f for f in _forms()[0] if f.endswith("业") and not f.endswith(("产业", "工业"))]
    return re.compile("|".join(map(re.escape, sorted(forms, key=len, reverse=True))))


def _industry_words(words: _Words) -> list[_Item]:
    """Taxonomy forms that are an industry by their own last character (糖业, 种业, 装备制造业)."""
    t = words.text
    out = []
    i = t.find("业")
    while i != -1:
        e = i + 1
        found = _taxonomy_at(words, e, 0) if t[i - 1 : i] not in ("产", "工") else None  # 产业 is a head; 工业 a sector
        if found and (e == len(t) or e in words.starts) and not _NOT_AFTER_INDUSTRY.match(t, e):
            out.append(_Item(found[0], e, found[1], True))
        i = t.find("业", e)
    return out


def _modelled(words: _Words) -> list[_Item]:
    """`以A、B为代表的…产业`: A and B are chains of their own."""
    out: list[_Item] = []
    for m in _MODEL.finditer(words.text):
        out += _parse_list(words, m.end(1), m.start(1), "产业", False, open_ok=True)
    return out


def chains(text: str, sents: list[Sentence], known: list[Mention]) -> list[Mention]:
    """Industry chains the text presents as the region's 产业/产业链/产业集群/创新链/领域.

    Also the taxonomy's industry words (糖业, 装备制造业) and the models of an industry
    (以A为代表的…产业). Once a form is a chain in a document, its later bare uses there are
    chain mentions too.
    """
    taken = Spans(known)
    out: list[Mention] = []

    def add(s: int, e: int, name: str, rule: str) -> None:
        if not taken.overlaps(s, e):
            out.append(Mention(Label.IndustryChain, name, s, e, rule))
            taken.add(s, e)

    for sent in sents:
        heads = list(_HEAD.finditer(sent.text))
        if not heads and not _industry_word_re().search(sent.text):
            continue
        words = _Words(sent.text, sent.start)
        for it in _industry_words(words):
            add(sent.start + it.start, sent.start + it.end, it.name, "chain:industry-word")
        for it in _modelled(words):
            add(sent.start + it.start, sent.start + it.end, it.name, "chain:model")
        lo = 0
        for m in heads:
            if not words.head_ok(m.start()):
                continue
            for it in _list_before(words, m.start(), lo, m.group(1)):
                add(sent.start + it.start, sent.start + it.end, it.name, f"chain:{m.group(1)}")
            lo = m.end()
    surfaces = {text[m.start : m.end]: m.name for m in out if m.end - m.start >= 2}
    for s, e, form in find_all(text, surfaces):
        add(s, e, surfaces[form], "chain:echo")
    return sorted(out, key=lambda m: m.start)
