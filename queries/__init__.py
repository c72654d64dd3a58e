"""Named, parameterised Cypher queries, one per `.cypher` file.

`NAME.cypher` is portable; `NAME.falkordb.cypher` or `NAME.neo4j.cypher` beside it overrides it
for that backend. Labels and relationship types cannot be parameters in Cypher, so a write
query may hold the placeholders `__LABEL__` / `__TYPE__`, filled only from the `Label` and
`RelType` enums — never from user input.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from graph.errors import QueryNotFound
from graph.model import Label, RelType

BACKENDS = ("falkordb", "neo4j")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def _files() -> dict[str, str]:
    return {
        f.name: f.read_text(encoding="utf-8")
        for f in resources.files(__package__).iterdir()
        if f.name.endswith(".cypher")
    }


@cache
def _all() -> dict[str, str]:
    return _files()


def names() -> list[str]:
    """Every query name (portable files and overrides alike)."""
    return sorted({fname.split(".")[0] for fname in _all()})


@cache
def text(name: str, backend: str) -> str:
    """The Cypher of a named query for a backend, override first."""
    if not _NAME.match(name) or backend not in BACKENDS:
        raise QueryNotFound(f"no query named {name!r} for backend {backend!r}")
    files = _all()
    for fname in (f"{name}.{backend}.cypher", f"{name}.cypher"):
        if fname in files:
            return files[fname]
    raise QueryNotFound(f"no query named {name!r}; known: {', '.join(names())}")


def render(name: str, backend: str, label: Label | None = None, rel: RelType | None = None) -> str:
    """The query text with its placeholders filled from the enums (and only from them)."""
    cypher = text(name, backend)
    if "__LABEL__" in cypher:
        if not isinstance(label, Label):
            raise TypeError(f"query {name} needs a graph.model.Label, got {label!r}")
        cypher = cypher.replace("__LABEL__", label.value)
    if "__TYPE__" in cypher:
        if not isinstance(rel, RelType):
            raise TypeError(f"query {name} needs a graph.model.RelType, got {rel!r}")
        cypher = cypher.replace("__TYPE__", rel.value)
    return cypher


def params(name: str, backend: str = "falkordb") -> list[str]:
    """The `$parameters` a query reads, in order of first use (as datasette does for canned queries)."""
    body = "\n".join(line for line in text(name, backend).splitlines() if not line.lstrip().startswith("//"))
    return list(dict.fromkeys(_PARAM.findall(body)))
