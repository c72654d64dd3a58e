"""Relations between mentions: the cue rows of `data/cues.json`, run by `loaders.cues`.

This module keeps what is structural and not a cue: the home region that 我市/我省 stand for,
which mentions a sentence renders (top-level ones, 该公司-style anaphors resolved to the party
they refer to, product keywords of the document's chains), the scopes (clause, sentence, the
paragraph under a chain heading, a two-line table row), the possessive host prefix
(X集团…中试基地) and two conventions of the gold notes that look at all edges of a sentence:
a region hosts only when no organisation builds the same platform (otherwise it co-operates
with the builders), and a clause-wide 我市 locates the platforms but not their hosts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ecograph.graph.model import Label, RelType
from ecograph.loaders.chains import chain_names, keywords
from ecograph.loaders.cues import (
    PLURAL,
    SCOPES,
    Cue,
    Rendered,
    clauses,
    code_of,
    cues,
    matches,
    render,
    slot_mentions,
)
from ecograph.loaders.lexicon import is_region, lexicon, region_forms
from ecograph.loaders.names import Mention, Spans
from ecograph.loaders.segment import Sentence, is_heading

HOSTED = (Label.Lab, Label.Institute)
_JOINT = "-—－"  # 甲-乙联合实验室: a hyphenated joint name names no host (gold NOTES)


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



def _top_level(ms: list[Mention]) -> list[Mention]:
    """Mentions not inside another one (a host prefix or a region inside a name is part of that name)."""
    out: list[Mention] = []
    end = -1
    for m in sorted(ms, key=lambda m: (m.start, -m.end)):
        if m.start >= end:
            out.append(m)
            end = m.end
    return out


class _Doc:
    """Mentions indexed by sentence, the edges found so far, and who an anaphor stands for."""

    def __init__(self, text: str, sents: list[Sentence], mentions: list[Mention], home: Home | None = None) -> None:
        self.text = text
        self.home_city = home.city if home else None
        self.sents = sents
        self.chains = {m.name for m in mentions if m.label == Label.IndustryChain}
        self.all_by_sent: list[list[Mention]] = [[] for _ in sents]
        ms = sorted(mentions, key=lambda m: (m.start, -m.end))
        starts = [s.start for s in sents]
        k = 0
        for m in ms:
            while k + 1 < len(sents) and starts[k + 1] <= m.start:
                k += 1
            if sents and sents[k].start <= m.start < sents[k].end:
                self.all_by_sent[k].append(m)
        self.by_sent = [_top_level(x) for x in self.all_by_sent]
        self.referent: dict[Mention, Mention] = {}
        self._rendered_mentions: dict[int, list[Mention]] = {}
        # written form → mention, for organisations that can host (possessive prefixes)
        self.orgs: list[tuple[str, Mention]] = list(
            {text[m.start : m.end]: m for m in ms if m.label in (Label.Company, Label.University, Label.Institute) and m.rule != "host-prefix"}.items()
        )
        self.edges: list[RawEdge] = []
        self._seen: set[tuple[RelType, str, str, str, str, int]] = set()

    def add(self, t: RelType, s: Mention, o: Mention, sent: Sentence, rule: str, conf: float) -> None:
        s, o = self.referent.get(s, s), self.referent.get(o, o)
        if s.name == o.name and s.label == o.label:
            return
        key = (t, s.label, s.name, o.label, o.name, sent.start)
        if key in self._seen:
            return
        self._seen.add(key)
        self.edges.append(RawEdge(t, s, o, sent, rule, conf))

    def owner(self, lab: Mention) -> Mention | None:
        """Who the lab's written name starts with: an organisation the document names, else a
        prefix that ends like a hosting organisation's name (某某科学院…研究所, 某某集团…中心).

        Not a region (开封市…实验室) and not one side of a hyphenated joint name (甲-乙联合实验室).
        """
        written = self.text[lab.start : lab.end]
        found = [o for o in self.orgs if len(o[0]) >= 3 and len(written) > len(o[0]) + 1 and written.startswith(o[0])]
        if found:
            return max(found, key=lambda o: len(o[0]))[1]
        for end in range(len(written) - 3, 3, -1):
            head = written[:end]
            if written[end] in _JOINT or is_region(head):
                continue
            label = next((lab_ for suffix, lab_ in cues().possessive if head.endswith(suffix)), None)
            if label is not None and len(head) > 3:
                return Mention(label, head, lab.start, lab.start + end, "host-prefix")
        return None

    def resolve(self, si: int, pos: int, codes: str) -> Mention | None:
        """The nearest party of a fitting label before `pos`: this sentence, then up to five before."""
        here = [m for m in self.by_sent[si] if m.end <= pos and code_of(m) in codes]
        if here:
            return here[-1]
        for k in range(si - 1, max(-1, si - 6), -1):
            found = [m for m in self.by_sent[k] if code_of(m) in codes]
            if found:
                return found[0]
        return None

    def resolve_all(self, si: int, codes: str) -> list[Mention]:
        """这些企业: every party of a fitting label in the nearest of the two sentences before that lists several."""
        for k in range(si - 1, max(-1, si - 3), -1):
            found = [m for m in self.by_sent[k] if code_of(m) in codes]
            if len(found) >= 2:
                return found
        return []

    def sentence_mentions(self, si: int) -> list[Mention]:
        """Cached `_sentence_mentions`: a sentence is rendered for several scopes."""
        got = self._rendered_mentions.get(si)
        if got is None:
            got = self._rendered_mentions[si] = self._sentence_mentions(si)
        return got

    def _sentence_mentions(self, si: int) -> list[Mention]:
        """Top-level mentions of a sentence, plus its resolved anaphors, zones and product words.

        A sentence that opens with an act of the home city (整合…, 加快建设…) gets the city as an
        unwritten subject. A zone the region table does not know (两字+新区/开发区) counts where it stands after 落户/位于/在.
        A product word is a keyword or a name of one of the document's chains, written where no
        mention is (深紫外LED, 新型储能): what a company makes can place it in the chain.
        """
        sent, ms = self.sents[si], self.by_sent[si]
        taken = Spans(ms)
        extra: list[Mention] = []
        cs = cues()
        for a in cs.plural.finditer(sent.text):
            s, e = sent.start + a.start(), sent.start + a.end()
            refs = self.resolve_all(si, cs.anaphor_labels[a.group(1)])
            if refs and not taken.overlaps(s, e):
                for one in refs:
                    m = Mention(one.label, one.name, s, e, PLURAL)
                    self.referent[m] = one
                    extra.append(m)
                taken.add(s, e)
        for a in cs.anaphor.finditer(sent.text):
            noun = a.group(1) or a.group(2)
            s, e = sent.start + a.start(), sent.start + a.end()
            if taken.overlaps(s, e):
                continue
            ref = self.resolve(si, s, cs.anaphor_labels[noun])
            if ref is not None:
                m = Mention(ref.label, ref.name, s, e, "anaphor")
                self.referent[m] = ref
                extra.append(m)
                taken.add(s, e)
        if cs.zero_subject.match(sent.text) and not taken.overlaps(sent.start, sent.start + 1):
            ref = self.resolve(si, sent.start, "C")
            if ref is not None:
                m = Mention(ref.label, ref.name, sent.start, sent.start, "anaphor")
                self.referent[m] = ref
                extra.append(m)
        opening = cs.implied_home.match(sent.text)
        if self.home_city and opening and not any(m.start < sent.start + opening.end() for m in ms):
            # 整合资源，建设A、B: a sentence of a city's report that opens with what it does has the city as subject
            extra.append(Mention(Label.Region, self.home_city, sent.start, sent.start, "region:deictic"))
        for z in cs.zone.finditer(sent.text):
            s, e = sent.start + z.start(1), sent.start + z.end(1)
            if not taken.overlaps(s, e):
                extra.append(Mention(Label.Region, z.group(1), s, e, "region:zone"))
                taken.add(s, e)
        for words in (keywords(), chain_names()):
            for km in words.pattern.finditer(sent.text):
                s, e = sent.start + km.start(), sent.start + km.end()
                chain = words.chain_of[km.group()]
                if chain in self.chains and not taken.overlaps(s, e):
                    extra.append(Mention(Label.IndustryChain, chain, s, e, "chain:keyword"))
                    taken.add(s, e)
        return sorted([*ms, *extra], key=lambda m: m.start)


def _apply(d: _Doc, cue: Cue, r: Rendered, sent: Sentence, fixed: list[Mention] | None = None) -> None:
    """Every edge of one cue in one rendered scope; `fixed` fills the object slot (a section's chains)."""
    listed, order = -1, None  # end of the subject list of the previous match (of one word order): a match inside it is its tail
    for m in matches(cue, r.text):
        if m.re is not order:
            listed, order = -1, m.re
        subj = slot_mentions(cue, r.text, r.at, m, "S")
        objs = fixed if fixed is not None else slot_mentions(cue, r.text, r.at, m, "O")
        for s in subj:
            for o in objs:
                d.add(cue.type, s, o, sent, cue.id, cue.confidence)
        tail = "S" in m.re.groupindex and 0 <= m.start("S") < listed
        if subj and "S" in m.re.groupindex:
            listed = max(listed, m.end("S"))
        if cue.type == RelType.HOSTS and objs and not tail:  # co-hosts of one platform co-operate (a star from the first)
            orgs = [s for s in subj if s.label != Label.Region]
            for s in orgs[1:]:
                d.add(RelType.COOPERATES_WITH, orgs[0], s, sent, cue.id, cue.confidence)


def relations(text: str, sents: list[Sentence], mentions: list[Mention], home: Home) -> list[RawEdge]:
    """All relation instances the cue rows find in one document (`home` grounds 我市/我省 upstream)."""
    d = _Doc(text, sents, mentions, home)
    rows = cues().rows
    by_scope = {scope: [c for c in rows if c.scope == scope] for scope in SCOPES}
    for si, sent in enumerate(sents):
        _possessive(d, si)
        r = render(text, sent.start, sent.end, d.sentence_mentions(si))
        for cue in by_scope["sentence"]:
            _apply(d, cue, r, sent)
        for ctext, at in clauses(r):
            for cue in by_scope["clause"]:
                _apply(d, cue, Rendered(ctext, at), sent)
    _paragraphs(d, by_scope["paragraph"])
    _sections(d, by_scope["section"])
    _tables(d, by_scope["table"])
    return _conventions(d, {c.id for c in rows if c.skip_hosts})


def _possessive(d: _Doc, si: int) -> None:
    """X集团…中试基地, X大学科创中心: the host written at the start of the lab's name (NOTES rule 2).

    The host is a mention nested at the lab's start, or an organisation the document names
    elsewhere whose name the lab's name starts with (中国科学院 … 中国科学院某某研究所).
    """
    ms = d.all_by_sent[si]
    hosted = set()
    for m in ms:
        if m.rule == "host-prefix":
            outer = next((o for o in ms if o.start == m.start and o.end > m.end and o.label in HOSTED), None)
            if outer and d.text[m.end] not in _JOINT:
                d.add(RelType.HOSTS, m, outer, d.sents[si], "hosts:possessive", 0.9)
                hosted.add(outer)
    for lab in d.by_sent[si]:
        if lab.label in HOSTED and lab not in hosted:
            host = d.owner(lab)
            if host is not None:
                d.add(RelType.HOSTS, host, lab, d.sents[si], "hosts:possessive", 0.85)


def _paragraphs(d: _Doc, rows: list[Cue]) -> None:
    """Cues that span sentences (来到R考察调研。…随后来到X): a paragraph is one scope and the evidence."""
    if not rows:
        return
    first = 0
    for si in range(1, len(d.sents) + 1):
        if si < len(d.sents) and d.sents[si].paragraph == d.sents[first].paragraph:
            continue
        if si - first > 1:
            a, b = d.sents[first], d.sents[si - 1]
            ms = [m for k in range(first, si) for m in d.sentence_mentions(k)]
            r = render(d.text, a.start, b.end, ms)
            span = Sentence(a.start, b.end, d.text[a.start : b.end], a.paragraph)
            for cue in rows:
                _apply(d, cue, r, span)
        first = si


def _sections(d: _Doc, rows: list[Cue]) -> None:
    """`X创新链。依托A、B、C等…`: a chain heading is the object of the cues in the rest of its paragraph."""
    heading = cues().heading
    for si, sent in enumerate(d.sents):
        nxt = si + 1 < len(d.sents) and d.sents[si + 1].paragraph == sent.paragraph
        if not is_heading(sent, nxt) or not heading.search(sent.text):
            continue
        heads = [m for m in d.by_sent[si] if m.label == Label.IndustryChain]
        k = si + 1
        while heads and k < len(d.sents) and d.sents[k].paragraph == sent.paragraph:
            r = render(d.text, d.sents[k].start, d.sents[k].end, d.sentence_mentions(k))
            for cue in rows:
                _apply(d, cue, r, d.sents[k], heads)
            k += 1


def _tables(d: _Doc, rows: list[Cue]) -> None:
    """A table row written one cell a line (`<lab> |` then `<host> |`): the two lines are one scope."""
    for si in range(len(d.sents) - 1):
        a, b = d.sents[si], d.sents[si + 1]
        if not (a.text.endswith("|") and b.text.endswith("|")):
            continue
        ra = render(d.text, a.start, a.end, d.sentence_mentions(si))
        rb = render(d.text, b.start, b.end, d.sentence_mentions(si + 1))
        shift = len(ra.text) + 1
        r = Rendered(ra.text + "\n" + rb.text, {**ra.at, **{k + shift: m for k, m in rb.at.items()}})
        both = Sentence(a.start, b.end, d.text[a.start : b.end], a.paragraph)
        for cue in rows:
            _apply(d, cue, r, both)


def _conventions(d: _Doc, skip_hosts: set[str]) -> list[RawEdge]:
    """Conventions that look at all edges of a sentence (gold NOTES, HOSTS and LOCATED_IN).

    A region that sets up or builds a platform places it (LOCATED_IN); when it co-builds with a
    named organisation it does not host but co-operates with each builder.
    An edge of a `skip_hosts` row (a clause-wide 我市) does not locate a party that hosts in that sentence.
    """
    org_hosts: dict[tuple[int, str], list[RawEdge]] = {}
    hosts_in: set[tuple[int, str]] = set()
    for e in d.edges:
        if e.type == RelType.HOSTS:
            hosts_in.add((e.sentence.start, e.source.name))
            if e.source.label != Label.Region:
                org_hosts.setdefault((e.sentence.start, e.target.name), []).append(e)
    out: list[RawEdge] = []
    for e in d.edges:
        if e.type == RelType.HOSTS and e.source.label == Label.Region:
            out.append(RawEdge(RelType.LOCATED_IN, e.target, e.source, e.sentence, e.rule, e.confidence))
            builders = org_hosts.get((e.sentence.start, e.target.name))
            if builders:
                out.extend(RawEdge(RelType.COOPERATES_WITH, e.source, b.source, e.sentence, e.rule, e.confidence * 0.9) for b in builders)
                continue
        if e.rule in skip_hosts and (e.sentence.start, e.source.name) in hosts_in:
            continue
        out.append(e)
    return out
