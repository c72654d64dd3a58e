"""The planners' pages in a real headless chromium: drawn, no console error, nothing requested beyond localhost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from bench.chromium import Chromium
from bench.served import serve
from ecograph.graph.store import GraphStore
from ecograph.queries.coverage import coverage
from ecograph.queries.regions import region_view
from ecograph.queries.report import chain_report
from tests.conftest import load

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def app(graph_dir: Path, store: GraphStore) -> Iterator[str]:
    with serve(graph_dir) as url:
        yield url



def count(browser: Chromium, selector: str) -> int:
    return int(browser.evaluate(f"document.querySelectorAll({selector!r}).length"))


@pytest.mark.parametrize("chain", ["高端装备制造", "生物医药大健康"])
def test_report_page_draws_every_segment_and_gap(browser: Chromium, app: str, store: GraphStore, tmp_path: Path, chain: str) -> None:
    report = chain_report(store, chain)
    load(browser, f"{app}/chains/{quote(chain)}/report?format=html", tmp_path / "report.png")
    assert count(browser, "#panorama .segment") == len(report.segments)
    assert count(browser, "#panorama .segment.gap") == len({g.segment for g in report.gaps if g.segment})
    assert count(browser, "#gaps li") == max(1, len(report.gaps))
    assert browser.evaluate("document.getElementById('panorama').getBoundingClientRect().height") > 100


def test_coverage_heatmap_draws_the_matrix(browser: Chromium, app: str, store: GraphStore, tmp_path: Path) -> None:
    cov = coverage(store)
    load(browser, f"{app}/coverage?format=html", tmp_path / "coverage.png")
    assert count(browser, "#matrix tbody tr") == len(cov.labs)
    assert count(browser, "#matrix td.cell") == len(cov.labs) * len(cov.chains)
    assert count(browser, "#chain-totals tbody tr") == len(cov.chains)


def test_region_page_lists_chains_and_organisations(browser: Chromium, app: str, store: GraphStore, tmp_path: Path) -> None:
    regions = [r for r in ("山西省", "长治市") if region_view(store, r).organisations]
    assert regions, "no region of the corpus has an organisation located in it"
    view = region_view(store, regions[0])
    load(browser, f"{app}/regions/{quote(view.region.name)}?format=html", tmp_path / "region.png")
    assert count(browser, "#organisations tbody tr") == len(view.organisations)
    assert count(browser, "#chains tbody tr") == max(1, len(view.chains))
