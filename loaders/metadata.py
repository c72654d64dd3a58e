"""What a document says about itself: title, publication date, publisher and source URL.

A planner cites a statement by its document's title and date, not by a hashed file name. Three
sources, the user's first: a mapping file given to `ecograph ingest --meta FILE` (CSV or JSON,
file name → fields), a sidecar `NAME.meta.json` beside the file, then the document itself — an
HTML page's <title>/<meta>, a front-matter block, the first heading line, a dated byline
(`2023-06-25 09:17:50 山西日报`), labelled lines (`发布日期：…`, `来源：…`) and dated source URLs.

Only the head of the text is read for bylines: a date inside the body is an event's date, not the
document's. Nothing here names a publisher; publishers are read from where the text puts them.
"""

from __future__ import annotations

import csv
import email.utils
import json
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ecograph.graph.errors import DocumentError
from ecograph.loaders.normalise import is_chrome
from ecograph.loaders.read.html import read_html_meta

FIELDS = ("title", "date", "publisher", "url")
Meta = dict[str, str]
_HEAD_LINES = 14  # bylines and titles sit above the body; a date further down is an event's
_TAIL_LINES = 4  # a notice's signature date closes it
_TITLE_MIN, _TITLE_MAX = 8, 64  # CJK characters at least; characters at most

_YMD = r"(?P<y>(?:19|20)\d\d)\s*(?:[-/.年])\s*(?P<m>\d{1,2})\s*(?:[-/.月])\s*(?P<d>\d{1,2})\s*日?"
_DATE = re.compile(_YMD)
_TIME = re.compile(r"^\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*")
_LABELLED_DATE = re.compile(r"(?:发布|發布|发表|發表|更新|公开|公開)?(?:日期|时间|時間)\s*[:：]\s*" + _YMD)
_SOURCE = re.compile(r"(?:来源|來源|稿源|出处|出處)\s*[:：]\s*(?P<p>[^\s|:：,，。;；()（）<>]{2,24})")
_PUBLISHER_WORD = re.compile(r"[\u3400-\u9fff·]{2,16}(?:报|報|网|網|社|台|杂志|雜誌|新闻|新聞|融媒体|融媒體|政府|厅|廳|局|委员会|委員會)$")
_URL = re.compile(r"https?://[^\s)<>\]\"']+")
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)[-/]?(?P<m>\d\d)[-/]?(?P<d>\d\d)/|/t(?P<y2>(?:19|20)\d\d)(?P<m2>\d\d)(?P<d2>\d\d)_")
_ORIGINAL = re.compile(r"(?:查看原文|原文链接|原文鏈接|新闻链接|新聞鏈接|来源链接)")
_FRONT = re.compile(r"^\s*---\s*\n(?P<body>.*?)\n---\s*(?:\n|$)", re.DOTALL)
_FRONT_FIELD = re.compile(r"^(?P<k>title|date|author|source|url|link)\s*:\s*(?P<v>.+?)\s*$", re.MULTILINE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<t>.+?)\s*#*\s*$")
_SENTENCE_END = "。！？!?；;：:，,、"
_EDGE_JUNK = " 　。.!！"  # scraped headlines arrive wrapped in stray punctuation
_ENUMERATED = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．])")
_NAVIGATION = re.compile(r"首页|首頁|正文|您的位置|当前位置|当前版|上一篇|下一篇|>|›|\||本帖|编辑|編輯")
_CJK = re.compile(r"[\u3400-\u9fff]")
_TAG = re.compile(r"<[^>]+>")


def iso_date(raw: str) -> str | None:
    """A date as YYYY-MM-DD when `raw` holds one that exists (2023年6月25日, 2022-7-14, 2015.10.21,
    RFC 2822 as front matter writes it), else None."""
    match = _DATE.search(raw)
    if match:
        return _valid(match["y"], match["m"], match["d"])
    parsed = email.utils.parsedate(raw.strip())
    return _valid(str(parsed[0]), str(parsed[1]), str(parsed[2])) if parsed else None


def _valid(y: str, m: str, d: str) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def from_text(text: str) -> Meta:
    """Title, date, publisher and URL as the text's head (and a notice's signature line) state them."""
    meta: Meta = {}
    front = _FRONT.match(text)
    if front:
        fields = {m["k"]: m["v"].strip().strip("'\"") for m in _FRONT_FIELD.finditer(front["body"])}
        _put(meta, "title", fields.get("title"))
        _put(meta, "date", iso_date(fields.get("date", "")))
        _put(meta, "publisher", fields.get("source") or fields.get("author"))
        _put(meta, "url", fields.get("url") or fields.get("link"))
        text = text[front.end():]
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    head = [_TAG.sub("", line).strip() for line in lines[:_HEAD_LINES]]
    in_body = False
    for line in head:
        _read_byline(meta, line)
        in_body = in_body or _is_body(line)
        heading = _HEADING.match(line)
        if heading:
            _put(meta, "title", heading["t"].strip())
        elif "title" in meta or in_body:
            continue
        elif _PUBLISHER_WORD.fullmatch(line) and len(line) <= 12:  # a masthead above the title
            _put(meta, "publisher", line)
        elif _is_title(title := line.strip(_EDGE_JUNK)):
            meta["title"] = title
    if "date" not in meta:
        for line in lines[-_TAIL_LINES:]:
            if len(line) <= 16 and (found := iso_date(line)) and _DATE.fullmatch(line.strip()):
                meta["date"] = found
    for line in lines[:_HEAD_LINES] + lines[-_TAIL_LINES:]:
        if _ORIGINAL.search(line) and (url := _URL.search(line)):
            _put(meta, "url", url.group(0))
    if "date" not in meta and "url" in meta and (m := _URL_DATE.search(meta["url"])):
        _put(meta, "date", _valid(m["y"] or m["y2"], m["m"] or m["m2"], m["d"] or m["d2"]))
    return meta


def _read_byline(meta: Meta, line: str) -> None:
    """A labelled date or source, or a short line that is a date (and time, and publisher)."""
    if labelled := _LABELLED_DATE.search(line):
        _put(meta, "date", _valid(labelled["y"], labelled["m"], labelled["d"]))
    if source := _SOURCE.search(line):
        publisher = re.sub(r"(?:次阅读|浏览.*|作者.*|责任编辑.*)$", "", source["p"])
        _put(meta, "publisher", publisher if len(publisher) >= 2 else None)
    if len(line) > 40 or "date" in meta or _is_body(line):
        return
    match = _DATE.search(line)
    if match is None or _CJK.search(line[: match.start()]) and not _NAVIGATION.search(line[: match.start()]):
        return  # a date inside a sentence ("…于2022年…") is not a byline
    _put(meta, "date", _valid(match["y"], match["m"], match["d"]))
    rest = _TIME.sub("", line[match.end():], count=1).strip()
    word = rest.split()[0] if rest.split() else ""
    if _PUBLISHER_WORD.fullmatch(word):
        _put(meta, "publisher", word)


def _is_title(line: str) -> bool:
    """A heading-like line: short, no sentence punctuation at its end, not navigation or a byline."""
    bare = line.strip("#* 　")
    half = len(bare) // 2
    if bare[:half] == bare[half:]:  # "微信支付微信支付": a scraped button, twice
        return False
    return (_TITLE_MIN <= len(bare) <= _TITLE_MAX and bare[-1] not in _SENTENCE_END
            and len(_CJK.findall(bare)) >= _TITLE_MIN and not _NAVIGATION.search(bare)
            and not _ENUMERATED.match(bare) and not _DATE.search(bare[:12]) and not _SOURCE.search(bare)
            and not _URL.search(bare) and not is_chrome(bare) and "。" not in bare)


def _is_body(line: str) -> bool:
    """A paragraph of the article: long, or a full sentence."""
    return len(line) > 80 or line.rstrip().endswith("。")


def _put(meta: Meta, key: str, value: str | None) -> None:
    """Set a field once (the first source that states it wins), trimmed; empty values do not count."""
    if value and value.strip() and key not in meta:
        meta[key] = value.strip()[:300]


def from_file(path: Path) -> Meta:
    """What an HTML page's head states (<title>, <meta>), or nothing for other formats."""
    if path.suffix.lower() not in (".html", ".htm"):
        return {}
    try:
        meta = read_html_meta(path)
    except (OSError, DocumentError):  # the page's text was read; a head that is not is no failure
        return {}
    if meta.get("date"):
        meta["date"] = iso_date(meta["date"]) or ""
    return {k: v for k, v in meta.items() if k in FIELDS and v}


def sidecar_paths(path: Path) -> tuple[Path, Path]:
    """`report.pdf.meta.json` and `report.meta.json`: where a document's sidecar may sit."""
    return path.with_name(path.name + ".meta.json"), path.with_name(path.stem + ".meta.json")


def is_sidecar(path: Path) -> bool:
    """Whether a file is a sidecar of metadata (read with its document, never ingested as one)."""
    return path.name.lower().endswith(".meta.json")


def from_sidecar(path: Path) -> Meta:
    """The fields of a document's sidecar, when it has one."""
    for candidate in sidecar_paths(path):
        if candidate.is_file():
            return _fields(_load_json(candidate), candidate)
    return {}


def load_mapping(file: Path) -> dict[str, Meta]:
    """A mapping file of `ingest --meta`: file name → fields. CSV with a `file` (or `path`, `name`)
    column and field columns; JSON as {name: {fields}} or [{file: name, fields…}]."""
    if file.suffix.lower() == ".csv":
        try:
            with open(file, encoding="utf-8-sig", newline="") as f:
                items: Any = list(csv.DictReader(f))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise DocumentError(str(file), f"元数据文件无法读取 (the metadata file cannot be read): {exc}") from exc
    else:
        items = _load_json(file)
    if isinstance(items, dict):
        items = [{"file": name, **(fields if isinstance(fields, dict) else {})} for name, fields in items.items()]
    if not isinstance(items, list):
        raise DocumentError(str(file), "元数据文件应为 文件名→字段 的映射或列表 (expected a mapping or a list)")
    out: dict[str, Meta] = {}
    for item in items:
        name = isinstance(item, dict) and (item.get("file") or item.get("path") or item.get("name"))
        if not name:
            raise DocumentError(str(file), f"元数据条目缺少 file 列 (an entry names no file): {item!r}"[:300])
        out[str(name).replace("\\", "/")] = _fields(item, file)
    return out


def for_document(mapping: Mapping[str, Meta], name: str) -> Meta:
    """A mapping's entry for a document by its name inside its folder, or its base name."""
    return dict(mapping.get(name) or mapping.get(Path(name).name) or {})


def _load_json(file: Path) -> Any:
    try:
        return json.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DocumentError(str(file), f"元数据文件无法读取 (the metadata file cannot be read): {exc}") from exc


def _fields(item: Any, file: Path) -> Meta:
    """The known fields of one entry, as text; a date that is no date is refused, not stored."""
    if not isinstance(item, dict):
        raise DocumentError(str(file), "元数据应为 字段→值 的对象 (metadata must be an object of fields)")
    meta = {k: str(item[k]).strip() for k in FIELDS if item.get(k) not in (None, "")}
    if "date" in meta:
        found = iso_date(meta["date"])
        if found is None:
            raise DocumentError(str(file), f"无法识别的日期 (not a date): {meta['date']!r}")
        meta["date"] = found
    return meta


def merge(*layers: Meta) -> Meta:
    """The fields of several sources, the first that states a field winning."""
    out: Meta = {}
    for layer in layers:
        for key in FIELDS:
            _put(out, key, layer.get(key))
    return out
