"""The planners' pages: a chain's panorama with its gaps, the lab × chain heatmap, a region's page.

Plain HTML and CSS on the shared base page (no script: the tables are the content), so they print,
open offline and need nothing beyond the app's own stylesheet.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment

from ecograph.queries.coverage import Coverage
from ecograph.queries.key_orgs import KeyOrganisations
from ecograph.queries.regions import LABEL_ZH, RegionView
from ecograph.queries.report import ChainReport
from ecograph.viz.pages import Links, environment

STAGES = ("上游", "中游", "下游")
SHOWN = 50  # members listed per segment and group on the page; the CSV and Excel files hold them all


@cache
def _env() -> Environment:
    """The pages' environment with the report's helpers added (an overlay: the pages' own is untouched)."""
    env = environment().overlay()
    env.globals = {**env.globals, "label_zh": LABEL_ZH, "quote": lambda s: quote(s, safe="")}  # a copy: overlays share the dict
    return env


def _render(template: str, **context: Any) -> str:
    return _env().get_template(template).render(links=Links(), **context)


def heat(value: int, top: int) -> str:
    """The background of a heatmap cell: white for none, deeper blue for more labs."""
    if not value or not top:
        return "#ffffff"
    share = value / top
    light = int(235 - 150 * share)
    return f"rgb({light}, {min(255, light + 10)}, 255)"


def render_report(report: ChainReport, key: KeyOrganisations) -> str:
    stages = {s: [seg for seg in report.segments if seg.stage == s] for s in STAGES}
    others = [seg for seg in report.segments if seg.stage not in STAGES]
    columns = [(s, segs) for s, segs in stages.items() if segs] + ([("其他", others)] if others else [])
    gap_segments = {g.segment for g in report.gaps if g.segment}
    return _render("report.html", report=report, key=key, columns=columns, gap_segments=gap_segments, shown=SHOWN)


def render_coverage(cov: Coverage) -> str:
    top = max((c.labs for c in cov.chains), default=0)
    return _render("coverage.html", cov=cov, top=top, heat=heat)


def render_region(view: RegionView) -> str:
    top = max((c.companies + c.labs for c in view.chains), default=0)
    return _render("region.html", view=view, top=top, heat=heat)
