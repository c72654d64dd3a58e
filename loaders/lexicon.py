"""The general vocabulary of organisation names, loaded and compiled once.

Suffixes, boundary words, programme and zone words come from `data/lexicon.json` (the chains
are graph/taxonomy.py's), regions from the administrative-division table shipped with `cpca`,
universities and their common short forms from `data/universities.json`. Nothing here names
a specific organisation of any corpus.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import jieba
import jieba.posseg

from ecograph.graph.divisions import divisions
from ecograph.graph.model import Label

jieba.setLogLevel(60)

CJK = r"\u3400-\u9fff"


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
    plain_lab_suffixes: tuple[str, ...]
    rd_re: re.Pattern[str]
    weak_rd: frozenset[str]
    not_institutes: frozenset[str]
    academies: tuple[str, ...]
    academy_short: dict[str, str]
    predicate_verbs: frozenset[str]
    person_titles: frozenset[str]
    industry_words: frozenset[str]
    firm_heads_re: re.Pattern[str]
    region_before: tuple[str, ...]
    region_after: tuple[str, ...]
    universities: dict[str, str]


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
    return json.loads(resources.files("ecograph.loaders.data").joinpath(name).read_text(encoding="utf-8"))


_REGION_NOISE = frozenset({"城区", "郊区", "矿区", "市辖区", "新区", "高新区", "开发区", "市中区", "中区", "东区", "西区", "南区", "北区"})
_SHORT_STRIP = re.compile(r"(?:省|市|特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|地区|盟)$")


def _load_regions() -> dict[str, tuple[str, str]]:
    """Surface form → (full name, adcode) for provinces, cities and counties (cpca's table).

    Provinces and prefecture-level cities also get their short form (河北 → 河北省); counties
    only their full name, since their short forms are common words.
    """
    out: dict[str, tuple[str, str]] = {}
    for name, adcode in divisions():
        code = adcode[:6]
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


def _load_universities() -> dict[str, str]:
    """Every full name and common short form of the 147 双一流 universities → the full name."""
    out: dict[str, str] = {}
    for u in _load_json("universities.json")["universities"]:
        out[u["name"]] = u["name"]
        for short in u["short"]:
            out[short] = u["name"]
    return out


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
        plain_lab_suffixes=tuple(lex["plain_lab_suffixes"]),
        rd_re=re.compile(_alt(lex["rd_words"])),
        weak_rd=frozenset(lex["weak_rd_words"]),
        not_institutes=frozenset(lex["not_institutes"]),
        academies=tuple(sorted([*lex["academies"], *lex["academy_short"]], key=len, reverse=True)),
        academy_short=lex["academy_short"],
        predicate_verbs=frozenset(lex["predicate_verbs"]),
        person_titles=frozenset(lex["person_titles"]),
        industry_words=frozenset(lex["industry_words"]),
        firm_heads_re=re.compile(_alt(lex["firm_heads"])),
        region_before=tuple(lex["region_before"]),
        region_after=tuple(lex["region_after"]),
        universities=_load_universities(),
    )

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

