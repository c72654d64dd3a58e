"""The page "本期新增": what later ingest runs added and removed, by chain, each with its evidence and source.

Pure like viz/pages.py: the `Changes` view model in, one HTML string out, every document text
autoescaped by Jinja.
"""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from ecograph.queries.changes import Changes
from ecograph.viz.pages import Links
from ecograph.viz.style import LABELS, RELATIONS

CHANGE_ZH = {"added": "新增", "removed": "移除"}


@cache
def _env() -> Environment:
    return Environment(loader=PackageLoader("viz", "templates"), autoescape=select_autoescape(default=True),
                       trim_blocks=True, lstrip_blocks=True)


def render_changes(result: Changes, links: Links) -> str:
    """The 本期新增 page of a `changes` answer."""
    return _env().get_template("changes.html").render(
        result=result, links=links, change_zh=CHANGE_ZH,
        label_zh={label.value: look.name_zh for label, look in LABELS.items()},
        relation_zh={rel.value: look[1] for rel, look in RELATIONS.items()})
