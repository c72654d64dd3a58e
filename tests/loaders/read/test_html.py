"""HTML pages: the article survives, scripts, styles, navigation and ads do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecograph.graph.errors import DocumentError
from ecograph.loaders.read import html as html_reader, read_document
from tests.loaders.read.corpus import ARTICLE, LEAKS, NAV, PNG, news_page, write


def _assert_article_only(text: str) -> None:
    for paragraph in ARTICLE:
        assert paragraph in text.splitlines()
    for leak in LEAKS:
        assert leak not in text
    for item in NAV:
        assert item not in text.splitlines()


def test_news_page_gives_headline_and_article_without_scripts_or_navigation(tmp_path: Path) -> None:
    text = read_document(write(tmp_path / "news.html", news_page()))
    _assert_article_only(text)
    assert text.splitlines()[0] == "校企签署战略合作协议"


@pytest.mark.parametrize(
    ("charset", "encoding"),
    [("gb2312", "gbk"), ("GBK", "gb18030"), (None, "gb18030"), ("utf-8", "gbk"), ("gb2312", "utf-8")],
    ids=["meta-gb2312", "meta-gbk", "no-meta-gb18030", "meta-says-utf8-but-gbk", "meta-says-gb2312-but-utf8"],
)
def test_page_encoding_from_meta_or_detection(tmp_path: Path, charset: str | None, encoding: str) -> None:
    text = read_document(write(tmp_path / "page.htm", news_page(charset).encode(encoding)))
    _assert_article_only(text)


def test_big5_page_with_meta_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5">'
        "<script>var SECRET_TRACKER = 1;</script></head><body>"
        "<p>國立某某大學與台灣新材料股份有限公司簽署合作協議，雙方將共建聯合實驗室。</p></body></html>"
    )
    text = read_document(write(tmp_path / "tw.html", page.encode("big5")))
    assert text == "國立某某大學與台灣新材料股份有限公司簽署合作協議，雙方將共建聯合實驗室。"


def _crash(*args: object, **kwargs: object) -> None:
    raise RecursionError("maximum recursion depth exceeded")


@pytest.mark.parametrize("extraction", [lambda *args, **kwargs: None, _crash], ids=["finds-nothing", "crashes"])
def test_tag_strip_fallback_when_trafilatura_gives_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extraction: object
) -> None:
    monkeypatch.setattr(html_reader.trafilatura, "bare_extraction", extraction)
    text = read_document(write(tmp_path / "news.html", news_page()))
    for paragraph in ARTICLE:
        assert paragraph in text.splitlines()
    for leak in ("SECRET_TRACKER", "广告脚本内容", "STYLE_LEAK", "INLINE_SECRET", "TAIL_SCRIPT_LEAK"):
        assert leak not in text


def test_xhtml_with_xml_declaration_reads(tmp_path: Path) -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>答复内容。</p></body></html>'
    assert read_document(write(tmp_path / "reply.html", page)) == "答复内容。"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("<html><head><script>var a = 1;</script></head><body>  </body></html>", "no text found in the HTML page"),
        (PNG, "binary file, not text (looks like PNG image)"),
    ],
    ids=["only-scripts", "png"],
)
def test_page_without_text_is_refused(tmp_path: Path, data: str | bytes, reason: str) -> None:
    path = write(tmp_path / "page.html", data)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.reason == reason
    assert caught.value.path == str(path)
