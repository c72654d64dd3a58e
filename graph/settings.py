"""Settings from the environment (prefix ECOGRAPH_); `open_store` reads the backend from here."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _cores() -> int:
    """The cores this process may use: the default number of extraction processes."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Settings(BaseSettings):
    """Every knob of ecograph, one place."""

    model_config = SettingsConfigDict(env_prefix="ECOGRAPH_", env_file=".env", extra="ignore")

    backend: Literal["falkordb", "neo4j"] = "falkordb"
    data_dir: Path = Path("ecograph-data")
    graph_name: str = "ecograph"

    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str | None = None

    batch_size: int = 2000
    workers: int = Field(default_factory=_cores, ge=1)  # extraction processes (loaders.parallel)
    query_timeout_ms: int = 5000

    api_token: SecretStr | None = None
    read_token: SecretStr | None = None
    max_upload_bytes: int = 50 * 1024 * 1024
    host: str = "127.0.0.1"
    port: int = 8000
    serve_workers: int = Field(default=1, ge=1)  # processes `ecograph serve` runs, each with its own app and store client

    @field_validator("api_token", "read_token", mode="after")
    @classmethod
    def _blank_is_unset(cls, token: SecretStr | None) -> SecretStr | None:
        """An empty or whitespace token is no token: it must not pass for one anywhere."""
        return token if token is not None and token.get_secret_value().strip() else None

    @model_validator(mode="after")
    def _neo4j_needs_uri(self) -> Settings:
        if self.backend == "neo4j" and not self.neo4j_uri:
            raise ValueError("ECOGRAPH_BACKEND=neo4j needs ECOGRAPH_NEO4J_URI (e.g. bolt://localhost:7687)")
        return self

    @model_validator(mode="after")
    def _remote_host_needs_token(self) -> Settings:
        if not _is_loopback(self.host) and self.api_token is None:
            raise ValueError(
                f"监听非本机地址需要设置 ECOGRAPH_API_TOKEN / serving on {self.host} (not loopback) needs a non-empty "
                "ECOGRAPH_API_TOKEN, so that nobody else can write"
            )
        return self


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
