"""The front door: a whole office folder in, every good document read, every bad one named, no raise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ecograph.graph.errors import DocumentError
from ecograph.loaders.read import SUPPORTED_SUFFIXES, iter_documents, read_document
from tests.loaders.read.corpus import (
    NO_ENTITIES,
    PNG,
    SIMPLIFIED,
    TRADITIONAL,
    news_page,
    pdf_with_text,
    write,
    write_docx,
    write_scanned_pdf,
)


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == {".txt", ".md", ".html", ".htm", ".docx", ".pdf"}


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """An office's folder as users hand it over: good files, bad files, clutter, links and a loop."""
    root = tmp_path / "office"
    write(root / "a 工作报告.txt", SIMPLIFIED.encode("gbk"))
    write(root / "b empty.txt", b"")
    write(root / "c photo.txt", PNG)
    write(root / "d weather.md", NO_ENTITIES)
    write(root / "e news.html", news_page())
    write_docx(root / "f 答复.docx")
    write(root / "g report.pdf", pdf_with_text(["Annual report 2024"]))
    write_scanned_pdf(root / "h scan.pdf")
    write(root / "i broken.docx", b"PK\x03\x04broken")
    write(root / "j broken.pdf", b"%PDF-1.4\ntruncated")
    write(root / "k old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    write(root / "l noextension", b"hello")
    write(root / ".hidden.txt", "hidden")
    write(root / ".git" / "config.txt", "hidden folder")
    write(root / "~$f 答复.docx", b"Word lock file")
    write(root / "Thumbs.db", b"\x00\x01")
    write(root / "sub" / "big5 報告.txt", TRADITIONAL.encode("big5"))
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)  # a symlink loop
    (root / "sub" / "self.txt").symlink_to(root / "sub" / "self.txt")  # a link to itself
    (root / "sub" / "dangling.txt").symlink_to(root / "gone.txt")
    (root / "sub" / "same as a.txt").symlink_to(root / "a 工作报告.txt")  # one file, reached twice
    os.mkfifo(root / "sub" / "pipe.txt")  # reading it would block forever
    return root


def _summary(items: list[Path | DocumentError], root: Path) -> list[tuple[str, str]]:
    return [
        ("ok", str(item.relative_to(root)))
        if isinstance(item, Path)
        else (str(Path(item.path).relative_to(root)), item.reason)
        for item in items
    ]


def test_iter_documents_walks_a_folder_deterministically_and_never_raises(office: Path) -> None:
    items = list(iter_documents([office]))
    hidden = "隐藏文件或系统文件，已跳过 (hidden or system file; skipped)"
    assert _summary(items, office) == [
        (".git", hidden),  # left out on purpose, and said so, one line each
        (".hidden.txt", hidden),
        ("Thumbs.db", hidden),
        ("ok", "a 工作报告.txt"),
        ("ok", "b empty.txt"),
        ("ok", "c photo.txt"),
        ("ok", "d weather.md"),
        ("ok", "e news.html"),
        ("ok", "f 答复.docx"),
        ("ok", "g report.pdf"),
        ("ok", "h scan.pdf"),
        ("ok", "i broken.docx"),
        ("ok", "j broken.pdf"),
        ("k old.doc", "unsupported format .doc (save it as .docx)"),
        ("l noextension", "unsupported format (no file extension)"),
        ("ok", "sub/big5 報告.txt"),
        ("sub/dangling.txt", "broken symbolic link"),
        ("sub/pipe.txt", "not a regular file"),
        ("sub/self.txt", "cannot read: Too many levels of symbolic links"),
        ("~$f 答复.docx", hidden),
    ]
    assert _summary(list(iter_documents([office])), office) == _summary(items, office)  # same again


def test_every_document_of_the_folder_reads_or_says_why(office: Path) -> None:
    outcomes: dict[str, str] = {}
    for item in iter_documents([office]):
        if isinstance(item, DocumentError):
            outcomes[Path(item.path).name] = item.reason
            continue
        try:
            outcomes[item.name] = "text: " + read_document(item).splitlines()[0]
        except DocumentError as error:
            assert error.path == str(item)
            outcomes[item.name] = error.reason
    assert outcomes["a 工作报告.txt"] == "text: 市人民政府关于推进产学研合作的工作报告"
    assert outcomes["big5 報告.txt"] == "text: 市政府關於推動產學研合作的工作報告"
    assert outcomes["d weather.md"] == "text: 今天天气很好，大家都很开心。"
    assert outcomes["e news.html"] == "text: 校企签署战略合作协议"
    assert outcomes["f 答复.docx"] == "text: 关于推进产学研合作的答复"
    assert outcomes["g report.pdf"] == "text: Annual report 2024"
    assert outcomes["b empty.txt"] == "empty file"
    assert outcomes["c photo.txt"] == "binary file, not text (looks like PNG image)"
    assert outcomes["h scan.pdf"] == "PDF has no text layer (scanned?); OCR is not supported"
    assert outcomes["i broken.docx"].startswith("corrupt .docx:")
    assert outcomes["j broken.pdf"].startswith("corrupt .pdf:")
    assert len(outcomes) == 20  # 16 documents and 4 left out on purpose


def test_explicit_paths_missing_repeated_and_hidden(tmp_path: Path) -> None:
    notes = write(tmp_path / ".notes.txt", "明确指定的隐藏文件照样读取。")
    items = list(iter_documents([tmp_path / "missing.txt", notes, tmp_path, notes]))
    assert isinstance(items[0], DocumentError) and items[0].reason == "file not found"
    assert items[1:] == [notes]  # the folder holds only the hidden file, already yielded


def test_symlink_loop_deep_in_a_tree_ends(tmp_path: Path) -> None:
    deep = tmp_path / "a" / "b" / "c"
    write(deep / "doc.txt", "正文")
    (deep / "up").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "a" / "b" / "sideways").symlink_to(deep, target_is_directory=True)
    assert list(iter_documents([tmp_path])) == [deep / "doc.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file regardless of permissions")
def test_unreadable_file_and_folder_are_yielded_as_errors(tmp_path: Path) -> None:
    locked = write(tmp_path / "locked.txt", "机密")
    closed = tmp_path / "closed"
    closed.mkdir()
    locked.chmod(0)
    closed.chmod(0)
    try:
        reasons = {Path(e.path).name: e.reason for e in iter_documents([tmp_path]) if isinstance(e, DocumentError)}
        assert reasons == {"locked.txt": "permission denied", "closed": "permission denied"}
        with pytest.raises(DocumentError, match="permission denied"):
            read_document(locked)
    finally:
        locked.chmod(0o644)
        closed.chmod(0o755)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("missing.txt", "file not found"),
        ("folder.txt", "is a directory"),
        ("pipe.txt", "not a regular file"),
        ("dangling.md", "broken symbolic link"),
        ("sheet.xlsx", "unsupported format .xlsx"),
        ("Report.DOC", "unsupported format .doc (save it as .docx)"),
        ("公文.ofd", "unsupported format .ofd (export it as .pdf)"),
    ],
)
def test_read_document_refuses_what_is_not_a_readable_document(tmp_path: Path, name: str, reason: str) -> None:
    (tmp_path / "folder.txt").mkdir()
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "dangling.md").symlink_to(tmp_path / "gone.md")
    write(tmp_path / "sheet.xlsx", b"PK\x03\x04")
    write(tmp_path / "Report.DOC", b"\xd0\xcf\x11\xe0")
    write(tmp_path / "公文.ofd", b"PK\x03\x04")
    with pytest.raises(DocumentError) as caught:
        read_document(tmp_path / name)
    assert caught.value.reason == reason
    assert caught.value.path == str(tmp_path / name)
