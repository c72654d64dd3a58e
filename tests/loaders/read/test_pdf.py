"""PDFs: the text layer when there is one; scans, encryption and corruption refused clearly."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfWriter

from ecograph.graph.errors import DocumentError
from ecograph.loaders.read import read_document
from tests.loaders.read.corpus import PNG, pdf_with_chinese, pdf_with_text, write, write_scanned_pdf

LINES = ["Annual report 2024", "Tsinghua University cooperates with Acme Corp."]


def test_pdf_text_layer_reads_line_by_line(tmp_path: Path) -> None:
    path = write(tmp_path / "年度 报告.pdf", pdf_with_text(LINES))
    assert read_document(path).splitlines() == LINES


def test_chinese_pdf_text_layer_reads(tmp_path: Path) -> None:
    lines = ["关于推进产学研合作的工作报告", "某某大学与华东新材料股份有限公司共建联合实验室。"]
    path = write(tmp_path / "报告.pdf", pdf_with_chinese(lines))
    assert read_document(path).splitlines() == lines


def test_pdf_without_text_layer_says_ocr_is_not_supported(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    write_scanned_pdf(path)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.reason == "PDF has no text layer (scanned?); OCR is not supported"


def test_encrypted_pdf_says_it_needs_a_password(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    writer.write(path)
    with pytest.raises(DocumentError, match="encrypted PDF; it needs a password"):
        read_document(path)


def test_pdf_protected_only_against_copying_reads(tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=io.BytesIO(pdf_with_text(LINES)))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-128")
    path = tmp_path / "protected.pdf"
    writer.write(path)
    assert read_document(path).splitlines() == LINES


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (pdf_with_text(LINES)[:60], "corrupt .pdf:"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 4, "corrupt .pdf:"),
        (b"<html>not a pdf</html>", "corrupt .pdf: no %PDF header"),
        (PNG, "not a real .pdf (looks like PNG image)"),
    ],
    ids=["truncated", "garbage", "html-renamed", "png-renamed"],
)
def test_broken_pdf_is_refused_with_a_one_line_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path / "broken.pdf", data)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.reason.startswith(reason)
    assert "\n" not in caught.value.reason
    assert caught.value.path == str(path)
