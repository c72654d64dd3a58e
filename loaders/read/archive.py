"""Zip archives (.zip): each supported member is a document, named `archive.zip/member/path`.

Offices send folders as zip files, so a member is read like a file of the same suffix. A member
is never extracted under its own name (no zip-slip): its bytes are copied, counted, into a
temporary file. Limits against zip bombs: the member count, each member's unpacked size (the
limit of its format) and the archive's total unpacked size; nested archives are refused. A member
whose name is absolute or climbs out with `..` is never read (another tool would write it outside
the folder) and gets its own `skipped:` line, like every other member left out.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ecograph.graph.errors import DocumentError
from ecograph.loaders.read.common import Skipped, one_line, printable

SUFFIX = ".zip"
MAX_MEMBERS = 10_000
MAX_UNPACKED_MB = 2048
_CHUNK = 1 << 20
_UTF8_FLAG = 0x800
_DRIVE = re.compile(r"^[A-Za-z]:")


def split_member(path: Path) -> tuple[Path, str] | None:
    """(archive, member name) when `path` names a member inside a .zip file, else None."""
    for parent in path.parents:
        if parent.suffix.lower() == SUFFIX and parent.is_file():
            return parent, path.relative_to(parent).as_posix()
    return None


def _name(info: zipfile.ZipInfo) -> str:
    """The member's real name: Windows zips store Chinese names in GBK without the UTF-8 flag."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _unsafe(name: str) -> str | None:
    """Why a member name may not be read as a path inside the archive, or None when it may."""
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or _DRIVE.match(name):
        return "成员名是绝对路径，已跳过 (absolute member name; skipped)"
    if ".." in pure.parts:
        return "成员名含 ..，指向压缩包之外，已跳过 (member name climbs out with '..'; skipped)"
    return None


def member_size(archive: Path, member: str) -> int:
    """A member's declared unpacked size (0 when unknown), so members count toward the ingest's group cap."""
    try:
        with _open(archive) as package:
            return _sizes(package).get(member, 0)
    except (DocumentError, OSError):
        return 0


def _sizes(package: zipfile.ZipFile) -> dict[str, int]:
    return {_name(i): i.file_size for i in package.infolist() if not i.is_dir()}


def _open(archive: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as e:
        raise DocumentError(str(archive), f"corrupt .zip: {one_line(e)}") from e


def _members(package: zipfile.ZipFile, archive: Path) -> dict[str, zipfile.ZipInfo]:
    """Files of the archive by real name, after the count and total-size limits."""
    infos = package.infolist()
    if len(infos) > MAX_MEMBERS:
        raise DocumentError(str(archive), f".zip has more than {MAX_MEMBERS} members; refused")
    if sum(i.file_size for i in infos) > MAX_UNPACKED_MB << 20:
        raise DocumentError(str(archive), f".zip unpacks to more than {MAX_UNPACKED_MB} MB; refused (zip bomb?)")
    return {_name(i): i for i in infos if not i.is_dir()}


def iter_members(
    archive: Path, supported: frozenset[str], unsupported: Callable[[str], str], skipped: Callable[[str], bool]
) -> Iterator[Path | DocumentError]:
    """A path per supported member (in name order); a DocumentError per member left out, or for the archive.

    Members under a skipped name (hidden, lock files, clutter, macOS's __MACOSX) are left out as in
    folders, and unsafe names (absolute, `..`) are never read; each of them is yielded as `Skipped`.
    """
    try:
        with _open(archive) as package:
            names = sorted(_members(package, archive))
    except DocumentError as e:
        yield e
        return
    except OSError as e:
        yield DocumentError(str(archive), f"cannot read: {e.strerror or e}")
        return
    for name in names:
        if (unsafe := _unsafe(name)) is not None:
            yield Skipped(f"{archive}/{printable(name)}", unsafe)
            continue
        member = archive / name
        pure = PurePosixPath(name)
        suffix = pure.suffix.lower()
        if pure.parts[0] == "__MACOSX" or any(skipped(part) for part in pure.parts):
            yield Skipped(str(member), "隐藏文件或系统文件，已跳过 (hidden or system file; skipped)")
            continue
        if suffix == SUFFIX:
            yield DocumentError(str(member), "archive inside an archive; unpack it first")
        elif suffix not in supported:
            yield DocumentError(str(member), unsupported(suffix))
        else:
            yield member


def open_member(archive: Path, member: str, limit_mb: int) -> BinaryIO:
    """The member's bytes as a stream, refused when it unpacks beyond `limit_mb` or is encrypted."""
    path = str(archive / member)
    package = _open(archive)
    try:
        info = _members(package, archive).get(member)
        if info is None:
            raise DocumentError(path, "no such member in the archive")
        if info.flag_bits & 0x1:
            raise DocumentError(path, "encrypted member of a .zip; needs a password")
        if info.file_size > limit_mb << 20:
            raise DocumentError(path, f"file is larger than the limit of {limit_mb} MB")
        stream = _BoundedMember(package, info, limit_mb << 20, path)
    except BaseException:
        package.close()
        raise
    return stream  # type: ignore[return-value]


class _BoundedMember:
    """A member stream that stops at its limit even when the header lies about the size."""

    def __init__(self, package: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, path: str) -> None:
        self._package = package
        self._stream = package.open(info)
        self._left = limit
        self._path = path

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            return b"".join(iter(lambda: self.read(_CHUNK), b""))
        try:
            data = self._stream.read(min(size, self._left + 1))
        except (zipfile.BadZipFile, EOFError, NotImplementedError, OSError) as e:
            raise DocumentError(self._path, f"corrupt member of a .zip: {one_line(e)}") from e
        self._left -= len(data)
        if self._left < 0:
            raise DocumentError(self._path, "member unpacks beyond its size limit; refused (zip bomb?)")
        return data

    def __enter__(self) -> _BoundedMember:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stream.close()
        self._package.close()


def read_member(archive: Path, member: str, limit_mb: int, read: Callable[[Path], str]) -> str:
    """Copy the member into a temporary file of the same suffix and read that; errors name the member."""
    path = str(archive / member)
    with tempfile.TemporaryDirectory(prefix="ecograph-zip-") as tmp:
        target = Path(tmp) / f"member{PurePosixPath(member).suffix.lower()}"
        with open_member(archive, member, limit_mb) as source, target.open("wb") as out:
            shutil.copyfileobj(source, out, _CHUNK)  # type: ignore[misc]
        try:
            return read(target)
        except DocumentError as e:
            raise DocumentError(path, e.reason) from e
