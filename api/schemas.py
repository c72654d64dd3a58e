"""Response models of the write endpoints (the read models live in queries/models.py, shared with viz/)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Failure(BaseModel):
    """A document that could not be ingested, and why."""

    path: str
    reason: str


class IngestResult(BaseModel):
    """What POST /documents did."""

    ingested: list[str]
    unchanged: list[str] = Field(description="already ingested with the same content")
    failed: list[Failure]
    skipped: list[Failure] = Field(default_factory=list, description="files left out on purpose (hidden, unsafe name)")
    replaced: list[str] = Field(default_factory=list, description="documents whose earlier version was replaced")
    renamed: list[str] = Field(default_factory=list, description="stored under another path: the name was taken")
    entities_written: int
    relationships_written: int
    seconds: float


class ErrorBody(BaseModel):
    """Every error the API answers with."""

    detail: str
    suggestions: list[str] = Field(default_factory=list)
