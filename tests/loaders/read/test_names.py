"""Names that must not hurt: unsafe zip member names, non-UTF-8 and control characters, deep HTML."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from ecograph.graph.errors import DocumentError
from ecograph.loaders.read import Skipped, iter_documents, printable, read_document
from tests.loaders.read.corpus import write

SENTENCE = "山西大学与太原理工大学签署战略合作协议。"


@pytest.mark.parametrize(("raw", "shown"), [
    ("附件1.txt".encode("gbk").decode("utf-8", "surrogateescape"), "附件1.txt"),  # a GBK name on Linux
    (b"\xff\xfe.txt".decode("utf-8", "surrogateescape"), "\\xff\\xfe.txt"),  # neither UTF-8 nor GB18030
    ("a\nerror: forged.txt", "a\\nerror: forged.txt"),
    ("tab\there\r\x1b[31m\u2028.txt", "tab\\there\\r\\x1b[31m\\u2028.txt"),
    ("会议　纪要 2024.md", "会议　纪要 2024.md"),  # spaces, full-width ones too, stay
])
def test_printable_names_are_one_line_and_encodable(raw: str, shown: str) -> None:
    assert printable(raw) == shown
    printable(raw).encode("utf-8")


def test_unsafe_member_names_are_skipped_each_with_a_reason(tmp_path: Path) -> None:
    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name in ("ok.txt", "../up.txt", "a/../../up2.txt", "/etc/abs.txt", "C:/win.txt", "a\\..\\..\\win2.txt"):
            z.writestr(zipfile.ZipInfo(name), SENTENCE)
    items = list(iter_documents([archive]))
    assert [i for i in items if isinstance(i, Path)] == [archive / "ok.txt"]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert len(skipped) == 5 and all(isinstance(i, DocumentError) for i in skipped)
    assert {i.path for i in skipped} == {f"{archive}/{n}" for n in
                                         ("../up.txt", "a/../../up2.txt", "/etc/abs.txt", "C:/win.txt", "a\\..\\..\\win2.txt")}
    assert all("已跳过" in i.reason and "skipped" in i.reason for i in skipped)


def test_hidden_files_and_clutter_in_a_zip_are_named(tmp_path: Path) -> None:
    archive = tmp_path / "mac.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("报告.txt", SENTENCE)
        z.writestr("__MACOSX/._报告.txt", b"\x00\x05\x16\x07")
        z.writestr(".DS_Store", b"\x00")
    items = list(iter_documents([archive]))
    assert items[-1] == archive / "报告.txt"
    assert sorted(Path(i.path).name for i in items if isinstance(i, Skipped)) == [".DS_Store", "._报告.txt"]


def test_a_file_name_with_gbk_bytes_reads(tmp_path: Path) -> None:
    path = os.path.join(os.fsencode(tmp_path), "附件1.txt".encode("gbk"))
    with open(path, "w", encoding="utf-8") as f:
        f.write(SENTENCE)
    [found] = iter_documents([tmp_path])
    assert isinstance(found, Path) and read_document(found) == SENTENCE
    assert printable(found.name) == "附件1.txt"


@pytest.mark.parametrize("depth", [300, 3_000, 50_000])
def test_deeply_nested_html_gives_its_text(tmp_path: Path, depth: int) -> None:
    page = "<html><body>" + "<div>" * depth + f"<p>{SENTENCE}</p><script>var x=1;</script>" + "</div>" * depth
    text = read_document(write(tmp_path / "deep.html", page + "</body></html>"))
    assert text.strip() == SENTENCE
