"""Plain text (.txt, .md) in whatever encoding an office saved it, decoded chunk by chunk.

Order of evidence: a BOM; NUL bytes (UTF-16 without BOM, else binary); strict UTF-8; then
charset-normalizer's guesses plus the Chinese encodings (and UTF-8 with a few damaged bytes),
each verified by how much of the decoded sample is common Chinese. The verification matters
because charset-normalizer alone mistakes short Chinese text (a one-line title) for Korean or
UTF-16. Text that is not Chinese gets charset-normalizer's first guess that decodes cleanly.
"""

from __future__ import annotations

import codecs
import io
import unicodedata
from functools import cache
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from ecograph.graph.errors import DocumentError
from ecograph.loaders.read.common import sniff

CHUNK = 1 << 20
SAMPLE = 64 << 10
_SCORE_CHARS = 8192
_MIN_SCORE = 0.8
_MAX_BAD = 0.01

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UTF16 = ("utf-16-le", "utf-16-be")
# Encodings Chinese offices actually produce, each checked against the common-character set;
# UTF-8 comes last and alone is decoded leniently, for UTF-8 files with a few damaged bytes.
_CHINESE = ("gb18030", "cp950", "big5hkscs", *_UTF16, "utf-8")
# Decode with the superset: GBK text is valid GB18030, Windows' Big5 is cp950.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "big5": "cp950"}
# Non-ASCII characters that are not Chinese ideographs but are normal in Chinese documents:
# Latin-1 and Latin Extended-A, Greek/Cyrillic, general punctuation, currency, number forms, arrows,
# circled numbers, box drawing, shapes, CJK punctuation, full-width forms.
_PLAIN_RANGES = (
    (0x00A0, 0x017F), (0x0370, 0x04FF), (0x2010, 0x205E), (0x20A0, 0x20CF), (0x2100, 0x21FF),
    (0x2460, 0x24FF), (0x2500, 0x257F), (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF01, 0xFF65),
)  # fmt: skip


class _NotUtf8(Exception):
    """Strict UTF-8 failed at byte `offset`; the caller guesses another encoding from there."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


def read_text(path: Path) -> str:
    """The text of a .txt/.md file, decoded chunk by chunk: peak memory is about twice the text."""
    with path.open("rb") as f:
        return _read(f, path, declared=None)


def decode_bytes(data: bytes, path: Path, declared: str | None = None) -> str:
    """Text from bytes already in memory (HTML); `declared` (e.g. a meta charset) is a hint, verified."""
    return _read(io.BytesIO(data), path, declared)


def _read(f: BinaryIO, path: Path, declared: str | None) -> str:
    head = f.read(SAMPLE)
    if what := sniff(head):
        raise DocumentError(str(path), f"binary file, not text (looks like {what})")
    encoding = next((enc for bom, enc in _BOMS if head.startswith(bom)), None)
    if encoding is None and b"\x00" in head:
        encoding = _best_chinese(head, _UTF16)
        if encoding is None:
            raise _binary(path)
    if encoding is None:
        try:
            return _decode(f, path, "utf-8", strict=True)
        except _NotUtf8 as e:
            encoding = _guess(_sample_around(f, e.offset), declared)
        if encoding is None:
            raise DocumentError(
                str(path), "binary file or unknown text encoding (not UTF-8, UTF-16, GB18030 or Big5)"
            )
    return _decode(f, path, encoding, strict=False)


def _decode(f: BinaryIO, path: Path, encoding: str, *, strict: bool) -> str:
    """Decode the whole stream, normalising line ends; an incomplete last character is dropped."""
    f.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)("strict" if strict else "replace")
    parts: list[str] = []
    carry = ""
    offset = 0
    while chunk := f.read(CHUNK):
        pending = len(decoder.getstate()[0]) if strict else 0
        try:
            text = carry + decoder.decode(chunk)
        except UnicodeDecodeError as e:
            raise _NotUtf8(offset - pending + e.start) from None
        offset += len(chunk)
        if "\x00" in text:
            raise _binary(path)
        # A "\r" at the end may be the first half of a "\r\n" split across chunks.
        carry = "\r" if text.endswith("\r") else ""
        if carry:
            text = text[:-1]
        parts.append(text.replace("\r\n", "\n").replace("\r", "\n"))
    # Never decode(final=True): bytes still pending are a character cut off by truncation.
    parts.append("\n" if carry else "")
    return "".join(parts)


def _sample_around(f: BinaryIO, offset: int) -> bytes:
    """Bytes to guess from, starting at a line start so a double-byte encoding is read in step."""
    start = 0
    if offset >= SAMPLE:
        f.seek(offset - 4096)
        newline = f.read(4096).rfind(b"\n")
        start = offset - 4096 + newline + 1 if newline >= 0 else offset
    f.seek(start)
    return f.read(offset - start + SAMPLE)


def _guess(sample: bytes, declared: str | None) -> str | None:
    """The declared or detected encoding that decodes `sample` into plausible text, or None."""
    detected = [m.encoding for m in from_bytes(sample)]
    candidates = list(dict.fromkeys(c for e in (declared, *detected, *_CHINESE) if e and (c := _canonical(e))))
    chinese = _best_chinese(sample, [c for c in candidates if c in _CHINESE])
    if chinese:
        return chinese
    # Not (common) Chinese. UTF-16 without NULs could only be pure CJK, which scoring judged.
    for encoding in candidates:
        text = _try_decode(sample, encoding)
        if text and not encoding.startswith("utf-16") and _bad_ratio(text[:_SCORE_CHARS]) <= _MAX_BAD:
            return encoding
    return None


def _canonical(name: str) -> str | None:
    try:
        name = codecs.lookup(name).name
    except LookupError:
        return None
    return _SUPERSET.get(name, name)


def _best_chinese(sample: bytes, encodings: tuple[str, ...] | list[str]) -> str | None:
    """The encoding whose decoding of `sample` is most like Chinese text, if it is like enough."""
    best, best_score = None, _MIN_SCORE
    for encoding in encodings:
        text = _try_decode(sample, encoding, "replace" if encoding == "utf-8" else "strict")
        if text is None or "\x00" in text:
            continue
        score = _chinese_score(text[:_SCORE_CHARS])
        if score > best_score or (best is None and score == best_score):
            best, best_score = encoding, score
    return best


def _try_decode(sample: bytes, encoding: str, errors: str = "strict") -> str | None:
    """Decoding of a sample that may end mid-character; None if strict and the bytes are invalid."""
    try:
        return codecs.getincrementaldecoder(encoding)(errors).decode(sample)
    except UnicodeDecodeError:
        return None


def _chinese_score(text: str) -> float:
    """Share of non-ASCII (and ASCII control) characters that are common Chinese or normal symbols.

    A wrong guess among GB18030/Big5/UTF-16 still decodes without error, but into rare
    ideographs, kana and private-use characters; the right one gives common characters.
    """
    common = _common_hanzi()
    counted = plausible = 0
    for ch in text:
        if ch.isascii():
            counted += not (ch.isprintable() or ch in "\t\n\r\f\v")
            continue
        counted += 1
        code = ord(ch)
        plausible += ch in common or any(lo <= code <= hi for lo, hi in _PLAIN_RANGES)
    return plausible / counted if counted else 1.0


def _bad_ratio(text: str) -> float:
    """Share of characters no real text contains: controls, replacement, private use, unassigned."""
    if not text:
        return 1.0
    bad = sum(
        ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Co", "Cn", "Cs") and ch not in "\t\n\r\f\v")
        for ch in text
    )
    return bad / len(text)


@cache
def _common_hanzi() -> frozenset[str]:
    """GB2312 level 1 (3755 frequent simplified) plus Big5 frequent (5401 traditional) characters."""
    chars: set[str] = set()
    big5_trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    for encoding, leads, trails in (
        ("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)),
        ("big5", range(0xA4, 0xC6), big5_trails),
        ("big5", (0xC6,), range(0x40, 0x7F)),
    ):
        for lead in leads:
            for trail in trails:
                try:
                    chars.add(bytes((lead, trail)).decode(encoding))
                except UnicodeDecodeError:
                    continue
    return frozenset(chars)


def _binary(path: Path) -> DocumentError:
    return DocumentError(str(path), "binary file, not text (contains NUL bytes)")
