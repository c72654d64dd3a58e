"""Issue 13, files: nothing lost, nothing stale, and no one bad file name takes the batch down.

Each test runs `ecograph ingest` as a real process on a real store (or the real pipeline), on
files made for the case: two offices' 附件1.txt, zip members with absolute and `..` names, a GBK
file name, a name with a newline, a link out of the folder, a paragraph without end marks.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from ecograph.graph.backends import open_store
from ecograph.graph.model import Document, Graph
from ecograph.graph.settings import Settings
from ecograph.loaders.ingest import document_id, ingest_paths
from ecograph.loaders.normalise import is_chrome
from ecograph.loaders.pipeline import extract_text
from ecograph.loaders.segment import SENTENCE_MAX, sentences
from tests.cli.test_cli import _run as ecograph
from tests.loaders.read.corpus import PNG, write
from tests.reliability.conftest import snapshot

A = "山西大学与太原理工大学签署战略合作协议。\n"
B = "中北大学与太原钢铁集团有限公司开展合作。\n"
PROBE = "依托山西大学建设的光伏材料重点实验室于2023年6月25日正式揭牌。"


def _pairs(data: Path) -> set[tuple[frozenset[str], str]]:
    """Each stored relationship as ({its two ends}, the document that states it)."""
    return {(frozenset(e[1:3]), e[3]) for e in snapshot(data)[1]}


def test_two_offices_files_of_one_name_are_two_documents_and_replacing_is_explicit(tmp_path: Path) -> None:
    a = write(tmp_path / "offA" / "附件1.txt", A)
    b = write(tmp_path / "offB" / "附件1.txt", B)
    data = tmp_path / "data"
    ecograph(["ingest", "-q", str(a.parent)], data, tmp_path)
    second = ecograph(["ingest", "-q", str(b.parent)], data, tmp_path)
    assert "renamed: 附件1.txt → offB/附件1.txt" in second.stderr, second.stderr
    assert second.stdout.startswith("1 ingested, 0 unchanged, 0 failed, 1 renamed")
    univ, steel = frozenset({"山西大学", "太原理工大学"}), frozenset({"中北大学", "太原钢铁集团有限公司"})
    assert _pairs(data) == {(univ, "附件1.txt"), (steel, "offB/附件1.txt")}

    write(b, "中北大学与山西大学开展合作。\n")  # offB edits its file: the same path of the same source
    third = ecograph(["ingest", "-q", str(b.parent)], data, tmp_path)
    assert "replaced: offB/附件1.txt" in third.stderr and "renamed" not in third.stderr, third.stderr
    assert _pairs(data) == {(univ, "附件1.txt"), (frozenset({"中北大学", "山西大学"}), "offB/附件1.txt")}

    c = write(tmp_path / "offC" / "附件1.txt", B)  # --replace: take the place of the stored 附件1.txt
    forced = ecograph(["ingest", "-q", "--replace", str(c)], data, tmp_path)
    assert "replaced: 附件1.txt" in forced.stderr, forced.stderr
    assert _pairs(data) == {(steel, "附件1.txt"), (frozenset({"中北大学", "山西大学"}), "offB/附件1.txt")}


def test_the_same_batch_of_two_folders_keeps_both(tmp_path: Path) -> None:
    a = write(tmp_path / "2023" / "通知.txt", A)
    b = write(tmp_path / "附件" / "2023" / "通知.txt", B)
    with open_store(Settings(data_dir=tmp_path / "data")) as store:
        report = ingest_paths([a.parent, b.parent], store)
    assert report.renamed == [("通知.txt", "2023/通知.txt")] and len(report.ingested) == 2
    assert snapshot(tmp_path / "data")[2] == {"通知.txt", "2023/通知.txt"}


def test_a_document_stored_before_ids_had_a_source_is_replaced_not_doubled(tmp_path: Path) -> None:
    doc = write(tmp_path / "docs" / "通报.txt", A)
    with open_store(Settings(data_dir=tmp_path / "data")) as store:
        store.write(Graph(documents=[Document(id=document_id("通报.txt"), path="通报.txt", sha256="0" * 64)]))
        report = ingest_paths([doc.parent], store)
    assert report.replaced == ["通报.txt"] and not report.renamed
    assert snapshot(tmp_path / "data")[2] == {"通报.txt"}


def test_a_sentence_with_a_date_or_a_label_is_not_page_chrome(tmp_path: Path) -> None:
    sentences_ = [PROBE, "双方签约仪式于2023年6月26日在长治举行。", "时间：2023年6月25日，山西大学与太原理工大学签署协议。"]
    assert not any(is_chrome(s) for s in sentences_)
    chrome = ["首页 > 新闻 > 正文", "2023-06-25 09:17 来源：山西日报", "责任编辑：王五"]
    doc = write(tmp_path / "docs" / "揭牌.txt", "\n".join(chrome + sentences_) + "\n")
    with open_store(Settings(data_dir=tmp_path / "data")) as store:
        report = ingest_paths([doc.parent], store)
    assert report.chrome_lines == len(chrome) and f"{len(chrome)} page-chrome lines dropped" in report.summary()
    nodes = {n[1] for n in snapshot(tmp_path / "data")[0]}
    assert {"山西大学", "光伏材料重点实验室"} <= nodes, nodes


def test_unsafe_zip_members_get_a_line_each_and_nothing_outside_the_archive_is_read(tmp_path: Path) -> None:
    local = write(tmp_path / "local" / "secret.txt", B)  # a member with this absolute name must not read it
    folder = tmp_path / "docs"
    folder.mkdir()
    with zipfile.ZipFile(folder / "bundle.zip", "w") as z:
        z.writestr("good.txt", A)
        z.writestr("../escape.txt", B)
        z.writestr(zipfile.ZipInfo(str(local)), "本地文件不应被读取。")
        z.writestr("__MACOSX/._good.txt", b"\x00\x05\x16\x07")
    result = ecograph(["ingest", "-q", str(folder)], tmp_path / "data", tmp_path, check=False)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped: ")]
    assert len(skipped) == 3, result.stderr
    assert any("../escape.txt" in s and ".." in s.split(": ", 2)[2] for s in skipped)
    assert any(str(local) in s and "绝对路径" in s for s in skipped)
    nodes, _, docs = snapshot(tmp_path / "data")
    assert docs == {"bundle.zip/good.txt"} and not any(n[1] == "中北大学" for n in nodes)


def test_a_gbk_file_name_does_not_sink_the_batch(tmp_path: Path) -> None:
    folder = tmp_path / "unzipped"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), "附件1.txt".encode("gbk")), "w", encoding="utf-8") as f:
        f.write(A)
    write(folder / "good.txt", B)
    result = ecograph(["ingest", "-q", str(folder)], tmp_path / "data", tmp_path, check=False)
    assert result.returncode == 0 and result.stdout.startswith("2 ingested"), result.stderr
    assert snapshot(tmp_path / "data")[2] == {"附件1.txt", "good.txt"}  # the GBK bytes read as GBK


def test_a_newline_in_a_file_name_cannot_forge_an_output_line(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write(folder / "x\nerror: forged.txt", PNG)
    write(folder / "ok.txt", A)
    result = ecograph(["ingest", "-q", str(folder)], tmp_path / "data", tmp_path, check=False)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "x\\nerror: forged.txt" in errors[0], result.stderr


def test_pypdf_notes_are_warning_lines_naming_the_file(tmp_path: Path) -> None:
    write(tmp_path / "docs" / "broken.pdf", b"%PDF-1.4\ntruncated")
    result = ecograph(["ingest", "-q", str(tmp_path / "docs")], tmp_path / "data", tmp_path, check=False)
    lines = result.stderr.splitlines()
    assert lines and all(line.startswith(("error: ", "warning: ")) for line in lines), result.stderr
    assert any(line.startswith("warning: ") and "broken.pdf" in line and "EOF marker" in line for line in lines)


def test_links_out_of_the_folder_are_not_followed_unless_asked(tmp_path: Path) -> None:
    outside = write(tmp_path / "elsewhere" / "外部.txt", B)
    folder = tmp_path / "docs"
    write(folder / "内部.txt", A)
    (folder / "etc_dir").symlink_to(outside.parent, target_is_directory=True)
    (folder / "子目录").symlink_to(folder, target_is_directory=True)  # inside the folder: followed (a loop, ends)
    result = ecograph(["ingest", "-q", str(folder)], tmp_path / "data", tmp_path)
    reason = "符号链接指向所给文件夹之外，未跟随 (symbolic link leads outside the given folder; not followed without " \
             "--follow-symlinks)"
    assert [line for line in result.stderr.splitlines() if "etc_dir" in line] == [f"skipped: {folder / 'etc_dir'}: {reason}"]
    assert snapshot(tmp_path / "data")[2] == {"内部.txt"}
    ecograph(["ingest", "-q", "--follow-symlinks", str(folder)], tmp_path / "data", tmp_path)
    assert snapshot(tmp_path / "data")[2] == {"内部.txt", "etc_dir/外部.txt"}


def test_a_long_paragraph_without_end_marks_extracts_in_linear_time() -> None:
    unit = "山西大学与太原理工大学共建光伏材料重点实验室，"
    text = unit * (300_000 // len(unit))
    assert max(len(s.text) for s in sentences(text)) <= SENTENCE_MAX
    started = time.perf_counter()
    graph = extract_text(text, "long.txt")
    assert time.perf_counter() - started < 20  # the whole paragraph as one sentence: minutes
    assert {"山西大学", "太原理工大学"} <= {n.name for n in graph.nodes}


def test_zip_members_count_toward_the_group_cap(tmp_path: Path) -> None:
    """250 members of 3 MB in a small zip: the batch's memory stays that of one group, not of 750 MB."""
    with zipfile.ZipFile(tmp_path / "many.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(250):
            z.writestr(f"m{i:03d}.txt", (b" " * 99 + b"\n") * 30_000)
    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=False, capture_output=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    env = {**os.environ, "ECOGRAPH_DATA_DIR": str(tmp_path / "data")}
    out = subprocess.run([sys.executable, "-c", probe, sys.executable, "-m", "ecograph", "ingest", "-q",
                          str(tmp_path / "many.zip")], env=env, capture_output=True, text=True, check=True, timeout=600)
    peak_mb = int(out.stdout) / 1024
    assert peak_mb < 500, peak_mb
