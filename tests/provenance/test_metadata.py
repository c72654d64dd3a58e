"""Document metadata: what the seeds and dev documents state about themselves, sidecars and `ingest --meta`,
and a store written before runs were recorded (refused by `changes`, migrated by the next ingest)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ecograph import queries
from ecograph.graph.backends import open_store
from ecograph.graph.model import Edge, Graph, Label, Node, RelType
from ecograph.graph.settings import Settings
from ecograph.loaders.ingest import ingest_paths
from ecograph.loaders.metadata import from_text, iso_date, load_mapping
from ecograph.loaders.read import read_document
from ecograph.queries.changes import LegacyStore, changes
from tests.conftest import REPO, SEEDS, SHARED

DEV = SHARED / "corpus" / "dev"


def _metas() -> dict[str, dict[str, str]]:
    files = sorted(SEEDS.iterdir()) + sorted(DEV.iterdir())
    return {f.name: from_text(read_document(f)) for f in files}


def test_bylines_and_headings_of_the_corpus() -> None:
    metas = _metas()
    dated = sum(1 for m in metas.values() if "date" in m)
    titled = sum(1 for m in metas.values() if "title" in m)
    print(f"\n{len(metas)} documents: {dated} with a date, {titled} with a title")
    assert len(metas) == 33 and dated >= 15 and titled >= 17
    seed = metas["000_7405eb821d4f810b.txt"]
    assert seed == {"title": "环球观速讯丨【新时代 新征程 新伟业】创新如潮逐浪高", "date": "2023-06-25", "publisher": "山西日报"}
    assert metas["002_ff8f2d40912de7b9.txt"]["date"] == "2024-04-13"  # 发布日期:2024-04-13
    assert metas["004_shenyang-city-imr-agreement.txt"]["publisher"] == "辽宁日报"  # 日期:…来源:辽宁日报
    assert metas["011_ningxia-keji-zhining-trad.txt"] == {"publisher": "新華網", "date": "2017-11-14"}
    assert metas["011_beijing-haidian-trillion-district.txt"]["date"] == "2022-01-14"  # front matter, RFC 2822
    assert metas["000_nanchang-enterprise-state-key-lab.txt"] == {"title": "南昌新增企业国家重点实验室", "date": "2015-10-21"}
    # a paragraph that opens with an event's date is no byline
    assert "date" not in metas["003_guiyang-provincial-key-labs.txt"]
    assert "title" not in metas["000_jinan-sdu-daxing-joint-lab-trad.txt"]


def test_dates_are_checked() -> None:
    assert iso_date("2023年6月5日") == "2023-06-05"
    assert iso_date("2022-7-14 23:40") == "2022-07-14"
    assert iso_date("2023-02-30") is None
    assert iso_date("明天") is None


def test_sidecar_and_mapping_file_override_the_text(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    text = (SEEDS / "000_7405eb821d4f810b.txt").read_text(encoding="utf-8")
    (docs / "a.txt").write_text(text, encoding="utf-8")
    (docs / "a.txt.meta.json").write_text(json.dumps({"title": "用户给的标题", "url": "https://example.org/a"}),
                                          encoding="utf-8")
    (docs / "b.txt").write_text("某市科技局发布通知。\n", encoding="utf-8")
    mapping = tmp_path / "meta.csv"
    mapping.write_text("file,title,date,publisher\nb.txt,通知标题,2024年3月1日,某市科技局\n", encoding="utf-8")
    data = tmp_path / "data"
    env = {"PYTHONPATH": str(REPO), "ECOGRAPH_DATA_DIR": str(data), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "ecograph", "ingest", "-q", "--meta",
                           str(mapping), str(docs)], capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr  # the sidecar is read with its document, not reported as unreadable
    assert "2 ingested" in done.stdout and "run " in done.stdout
    with open_store(Settings(data_dir=data)) as store:
        docs_by_path = {r["path"]: r for r in queries.run(store, "list_documents", {"skip": 0, "limit": 10})}
    assert docs_by_path["a.txt"]["title"] == "用户给的标题" and docs_by_path["a.txt"]["url"] == "https://example.org/a"
    assert docs_by_path["a.txt"]["date"] == "2023-06-25"  # the text's byline still fills what the sidecar leaves out
    assert (docs_by_path["b.txt"]["title"], docs_by_path["b.txt"]["date"]) == ("通知标题", "2024-03-01")


def test_mapping_file_refuses_a_bad_date(tmp_path: Path) -> None:
    bad = tmp_path / "meta.json"
    bad.write_text(json.dumps({"a.txt": {"date": "去年"}}), encoding="utf-8")
    with pytest.raises(Exception, match="日期"):
        load_mapping(bad)


def test_a_store_without_runs_is_refused_then_migrated(tmp_path: Path) -> None:
    with open_store(Settings(data_dir=tmp_path / "data")) as store:
        store.ensure_schema()
        lab, firm = Node.make(Label.Lab, "某某材料实验室", docs=["old.txt"]), Node.make(Label.Company, "某某材料有限公司", docs=["old.txt"])
        store.write(Graph(nodes=[lab, firm], edges=[
            Edge(source=firm.id, target=lab.id, type=RelType.HOSTS, evidence="某某材料有限公司建设某某材料实验室。", doc="old.txt")]))
        with pytest.raises(LegacyStore, match="此图库建于记录导入批次之前"):
            changes(store, "2000-01-01")
        report = ingest_paths([SEEDS], store)
        result = changes(store, "2000-01-01")
        migration = result.runs[0]
        assert migration.status == "migrated" and result.runs[1].id == report.run
        since_migration = changes(store, migration.id)
        added = {e.entity.id for g in since_migration.chains for e in g.entities}
        assert lab.id not in added and firm.id not in added and added
