"""Plain text in every encoding Chinese offices produce, and everything that only pretends to be text."""

from __future__ import annotations

import codecs
import time
import tracemalloc
from pathlib import Path

import pytest

from ecograph.graph.errors import DocumentError
from ecograph.loaders.read import LIMIT_MB, read_document
from tests.loaders.read.corpus import (
    GB18030_ONLY,
    JPEG,
    NO_ENTITIES,
    PNG,
    SIMPLIFIED,
    SIMPLIFIED_SENTENCE,
    SIMPLIFIED_TITLE,
    TRADITIONAL,
    TRADITIONAL_SENTENCE,
    TRADITIONAL_TITLE,
    pdf_with_text,
    write,
)

SIMPLIFIED_TEXTS = [SIMPLIFIED, SIMPLIFIED_SENTENCE, SIMPLIFIED_TITLE]
TRADITIONAL_TEXTS = [TRADITIONAL, TRADITIONAL_SENTENCE, TRADITIONAL_TITLE]


def _cases() -> list[tuple[str, str, bytes]]:
    cases = []
    for text in SIMPLIFIED_TEXTS:
        for encoding in ("utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16-le", "utf-16-be", "utf-16"):
            cases.append((encoding, text, text.encode(encoding)))
        cases.append(("utf-16-be+bom", text, codecs.BOM_UTF16_BE + text.encode("utf-16-be")))
    for text in TRADITIONAL_TEXTS:
        for encoding in ("utf-8", "big5", "cp950", "utf-16-le", "utf-16-be", "utf-16"):
            cases.append((encoding, text, text.encode(encoding)))
    cases.append(("gb18030 four-byte", GB18030_ONLY, GB18030_ONLY.encode("gb18030")))
    return cases


@pytest.mark.parametrize(
    ("encoding", "text", "data"), _cases(), ids=[f"{c[0]}-{len(c[1])}chars" for c in _cases()]
)
def test_chinese_in_any_encoding_without_declaration_reads_exactly(
    tmp_path: Path, encoding: str, text: str, data: bytes
) -> None:
    path = write(tmp_path / "doc.txt", data)
    assert read_document(path) == text


def test_truncated_utf8_drops_only_the_cut_character(tmp_path: Path) -> None:
    data = SIMPLIFIED_SENTENCE.encode()[:-1]  # "。" is three bytes; two are left
    assert read_document(write(tmp_path / "cut.txt", data)) == SIMPLIFIED_SENTENCE[:-1]


def test_truncated_gbk_reads_too(tmp_path: Path) -> None:
    data = SIMPLIFIED.strip().encode("gbk")[:-1]
    assert read_document(write(tmp_path / "cut.txt", data)) == SIMPLIFIED.strip()[:-1]


def test_utf8_with_a_damaged_byte_reads_with_a_replacement_character(tmp_path: Path) -> None:
    good = SIMPLIFIED.encode()
    text = read_document(write(tmp_path / "damaged.txt", good[:300] + b"\xff" + good[300:]))
    assert "\ufffd" in text
    assert text.replace("\ufffd", "") == SIMPLIFIED


def test_line_ends_are_normalised_even_across_chunk_boundaries(tmp_path: Path) -> None:
    from ecograph.loaders.read.text import CHUNK

    data = b"a" * (CHUNK - 1) + b"\r\n" + "第二行\r第三行\r\n".encode("gbk")
    text = read_document(write(tmp_path / "crlf.txt", data))
    assert text.splitlines() == ["a" * (CHUNK - 1), "第二行", "第三行"]
    assert "\r" not in text


def test_document_with_no_entities_reads(tmp_path: Path) -> None:
    assert read_document(write(tmp_path / "weather.md", NO_ENTITIES)) == NO_ENTITIES


def test_name_with_spaces_and_chinese_reads(tmp_path: Path) -> None:
    path = write(tmp_path / "关于 产学研 合作的 答复 (2024).txt", SIMPLIFIED)
    assert read_document(path) == SIMPLIFIED


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  ", "no text, only whitespace"),
        ("中".encode()[:2], "no text"),
        (PNG, "binary file, not text (looks like PNG image)"),
        (JPEG, "binary file, not text (looks like JPEG image)"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "binary file, not text (looks like ZIP archive"),
        (pdf_with_text(["hello"]), "binary file, not text (looks like PDF document)"),
        (bytes(range(256)) * 8, "binary file, not text (contains NUL bytes)"),
        (SIMPLIFIED.encode() + b"\x00\x01\x02" * 10, "binary file, not text (contains NUL bytes)"),
    ],
    ids=["empty", "whitespace", "only-a-cut-char", "png", "jpeg", "zip", "pdf", "random", "nul-inside"],
)
def test_not_text_is_refused_with_a_reason_naming_the_file(tmp_path: Path, data: bytes, reason: str) -> None:
    path = write(tmp_path / "renamed notes.txt", data)
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert caught.value.reason.startswith(reason)
    assert caught.value.path == str(path)
    assert str(path) in str(caught.value)


def test_nul_bytes_after_the_first_chunk_are_caught(tmp_path: Path) -> None:
    from ecograph.loaders.read.text import CHUNK

    path = write(tmp_path / "log.txt", b"x" * (2 * CHUNK) + b"\x00" * 64)
    with pytest.raises(DocumentError, match="contains NUL bytes"):
        read_document(path)


@pytest.mark.large
def test_200_mb_text_reads_in_bounded_memory_and_time(tmp_path: Path) -> None:
    """The whole text is returned, so memory is about twice the text; never many times the file."""
    path = tmp_path / "huge.txt"
    line = "市科技局会同高校与企业开展联合攻关，report line 12345.\n".encode()
    block = line * ((1 << 20) // len(line))
    with path.open("wb") as f:
        for _ in range(200):
            f.write(block)
    size = path.stat().st_size
    try:
        started = time.perf_counter()
        tracemalloc.start()
        try:
            text = read_document(path)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        seconds = time.perf_counter() - started
        assert len(text) == size // len(line) * len(line.decode())
        assert text.endswith("report line 12345.\n")
        assert peak < 2.5 * size, f"peak {peak >> 20} MB for a {size >> 20} MB file"
        assert seconds < 20
    finally:
        path.unlink()


def test_text_beyond_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "giant.txt"
    with path.open("wb") as f:
        f.truncate((LIMIT_MB[".txt"] + 1) << 20)  # sparse: no disk, no time
    try:
        with pytest.raises(DocumentError, match=rf"larger than the limit of {LIMIT_MB['.txt']} MB"):
            read_document(path)
    finally:
        path.unlink()
