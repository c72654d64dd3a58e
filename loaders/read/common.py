"""Helpers every reader shares: naming a binary format by its magic bytes, one-line error reasons,
file names safe to print, and the error for what is left out on purpose."""

from __future__ import annotations

import re

from ecograph.graph.errors import DocumentError

# (offset, magic bytes, what it is). Only signatures long or odd enough never to start real text.
_MAGIC: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF87a", "GIF image"),
    (0, b"GIF89a", "GIF image"),
    (0, b"II*\x00", "TIFF image"),
    (0, b"MM\x00*", "TIFF image"),
    (0, b"%PDF-", "PDF document"),
    (0, b"PK\x03\x04", "ZIP archive, e.g. .docx/.xlsx"),
    (0, b"PK\x05\x06", "ZIP archive, e.g. .docx/.xlsx"),
    (0, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office file, e.g. .doc/.xls"),
    (0, b"{\\rtf", "RTF document"),
    (0, b"\x1f\x8b", "gzip archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (0, b"Rar!\x1a\x07", "RAR archive"),
    (0, b"\x7fELF", "executable"),
    (0, b"SQLite format 3\x00", "SQLite database"),
    (4, b"ftyp", "MP4/MOV video"),
)


def sniff(head: bytes) -> str | None:
    """What binary format `head` (the first bytes of a file) starts with, or None if none we know."""
    for offset, magic, what in _MAGIC:
        if head[offset : offset + len(magic)] == magic:
            return what
    return None


def one_line(error: BaseException, limit: int = 200) -> str:
    """A library exception as a short single line, for a DocumentError reason."""
    text = " ".join(f"{type(error).__name__}: {error}".split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Skipped(DocumentError):
    """A file or archive member left out on purpose (hidden, clutter, unsafe name, link out of the folder).

    Not a failure: the batch's exit code stays 0, but the user still gets one `skipped:` line for it.
    """


# Control characters and line/paragraph separators: what can end or rewrite a printed line.
_BREAKING = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPED = {ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}


def printable(name: str) -> str:
    """A file name safe to print on one line and to store.

    Bytes that are not UTF-8 (Python keeps them as surrogates, e.g. a GBK name unzipped on Linux)
    are read as GB18030 when they are that, else shown as \\xNN; control and line-separator
    characters are escaped, so a name can never start a forged output line.
    """
    if any("\udc80" <= ch <= "\udcff" for ch in name):
        raw = name.encode("utf-8", "surrogateescape")
        try:
            name = raw.decode("gb18030")
        except UnicodeDecodeError:
            name = raw.decode("utf-8", "backslashreplace")
    return _BREAKING.sub(_escape, name)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return _ESCAPED.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
