"""Issue 7 item 1 end to end: an office's worst folder through `ecograph ingest` (real process, real store).

Every bad file gets exactly one `error:` line naming it and the reason, every good file lands
(its Document record is in the store), and the exit code says whether anything failed.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from tests.cli.test_cli import _run as ecograph
from tests.loaders.read.corpus import (
    GB18030_ONLY,
    NO_ENTITIES,
    PNG,
    SIMPLIFIED,
    TRADITIONAL,
    news_page,
    pdf_with_chinese,
    write,
    write_docx,
    write_scanned_pdf,
)
from tests.reliability.conftest import snapshot

# Bad file (relative to the folder) → what its one error line must say.
BAD = {
    "empty.txt": "empty file",
    "binary.txt": "executable",
    "截图.txt": "PNG image",
    "huge.txt": "split it into parts",
    "broken.docx": "corrupt .docx",
    "broken.pdf": "pdf",
    "scan.pdf": "OCR",
    "old.doc": "save it as .docx",
    "bundle.zip/inner.zip": "archive inside an archive",
    "bundle.zip/photo.jpg": "unsupported format .jpg",
    "bomb.zip/big.html": "larger than the limit of 64 MB",
    "broken.zip": "corrupt .zip",
}
# Not a byte copy of big5.txt: a copy in a later group counts as unchanged, and members now count
# toward the group cap with their unpacked size, so the bomb's 65 MB member ends a group before it.
ATTACHMENT = (TRADITIONAL + "\n附件。\n").encode("big5")


def good_files(folder: Path) -> set[str]:
    """Documents that must be read: every encoding without a declaration, damaged UTF-8, odd names."""
    write(folder / "gbk.txt", SIMPLIFIED.encode("gbk"))
    write(folder / "gb18030.txt", GB18030_ONLY.encode("gb18030"))
    write(folder / "big5.txt", TRADITIONAL.encode("big5"))
    write(folder / "utf16.txt", SIMPLIFIED.encode("utf-16-le"))
    write(folder / "truncated.txt", SIMPLIFIED.encode("utf-8")[:-1])
    write(folder / "page.html", news_page(charset=None))
    write(folder / "no entities.txt", NO_ENTITIES)
    write(folder / "子目录/会议 纪要 2024.md", "# 纪要\n\n" + SIMPLIFIED)
    write_docx(folder / "reply.docx")
    write(folder / "layer.pdf", pdf_with_chinese(SIMPLIFIED.splitlines()[:3]))
    with zipfile.ZipFile(folder / "bundle.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("附件/答复.txt", ATTACHMENT)
        z.writestr("inner.zip", b"PK\x05\x06" + bytes(18))
        z.writestr("photo.jpg", b"\xff\xd8\xff\xe0")
    loop = folder / "loop"
    loop.mkdir()
    os.symlink("..", loop / "back")  # a symlink loop: loop/back/loop/back/...
    return {"gbk.txt", "gb18030.txt", "big5.txt", "utf16.txt", "truncated.txt", "page.html", "no entities.txt",
            "子目录/会议 纪要 2024.md", "reply.docx", "layer.pdf", "bundle.zip/附件/答复.txt"}


def bad_files(folder: Path) -> None:
    write(folder / "empty.txt", b"")
    write(folder / "binary.txt", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8)
    write(folder / "截图.txt", PNG + bytes(500))
    line = "市科技局会同高校与企业开展联合攻关，report line 12345.\n".encode()
    with (folder / "huge.txt").open("wb") as f:
        for _ in range(200):  # 200 MB of real text
            f.write(line * ((1 << 20) // len(line)))
    write(folder / "broken.docx", b"PK\x03\x04" + bytes(300))
    write(folder / "broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    write_scanned_pdf(folder / "scan.pdf")
    write(folder / "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    with zipfile.ZipFile(folder / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("big.html", b" " * (65 << 20))  # 65 MB of spaces, a few KB packed
    write(folder / "broken.zip", b"PK\x03\x04" + b"\x00" * 40)


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    folder = tmp_path_factory.mktemp("office") / "收件 箱"
    folder.mkdir()
    good = good_files(folder)
    bad_files(folder)
    return folder, good


def test_bad_files_are_named_with_their_reason_and_the_rest_lands(office: tuple[Path, set[str]], tmp_path: Path) -> None:
    folder, good = office
    result = ecograph(["ingest", "-q", str(folder)], tmp_path / "data", tmp_path, check=False)
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert "Traceback" not in result.stderr
    assert len(errors) == len(BAD), "\n".join(errors)
    for name, reason in BAD.items():
        mine = [e for e in errors if e.startswith(f"error: {folder / name}: ")]
        assert len(mine) == 1 and reason.lower() in mine[0].lower(), (name, errors)
    assert result.stdout.startswith(f"{len(good)} ingested, 0 unchanged, {len(BAD)} failed")
    nodes, _, docs = snapshot(tmp_path / "data")
    assert docs == good
    company = next(n for n in nodes if n[1] == "华东新材料股份有限公司")
    assert {"gbk.txt", "gb18030.txt", "utf16.txt", "truncated.txt", "page.html", "reply.docx"} <= company[3]  # named in each
    assert not any("SECRET" in n[1] or "广告" in n[1] for n in nodes)  # nothing from the page's scripts


def test_the_same_batch_without_the_bad_files_exits_0(office: tuple[Path, set[str]], tmp_path: Path) -> None:
    folder, good = office
    clean = tmp_path / "clean"
    clean.mkdir()
    good_files(clean)
    bundle = clean / "bundle.zip"  # the archive again, its bad members left out
    bundle.unlink()
    with zipfile.ZipFile(bundle, "w") as z:
        z.writestr("附件/答复.txt", ATTACHMENT)
    result = ecograph(["ingest", "-q", str(clean)], tmp_path / "data", tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{len(good)} ingested, 0 unchanged, 0 failed")
    assert snapshot(tmp_path / "data")[2] == good
