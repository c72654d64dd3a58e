"""Neo4j over Bolt with the official driver — the production backend (see docker-compose.yml)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import neo4j
from neo4j import GraphDatabase, unit_of_work
from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable, SessionExpired

from ecograph.graph.cypher import STATEMENTS
from ecograph.graph.errors import QueryFailed, QueryTimeout, StoreUnavailable
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore, Row


class Neo4jStore(GraphStore):
    """GraphStore over any Bolt server speaking Neo4j 5 Cypher."""

    backend = "neo4j"

    def __init__(
        self,
        uri: str,
        auth: tuple[str, str] | None,
        database: str | None,
        batch_size: int,
        timeout_ms: int,
    ) -> None:
        self.uri = uri
        self.database = database
        self.batch_size = batch_size
        self.timeout_ms = timeout_ms
        try:
            self._driver = GraphDatabase.driver(uri, auth=auth)
            self._driver.verify_connectivity()
        except (ServiceUnavailable, OSError, ValueError) as exc:
            raise StoreUnavailable(f"cannot reach Neo4j at {uri}: {exc}") from exc

    @classmethod
    def from_settings(cls, settings: Settings) -> Neo4jStore:
        assert settings.neo4j_uri  # Settings refuses backend=neo4j without a URI
        password = settings.neo4j_password.get_secret_value()
        auth = (settings.neo4j_user, password) if password else None
        return cls(settings.neo4j_uri, auth, settings.neo4j_database, settings.batch_size, settings.query_timeout_ms)

    def _execute(self, cypher: str, params: Mapping[str, Any], *, write: bool, timeout_ms: int | None,
                 schema: bool = False) -> list[Row]:
        timeout = timeout_ms if timeout_ms is not None else (None if write else self.timeout_ms)

        @unit_of_work(timeout=timeout / 1000 if timeout else None)
        def work(tx: neo4j.ManagedTransaction) -> list[Row]:
            rows = [record.data() for record in tx.run(cypher, dict(params))]
            if write and not schema:  # the version changes in the data's own transaction
                tx.run(STATEMENTS.text("bump_version", self.backend)).consume()
            return rows

        try:
            with self._driver.session(database=self.database) as session:
                return session.execute_write(work) if write else session.execute_read(work)
        except (ServiceUnavailable, SessionExpired, OSError) as exc:
            raise StoreUnavailable(f"Neo4j at {self.uri} does not answer: {exc}") from exc
        except Neo4jError as exc:
            failure = QueryTimeout if "TransactionTimedOut" in (exc.code or "") else QueryFailed
            raise failure(f"{exc.code}: {exc.message}") from exc

    def version(self) -> int:
        return int(self._execute(STATEMENTS.text("read_version", self.backend), {}, write=False, timeout_ms=None)[0]["version"])

    def _schema_exists_error(self, exc: Exception) -> bool:
        cause = exc.__cause__
        return isinstance(cause, ClientError) and "EquivalentSchemaRule" in (cause.code or "")

    def close(self) -> None:
        self._driver.close()
