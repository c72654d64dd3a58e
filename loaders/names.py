"""The grammar of organisation names: where a name ends, where it starts, and its label.

A name is region prefix + core + industry words + type suffix. The suffix (longest wins, which
also decides the label) anchors it; the start is found by walking left over jieba words until
punctuation, a trigger word, a function word or a predicate verb. Models tested here
(notes/measured-facts.md) miss long lab names and cannot tell a lab from a company; the suffix can.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ecograph.graph.model import Label
from ecograph.loaders.lexicon import CJK, is_region, lexicon, region_at, without_regions
from ecograph.loaders.segment import Sentence
from ecograph.loaders.tokens import Token, _before, tagged_words, tokens

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


def _ends_with_org_suffix(text: str) -> bool:
    return text.endswith(lexicon().suffixes)


def _starts_name(text: str, pos: int) -> bool:
    lex = lexicon()
    return text.startswith(lex.name_starts, pos) or region_at(text, pos) is not None



def left_boundary(text: str, toks: Sequence[Token], s: int, conj_always_stops: bool = False, legal: bool = False) -> int:
    """Start of the name that ends with a suffix starting at `s` (all offsets absolute).

    Walks left over tokens and stops at punctuation, digits, a trigger word, or a function
    word; a conjunction stops only when what precedes it is itself a complete name, so
    `研究与应用技术创新中心` stays whole while `…中心和国家…中心` splits (programme names never
    hold a conjunction, so they pass `conj_always_stops`). A predicate verb (来到, 表示, 争建) or
    a verb or category noun right before a place name (考察贵州…, 企业宝鸡…) stops; in a legal
    name (`legal`) the industry words (…建设投资集团有限公司) do not, though as verbs they would.
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
        if w == "—" and b != s:  # 某大学——某公司…联合研发中心: a joint name across a dash
            k = idx
            while k >= 0 and toks[k].text == "—":
                k -= 1
            if k >= 0 and toks[k].tag in ("nt", "nz", "j"):
                b = toks[k].start
                idx = k - 1
                continue
            break
        if w == "”":
            m = _QUOTED_BEFORE.search(text, base, t.end)
            if m and b == s:
                b = m.start()
                idx = _before(toks, m.start())
                continue
            break
        if w in lex.conjunctions and b == s and len(w) == 1 and text[t.start - 1 : t.end] in lex.tags:
            b = t.start  # 碳中和 + 研究院: the character ends a word (中和), it joins nothing
            idx -= 1
            continue
        if w in lex.conjunctions:
            left = toks[idx - 1].text if idx > 0 else ""
            if (
                conj_always_stops
                or not left
                or _PUNCT.search(left) is not None  # ，与X大学: a conjunction after a break joins nothing before it
                or (b == s and not lex.rd_re.fullmatch(left))  # 研发及检测中心: two activities, one centre
                or lex.zone_suffix_re.search(left[-5:])
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
        if legal and t.tag == "v" and len(w) > 1 and w not in lex.industry_words and idx > 0 and toks[idx - 1].text in _FIELD_HEADS:
            break  # 医疗器械产业促进X有限公司: a verb after a field noun is the predicate, not the firm's business
        if legal and w in lex.industry_words and _name_goes_on(toks, idx):
            b = t.start
            idx -= 1
            continue
        if t.tag == "m" and w.startswith("第") and text[t.end : t.end + 1] in "师团局军":
            b = t.start  # 兵团第十一师某某集团: a numbered unit belongs to the name
            idx -= 1
            continue
        if w in lex.strong or w in lex.predicate_verbs or _PUNCT.search(w) or w.isdigit() or w in lex.person_titles:
            break
        if t.tag in _PARTICLES or (len(w) == 1 and t.tag == "p") or (w in _ADVERBS and not _brand_char(toks, idx, legal)) or (w.isascii() and w.isalpha() and w.islower()):
            break  # 标志着X, 董事长就X, a censoring placeholder (xxxx) before a name
        if len(w) == 1 and idx > 0 and toks[idx - 1].text + w in lex.predicate_verbs:
            break  # 争建 / 用好 / 做实 cut into two characters
        if w in _DIRECTIONS and (idx == 0 or not _name_goes_on(toks, idx)):
            b = t.start  # 北方X集团: a direction word opens a name where nothing precedes it
            break
        before_place = _starts_name(text, t.end) or (idx + 1 < len(toks) and toks[idx + 1].tag.startswith(("ns", "nt")))
        if before_place and (w in lex.category_nouns or w in ("城", "园", "区") or (len(w) > 1 and t.tag in ("v", "vd") and w not in lex.generic)):
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
    if b > base and lex.tags.get(text[b - 1 : b + 1], "").startswith(("nt", "nz", "j")) and not _PUNCT.match(text[b - 1]):
        b -= 1  # 以上汽X: the function word 以上 took the first character of a proper name
    return _region_restart(text, b, s)


_PARTICLES = ("uz", "ul", "ug", "uj")
_FIELD_HEADS = frozenset({"产业", "行业", "领域"})
_ADVERBS = frozenset("就也都还又再才即便均皆亦")
_DIRECTIONS = frozenset({"东方", "西方", "南方", "北方", "华北", "华东", "华南", "华中", "西北", "东北", "西南"})


def _brand_char(toks: Sequence[Token], idx: int, legal: bool) -> bool:
    """In a legal name, an adverb character after a lone noun morpheme (鸢 + 都) is half of a
    brand jieba did not know (鸢都农业科技有限公司), not the adverb of 企业都…."""
    if not legal or idx == 0:
        return False
    p = toks[idx - 1]
    return len(p.text) == 1 and p.tag in ("ng", "g", "n", "nr", "nrt", "ns")


def _name_goes_on(toks: Sequence[Token], idx: int) -> bool:
    """Whether the word before toks[idx] can still be part of a name (no punctuation, no function word)."""
    if idx == 0:
        return False
    p = toks[idx - 1]
    return not (_PUNCT.search(p.text) or p.text in lexicon().strong or p.tag.startswith(_STOP_TAGS))


def _area(code: str) -> str:
    """The adcode prefix every division inside this one shares (65 for a province, 6502 for a city)."""
    return code[:2] if code[2:] == "0000" else code[:4] if code[4:] == "00" else code


def _region_restart(text: str, b: int, s: int) -> int:
    """A name's region prefix runs from larger to smaller (省, 市, 县); where a region follows
    one that does not contain it (克拉玛依市新疆…, 五家渠市新疆…), the name starts at the second:
    the first is a list prefix or an address.
    """
    lex = lexicon()
    pos, prev_code = b, ""
    while pos < s - 1:
        form = region_at(text, pos)
        if form is None:
            prev_code = ""
            pos += 1
            continue
        code = lex.regions[form][1]
        if prev_code and not code.startswith(_area(prev_code)) and s - pos >= 2:
            return pos
        prev_code = code
        pos += len(form)
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
    (某省实验室, as a class) is not, unless a province's short name makes it one lab (某某实验室).
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
    ends = any(stem.endswith(x) and len(stem) > len(x) + 1 for x in ("大学", "学院", "科学院", "集团", "公司"))
    return ends or any(stem.find(x) >= 2 for x in ("研究院", "研究所", "大学"))  # 某地工业研究院协同创新基地


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
            if t.end == e and (suffix in ("大学", "学院") or suffix in lexicon().plain_lab_suffixes):
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
            if suffix == "所":
                if _token_at(toks, s).text in lex.not_institutes:
                    continue
            elif _inside_word(toks, s, e, suffix):
                continue
            b = left_boundary(text, toks, s, legal=suffix in _LEGAL_FORM or suffix.endswith(("集团", "公司")))
            if suffix.startswith("联合"):
                b = _joint_start(text, b, found)
            if suffix == "大学":
                e = _campus_end(text, e)
            if suffix in ("制药", "药业", "厂") and s - b > 4 and _token_at(toks, e).start == e and _token_at(toks, e).tag.startswith(("n", "vn")):
                continue  # …降耗制药设备: the word goes on (a short brand before a noun is a host: 某某制药技术中心)
            if suffix == "学院":
                uni = text.rfind("大学", b, s)
                if uni >= 0:  # a university's school is attributed to the university
                    s, suffix, e = uni, "大学", uni + 2
                elif not _names_a_college(text, toks, b, text[b:s], text[b:e]):
                    continue
            name = text[b:e]
            stem = text[b:s]
            label = lex.suffix_label[suffix]
            if _blocked(text, b, e) or not _plausible(name, stem, suffix):
                continue
            plain = stem.replace("“", "").replace("”", "")
            if suffix in _LEGAL_FORM and len(plain) >= 2:
                if plain[0] in "该本这此其我各每" or _COUNTED.match(plain):
                    continue
            elif suffix in _DESIGNATIONS and not _COUNTED.match(plain):
                if not lex.level_re.sub("", without_regions(plain)):
                    continue
            elif label == Label.Lab and _two_activities(plain + suffix.removesuffix("中心")):
                pass  # 研发与检测中心: two named activities make one platform's name
            elif suffix == "实验室" and is_region(plain) and not plain.endswith(("省", "市", "区", "县")):
                pass  # 某省实验室 with its region named: one lab of the province's programme (青川实验室)
            elif is_category(plain, label) and not _names_an_org(plain) and not _newly_set_up(text, b, suffix):
                continue
            if (stem.endswith(lex.gov_suffixes) and label != Label.Institute) or name.endswith(lex.media_suffixes):
                continue
            clean_name = name.replace("“", "").replace("”", "")
            found.append(Mention(label, clean_name, b, e, f"suffix:{suffix}"))
    return _drop_nested(found)


_JOINT_DASH = re.compile(rf"[-—－]+[{CJK}A-Za-z0-9]{{2,24}}$")


def _joint_start(text: str, b: int, found: list[Mention]) -> int:
    """甲大学-乙公司…联合实验室: a joint platform's name starts at the first partner, named just
    before the dash, wherever the walk over the second partner's words stopped."""
    for m in reversed(found):
        if m.end < b - 26:
            break
        dash = _JOINT_DASH.match(text, m.end, b)
        if dash and m.label != Label.Lab:
            return m.start
    return b


_CAMPUS = re.compile(rf"[(（][{CJK}]{{2,4}}[)）]")


def _campus_end(text: str, e: int) -> int:
    """中国石油大学(北京): a university's seat in brackets is part of its name."""
    m = _CAMPUS.match(text, e)
    return m.end() if m else e


_PAIR = re.compile(rf"([{CJK}]{{2,4}})[与和及]([{CJK}]{{2,4}})")


def _two_activities(stem: str) -> bool:
    """A stem of two R&D activities joined by a conjunction (数字工程与计算, 试验与测试)."""
    m = _PAIR.fullmatch(stem)
    rd = lexicon().rd_re
    return bool(m and rd.search(m.group(1)) and rd.search(m.group(2)))


def _names_a_college(text: str, toks: Sequence[Token], b: int, stem: str, name: str) -> bool:
    """A 学院 is a college when a place or a proper name opens it (某省某某学院, 中央某某学院);
    a field alone (机械工程学院, 美术学院) names a school inside a university."""
    if name in lexicon().universities:
        return True
    if any(w in stem for w in ("省级", "国家级", "市级", "新建")):
        return False  # 新建省级某某学院: a class of colleges being set up
    if region_at(stem, 0) or stem.startswith(("中国", "中央", "首都", "国家")):
        return True
    first = _token_at(toks, b)
    proper = first.tag.startswith(("ns", "nt", "nz", "nr", "j", "x")) or (first.tag == "t" and not _TIME_CHARS.search(first.text))
    return first.start == b and first.end <= b + len(stem) and proper


def _token_at(toks: Sequence[Token], pos: int) -> Token:
    """The token covering offset `pos`."""
    return toks[max(0, _before(toks, pos + 1))]


def _plausible(name: str, stem: str, suffix: str) -> bool:
    """Checks a suffix alone cannot make.

    A plain platform word (中心, 基地, 平台) names a Lab only with an R&D word in the name
    (文体中心 is none); an institute's short name ending in 所 starts with an academy or a
    region and has a short core (某地兽研所, 中科院某光机所); a campus (校区) belongs to a school.
    """
    lex = lexicon()
    if suffix in ("基地", "平台"):
        if name.endswith("产业基地"):
            return False  # a base designation (某地国家某某产业基地), not a platform
        return any(m.group() not in lex.weak_rd for m in lex.rd_re.finditer(name))
    if suffix in lex.plain_lab_suffixes:
        return bool(lex.rd_re.search(name))
    if suffix == "所":
        rest = stem
        for a in lex.academies:
            if rest.startswith(a):
                rest = rest[len(a) :]
                break
        else:
            if region_at(rest, 0) is None:
                return False
        while (head := region_at(rest, 0)) is not None:
            rest = rest[len(head) :]
        return 1 <= len(rest) <= 4 and _CJK_CHAR.search(rest) is not None
    if suffix == "校区":
        return "大学" in stem or "学院" in stem
    return True


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
        elif m.start == outer.start and m.label == outer.label == Label.Lab and outer.end - m.end >= 4 and not outer.name.endswith("培育基地"):
            kept = Mention(m.label, m.name, m.start, m.end, "lab-prefix")  # a lab named first; a lab hosts nothing
        else:
            continue
        out.append(kept)
        starts.append(kept.start)
        longest = max(longest, kept.end - kept.start)
    return out


