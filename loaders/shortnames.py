"""Short names: declared ones (简称X), abbreviations of full names in the same document, and the
common short forms of universities (general knowledge in `data/universities.json`).

An abbreviation keeps the full name's characters in order and ends with a character of its
type word (青川工业大学 → 青工大, 中国科学院 → 中科院): it is a subsequence of the full name that
skips at least one character. A mention of a short form is the full name's entity; its surface
form becomes an alias when the node is built.
"""

from __future__ import annotations

import re

from ecograph.graph.model import Label
from ecograph.loaders.lexicon import CJK, lexicon, region_at
from ecograph.loaders.names import Mention, Spans, find_all
from ecograph.loaders.tokens import tokens

_DECLARED = re.compile(rf"[(（，,]\s*(?:以下)?简称(?:为)?[:：]?\s*[“\"]?([{CJK}A-Za-z0-9]{{2,10}})[”\"]?\s*[)）]?")
_LEGAL = ("有限公司", "有限责任公司", "股份有限公司")
_TYPE_CHARS = {"大学": "大", "学院": "院", "研究院": "院", "科学院": "院", "研究所": "所"}


def declared(text: str, orgs: list[Mention]) -> dict[str, Mention]:
    """`X有限公司(以下简称“Y”)` → Y stands for X in the rest of the document."""
    ends = {o.end: o for o in orgs}
    out: dict[str, Mention] = {}
    for m in _DECLARED.finditer(text):
        owner = ends.get(m.start()) or ends.get(m.start() - 1)
        if owner is not None and m.group(1) != owner.name:
            out[m.group(1)] = owner
    return out


def _is_abbreviation(short: str, full: str) -> bool:
    """`short` keeps `full`'s characters in order, starts with its first, skips some, and ends
    with the first character of its type word (大 of 大学, 院 of 科学院)."""
    if len(short) < 3 or len(short) >= len(full) or short[0] != full[0] or short in full:
        return False
    ends = {v for k, v in _TYPE_CHARS.items() if full.endswith(k)}
    if short[-1] not in ends:
        return False
    return _subsequence(short, full)


def _candidates(text: str, full: str) -> set[str]:
    """Strings of the text that start like `full` and may abbreviate it (3 to 5 characters)."""
    out: set[str] = set()
    pos = text.find(full[0])
    while pos != -1:
        for n in range(3, 6):
            s = text[pos : pos + n]
            if len(s) == n and _is_abbreviation(s, full):
                out.add(s)
        pos = text.find(full[0], pos + 1)
    return out


def short_forms(text: str, orgs: list[Mention]) -> dict[str, Mention]:
    """Short form → the mention of the full name it stands for.

    Declared short names, abbreviations of universities and institutes named in full in the
    document, and the common short forms of universities, which need no full name in the text.
    """
    out = declared(text, orgs)
    fulls: dict[str, Mention] = {}
    for o in orgs:
        if o.label in (Label.University, Label.Institute) and len(o.name) >= 4:
            fulls.setdefault(o.name, o)
    for full, o in fulls.items():
        for s in _candidates(text, full):
            out.setdefault(s, o)
    lex = lexicon()
    for form, full in lex.universities.items():
        if form != full and form not in out and form in text:
            out[form] = Mention(Label.University, full, 0, 0, "university")
    for form, full in lex.academy_short.items():
        if form not in out and form in text:
            out[form] = Mention(Label.Institute, full, 0, 0, "academy")
    return out


def company_short_names(orgs: list[Mention]) -> list[Mention]:
    """A short company name (某某公司, 某某集团) whose core keeps a legal name's characters in order,
    skipping some (星锡公司 for 星河锡业集团…有限责任公司), is that company in this document."""
    fulls = [o.name for o in orgs if o.label == Label.Company and o.name.endswith(_LEGAL)]
    if not fulls:
        return orgs
    out = []
    for o in orgs:
        full = None
        if o.label == Label.Company and len(o.name) <= 6 and o.name.endswith(("公司", "集团")) and not o.name.endswith(_LEGAL):
            core = o.name[:-2]
            full = next((f for f in fulls if len(core) >= 2 and _subsequence(core, f) and core not in f), None)
        out.append(Mention(o.label, full, o.start, o.end, "short-form") if full else o)
    return out


def _subsequence(short: str, full: str) -> bool:
    """`short` keeps `full`'s characters in order and starts with its first."""
    if short[0] != full[0]:
        return False
    pos = 0
    for ch in short:
        pos = full.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def academy_hosts(orgs: list[Mention]) -> list[Mention]:
    """中科院某某所 is hosted by 中国科学院: an academy's short name that starts a name is its host
    (the possessive prefix of gold/NOTES.md rule 2, which both annotators apply to 中科院)."""
    out = []
    for o in orgs:
        if o.label not in (Label.Lab, Label.Institute) or o.rule == "host-prefix":
            continue
        for short, full in lexicon().academy_short.items():
            if o.name.startswith(short) and len(o.name) > len(short) + 1:
                out.append(Mention(Label.Institute, full, o.start, o.start + len(short), "host-prefix"))
    return out


def _whole_words(text: str, s: int, e: int) -> bool:
    """A short form counts where it starts and ends on word boundaries (南农 in 海南农垦 does not)."""
    a = max(0, s - 6)
    bounds = {t.start for t in tokens(text[a : e + 6], a)} | {t.end for t in tokens(text[a : e + 6], a)}
    return s in bounds and e in bounds


def short_mentions(text: str, forms: dict[str, Mention], known: list[Mention]) -> list[Mention]:
    """Every use of a short form outside names already found, as a mention of its full name's entity."""
    taken = Spans(known)
    out: list[Mention] = []
    for s, e, form in find_all(text, forms):
        if taken.overlaps(s, e) or not _whole_words(text, s, e):
            continue
        owner = forms[form]
        out.append(Mention(owner.label, owner.name, s, e, "short-form"))
        taken.add(s, e)
    return out


def program_short_names(progs: list[Mention]) -> list[Mention]:
    """Short forms of a programme named in full in the document are that programme: the part
    after the hyphen of a joint fund (A基金-B联合基金 → B联合基金), and a name whose region is
    written only as 市/省 (市某某基金 → 某市某某基金)."""
    full: dict[str, str] = {}
    for p in progs:
        if "-" in p.name:
            full.setdefault(p.name.rsplit("-", 1)[1], p.name)
        head = region_at(p.name, 0)
        if head and head[-1] in "市省":
            full.setdefault(head[-1] + p.name[len(head) :], p.name)
    return [Mention(p.label, full[p.name], p.start, p.end, "short-form") if p.name in full else p for p in progs]


__all__ = ["academy_hosts", "company_short_names", "declared", "program_short_names", "short_forms", "short_mentions"]
