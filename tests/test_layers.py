"""The imports of the product code run one way, with no circle: graph ← queries ← viz ← api ← ecograph.cli,
and graph ← loaders (loaders and queries never import each other). bench/ never imports tests/. The
package installs one top-level name, `ecograph`, with each stage's folder as `ecograph.<stage>`.

Imports are read with `ast` from the source, function-level ones included, so a late import cannot
hide an upward arrow."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import networkx as nx

from tests.conftest import REPO

# A module may import its own layer and the ranks below it; the two rank-1 packages not each other.
RANK = {"graph": 0, "queries": 1, "loaders": 1, "viz": 2, "api": 3, "ecograph": 4}
STAGES = [stage for stage in RANK if stage != "ecograph"]
PRODUCT = [p for folder in RANK for p in (REPO / folder).rglob("*.py")]


def _module(path: Path, root: Path = REPO) -> str:
    """The installed name of a file: graph/store.py is ecograph.graph.store, ecograph/cli.py ecograph.cli."""
    parts = path.relative_to(root).with_suffix("").parts
    parts = parts[:-1] if parts[-1] == "__init__" else parts
    return ".".join(parts if parts[0] == "ecograph" else ("ecograph", *parts))


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else "ecograph"


def _imports(path: Path, known: set[str], root: Path) -> set[str]:
    """The project modules a file imports (`from a import b` is module a.b when there is one)."""
    found: set[str] = set()
    package = _module(path, root) if path.name == "__init__.py" else _module(path, root).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], *filter(None, [base])])
            found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names}
    return {m for m in found if m in known}


def import_graph(files: list[Path], root: Path = REPO) -> nx.DiGraph:
    known = {_module(p, root) for p in files}
    graph = nx.DiGraph()
    for path in files:
        name = _module(path, root)
        graph.add_node(name)
        graph.add_edges_from((name, m) for m in _imports(path, known, root) if m != name)
    return graph


def upward(graph: nx.DiGraph) -> list[tuple[str, str]]:
    """Arrows from a lower layer to a higher one, or between the two rank-1 packages."""
    out = []
    for a, b in graph.edges:
        pa, pb = _layer(a), _layer(b)
        if RANK[pb] > RANK[pa] or (RANK[pa] == RANK[pb] and pa != pb):
            out.append((a, b))
    return sorted(out)


def test_no_import_runs_upward() -> None:
    assert upward(import_graph(PRODUCT)) == []


def test_no_import_circle() -> None:
    graph = import_graph(PRODUCT)
    assert sorted(sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1) == []


def test_the_checks_see_an_upward_import_and_a_circle(tmp_path: Path) -> None:
    """The two checks above fail on the faults they look for (a check that cannot fail proves nothing)."""
    for name, text in {"graph/__init__.py": "", "graph/a.py": "from ecograph.queries import b\n",
                       "queries/__init__.py": "", "queries/b.py": "import ecograph.graph.a\n"}.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    graph = import_graph(sorted(tmp_path.rglob("*.py")), tmp_path)
    assert upward(graph) == [("ecograph.graph.a", "ecograph.queries.b")]
    circles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert circles == [["ecograph.graph.a", "ecograph.queries.b"]]


def test_bench_does_not_import_tests() -> None:
    for path in (REPO / "bench").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        assert not [n for n in names if n.split(".")[0] == "tests"], path


def test_no_product_module_is_over_600_lines() -> None:
    long = {str(p.relative_to(REPO)): n for p in PRODUCT if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert not long, long


def test_the_distribution_installs_every_folder_under_one_name() -> None:
    """pyproject lists the packages by hand (a stage's folder is mapped to ecograph.<stage>): none may be missing."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    folders = {p.parent for p in PRODUCT if p.name == "__init__.py"}
    assert sorted(config["packages"]) == sorted(_module(f / "__init__.py") for f in folders)
    assert config["package-dir"] == {f"ecograph.{stage}": stage for stage in STAGES}
