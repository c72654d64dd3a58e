"""Word documents: paragraphs and table rows in order; broken or renamed files refused clearly."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from ecograph.graph.errors import DocumentError
from ecograph.loaders.read import docx as docx_reader, read_document
from tests.loaders.read.corpus import PNG, write, write_docx


def test_real_docx_gives_paragraphs_and_table_rows_in_order(tmp_path: Path) -> None:
    path = tmp_path / "关于 合作 的答复.docx"
    write_docx(path)
    assert read_document(path).splitlines() == [
        "关于推进产学研合作的答复",
        "某某大学与华东新材料股份有限公司共建联合实验室。",
        "序号\t单位\t所属产业链",
        "1\t某某大学\t新能源汽车",
        "2\t某某研究院\t新能源汽车",  # vertically merged: every row keeps its whole record
        "合计：两家单位",  # horizontally merged: once
        "下一步将继续完善科技成果转化机制。",
    ]  # the page header ("页眉：市科技局") is page chrome and left out


def _zip(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda good: good[: len(good) // 2], "corrupt .docx: BadZipFile"),
        (lambda good: b"PK\x03\x04" + b"\x00garbage" * 50, "corrupt .docx: BadZipFile"),
        (lambda good: _zip(**{"readme.txt": "hello"}), "corrupt .docx: KeyError"),
        (lambda good: _zip(**{"[Content_Types].xml": "<not xml"}), "corrupt .docx:"),
        (lambda good: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "not a real .docx (looks like old Office file"),
        (lambda good: PNG, "not a real .docx (looks like PNG image)"),
        (lambda good: "纯文本，不是 Word 文件".encode(), "corrupt .docx: not a ZIP package"),
    ],
    ids=["truncated", "garbage-zip", "zip-not-word", "bad-xml", "old-doc-renamed", "png-renamed", "text-renamed"],
)
def test_broken_docx_is_refused_with_a_reason(tmp_path: Path, make, reason: str) -> None:
    write_docx(tmp_path / "good.docx")
    path = write(tmp_path / "broken.docx", make((tmp_path / "good.docx").read_bytes()))
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.reason.startswith(reason)
    assert "\n" not in caught.value.reason
    assert caught.value.path == str(path)


def test_docx_without_text_is_refused(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    with pytest.raises(DocumentError, match="document has no text"):
        read_document(path)


def test_docx_that_unpacks_beyond_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNPACKED_MB", 0)
    write_docx(tmp_path / "bomb.docx")
    with pytest.raises(DocumentError, match="unpacks to more than 0 MB"):
        read_document(tmp_path / "bomb.docx")
