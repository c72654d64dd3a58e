"""Find mentions of the seven entity labels in clean text.

Organisations with a suffix come from the name grammar (loaders.names). Short company names
that carry no suffix are taken only from context cues (X自主研制的, 依托A、B等, 以X为牵头企业,
A、B等N家企业, 简称X); short forms of names found elsewhere in the document and of
universities come from loaders.shortnames. Chains come from a general taxonomy file plus list
and 产业链 cues; regions from the administrative-division table shipped with `cpca`. All
vocabulary lives in `loaders/data/`; nothing here names a specific organisation.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ecograph.graph import taxonomy
from ecograph.graph.model import Label
from ecograph.loaders.lexicon import CJK, _by_prefix, is_region, lexicon, region_at, region_forms
from ecograph.loaders.names import (
    _CJK_CHAR,
    _LEGAL_FORM,
    Mention,
    Spans,
    _blocked,
    _inside_word,
    find_all,
    is_category,
    left_boundary,
)
from ecograph.loaders.segment import Sentence, clauses
from ecograph.loaders.tokens import tokens, word_frequency

__all__ = ["Mention", "Spans", "lexicon", "region_at", "region_forms"]

_BARE_CUE_AFTER = re.compile(r"(?:自主研制|自主研发|研发生产|研制生产|研制|生产制造)的")
_BARE_NAME = re.compile(rf"[{CJK}A-Za-z]{{2,8}}(?:\([{CJK}]{{2,4}}\))?")
_LIST_SEP = re.compile(r"、|和|及|与")


_ITEM_SEP = re.compile(r"、")
# 某某成为…重点企业 / 某某是…龙头企业: the clause's subject is a firm.
_BECOMES_FIRM = re.compile(rf"([{CJK}A-Za-z]{{2,8}}?)(?:已经|已)?(?:成为|是)[^，。]{{0,12}}(?:企业|龙头|公司)")
# A、B、C等 followed by no firm head: kept only when every item after the first is brand-like.
_BRAND_LIST = re.compile(r"((?:[^、，。；：:;等“”]{2,8}、)+[^、，。；：:;等“”]{2,8})等")


_RARE = 300  # jieba frequency below which a noun is rare enough to be a brand
_FIRM_CONTEXT = re.compile(r"企业|公司|集团|供应链|产能|龙头|央企|国企|民企|外企|厂商")


def _after_predicate(text: str, s: int, e: int) -> int:
    """Where a list's first item starts: after the last verb, idiom or function word before it."""
    lex = lexicon()
    for t in tokens(text[s:e], s):
        if t.text in lex.strong or t.text in lex.predicate_verbs or (len(t.text) > 1 and t.tag.startswith(("v", "p", "d", "c", "u", "r", "m", "l", "i", "ad"))):
            s = t.end
    return s


def _brand_like(item: str) -> bool:
    """A brand-style firm name: not one ordinary dictionary word, not a chain, a region or a generic word
    (brands such as 星远海运, 云科蓝天 are cut into several words or unknown; 光伏, 信创 and 人工智能 are chains or fields)."""
    lex = lexicon()
    if not 2 <= len(item) <= 6 or is_region(item) or item in lex.generic or item in taxonomy.surface_index():
        return False
    if item in taxonomy.keyword_index() or item.endswith(("产业", "领域", "行业", "技术", "材料", "装备")):
        return False
    words = tokens(item)
    if any(w.text in lex.category_nouns for w in words):
        return False
    if len(words) == 1:  # one dictionary word: a proper noun, or a rare common noun (空客, not 资源)
        return words[0].tag in ("nt", "nz", "j", "x") or (words[0].tag == "n" and word_frequency(item) < _RARE)
    return not any(len(w.text) > 1 and w.tag.startswith(("v", "a", "d", "m", "q")) for w in words)


@lru_cache(maxsize=1)
def _firm_list() -> re.Pattern[str]:
    """`A、B、C等头部企业`, `A等龙头企业`, `A、B等央企`: firms listed before a firm head."""
    return re.compile(rf"((?:[^、，。；：:;等“”]{{1,12}}、)*[^、，。；：:;等“”]{{2,12}})等[{CJK}]{{0,6}}?(?:{lexicon().firm_heads_re.pattern})")


def _is_bare_company(name: str, listed: bool = False) -> bool:
    """A short company name: not a category, not a region, not a deictic, not an org with a suffix.

    A name listed before a firm head (`listed`) may be a common word too (brands often are).
    """
    lex = lexicon()
    if not _BARE_NAME.fullmatch(name) or is_region(name):
        return False
    if name[0] in "该本这此其我各每" or name in lex.category_nouns or name in lex.generic:
        return False
    if lex.zone_re.fullmatch(name) or "的" in name:
        return False
    if not listed and lex.tags.get(name, "x") not in ("x", "nz", "nt", "nr", "ns", "nrt"):
        return False
    if not listed and any(len(w.text) > 1 and w.tag in ("d", "ad", "p") for w in tokens(name)):
        return False  # 社区充分(利用): an adverb is no part of a firm's name
    if name in taxonomy.surface_index() or name.endswith(("企业", "高校", "院所", "机构", "单位")):
        return False
    if listed:
        return bool(lex.generic_re.sub("", name))
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
_ENCOURAGED = re.compile(rf"(?:鼓励|支持|推动|推进|助力)([{CJK}A-Za-z]{{2,10}}?)(?:利用|发挥|依托|牵头|成功|在[{CJK}]{{1,4}}(?:打造|建设|设立))")


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

    def add(s: int, e: int, rule: str, listed: bool = False) -> None:
        name = text[s:e]
        if not taken.overlaps(s, e) and _is_bare_company(name, listed):
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
            firm = _BECOMES_FIRM.match(cl.text)
            if firm:
                add(cl.start + firm.start(1), cl.start + firm.end(1), "bare:becomes-firm")
        for m in _BRAND_LIST.finditer(sent.text) if _FIRM_CONTEXT.search(sent.text) else ():
            items = _list_items(text, base + m.start(1), base + m.end(1), _ITEM_SEP)
            items[0] = (_after_predicate(text, *items[0]), items[0][1])
            longest = max(e - s for s, e in items)  # a list of two-character words is a list of steps or things
            if len(items) >= 2 and longest >= 3 and all(_brand_like(text[s:e]) and _is_bare_company(text[s:e], True) for s, e in items):
                for s, e in items:
                    add(s, e, "bare:brand-list", listed=True)
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
        if "等" in sent.text:
            for m in _firm_list().finditer(sent.text):
                for i, (s, e) in enumerate(_list_items(text, base + m.start(1), base + m.end(1), _ITEM_SEP)):
                    add(_trim_left(text, s, e) if i == 0 else s, e, "bare:firm-list", listed=True)
        for m in _RELY.finditer(sent.text):
            end = _LIST_END.search(sent.text, m.end())
            stop = end.start() if end else len(sent.text)
            add_list(base + m.end(), base + stop, "bare:rely-on")
    return out


_PROGRAM_QUOTED = re.compile(rf"“([{CJK}]{{2,10}})”(计划|专项|基金)")


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
            if nxt.startswith(("体系", "行动", "考核", "管理", "资金", "债")) or in_word or region_at(text, e):
                continue
            if taken.overlaps(s, e) or _blocked(text, s, e):
                continue
            b = left_boundary(text, toks, s, conj_always_stops=True)
            name = text[b:e]
            stem = text[b:s]
            if name in lex.generic_programs or len(stem) < 2 or stem.startswith(("各类", "各级", "市级", "省级", "县级")):
                continue
            owned = region_at(stem, 0) is not None or stem.startswith(("国家", "中国"))
            set_up = m.group().endswith(("基金", "专项")) and "设立" in sent.text[max(0, m.start() - 20) : m.start()]
            generic_end = any(name.endswith(g) for g in lex.generic_programs if len(g) > 2)
            if generic_end and not owned:
                continue  # 某某投资基金, 某某倍增计划: a kind of fund or plan
            set_up = set_up or (len(stem) >= 6 and len(tokens(stem)) >= 3 and not generic_end)  # a long compound names one line
            if not owned and not set_up and is_category(stem, Label.Program):
                continue
            if any(name.endswith(g) and len(name) - len(g) <= 2 for g in lex.generic_programs if len(g) > 2):
                continue
            out.append(Mention(Label.Program, name, b, e, f"program:{m.group()}"))
            taken.add(b, e)
    return out


_REGION_AFTER_SKIP = re.compile(r"委|市委|省委|县委|区委|[^人]{0,4}?(?:局|厅)|日报|晚报|籍|人(?!民政府)")
_GOVT = ("人民政府", "政府")
_PARTY_CUE = re.compile(r"(?:[、和][^、，。]{2,8}?)*等?(?:晋位|晋升|升级为|被评为|被认定为|成功创建)")


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
        gov = next((g for g in _GOVT if text.startswith(g, e)), None)
        if gov:
            out.append(Mention(Label.Region, lex.regions[form][0], s, e + len(gov), "region:government"))
            continue
        if text.startswith("区", e) and form.endswith("县") and not is_region(form + "区"):
            out.append(Mention(Label.Region, form + "区", s, e + 1, "region"))  # a county since made a district (某县区)
            continue
        if _REGION_AFTER_SKIP.match(text, e):
            continue
        out.append(Mention(Label.Region, lex.regions[form][0], s, e, "region"))
    out += _city_abbreviations(text, taken, out)
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
            named_type = len(m.group(2)) >= 5 or m.group(2).endswith("城")
            local = region_at(stem, 0) or stem.startswith(lex.county_short)
            if len(stem) > 6 or not (local or (named_type and not is_category(stem, Label.Region))):
                continue
            out.append(Mention(Label.Region, text[b:e], b, e, "region:zone"))
    zones = Spans(m for m in out if m.rule == "region:zone" and m.name.endswith(("高新区", "经开区", "开发区", "新区")))
    out = [m for m in out if m.rule == "region:zone" or not zones.overlaps(m.start, m.end)]  # 某市 inside 某市高新区
    out = _mark_parties(text, sents, out)
    return sorted(out, key=lambda m: m.start)


def _city_abbreviations(text: str, taken: Spans, found: list[Mention]) -> list[Mention]:
    """某市 for a city the document names in full (哈尔滨 → 哈市), where it stands as a word;
    a district's or county's stem for one the document names in full (海淀区 → 海淀)."""
    lex = lexicon()
    out: list[Mention] = []
    for full in {m.name for m in found if m.rule == "region" and len(m.name) >= 3 and m.name[-1] in "区县"}:
        short = full[:-1]
        if lex.tags.get(short, "nr")[:2] not in ("ns", "nr") or is_region(short):
            continue  # a common word (和平, 鼓楼) or a name of its own
        for s, e, _ in find_all(text, [short]):
            if not taken.overlaps(s, e) and text[e : e + 1] not in ("区", "县") and not _REGION_AFTER_SKIP.match(text, e) and _whole_word(text, s, e):
                out.append(Mention(Label.Region, full, s, e, "region"))
    for full in {m.name for m in found if m.rule == "region" and m.name.endswith("市") and len(m.name) >= 4}:
        short = full[0] + "市"
        if lex.tags.get(short, "")[:2] != "ns":
            continue  # only the abbreviations the dictionary knows as place names
        for s, e, _ in find_all(text, [short]):
            if not taken.overlaps(s, e) and (not _CJK_CHAR.match(text[e : e + 1] or " ") or text.startswith((*lex.region_after, "与", "和"), e)):
                out.append(Mention(Label.Region, full, s, e, "region"))
    return out


def _whole_word(text: str, s: int, e: int) -> bool:
    """Whether jieba cuts text[s:e] as one word in its clause (海淀 in 海淀独占, not in 海淀人)."""
    a = max(0, s - 8)
    return any(t.start == s and t.end == e for t in tokens(text[a : e + 8], a))


_SITE_ACTS = ("揭牌", "挂牌", "开工", "落地", "建成", "启用", "投产", "成立")
_SETTLE = ("位于", "落户", "入驻", "进驻", "坐落于", "扎根")
_ANNIVERSARY = re.compile(r"成立(?:[0-9一二三四五六七八九十百]+周年|庆祝|纪念)")
_CLAUSE_MARK = re.compile(r"[，。；、,;：:]")
_AGREE = re.compile(r"签署|签订|签约|合作|共建|携手|共同打造|联合申报|共同|融合|对接")


def region_parties(text: str, sents: list[Sentence], regs: list[Mention], orgs: list[Mention]) -> set[tuple[int, int]]:
    """Spans of the regions that act or are the stated location of an organisation.

    Gold keeps a region only as a party (NOTES rule 3): it signs, sets up, builds or funds
    (R设立…, R与X签署…), speaks through its government, or places an organisation
    (位于/落户/入驻/来到 R … X, in the same sentence).
    """
    lex = lexicon()
    starts = [x.start for x in sents]
    org_starts = sorted(o.start for o in orgs)
    out: set[tuple[int, int]] = set()
    for r in regs:
        if r.start >= r.end:
            continue
        sent = _sentence_at(sents, starts, r.start)
        if sent is None:
            continue
        if r.rule in ("region:party", "region:government"):
            out.add((r.start, r.end))
            continue
        after = text[r.end : sent.end]
        after = after.removeprefix("政府")
        if after.startswith(lex.region_after) and not _ANNIVERSARY.match(after):
            out.add((r.start, r.end))
            continue
        if _acts(text, sent, r):
            out.add((r.start, r.end))
            continue
        clause_end = next((k for k, ch in enumerate(after) if ch in "，。；;"), len(after))
        if after.startswith(("与", "和")) and _AGREE.search(after, 0, clause_end):
            out.add((r.start, r.end))
            continue
        before = text[max(sent.start, r.start - 3) : r.start]
        i = bisect.bisect_left(org_starts, r.end)
        if i < len(org_starts) and org_starts[i] == r.end:
            out.add((r.start, r.end))  # 考察了某市某某公司: the region prefixes an organisation named apart from it
            continue
        framed = before.endswith("在") and after[:1] in "，," and _CLAUSE_OPEN.search(text, max(sent.start, r.start - 9), r.start - 1)
        if framed or (before.endswith("在") and after.startswith(_SITE_ACTS)) or (before.endswith(("与", "和")) and _AGREE.match(after)):
            out.add((r.start, r.end))  # 在某区揭牌成立, 与某新区共同…
            continue
        if before.endswith(_SETTLE):
            out.add((r.start, r.end))  # 落户/入驻/位于 R: something is placed there
            continue
        if before.endswith(lex.region_before):
            i = bisect.bisect_left(org_starts, r.end)
            if i < len(org_starts) and org_starts[i] - r.end <= 12 and not _CLAUSE_MARK.search(text, r.end, org_starts[i]):
                out.add((r.start, r.end))
    return out


_CLAUSE_OPEN = re.compile(r"(?:^|[，。；：:,;\s]|[0-9一二三四五六七八九十]+年[，,]?)$")
_SUBJECT_TAIL = re.compile(rf"(?:、[{CJK}]{{2,6}})*(?:[一二三四五六七八九十两0-9]+个(?:市县|城市|省份|地区|区县))?(?:还|也|已|将|正|正在|先后|积极|全力|共|率先|着力|大力|持续|进一步|结合自身优势[，,])*")
_ACT_WORDS = ("通过", "依托", "围绕", "聚焦")
_NOT_ACTS = ("是", "有", "为", "成为", "作为", "位于", "地处", "属于", "入选", "获批", "获评", "荣获")  # being selected is no act


def _acts(text: str, sent: Sentence, r: Mention) -> bool:
    """A region that opens a clause and is followed by a verb is its subject: it acts
    (某省聚焦…, 某市正通过…, A、B、C三个市县共划定…)."""
    joint = text[r.start - 1 : r.start] in ("和", "与")  # 某部和某区提出…: joint subjects
    if not joint and not _CLAUSE_OPEN.search(text, max(sent.start, r.start - 8), r.start) and r.start != sent.start:
        return False
    m = _SUBJECT_TAIL.match(text, r.end, sent.end)
    pos = m.end() if m else r.end
    toks = tokens(text[pos : min(sent.end, pos + 6)], pos)
    if not toks or toks[0].text.startswith(_NOT_ACTS):
        return False
    return (toks[0].tag in ("v", "vn", "vd") or toks[0].text in _ACT_WORDS) and len(toks[0].text) >= 2


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
    from ecograph.loaders.resolve import core

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
            continue
        brand = _BRAND_BEFORE_LEVEL.match(text, lab.start, lab.end)
        if brand and _brand_like(brand.group(1)) and _is_bare_company(brand.group(1), True):
            out.append(Mention(Label.Company, brand.group(1), lab.start, brand.end(1), "host-prefix"))
    return out


# 某某科技国家某某创新中心: a brand written before the platform's level word is its host.
_BRAND_BEFORE_LEVEL = re.compile(rf"([{CJK}]{{2,6}}?)(?=国家|省级|全国|中国)")


def possessive_labs(text: str, orgs: list[Mention]) -> list[Mention]:
    """某某的技术中心: a firm's or a school's own centre, named without its 的 (gold dev-NOTES)."""
    lex = lexicon()
    taken = Spans(orgs)
    out: list[Mention] = []
    for o in orgs:
        if o.label not in (Label.Company, Label.University, Label.Institute) or not text.startswith("的", o.end):
            continue
        m = _POSSESSED.match(text, o.end + 1)
        if not m or lex.suffix_label.get(m.group(2)) != Label.Lab or taken.overlaps(o.end, m.end()):
            continue
        out.append(Mention(Label.Lab, text[o.start : o.end] + m.group(), o.start, m.end(), "possessive"))
        taken.add(o.start, m.end())
    return out


_POSSESSED = re.compile(rf"([{CJK}]{{0,4}}?)(技术中心|研发中心|研究中心|工程中心|实验室|重点实验室|创新中心|检测中心|研究院)")
