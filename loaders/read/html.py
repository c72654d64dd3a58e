"""HTML pages (.html, .htm): the article text via trafilatura, a plain tag-strip when it finds none.

A page nested deeper than libxml2 parses (256 levels by default, ~2,000 with `huge_tree`) parses
to nothing; its text is then taken by a regular-expression tag-strip, so it still reads.
"""

from __future__ import annotations

import html as entities
import logging
import re
from pathlib import Path

import lxml.html
import trafilatura
from lxml.etree import ParserError

from ecograph.graph.errors import DocumentError
from ecograph.loaders.read.common import one_line
from ecograph.loaders.read.text import SAMPLE, decode_bytes

log = logging.getLogger(__name__)

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_NOT_TEXT_RE = re.compile(r"<(script|style|noscript|template|head)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
# Never text: code, styling, embedded objects, and the head (its title comes from trafilatura).
_NOT_TEXT = "//script|//style|//noscript|//template|//iframe|//object|//svg|//head"
_BLOCKS = (
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
    "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
)  # fmt: skip


def read_html(path: Path) -> str:
    """Title and main text of a page, one paragraph per line; navigation, scripts and ads removed."""
    data = path.read_bytes()
    match = _META_CHARSET.search(data[:SAMPLE])
    declared = match.group(1).decode("ascii") if match else None
    html = decode_bytes(data, path, declared)
    text = _main_text(html) or _strip_tags(html) or _strip_tags_flat(html)
    if not text.strip():
        raise DocumentError(str(path), "no text found in the HTML page")
    return text


def _main_text(html: str) -> str:
    """trafilatura's article text with the headline first, or "" if it finds no article."""
    try:
        document = trafilatura.bare_extraction(
            html, include_comments=False, include_tables=True, with_metadata=True
        )
    except Exception as e:  # a page that trips trafilatura still has the tag-strip fallback
        log.warning("trafilatura failed, using the plain tag-strip: %s", one_line(e))
        return ""
    if not isinstance(document, trafilatura.settings.Document):  # None: nothing found (a dict only with as_dict)
        return ""
    body = document.text or ""
    if not body.strip():
        return ""
    title = (document.title or "").strip()
    if title and not body.lstrip().startswith(title):
        body = f"{title}\n{body}"
    return body.replace("\r\n", "\n").replace("\r", "\n")


_PARSER = lxml.html.HTMLParser(huge_tree=True)  # nesting beyond 256 levels (libxml2's default) still parses


def _strip_tags(html: str) -> str:
    """All visible text of the body, a line per block element, without scripts or styles."""
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html), parser=_PARSER)
    except (ParserError, ValueError):
        return ""
    for element in root.xpath(_NOT_TEXT):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.text = "\n" + (element.text or "")
        element.tail = "\n" + (element.tail or "")
    lines = (line.strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _strip_tags_flat(html: str) -> str:
    """The text between the tags, a line per tag, for a page too deeply nested for the parser."""
    text = entities.unescape(_TAG.sub("\n", _NOT_TEXT_RE.sub("", html)))
    lines = (line.strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


_META_NAMES = {
    "title": ("og:title", "title", "dc.title", "articletitle"),
    "date": ("article:published_time", "pubdate", "publishdate", "publish_date", "dc.date", "date", "og:release_date"),
    "publisher": ("og:site_name", "source", "publisher", "sitename", "dc.publisher"),
    "url": ("og:url",),
}


def read_html_meta(path: Path) -> dict[str, str]:
    """What a page's head says about it: <title>, <meta> title/date/site name/URL, the canonical link."""
    data = path.read_bytes()
    match = _META_CHARSET.search(data[:SAMPLE])
    html = decode_bytes(data, path, match.group(1).decode("ascii") if match else None)
    head_end = html.lower().find("</head>")
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html[: head_end + 7] if head_end > 0 else html),
                                             parser=_PARSER)
    except (ParserError, ValueError):
        return {}
    metas = {(m.get("name") or m.get("property") or "").strip().lower(): (m.get("content") or "").strip()
             for m in root.iter("meta")}
    out = {field: next((metas[n] for n in names if metas.get(n)), "") for field, names in _META_NAMES.items()}
    title = root.find(".//title")
    if title is not None and (title.text_content() or "").strip():
        out["title"] = out["title"] or " ".join(title.text_content().split())
    canonical = root.xpath("//link[@rel='canonical']/@href")
    out["url"] = out["url"] or (str(canonical[0]).strip() if canonical else "")
    return {k: v for k, v in out.items() if v}
