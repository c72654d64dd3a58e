"""Relations between mentions, from cue words inside one sentence (or one section).

Each rule is a small reading of how Chinese policy and news prose states a relation
(依托X建设Y, X组建的Y, 在X领域，依托A、B等, A与B…合作, 位于R的X …). Rules work on
mention positions inside a sentence, so lists are expanded for free: every mention in the
list span gets its own edge. A section heading such as `现代煤化工产业创新链。` scopes the
rest of its paragraph. A sentence that refers back to a lab without naming it (实验室将…,
重组后的省重点实验室) takes the lab named in the sentences just before.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from graph.model import Label, RelType
from loaders.chains import keywords
from loaders.entities import Mention, Spans, lexicon, region_at, region_forms
from loaders.segment import Sentence, is_heading

ORGS = (Label.Company, Label.University, Label.Institute, Label.Lab)
PARTIES = (*ORGS, Label.Region)
HOSTED = (Label.Lab, Label.Institute)
HOSTERS = (Label.Company, Label.University, Label.Institute, Label.Region)

_BUILD = re.compile(r"(?:共同打造|联合打造|牵头建设|共同建设|共建|组建|筹建|建设|打造|成立|建立|新建|设立)(?:了|起)?$")
_COOP = re.compile(r"合作|共建|联合研发|携手|协同创新|签约|签署|战略合作|对接")
_LAB_ANAPHOR = re.compile(r"(?:该|这个|这一|此|重组后的省?|省)?(?:重点)?(?:实验室|中心|基地|平台)")
_APPLY = re.compile(r"(?:成功)?(?:申请|立项|获批|承担|获得)(?:了)?")
_SUPPORT_CUE = re.compile(r"解决|聚焦|服务|支撑|促进|聚集|助力|赋能")
_MONEY = re.compile(r"支持[0-9.]+(?:亿|万)元|资助[0-9.]+(?:亿|万)元")
_RELY = re.compile(r"依托|联合|以")
_CHAIN_LEAD = re.compile(r"以(\S{2,16}?)为(?:链主|链核|龙头)企业")
_ANAPHOR = re.compile(r"(?:该|这家|这个|此)(公司|企业|集团|中心|实验室|基地|平台|研究院|研究所|大学|学院)")
_ANAPHOR_LABELS = {
    **dict.fromkeys(("公司", "企业", "集团"), (Label.Company,)),
    **dict.fromkeys(("中心", "实验室", "基地", "平台"), (Label.Lab,)),
    **dict.fromkeys(("研究院", "研究所"), (Label.Institute,)),
    **dict.fromkeys(("大学", "学院"), (Label.University,)),
}
# Members of a co-building or co-operating group: A与B、C共建, A联合B组建.
_GROUP_GAP = re.compile(r"(?:、|和|与|及|同|联合|携手)")
_GRANT_AFTER = re.compile(r"(?:项目)?(?:出资|投资)?(?:立项)?(?:资助|支持|扶持|奖励)了?")
_GRANT_BEFORE = re.compile(r"(?:获得?|获批|列入|纳入|得到)$")
_APPLIED = re.compile(r"(?:申请|承担|申报|牵头)的")
_APPROVED_AFTER = re.compile(r"项目[^，。；]{0,8}?(?:获批|立项|获得立项)")
_SETTLE = re.compile(r"(?:位于|坐落于|坐落在|地处|落户|入驻|落地|扎根)(?:于|到|在)?“?")


@dataclass(frozen=True)
class RawEdge:
    """A relation between two mentions, before names are resolved into nodes."""

    type: RelType
    source: Mention
    target: Mention
    sentence: Sentence
    rule: str
    confidence: float


@dataclass(frozen=True)
class Home:
    """The region that 我市/我省 refer to in a document."""

    city: str | None
    province: str | None


def home_regions(text: str, regions: list[Mention]) -> Home:
    """Most-mentioned city and province, the referents of 我市 and 我省."""
    lex = lexicon()
    code = lex.region_code
    cities = Counter(m.name for m in regions if code.get(m.name, "").endswith("00") and not code[m.name].endswith("0000"))
    provs = Counter(m.name for m in regions if code.get(m.name, "").endswith("0000"))
    if not cities:  # a report whose city appears only in names and titles (某市科学技术局, 某市X研究院)
        for _, _, form in region_forms(text):
            full, c = lex.regions[form]
            if c.endswith("00") and not c.endswith("0000"):
                cities[full] += 1
    city = cities.most_common(1)[0][0] if cities else None
    province = provs.most_common(1)[0][0] if provs else None
    if city and not province:
        province = lex.region_of_code.get(code[city][:2] + "0000")
    return Home(city, province)


def deictic_mentions(text: str, home: Home, regions: list[Mention]) -> list[Mention]:
    """我市/本市/全市 and 我省/本省/全省 as mentions of the home region (never aliases).

    Not inside a named region's mention: 某州市人民政府 is that city, not 市人民政府 of the home city.
    """
    lex = lexicon()
    named = Spans(regions)
    out = []
    for words, name in ((lex.deictic_city, home.city), (lex.deictic_province, home.province)):
        if not name:
            continue
        for m in re.finditer("|".join(words), text):
            if not named.overlaps(m.start(), m.end()):
                out.append(Mention(Label.Region, name, m.start(), m.end(), "region:deictic"))
    return out


class _Doc:
    """Mentions indexed by sentence, and the helpers every rule needs."""

    def __init__(self, text: str, sents: list[Sentence], mentions: list[Mention], home: Home) -> None:
        self.text = text
        self.sents = sents
        self.home = home
        self.by_sent: list[list[Mention]] = [[] for _ in sents]
        ms = sorted(mentions, key=lambda m: (m.start, -m.end))
        i = 0
        for si, s in enumerate(sents):
            while i < len(ms) and ms[i].start < s.start:
                i += 1
            j = i
            while j < len(ms) and ms[j].start < s.end:
                self.by_sent[si].append(ms[j])
                j += 1
        self.edges: list[RawEdge] = []
        self.chains = {m.name for m in mentions if m.label == Label.IndustryChain}

    def add(self, t: RelType, s: Mention, o: Mention, si: int, rule: str, conf: float = 0.8) -> None:
        if s.name == o.name and s.label == o.label:
            return
        self.edges.append(RawEdge(t, s, o, self.sents[si], rule, conf))

    def recent_lab(self, si: int, back: int = 2) -> Mention | None:
        """The last lab named in this sentence or the `back` sentences before (same or previous paragraph)."""
        for k in range(si, max(-1, si - back - 1), -1):
            labs = [m for m in self.by_sent[k] if m.label in HOSTED]
            if labs:
                return labs[-1]
        return None

    def recent_firm(self, si: int, back: int = 3) -> Mention | None:
        for k in range(si - 1, max(-1, si - back - 1), -1):
            firms = [m for m in self.by_sent[k] if m.label == Label.Company]
            if firms:
                return firms[0]
        return None

    def referent(self, si: int, pos: int) -> Mention | None:
        """What 该公司/该企业/该中心/该研究院… written at `pos` refers to: the nearest such party before it."""
        m = _ANAPHOR.match(self.text, pos)
        if not m:
            return None
        labels = _ANAPHOR_LABELS[m.group(1)]
        here = [x for x in self.by_sent[si] if x.label in labels and x.end <= pos and x.rule != "host-prefix"]
        if here:
            return here[-1]
        for k in range(si - 1, max(-1, si - 4), -1):
            found = [x for x in self.by_sent[k] if x.label in labels and x.rule != "host-prefix"]
            if found:
                return found[0]
        return None

    def home_mention(self, level: str, pos: int) -> Mention | None:
        """The home city or province as a mention where 我市/我省 is implied, not written."""
        name = self.home.city if level == "city" else self.home.province
        return Mention(Label.Region, name, pos, pos, "region:deictic") if name else None


def _between(text: str, a: Mention, b: Mention) -> str:
    return text[a.end : b.start]


def _group(text: str, parties: list[Mention], x: Mention) -> list[Mention]:
    """`x` and the parties joined to it on its left by 、/和/与/联合/携手 (A联合B、C共建Z: all of A, B, C)."""
    group = [x]
    for p in reversed([p for p in parties if p.end <= x.start]):
        if not _GROUP_GAP.fullmatch(_between(text, p, group[-1])):
            break
        group.append(p)
    return group[::-1]


def _group_right(text: str, parties: list[Mention], x: Mention) -> list[Mention]:
    """`x` and the parties listed after it with 、/和/及 (资助A、B和C)."""
    group = [x]
    for p in (p for p in parties if p.start >= x.end):
        if _between(text, group[-1], p) not in ("、", "和", "及"):
            break
        group.append(p)
    return group


def _co_build(d: _Doc, group: list[Mention], y: Mention, si: int, rule: str, conf: float) -> None:
    """Every organisation of a building group hosts `y`; a region in it co-operates instead (NOTES: HOSTS)."""
    orgs = [g for g in group if g.label != Label.Region]
    for g in group:
        if g.label == Label.Region and orgs:
            for o in orgs:
                d.add(RelType.COOPERATES_WITH, g, o, si, "coop:co-builds", conf)
        else:
            d.add(RelType.HOSTS, g, y, si, rule, conf)


def relations(text: str, sents: list[Sentence], mentions: list[Mention], home: Home) -> list[RawEdge]:
    """All relation instances the rules find in one document."""
    d = _Doc(text, sents, mentions, home)
    for si, sent in enumerate(sents):
        ms = d.by_sent[si]
        _possessive(d, si, ms)
        _hosts(d, si, sent, ms)
        _funds(d, si, sent, ms)
        _cooperates(d, si, sent, ms)
        _located(d, si, sent, ms)
        _belongs(d, si, sent, ms)
        _supports(d, si, sent, ms)
    _sections(d)
    return d.edges


def _possessive(d: _Doc, si: int, ms: list[Mention]) -> None:
    """X集团…中试基地, X大学科创中心: the host written at the start of the lab's name."""
    for m in ms:
        if m.rule == "host-prefix":
            outer = next((o for o in ms if o.start == m.start and o.end > m.end and o.label in HOSTED), None)
            if outer:
                d.add(RelType.HOSTS, m, outer, si, "hosts:possessive", 0.9)


_BUILT_BY = re.compile(r"(?:牵头|共同|联合|投资)?(?:组建|建设|筹建|打造|新建|设立|成立)的$")
_RELY_BUILD = re.compile(r"依托(\S{2,6}?)(?:先行)?建设")
_LED_BY = re.compile(r"由")


def _hosts(d: _Doc, si: int, sent: Sentence, ms: list[Mention]) -> None:
    t = d.text
    parties = [m for m in ms if m.label in PARTIES and m.rule != "host-prefix"]
    # A party written after 在 is where something happens, not who builds it (在R设立Y).
    builders = [x for x in parties if t[x.start - 1 : x.start] != "在"]
    for y in (m for m in ms if m.label in HOSTED and m.rule != "host-prefix"):
        before = t[sent.start : y.start]
        # X组建的Y / 依托X建设的Y / X联合Y组建的Z / X新建的Y
        mm = _BUILT_BY.search(before)
        if mm:
            xs = [x for x in builders if x.end <= sent.start + mm.start() and x.label in HOSTERS and x.end > sent.start + mm.start() - 2]
            if xs:
                _co_build(d, _group(t, builders, xs[-1]), y, si, "hosts:built-by", 0.9)
                continue
        # 依托X(，…)建设/筹建Y
        bm = _BUILD.search(before)
        if bm:
            rely = before.rfind("依托")
            xs = [x for x in builders if x.end <= y.start and x.label in HOSTERS and x is not y]
            if rely != -1:
                after_rely = [x for x in xs if x.start >= sent.start + rely]
                if after_rely:
                    x = after_rely[0]
                    d.add(RelType.HOSTS, x, y, si, "hosts:rely-build", 0.85)
                    if x.label == Label.Region:
                        d.add(RelType.LOCATED_IN, y, x, si, "located:region-builds", 0.7)
                    continue
            if xs:
                x = xs[-1]
                subj = parties[0] if parties else None
                group = _group(t, [p for p in builders if p.label in HOSTERS], x) if x.label != Label.Region else [x]
                for g in group[:-1]:
                    if g.label != Label.Region:
                        d.add(RelType.HOSTS, g, y, si, "hosts:co-builds", 0.7)
                d.add(RelType.HOSTS, x, y, si, "hosts:builds", 0.7)
                if x.label != Label.Region and subj is not None and subj.label == Label.Region:
                    d.add(RelType.LOCATED_IN, y, subj, si, "located:region-co-builds", 0.6)
                elif x.label == Label.Region:
                    d.add(RelType.LOCATED_IN, y, x, si, "located:region-builds", 0.7)
                continue
            if re.search(r"是(?:我省|我市)", t[y.end : sent.end]):
                level = "province" if "我省" in t[y.end : sent.end] else "city"
                r = d.home_mention(level, y.end)
                if r:
                    d.add(RelType.HOSTS, r, y, si, "hosts:region-builds", 0.7)
                    d.add(RelType.LOCATED_IN, y, r, si, "located:region-builds", 0.7)
        # Company依托Lab申请/立项 …
        if t[sent.start : y.start].endswith("依托") or t[sent.start : y.start].endswith("依托“"):
            firms = [x for x in parties if x.end <= y.start and x.label in (Label.Company, Label.University, Label.Institute)]
            if firms and re.match(r"[”]?[，,]?(?:成功)?(?:申请|立项|承担|获批)", t[y.end : y.end + 6]):
                d.add(RelType.HOSTS, firms[-1], y, si, "hosts:rely-apply", 0.85)
    # 依托<Region>…建设 with no lab named: the platform the text is about.
    mm = _RELY_BUILD.search(sent.text)
    if mm:
        rs = [x for x in ms if x.label == Label.Region and sent.start + mm.start(1) <= x.start < sent.start + mm.end(1)]
        if rs and not any(m.label in HOSTED for m in ms):
            recent = d.recent_lab(si - 1)
            if recent:
                d.add(RelType.HOSTS, rs[0], recent, si, "hosts:region-rely", 0.6)
                d.add(RelType.LOCATED_IN, recent, rs[0], si, "located:region-builds", 0.6)
    # 由X牵头 / 由X投资…同步建设…Y
    for mm in _LED_BY.finditer(sent.text):
        xs = [x for x in parties if x.start == sent.start + mm.end() and x.label in HOSTERS]
        if not xs:
            continue
        rest = t[xs[0].end : sent.end]
        partner = re.match(r"(?:与|和|联合)(\S{2,20}?)(?:共建|共同建设|联合建设|共同组建)", rest)
        if partner:  # 由X与Y共建: both build the platform named before
            ys = [y for y in ms if y.label in HOSTED and y.end <= xs[0].start]
            pos = xs[0].end + partner.start(1)
            others = [p for p in parties if p.start == pos]
            if ys:
                _co_build(d, [xs[0], *others], ys[-1], si, "hosts:led-by", 0.8)
        elif rest.startswith(("牵头", "组建", "建设", "承建")):
            ys = [y for y in ms if y.label in HOSTED and y.end <= xs[0].start]
            built = ys[-1] if ys else (d.recent_lab(si - 1) if _LAB_ANAPHOR.search(t[sent.start : xs[0].start]) else None)
            if built:
                d.add(RelType.HOSTS, xs[0], built, si, "hosts:led-by", 0.8)
        elif rest.startswith("投资") and "同步建设" in rest:
            for y in (y for y in ms if y.label in HOSTED and y.start > xs[0].end):
                d.add(RelType.HOSTS, xs[0], y, si, "hosts:invests", 0.6)


_HOME_PROJECT = re.compile(r"在(?:我市|本市)立项")


def _funds(d: _Doc, si: int, sent: Sentence, ms: list[Mention]) -> None:
    t = d.text
    progs = [m for m in ms if m.label == Label.Program]
    firms = [m for m in ms if m.label in (Label.Company, Label.University, Label.Institute, Label.Lab)]
    for p in progs:
        before = t[sent.start : p.start]
        if _APPLY.search(before[-8:]):
            applicants = [f for f in firms if f.end <= p.start and f.label != Label.Lab]
            if applicants:
                d.add(RelType.FUNDS, p, applicants[0], si, "funds:apply", 0.85)
    recipients = (Label.Company, Label.University, Label.Institute, Label.Lab)
    for p in progs:
        # P资助/支持 Y: the parties right after the verb, with their list.
        g = _GRANT_AFTER.match(t, p.end)
        first = next((f for f in firms if 0 <= f.start - g.end() <= 1), None) if g else None
        if first:
            for f in _group_right(t, firms, first):
                d.add(RelType.FUNDS, p, f, si, "funds:grants", 0.8)
            continue
        # Y申请的…项目获P资助 / 该公司承担的P项目获批立项: the applicant of the clause.
        cl = max(t.rfind(c, sent.start, p.start) for c in "，；：") + 1 or sent.start
        cl = max(cl, sent.start)
        head = t[cl : p.start]
        if _GRANT_BEFORE.search(head) or (_APPLIED.search(head) and _APPROVED_AFTER.match(t, p.end)):
            own = [f for f in firms if cl <= f.start and f.end <= p.start and t[f.start - 2 : f.start] != "依托"]
            y = own[0] if own else d.referent(si, cl)
            if y is not None and y.label in recipients:
                d.add(RelType.FUNDS, p, y, si, "funds:granted", 0.8)
    if _HOME_PROJECT.search(sent.text):
        cos = [f for f in ms if f.label == Label.Company]
        r = d.home_mention("city", sent.start)
        if cos and r:
            d.add(RelType.FUNDS, r, cos[0], si, "funds:home-project", 0.6)
    if _MONEY.search(sent.text):
        regions = [m for m in ms if m.label == Label.Region and m.rule != "region:deictic"]
        if regions:
            for c in (m for m in ms if m.label == Label.Company and m.start > regions[0].end):
                d.add(RelType.FUNDS, regions[0], c, si, "funds:money", 0.7)


_JOINS_BEFORE = re.compile(r"(?:与|联合|携手)$")
_RECRUITS = re.compile(r"引进")
_LEAD_UNIT = re.compile(r"以(\S{2,12}?)为(?:牵头|龙头)(?:企业|单位)")


def _cooperates(d: _Doc, si: int, sent: Sentence, ms: list[Mention]) -> None:
    t = d.text
    parties = [m for m in ms if m.label in PARTIES and m.rule not in ("host-prefix",)]
    coop = bool(_COOP.search(sent.text))
    for a, b in zip(parties, parties[1:], strict=False):
        gap = _between(t, a, b)
        if gap in ("与", "和", "同") and coop and a.label != Label.Lab and b.label != Label.Lab:
            d.add(RelType.COOPERATES_WITH, a, b, si, "coop:a-and-b", 0.8)
    for i, b in enumerate(parties):
        before = t[sent.start : b.start]
        if not _JOINS_BEFORE.search(before):
            continue
        group = [b]
        for nxt in parties[i + 1 :]:
            if _between(t, group[-1], nxt) not in ("、", "和", "及"):
                break
            group.append(nxt)
        after = t[group[-1].end : group[-1].end + 24]
        joint = re.match(r"(?:等[^，。]{0,4}[，,])?[^，。]{0,12}?(?:联合研发|合作|共建|研发|研究|攻关|组建)", after)
        if joint:
            lead = re.search(r"(?:[，,。]|^)([^，,。]*?)(?:正|将|已|还)?(?:与|联合|携手)$", before)
            clause_head = lead.group(1) if lead else ""
            cue = sent.start + (lead.start(1) if lead else 0) + len(clause_head)
            adjacent = [a for a in parties if a.end == cue and a.label != Label.Region]
            subj = None
            if re.fullmatch(r"(?:该|这家|此)?(?:企业|公司)", clause_head):
                subj = d.recent_firm(si)
            elif _ANAPHOR.fullmatch(clause_head):
                subj = d.referent(si, cue - len(clause_head))
            elif clause_head.endswith(tuple(lexicon().category_nouns)):
                subj = None
            elif adjacent:
                subj = adjacent[0]
            else:
                subj = next((a for a in parties if a.end <= b.start - 1 and a.label != Label.Region), None)
            if subj is not None:
                for g in group:
                    d.add(RelType.COOPERATES_WITH, subj, g, si, "coop:joint-rd", 0.75)
    mm = _RECRUITS.search(sent.text)
    if mm:
        pos = sent.start + mm.start()
        regions = [a for a in parties if a.end <= pos and a.label == Label.Region]
        objs = [b for b in parties if b.start > pos and b.label in (Label.University, Label.Institute, Label.Company)]
        objs = [b for b in objs if not t.startswith("院士", b.end)]
        if regions and objs:
            d.add(RelType.COOPERATES_WITH, regions[-1], objs[0], si, "coop:recruits", 0.7)
    lead = _LEAD_UNIT.search(sent.text)
    if lead:
        leads = [m for m in ms if m.label == Label.Company and m.start == sent.start + lead.start(1)]
        ally = re.search(r"联合(.+?)等", sent.text)
        if leads and ally:
            for m in ms:
                if m.label == Label.Company and sent.start + ally.start(1) <= m.start < sent.start + ally.end(1):
                    d.add(RelType.COOPERATES_WITH, leads[0], m, si, "coop:alliance", 0.75)


_SITUATED = re.compile(r"位于")
_IN_HOME = re.compile(r"在(?:我市|本市)(?:挂牌|落地|运行|揭牌)|落户(?:我市|本市)")
_SETTLES_IN = re.compile(r"(?:入驻|落户|落地)(?:于|到|在)?“?")
_FIRST_CLAUSE = re.compile(r"[^，。；]*")
_HOME_FIRM = re.compile(r"是(?:我市|本市)(?:一家|[^，。；]{0,14}?(?:企业|公司))")
_IN_PLACE_OPENING = re.compile(r"在([^，]{2,12})，")
_FILLS_GAP = re.compile(r"填补(我省|我市|本省|本市)\S*?空白")
_FIRST_IN = re.compile(r"成为(\S{2,6}?)首家")
_HOME_OPENS = re.compile(r"(?:我市|本市)")
_HOME_BUILDS = re.compile(r"[，。](?:我市|本市)(?:成立|组建|建设)")


def _located(d: _Doc, si: int, sent: Sentence, ms: list[Mention]) -> None:
    t = d.text
    orgs = [m for m in ms if m.label in ORGS]
    for situated in _SITUATED.finditer(sent.text):
        rs = [m for m in ms if m.label == Label.Region and m.start == sent.start + situated.end()]
        if rs:
            stop = re.search(r"[，。；]", t[rs[0].end : sent.end])
            end = rs[0].end + (stop.start() if stop else sent.end - rs[0].end)
            for o in (o for o in orgs if rs[0].end <= o.start < end):
                d.add(RelType.LOCATED_IN, o, rs[0], si, "located:situated", 0.9)
    if _IN_HOME.search(sent.text):
        r = d.home_mention("city", sent.start)
        if r:
            for o in (o for o in orgs if o.label in HOSTED):
                d.add(RelType.LOCATED_IN, o, r, si, "located:in-home", 0.8)
    for z in (z for z in ms if z.rule == "region:zone" and re.search(r"(?:走进|来到|在)$", t[sent.start : z.start])):
        for k in range(si + 1, min(si + 3, len(d.sents))):
            if d.sents[k].paragraph != sent.paragraph:
                break
            firsts = [o for o in d.by_sent[k] if o.label in ORGS and o.start == d.sents[k].start + 1]
            if firsts and d.sents[k].text.startswith("在"):
                d.add(RelType.LOCATED_IN, firsts[0], z, k, "located:visited-zone", 0.6)
    for o in orgs:
        rs = [r for r in ms if r.label == Label.Region and r.start == o.end + 1 and t[o.end] == "在"]
        if rs and re.match(r"(?:投资|建设|落户|设立|挂牌|揭牌|成立|落地)", t[rs[0].end : rs[0].end + 2]):
            d.add(RelType.LOCATED_IN, o, rs[0], si, "located:acts-in", 0.7)
    settled = _settles(d, si, sent, ms)
    mm = None if settled else _SETTLES_IN.search(sent.text)
    if mm:
        rs = [r for r in ms if r.label == Label.Region and 0 <= r.start - (sent.start + mm.end()) <= 6]
        subj = [o for o in orgs if o.end <= sent.start + mm.start()]
        firm = subj[0] if subj else (d.recent_firm(si, back=2) if re.match(r"(?:是|为|系)", sent.text) else None)
        if rs and firm:
            d.add(RelType.LOCATED_IN, firm, rs[0], si, "located:settles-in", 0.6)
    first = _FIRST_CLAUSE.match(sent.text)
    if d.home.city and first and not any(m.start < sent.start + first.end() for m in ms):
        bm = re.search(r"(?:，|^)(?:加快|重点|积极)?建设(?=\S)", sent.text)
        if bm:
            r = d.home_mention("city", sent.start)
            pos = sent.start + bm.end()
            for o in orgs:
                if o.start == pos and o.label in HOSTED and r:
                    d.add(RelType.LOCATED_IN, o, r, si, "located:home-builds-elided", 0.5)
                    nxt = re.match(r"[、和及]", t[o.end : o.end + 1])
                    pos = o.end + 1 if nxt else -1
    _in_place(d, si, sent, ms)
    mm = _HOME_FIRM.search(sent.text)
    if mm:
        r = d.home_mention("city", sent.start)
        cos = [o for o in orgs if o.end <= sent.start + mm.start()]
        if r and cos:
            d.add(RelType.LOCATED_IN, cos[-1], r, si, "located:home-firm", 0.8)
    m0 = _IN_PLACE_OPENING.match(sent.text)
    if m0:
        rs = [m for m in ms if m.label == Label.Region and m.start == sent.start + 1 and m.end == sent.start + m0.end(1)]
        if rs:
            zone_in_home = rs[0].rule == "region:zone" and region_at(rs[0].name, 0) is None and d.home.city
            for o in orgs:
                if o.start > rs[0].end and not t[max(sent.start, o.start - 1) : o.start] == "由" and o.rule != "host-prefix":
                    d.add(RelType.LOCATED_IN, o, rs[0], si, "located:in-region", 0.7)
                    if zone_in_home and o.label in HOSTED:
                        r = d.home_mention("city", sent.start)
                        if r:
                            d.add(RelType.LOCATED_IN, o, r, si, "located:zone-in-home", 0.5)
    mm = _FILLS_GAP.search(sent.text)
    if mm:
        r = d.home_mention("province" if mm.group(1).endswith("省") else "city", sent.start)
        lab = d.recent_lab(si, back=1)
        if r and lab:
            d.add(RelType.LOCATED_IN, lab, r, si, "located:fills-gap", 0.6)
    mm = _FIRST_IN.search(sent.text)
    if mm:
        rs = [m for m in ms if m.label == Label.Region and m.start == sent.start + mm.start(1)]
        firsts = [o for o in orgs if o.end <= sent.start + mm.start()]
        if rs and firsts:
            d.add(RelType.LOCATED_IN, firsts[0], rs[0], si, "located:first-in", 0.8)
    if _HOME_OPENS.match(sent.text) or _HOME_BUILDS.search(sent.text):
        r = d.home_mention("city", sent.start)
        if r:
            for o in (o for o in orgs if o.label in HOSTED):
                d.add(RelType.LOCATED_IN, o, r, si, "located:home-builds", 0.6)
            for mm in re.finditer(r"(?:组建|成立)", sent.text):
                for o in (o for o in orgs if o.label in HOSTED and o.start == sent.start + mm.end()):
                    d.add(RelType.HOSTS, r, o, si, "hosts:home-builds", 0.6)


_ZONE_HERE = re.compile(r"([\u3400-\u9fff]{2,6}?)(经济技术开发区|高新技术产业开发区|经济开发区|开发区|高新区|经开区|产业园区|工业园区|新区|产业园|园区)")
_ADVERBS = r"(?:日前|近日|近期|正式|已经|已|将|于|今年|目前|顺利|成功|还)*"
_IN_PLACE_OBJ = re.compile(r"(?:设立|建设|组建|成立|筹建|新建)(?:了)?")
_IN_PLACE_INTR = re.compile(r"(?:揭牌|挂牌|落地|成立|运行|投产|建成|开工)")
_GATHERS = re.compile(r"(?:聚集|集聚|汇聚|拥有)了?")


def _settles(d: _Doc, si: int, sent: Sentence, ms: list[Mention]) -> bool:
    """X位于/坐落于/落户/入驻 R: the party named last in X's clause is in R (a named zone counts).

    A zone the region table does not know (两字+新区/开发区) is taken where it stands after the verb.
    Returns whether an edge was found, so the older 入驻 fallback stays out of the way.
    """
    t = d.text
    found = False
    for mm in _SETTLE.finditer(sent.text):
        pos = sent.start + mm.end()
        rs = [r for r in ms if r.label == Label.Region and r.start == pos and r.rule != "region:deictic"]
        zone = _ZONE_HERE.match(t, pos)
        if zone and not re.match(r"[我本该全各这此]", zone.group(1)) and not any(r.end >= zone.end() for r in rs):
            rs.append(Mention(Label.Region, zone.group(), zone.start(), zone.end(), "region:zone"))
        if not rs:
            continue
        r = max(rs, key=lambda x: x.end)
        if t[r.end : r.end + 1] == "的":
            continue  # 位于R的X: the older rule reads it
        v = sent.start + mm.start()
        cl = max(sent.start, *(t.rfind(c, sent.start, v) + 1 for c in "，；：。"))
        own = [o for o in ms if o.label in ORGS and o.rule != "host-prefix" and cl <= o.start and o.end <= v]
        x = own[-1] if own else d.referent(si, cl)
        if x is not None and x.label in ORGS:
            d.add(RelType.LOCATED_IN, x, r, si, "located:settles", 0.85)
            found = True
    return found


def _in_place(d: _Doc, si: int, sent: Sentence, ms: list[Mention]) -> None:
    """在R设立Y → Y is in R; Y(近日)在R揭牌/落地 → Y is in R; R聚集了A、B等企业 → A, B are in R."""
    t = d.text
    orgs = [m for m in ms if m.label in ORGS and m.rule != "host-prefix"]
    for r in (r for r in ms if r.label == Label.Region and r.rule != "region:deictic"):
        if t[r.start - 1 : r.start] == "在":
            obj = _IN_PLACE_OBJ.match(t, r.end)
            ys = [y for y in orgs if y.label in HOSTED and obj and 0 <= y.start - obj.end() <= 1]
            for y in ys:
                d.add(RelType.LOCATED_IN, y, r, si, "located:set-up-in", 0.8)
            if not ys and _IN_PLACE_INTR.match(t, r.end):
                lead = re.search(rf"{_ADVERBS}在$", t[sent.start : r.start])
                xs = [o for o in orgs if lead and o.end == sent.start + lead.start() and o.label in HOSTED]
                for x in xs:
                    d.add(RelType.LOCATED_IN, x, r, si, "located:opens-in", 0.8)
        g = _GATHERS.match(t, r.end)
        if g:
            first = next((c for c in orgs if c.label == Label.Company and c.start == g.end()), None)
            for c in _group_right(t, orgs, first) if first else []:
                d.add(RelType.LOCATED_IN, c, r, si, "located:gathers", 0.7)


_FIELD_FIRMS = re.compile(r"(?:领域|行业)[，,]?(?:重点)?(?:依托|[^，。；、]{0,6}?(?:聚集|集聚|汇聚|拥有)了?)")
_THIS_OPENS = re.compile(r"(?:这个|这一|该)")
_ALLIANCE = re.compile(r"成立(\S{2,20}?)联盟")


def _belongs(d: _Doc, si: int, sent: Sentence, ms: list[Mention]) -> None:
    t = d.text
    kw = keywords()
    for mm in _FIELD_FIRMS.finditer(sent.text):
        chain = next((c for c in reversed(ms) if c.label == Label.IndustryChain and c.end <= sent.start + mm.start() + 0 and sent.start + mm.start() - c.end <= 4), None)
        if chain is None:
            continue
        stop = re.search(r"等|[，。；]|开展|实施|强化", t[sent.start + mm.end() : sent.end])
        end = sent.start + mm.end() + (stop.start() if stop else sent.end - sent.start - mm.end())
        for c in (c for c in ms if c.label == Label.Company and sent.start + mm.end() <= c.start < end):
            d.add(RelType.BELONGS_TO, c, chain, si, "belongs:field-rely", 0.85)
    cos = [m for m in ms if m.label == Label.Company and m.rule != "host-prefix"]
    if not cos and _THIS_OPENS.match(sent.text):
        lab = d.recent_lab(si - 1, back=0)
        hosts = [h for h in d.by_sent[si - 1] if h.rule == "host-prefix" and lab and h.start == lab.start] if si else []
        cos = hosts[:1]
    anaphoric = bool(cos) and cos[0].rule == "host-prefix"
    if cos:
        products = list(kw.pattern.finditer(sent.text))
        for km in products[: 1 if anaphoric else None]:
            pos = sent.start + km.start()
            chain = kw.chain_of[km.group()]
            if any(m.start <= pos < m.end for m in ms) or chain not in d.chains:
                continue
            for c in cos:
                if c.start < pos or c is cos[0]:
                    target = Mention(Label.IndustryChain, chain_name, pos, pos + len(km.group()), "chain:keyword")
                    d.add(RelType.BELONGS_TO, c, target, si, "belongs:product", 0.6)
    al = _ALLIANCE.search(sent.text)
    if al:
        chain = next((c for c in ms if c.label == Label.IndustryChain and sent.start + al.start(1) <= c.start < sent.start + al.end(1)), None)
        if chain:
            for c in cos:
                if c.end <= sent.start + al.start():
                    d.add(RelType.BELONGS_TO, c, chain, si, "belongs:alliance", 0.7)


_REORGANISED = re.compile(r"重组后的")


def _supports(d: _Doc, si: int, sent: Sentence, ms: list[Mention]) -> None:
    t = d.text
    chains = [m for m in ms if m.label == Label.IndustryChain]
    if not chains:
        return
    labs = [m for m in ms if m.label in HOSTED and m.rule != "host-prefix"]
    if not labs and _LAB_ANAPHOR.match(sent.text) or _REORGANISED.match(sent.text):
        lab = d.recent_lab(si - 1)
        labs = [lab] if lab else []
    if not labs or not _SUPPORT_CUE.search(sent.text) and not re.search(r"主任\S{0,12}表示", sent.text):
        return
    chains = [c for c in chains if not re.match(r"技术|材料|电池|设备|装备|产品", t[c.end : c.end + 2])]
    for lab in labs:
        for c in chains:
            d.add(RelType.SUPPORTS, lab, c, si, "supports:serves", 0.6)


def _sections(d: _Doc) -> None:
    """`X创新链。依托A、B、C等…`: the heading's chains scope the labs listed in its paragraph."""
    for si, sent in enumerate(d.sents):
        nxt = si + 1 < len(d.sents) and d.sents[si + 1].paragraph == sent.paragraph
        if not is_heading(sent, nxt) or not re.search(r"(?:创新链|产业链)。?$", sent.text):
            continue
        heads = [m for m in d.by_sent[si] if m.label == Label.IndustryChain]
        if not heads:
            continue
        k = si + 1
        while k < len(d.sents) and d.sents[k].paragraph == sent.paragraph:
            for mm in _CHAIN_LEAD.finditer(d.sents[k].text):
                for c in d.by_sent[k]:
                    if c.label == Label.Company and c.start == d.sents[k].start + mm.start(1):
                        for h in heads:
                            d.add(RelType.BELONGS_TO, c, h, k, "belongs:chain-lead", 0.8)
            if _RELY.search(d.sents[k].text):
                for lab in d.by_sent[k]:
                    if lab.label in (Label.Lab, Label.Institute, Label.University) and lab.rule != "host-prefix":
                        for h in heads:
                            d.add(RelType.SUPPORTS, lab, h, k, "supports:section", 0.85)
            k += 1
