"""Helpers every reader shares: naming a binary format by its magic bytes, one-line error reasons."""

from __future__ import annotations

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
