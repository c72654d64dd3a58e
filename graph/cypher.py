"""Named, parameterised Cypher files: load them from a package folder and fill their placeholders.

`NAME.cypher` is portable; `NAME.falkordb.cypher` or `NAME.neo4j.cypher` beside it overrides it
for that backend. Labels and relationship types cannot be parameters in Cypher, so a write
query may hold the placeholders `__LABEL__` / `__TYPE__`, filled only from the `Label` and
`RelType` enums — never from user input.

The store's own statements (schema, writes, deletes, the scans export and ingest need) are
`STATEMENTS`, under graph/statements/; the named read queries live in queries/ and are handed to
the store as a `CypherFiles` of their own.
"""

from __future__ import annotations

import re
from functools import cached_property
from importlib import resources

from ecograph.graph.errors import QueryNotFound
from ecograph.graph.model import Label, RelType

BACKENDS = ("falkordb", "neo4j")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class CypherFiles:
    """The `.cypher` files of one package folder, read once."""

    def __init__(self, package: str) -> None:
        self.package = package

    @cached_property
    def _files(self) -> dict[str, str]:
        return {
            f.name: f.read_text(encoding="utf-8")
            for f in resources.files(self.package).iterdir()
            if f.name.endswith(".cypher")
        }

    def names(self) -> list[str]:
        """Every query name (portable files and overrides alike)."""
        return sorted({fname.split(".")[0] for fname in self._files})

    def text(self, name: str, backend: str) -> str:
        """The Cypher of a named query for a backend, override first."""
        if not _NAME.match(name) or backend not in BACKENDS:
            raise QueryNotFound(f"no query named {name!r} for backend {backend!r}")
        for fname in (f"{name}.{backend}.cypher", f"{name}.cypher"):
            if fname in self._files:
                return self._files[fname]
        raise QueryNotFound(f"no query named {name!r} in {self.package}; known: {', '.join(self.names())}")

    def render(self, name: str, backend: str, label: Label | None = None, rel: RelType | None = None) -> str:
        """The query text with its placeholders filled from the enums (and only from them)."""
        cypher = self.text(name, backend)
        if "__LABEL__" in cypher:
            if not isinstance(label, Label):
                raise TypeError(f"query {name} needs a graph.model.Label, got {label!r}")
            cypher = cypher.replace("__LABEL__", label.value)
        if "__TYPE__" in cypher:
            if not isinstance(rel, RelType):
                raise TypeError(f"query {name} needs a graph.model.RelType, got {rel!r}")
            cypher = cypher.replace("__TYPE__", rel.value)
        return cypher

    def params(self, name: str, backend: str = "falkordb") -> list[str]:
        """The `$parameters` a query reads, in order of first use (as datasette does for canned queries)."""
        body = "\n".join(line for line in self.text(name, backend).splitlines() if not line.lstrip().startswith("//"))
        return list(dict.fromkeys(_PARAM.findall(body)))


STATEMENTS = CypherFiles("ecograph.graph.statements")
