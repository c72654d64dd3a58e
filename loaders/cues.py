"""The relation-cue engine: cue rows of `data/cues.json` matched over typed mentions.

A sentence (or a clause of it) is rendered as a string in which every top-level mention is
a placeholder `\\ue000<code>\\ue001` (its label as one letter, quotes around it absorbed), so
a cue is a small pattern over mentions and word classes instead of a character regex:

    依托{S+}<far><build>{O+}        {S}/{O}: one mention of the row's subject/object labels
                                    {S+}/{O+}: a list joined by 、/和/及/与 (one edge per item;
                                    an item that is no mention, 一批X、, is passed over)
                                    {S*}/{O*}: every fitting mention from here to the scope's end
                                    {:Lab}: a mention that is not an end of the edge
                                    <build>: a word class, <gap:N>/<far:N>: a bounded span
                                    (gap: no mention, no clause break; far: no sentence end;
                                    any: anything, for a paragraph scope;
                                    <gap:N!class>: and no word of that class inside;
                                    <far:N!@GROUP>: and no mention of that label group)

Each row is compiled once into one regular expression per word order (`pattern` is one string,
or a list of the orders one cue is written in: 以X为牵头企业，联合A、B / 由X牵头，A、B为发起单位). What stays in code is structural:
rendering, list expansion, scopes (clause / sentence / paragraph / section under a heading /
a table row over two lines) and anaphora (该公司 → the nearest fitting mention, written earlier).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ecograph.graph.model import Label, RelType
from ecograph.loaders.lexicon import lexicon
from ecograph.loaders.names import Mention

OPEN, CLOSE = "\ue000", "\ue001"
_CODE = {
    Label.Company: "C",
    Label.University: "U",
    Label.Institute: "I",
    Label.Lab: "L",
    Label.IndustryChain: "H",
    Label.Program: "P",
    Label.Region: "R",
}
PLURAL = "anaphor:plural"
HOME, IMPLIED, KEYWORD = "D", "E", "K"  # a deictic region (我市), the home city as unwritten subject, a product word
_PSEUDO = {"Home": HOME, "ImpliedHome": IMPLIED, "NamedRegion": "R", "Keyword": KEYWORD, "Region": "RD"}
_BREAK = "，,；;：:。！？!?"
_SLOT = re.compile(r"\{([SO]?)(:[A-Za-z|]+)?([+*]?)\}|<([a-z_]+)(?::(\d+))?(?:!(@?[A-Za-z_]+))?>")
SCOPES = ("clause", "sentence", "paragraph", "section", "table")


@dataclass(frozen=True)
class Cue:
    """One compiled cue row."""

    id: str
    type: RelType
    subject: str  # label codes
    object: str
    scope: str
    regexes: tuple[re.Pattern[str], ...]  # one per word order the row is written in
    confidence: float
    skip_hosts: bool
    stars: str  # the roles written as {S*}/{O*}
    positive: tuple[dict[str, str], ...]  # {"text", "source", "target"}: the edge the text must yield
    negative: tuple[str, ...]


@dataclass(frozen=True)
class Cues:
    """All rows, the word classes and the anaphor pattern, compiled once."""

    rows: tuple[Cue, ...]
    classes: dict[str, tuple[str, ...]]
    anaphor: re.Pattern[str]
    anaphor_labels: dict[str, str]
    possessive: tuple[tuple[str, Label], ...]  # name endings of an organisation that can host, longest first
    plural: re.Pattern[str]  # 这些企业/上述高校: every party of that kind listed just before
    zero_subject: re.Pattern[str]  # a sentence opening with 是… whose subject is the company before
    heading: re.Pattern[str]
    zone: re.Pattern[str]  # an unnamed-elsewhere zone written right after 落户/位于/在 (group 1)
    implied_home: re.Pattern[str]  # a sentence opening with what the home city does, subject unwritten


def _alt(words: tuple[str, ...]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


def _codes(spec: list[str], groups: dict[str, list[str]]) -> str:
    """Label names (or group names, or Home/NamedRegion/Keyword) → the placeholder letters."""
    out = ""
    for name in spec:
        for n in groups.get(name, [name]):
            out += _PSEUDO[n] if n in _PSEUDO else _CODE[Label(n)]
    return "".join(sorted(set(out)))


def compile_pattern(pattern: str, subject: str, obj: str, classes: dict[str, tuple[str, ...]], groups: dict[str, list[str]]) -> re.Pattern[str]:
    """A cue pattern → one regex over rendered text (see the module docstring)."""
    sep = _alt(classes["list_join"])
    no_break = f"[^{re.escape(_BREAK)}{OPEN}{CLOSE}]"
    no_end = "[^。！？!?]"

    def slot(m: re.Match[str]) -> str:
        if m.group(4):
            name, n, unless = m.group(4), m.group(5), m.group(6)
            if name in ("gap", "far", "any"):
                char = no_break if name == "gap" else no_end if name == "far" else "[\\s\\S]"
                if unless and unless.startswith("@"):  # <far:60!@SUPPORTER>: no other such party (an agent after 由 aside)
                    char = f"(?:(?!(?<!{_alt(classes['agent_marker'])}){OPEN}[{_codes([unless[1:]], groups)}]{CLOSE}){char})"
                elif unless:  # <gap:8!approve>: a gap in which no word of the class starts
                    char = f"(?:(?!{_alt(classes[unless])}){char})"
                return f"{char}{{0,{n or (12 if name == 'gap' else 40 if name == 'far' else 200)}}}?"
            return _alt(classes[name])
        role, typed, many = m.groups()[:3]
        codes = subject if role == "S" else obj if role == "O" else ""
        if typed:
            codes = _codes(typed[1:].split("|"), groups)
        one = f"{OPEN}[{codes}]{CLOSE}" if codes else f"{OPEN}.{CLOSE}"
        # a list may hold an item that is no mention (A、一批前沿实验室、B): it is skipped, not an end
        other = f"(?:[^、，,。；;{OPEN}{CLOSE}]{{1,12}}、)?"
        body = one if not many else f"{one}(?:[、，,]?{sep}?{other}{one})*" if many == "+" else ".*"
        return f"(?P<{role}>{body})" if role else body

    return re.compile(_SLOT.sub(slot, re.sub(r"\s+", "", pattern)))


@lru_cache(maxsize=1)
def cues() -> Cues:
    """Load and compile `data/cues.json` (cached: every document shares it)."""
    raw = json.loads(resources.files("ecograph.loaders.data").joinpath("cues.json").read_text(encoding="utf-8"))
    classes = {k: tuple(v) for k, v in raw["classes"].items()}
    groups: dict[str, list[str]] = raw["label_groups"]
    rows = []
    for r in raw["cues"]:
        s, o = _codes(r["subject"], groups), _codes(r["object"], groups)
        patterns = [r["pattern"]] if isinstance(r["pattern"], str) else list(r["pattern"])
        if r["scope"] not in SCOPES:
            raise ValueError(f"{r['id']}: unknown scope {r['scope']}")
        rows.append(
            Cue(
                id=r["id"],
                type=RelType(r["type"]),
                subject=s,
                object=o,
                scope=r["scope"],
                regexes=tuple(compile_pattern(p, s, o, classes, groups) for p in patterns),
                stars="".join(role for role in "SO" if any("{" + role + "*}" in p for p in patterns)),
                confidence=float(r["confidence"]),
                skip_hosts=bool(r.get("skip_hosts", False)),
                positive=tuple(r["examples"]["positive"]),
                negative=tuple(r["examples"]["negative"]),
            )
        )
    ana = raw["anaphors"]
    return Cues(
        rows=tuple(rows),
        classes=classes,
        anaphor=re.compile(
            f"{_alt(tuple(ana['determiners']))}(?:[^，。；、]{{0,8}}?)({_alt(tuple(ana['nouns']))})"
            f"|(?:^|(?<=[，,；;]))(?:[^，。；“]{{0,6}}?的)?[省市]?(?:重点)?({_alt(tuple(ana['bare']))})"
        ),
        anaphor_labels={w: _codes([lab], groups) for lab, ws in ana["nouns_by_label"].items() for w in ws},
        possessive=tuple(
            sorted(((w, Label(lab)) for lab, ws in raw["possessive_hosts"].items() for w in ws), key=lambda x: -len(x[0]))
        ),
        plural=re.compile(f"{_alt(tuple(ana['plural']))}({_alt(tuple(ana['nouns']))})"),
        zero_subject=re.compile(_alt(tuple(ana["zero_subject"]))),
        heading=re.compile(f"{_alt(classes['heading_end'])}。?$"),
        implied_home=re.compile(f"[^，。；]{{0,2}}?{_alt(classes['home_acts'])}"),
        zone=re.compile(f"(?:{_alt(classes['settle'])}|在)(?:于|到|在)?“?((?![我本该全各这此])[\u3400-\u9fff]{{2,6}}?{lexicon().zone_suffix_re.pattern})"),
    )


def code_of(m: Mention) -> str:
    """The placeholder letter of a mention."""
    if m.rule == "region:deictic":
        return HOME if m.end > m.start else IMPLIED
    if m.rule == "chain:keyword":
        return KEYWORD
    return _CODE[m.label]


@dataclass
class Rendered:
    """A span of text with its mentions replaced by placeholders."""

    text: str
    at: dict[int, Mention]  # rendered offset of a placeholder's OPEN → its mention


def render(text: str, start: int, end: int, mentions: list[Mention]) -> Rendered:
    """Render text[start:end]; `mentions` are top-level, sorted, inside the span."""
    out: list[str] = []
    at: dict[int, Mention] = {}
    pos, n = start, 0
    last: Mention | None = None
    for m in mentions:
        s, e = m.start, m.end
        if s < pos:
            if last is not None and m.rule == PLURAL == last.rule and (s, e) == (last.start, last.end):
                out.append("、" + OPEN + code_of(m) + CLOSE)  # 这些企业: its referents, written as the list they were
                at[n + 1] = m
                n += 4
            continue
        last = m
        if s > pos and text[s - 1] in "“《\"" and s - 1 >= pos:
            s -= 1
        if e < end and text[e : e + 1] in ("”", "》", '"'):
            e += 1
        chunk = text[pos:s]
        out.append(chunk)
        n += len(chunk)
        at[n] = m
        out.append(OPEN + code_of(m) + CLOSE)
        n += 3
        pos = e
    out.append(text[pos:end])
    return Rendered("".join(out), at)


def clauses(r: Rendered) -> Iterator[tuple[str, dict[int, Mention]]]:
    """The clauses of a rendered sentence, each with its own placeholder offsets."""
    pos = 0
    for i, ch in enumerate(r.text + "，"):
        if ch in _BREAK:
            if i > pos:
                yield r.text[pos:i], {k - pos: m for k, m in r.at.items() if pos <= k < i}
            pos = i + 1


def slot_mentions(cue: Cue, text: str, at: dict[int, Mention], m: re.Match[str], role: str) -> list[Mention]:
    """The mentions a matched slot holds that fit its labels (one, a list, or all after it).

    In a star slot the agent written after 由 (由X投资的…) is not one of the items.
    """
    if role not in m.re.groupindex or m.start(role) < 0:
        return []
    codes = cue.subject if role == "S" else cue.object
    a, b = m.span(role)
    star = role in cue.stars
    return [at[k] for k in range(a, b) if k in at and text[k + 1] in codes and not (star and text[k - 1 : k] == "由")]


def matches(cue: Cue, text: str) -> Iterator[re.Match[str]]:
    """Every match of a cue in each of its word orders, overlapping ones included (a list can feed several rows)."""
    for regex in cue.regexes:
        pos = 0
        while pos <= len(text):
            m = regex.search(text, pos)
            if not m:
                break
            yield m
            pos = m.start() + 1
