"""The read stage: a document on disk becomes its raw text, one paragraph per line.

`read_document` raises nothing but `DocumentError`, and `iter_documents` raises nothing at all,
so one bad file in an office's folder never stops a batch.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ecograph.graph.errors import DocumentError
from ecograph.loaders.read import archive
from ecograph.loaders.read.common import Skipped, printable
from ecograph.loaders.read.docx import read_docx
from ecograph.loaders.read.html import read_html
from ecograph.loaders.read.pdf import read_pdf
from ecograph.loaders.read.text import read_text

__all__ = [
    "LIMIT_MB", "SUPPORTED_SUFFIXES", "Skipped", "document_size", "iter_documents", "open_document", "printable",
    "read_document",
]

_READERS: dict[str, Callable[[Path], str]] = {
    ".txt": read_text,
    ".md": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
SUPPORTED_SUFFIXES = frozenset(_READERS)
# Text is decoded chunk by chunk (memory about twice the text); the other formats are parsed
# whole by their libraries, whose memory grows many times the file, so their limits are lower.
LIMIT_MB = {".txt": 512, ".md": 512, ".html": 64, ".htm": 64, ".docx": 128, ".pdf": 256}
_CONVERT_HINT = {
    ".doc": "save it as .docx",
    ".wps": "save it as .docx",
    ".rtf": "save it as .docx",
    ".odt": "save it as .docx",
    ".ofd": "export it as .pdf",
    ".xps": "export it as .pdf",
}
# System clutter that office folders carry; like dot-files, never a document.
_CLUTTER = frozenset({"thumbs.db", "desktop.ini"})


def read_document(path: Path) -> str:
    """The text of one document, or a DocumentError saying in one line why it cannot be read.

    `path` may name a member of a .zip archive (`folder/archive.zip/member.docx`, as
    `iter_documents` yields them).
    """
    path = Path(path)
    if (member := _member(path)) is not None:
        return archive.read_member(*member, read_document)
    try:
        info = path.stat()
    except OSError as e:
        raise DocumentError(str(path), _os_reason(path, e)) from e
    if stat.S_ISDIR(info.st_mode):
        raise DocumentError(str(path), "is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise DocumentError(str(path), "not a regular file")
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        raise DocumentError(str(path), _unsupported(suffix))
    if info.st_size == 0:
        raise DocumentError(str(path), "empty file")
    if info.st_size > LIMIT_MB[suffix] << 20:
        raise DocumentError(str(path), f"file is larger than the limit of {LIMIT_MB[suffix]} MB")
    try:
        text = reader(path)
    except OSError as e:
        raise DocumentError(str(path), _os_reason(path, e)) from e
    if not text or text.isspace():
        raise DocumentError(str(path), "no text, only whitespace" if text else "no text")
    return text


def open_document(path: Path) -> BinaryIO:
    """The raw bytes of a document (a file or an archive member) as a stream, for its content hash."""
    path = Path(path)
    if (member := _member(path)) is not None:
        return archive.open_member(*member)
    return path.open("rb")


def document_size(path: Path) -> int:
    """Bytes a document unpacks to (an archive member's declared size), 0 when unknown; for batching."""
    path = Path(path)
    if (found := archive.split_member(path)) is not None:
        return archive.member_size(*found)
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _member(path: Path) -> tuple[Path, str, int] | None:
    """(archive, member, size limit in MB) when `path` names a supported member of a .zip."""
    found = archive.split_member(path)
    if found is None:
        return None
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(str(path), _unsupported(suffix))
    return (*found, LIMIT_MB[suffix])


def iter_documents(paths: Iterable[Path], *, follow_symlinks: bool = False) -> Iterator[Path | DocumentError]:
    """Each readable document once, folders expanded depth-first in name order; problems yielded.

    Hidden files and folders (and Office lock files "~$…", system clutter) inside folders are
    yielded as `Skipped`, and so is a symbolic link inside a folder that leads out of the folder
    given, unless `follow_symlinks`: ingesting `docs/` must not read `docs/etc -> /etc`. Every
    directory and file is remembered by device and inode, so symlink loops end and a file reached
    twice is yielded once. Files of other formats are yielded as DocumentErrors, so the user learns
    what was left out. A .zip archive yields its members (see loaders.read.archive).
    """
    seen: set[tuple[int, int]] = set()
    for root in paths:
        inside = Path(os.path.realpath(root))
        stack = [Path(root)]
        while stack:
            path = stack.pop()
            try:
                info = path.stat()
            except OSError as e:
                yield _left_out(path, root, inside, follow_symlinks) or DocumentError(str(path), _os_reason(path, e))
                continue
            key = (info.st_dev, info.st_ino)
            if key in seen:
                continue
            if (skip := _left_out(path, root, inside, follow_symlinks)) is not None:
                yield skip
                continue
            seen.add(key)
            if stat.S_ISDIR(info.st_mode):
                try:
                    children = sorted(path.iterdir(), key=lambda child: child.name)
                except OSError as e:
                    yield DocumentError(str(path), _os_reason(path, e))
                    continue
                stack.extend(reversed(children))
            elif not stat.S_ISREG(info.st_mode):
                yield DocumentError(str(path), "not a regular file")
            elif path.suffix.lower() == archive.SUFFIX:
                yield from archive.iter_members(path, SUPPORTED_SUFFIXES, _unsupported, _skipped)
            elif path.suffix.lower() not in SUPPORTED_SUFFIXES:
                yield DocumentError(str(path), _unsupported(path.suffix.lower()))
            elif not os.access(path, os.R_OK):
                yield DocumentError(str(path), "permission denied")
            else:
                yield path


def _left_out(path: Path, root: Path, inside: Path, follow_symlinks: bool) -> Skipped | None:
    """Why a file found inside a given folder is skipped on purpose, or None."""
    if path == Path(root):
        return None
    if _skipped(path.name):
        return Skipped(str(path), "隐藏文件或系统文件，已跳过 (hidden or system file; skipped)")
    if not follow_symlinks and path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(inside):
        return Skipped(str(path), "符号链接指向所给文件夹之外，未跟随 (symbolic link leads outside the given "
                                  "folder; not followed without --follow-symlinks)")
    return None


def _skipped(name: str) -> bool:
    return name.startswith((".", "~$")) or name.lower() in _CLUTTER


def _unsupported(suffix: str) -> str:
    if not suffix:
        return "unsupported format (no file extension)"
    hint = _CONVERT_HINT.get(suffix)
    return f"unsupported format {suffix}" + (f" ({hint})" if hint else "")


def _os_reason(path: Path, error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "broken symbolic link" if path.is_symlink() else "file not found"
    if isinstance(error, PermissionError):
        return "permission denied"
    return f"cannot read: {error.strerror or error}"
