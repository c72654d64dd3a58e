"""One root error, so the CLI and the API can turn every failure of ours into a clear message."""


class EcographError(Exception):
    """Root of every error ecograph raises on purpose."""


class StoreUnavailable(EcographError):
    """The graph store cannot be reached or started (maps to HTTP 503)."""


class DataDirError(EcographError):
    """The data folder cannot hold the embedded store (read-only, no permission, disk full): a setting
    to fix, not an outage to wait out, so `ecograph serve` refuses to start."""


class QueryNotFound(EcographError):
    """No .cypher file of that name exists."""


class QueryFailed(EcographError):
    """The store rejected or failed a named query."""


class NotFound(EcographError):
    """A named entity, chain or document is not in the graph (maps to HTTP 404)."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        super().__init__(message)
        self.suggestions = suggestions or []


class DocumentError(EcographError):
    """A document cannot be read; the batch goes on without it."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class QueryTimeout(QueryFailed):
    """A read ran past its time limit (ECOGRAPH_QUERY_TIMEOUT_MS, or the caller's); maps to HTTP 504."""
