"""Runs: each ingest (CLI or upload) and each removal of a document is recorded, so "what is new since
last month?" has an answer.

A run is a `:Run` node written when the ingest starts (status `running`) and again when it ends
(`done` or `failed`, with its document counts). The write statements stamp every entity and
relationship with the run that created it (`first_seen`) and the last that stated it
(`last_seen`). A store written before runs were recorded is migrated by the first ingest that
opens it: everything in it is stamped with one migration run, so nothing is mistaken for new.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from ecograph.graph.export import ID_PAGE
from ecograph.graph.model import Run
from ecograph.graph.store import GraphStore

MIGRATION_STATUS = "migrated"


def now() -> str:
    """The current time as runs store it: ISO UTC with microseconds, so times compare as strings."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def new_run() -> Run:
    """A run starting now, with an id that sorts by time and reads as one (20261129-002801-3f2a)."""
    at = datetime.now(UTC)
    return Run(id=f"{at:%Y%m%d-%H%M%S}-{secrets.token_hex(2)}", at=at.isoformat(timespec="microseconds"))


def record(store: GraphStore, run: Run) -> None:
    """Write (or update) the run's record."""
    store.run("merge_run", {"run": run.model_dump()}, write=True)


def is_legacy(store: GraphStore) -> bool:
    """Whether the store holds entities but no run: written before runs were recorded."""
    row = store.run("find_run_record")[0]
    return row["run"] is None and row["entity"] is not None


def migrate(store: GraphStore) -> Run | None:
    """Stamp a store written before runs were recorded with one migration run; None when it needs none.

    The pages are id ranges (as the export reads them); a migration killed midway is redone by the
    next ingest, since the migration run is recorded only at its end."""
    if not is_legacy(store):
        return None
    run = new_run()
    hi = store.run("max_entity_id")[0]["hi"]
    for lo in range(0, (hi or 0) + 1, ID_PAGE):
        store.run("stamp_unstamped", {"lo": lo, "hi": lo + ID_PAGE, "run": run.stamp()}, write=True)
    run.status, run.finished_at = MIGRATION_STATUS, now()
    record(store, run)
    return run


def start(store: GraphStore) -> Run:
    """Record a run starting now (migrating an older store first)."""
    migrate(store)
    run = new_run()
    record(store, run)
    return run


def finish(store: GraphStore, run: Run, *, ok: bool) -> None:
    """Record the run's end and counts; what its replacements dropped for good is closed."""
    store.run("close_dropped", write=True)
    run.status, run.finished_at = ("done" if ok else "failed"), now()
    record(store, run)
