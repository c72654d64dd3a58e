"""Whatever bytes a user drops in, read_document answers with text or a DocumentError, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from ecograph.graph.errors import DocumentError
from ecograph.loaders.read import read_document
from tests.loaders.read.corpus import PNG, SIMPLIFIED, TRADITIONAL, pdf_with_text

ENCODINGS = ["utf-8", "gbk", "gb18030", "big5", "utf-16-le", "utf-16-be", "utf-16", "utf-8-sig"]


@st.composite
def damaged_text(draw: st.DrawFn) -> bytes:
    """Real Chinese text in some encoding, then cut, spliced with noise or given a foreign header."""
    text = draw(st.sampled_from([SIMPLIFIED, TRADITIONAL, "答复", "a"]))
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    start = draw(st.integers(0, len(data)))
    end = draw(st.integers(start, len(data)))
    noise = draw(st.binary(max_size=16))
    head = draw(st.sampled_from([b"", PNG[:8], b"%PDF-", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe"]))
    return head + data[:start] + noise + data[end:]


ANY_BYTES = st.one_of(st.binary(max_size=2048), damaged_text())


def _read_or_refuse(path: Path) -> None:
    try:
        text = read_document(path)
    except DocumentError as error:
        assert error.path == str(path) and error.reason and "\n" not in error.reason
    else:
        assert isinstance(text, str) and text.strip() and "\x00" not in text and "\r" not in text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=ANY_BYTES)
def test_any_bytes_as_txt_give_text_or_document_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "any.txt"
    path.write_bytes(data)
    _read_or_refuse(path)


@pytest.mark.parametrize("suffix", [".html", ".docx", ".pdf"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(ANY_BYTES, st.binary(max_size=512).map(lambda b: pdf_with_text(["x"])[:200] + b)))
def test_any_bytes_in_other_formats_give_text_or_document_error(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"any{suffix}"
    path.write_bytes(data)
    _read_or_refuse(path)
