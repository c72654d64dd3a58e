"""The pages of a graph, read through queries/ and rendered by viz.pages: served by the API, or
written to disk as a static site that opens without a server."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from ecograph.graph.store import GraphStore
from ecograph.queries.chains import ChainCache, chain_ecosystem, list_chains
from ecograph.queries.entities import edges_among, entity_detail, neighbours
from ecograph.queries.export import iter_whole_graph
from ecograph.queries.models import MAX_NEIGHBOURS, EntityRef
from ecograph.queries.stats import stats
from ecograph.viz import pages
from ecograph.viz.pages import Links

ASSETS = {
    "vis-network.min.js": "text/javascript; charset=utf-8",
    "vis-network.css": "text/css; charset=utf-8",
    "ecograph.js": "text/javascript; charset=utf-8",
    "ecograph.css": "text/css; charset=utf-8",
    "LICENSE-vis-network.txt": "text/plain; charset=utf-8",
}


@cache
def asset(name: str) -> bytes:
    """One of the pages' own script, style or licence files (`ASSETS`)."""
    return resources.files("ecograph.viz").joinpath("assets", name).read_bytes()


def index_html(store: GraphStore, links: Links, entities: Iterable[EntityRef] = (), show_all: bool = False,
               chains: ChainCache | None = None) -> str:
    return pages.render_index(list_chains(store, chains), stats(store), links, list(entities), show_all)


def chain_html(store: GraphStore, name: str, links: Links, chains: ChainCache | None = None) -> str:
    eco = chain_ecosystem(store, name, chains)
    scene = pages.chain_scene(eco, links)
    return pages.render_chain(eco, scene, edges_among(store, (n.id for n in scene.nodes)), links)


def entity_html(store: GraphStore, entity_id: str, links: Links) -> str:
    detail = entity_detail(store, entity_id)
    hood = neighbours(store, entity_id, depth=1, limit=MAX_NEIGHBOURS)
    return pages.render_entity(detail, hood, links)


def render_site(store: GraphStore, directory: Path) -> int:
    """Write every page as static files that open from disk; returns how many pages were written.

    The scripts are written once under assets/ and linked relatively, rather than inlined into
    each page: an inlined vis-network would add 690 KB to every entity page.
    """
    (directory / "chains").mkdir(parents=True, exist_ok=True)
    (directory / "entities").mkdir(exist_ok=True)
    (directory / "assets").mkdir(exist_ok=True)
    for name in ASSETS:
        (directory / "assets" / name).write_bytes(asset(name))
    chains = ChainCache()  # one snapshot for every chain page of the run
    entities = [EntityRef(id=r["id"], label=r["label"], name=r["name"]) for r in iter_whole_graph(store)[0]]
    (directory / "index.html").write_text(index_html(store, Links(static=True), entities, chains=chains), encoding="utf-8")
    written = 1
    nested = Links(static=True, depth=1)
    for chain in list_chains(store, chains):
        html = chain_html(store, chain.name, nested, chains)
        (directory / "chains" / pages.chain_filename(chain.name)).write_text(html, encoding="utf-8")
        written += 1
    for entity in entities:
        html = entity_html(store, entity.id, nested)
        (directory / "entities" / pages.entity_filename(entity.id)).write_text(html, encoding="utf-8")
        written += 1
    return written
