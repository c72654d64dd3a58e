"""The `ecograph` command: a thin shell over the library, errors turned into messages at the edge."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from graph.backends import open_store
from graph.errors import EcographError
from graph.settings import Settings
from graph.store import GraphStore


class _Commands(click.Group):
    """The edge where our errors become messages: one conversion for every command."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EcographError as exc:
            raise click.ClickException(str(exc)) from exc
        except ValidationError as exc:  # a setting that does not validate
            raise click.ClickException("; ".join(e["msg"] for e in exc.errors())) from exc


def _store() -> GraphStore:
    return open_store(Settings())


def _value(raw: str) -> Any:
    """`k=v` values: JSON where it parses (numbers, lists), else the string itself."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


@click.group(cls=_Commands)
@click.version_option(package_name="ecograph")
def cli() -> None:
    """Knowledge graph of a regional innovation ecosystem.

    The store is chosen by ECOGRAPH_* settings: an embedded FalkorDB in ./ecograph-data by
    default (ECOGRAPH_DATA_DIR), or Neo4j with ECOGRAPH_BACKEND=neo4j and ECOGRAPH_NEO4J_URI.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Re-extract documents even when their content was ingested before.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(paths: tuple[Path, ...], force: bool, quiet: bool) -> None:
    """Ingest documents (files or folders) into the graph.

    Unreadable documents are reported one line each and skipped; the exit code is 1 when any failed.
    """
    from tqdm import tqdm

    from loaders.ingest import ingest_paths

    with _store() as store, tqdm(desc="reading", unit="doc", disable=quiet, file=sys.stderr) as bar:
        report = ingest_paths(list(paths), store, force=force, progress=lambda _: bar.update())
    for error in report.failed:
        click.echo(f"error: {error}", err=True)
    click.echo(report.summary())
    if report.failed:
        sys.exit(1)


@cli.group()
def export() -> None:
    """Export the graph."""


@export.command("graphml")
@click.argument("file", type=click.Path(allow_dash=True, path_type=Path))
def export_graphml(file: Path) -> None:
    """Write the whole graph as GraphML to FILE ('-' for standard output)."""
    from graph.export import write_graphml

    with _store() as store:
        if str(file) == "-":
            nodes, edges = write_graphml(store, sys.stdout)
        else:
            with open(file, "w", encoding="utf-8") as out:
                nodes, edges = write_graphml(store, out)
    click.echo(f"{nodes} nodes, {edges} edges written to {file}", err=True)


@export.command("csv")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def export_csv(directory: Path) -> None:
    """Write the whole graph into DIRECTORY as the node and relationship CSV files that
    `neo4j-admin database import full` reads (the command is written to DIRECTORY/import.sh)."""
    from queries.admin_csv import write_admin_csv

    with _store() as store:
        counts = write_admin_csv(store, directory)
    click.echo(f"{len(counts)} files, {sum(counts.values())} rows written to {directory}; run import.sh there", err=True)


@cli.command()
def stats() -> None:
    """Counts by label and relationship type, and documents ingested."""
    from queries.stats import stats as read_stats

    with _store() as store:
        counts = read_stats(store)
    click.echo(f"documents: {counts.documents}")
    for label, n in counts.labels.items():
        click.echo(f"{label}: {n}")
    for rel, n in counts.types.items():
        click.echo(f"{rel}: {n}")


@cli.command()
@click.argument("name")
@click.argument("params", nargs=-1)
def query(name: str, params: tuple[str, ...]) -> None:
    """Run the named query of queries/ with k=v parameters; prints JSON lines."""
    import queries

    values: dict[str, Any] = {}
    for item in params:
        key, sep, raw = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} is not k=v", param_hint="PARAMS")
        values[key] = _value(raw)
    with _store() as store:
        missing = [p for p in queries.FILES.params(name, store.backend) if p not in values]
        if missing:
            raise click.UsageError(f"query {name} needs: {', '.join(missing)}")
        rows = queries.run(store, name, values)
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False, default=str))


@cli.command()
@click.option("--host", default=None, help="Interface to listen on (default ECOGRAPH_HOST, 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default ECOGRAPH_PORT, 8000).")
@click.option("--log-level", default="info", type=click.Choice(["debug", "info", "warning", "error"]),
              help="uvicorn's; below info there is no line per request.")
def serve(host: str | None, port: int | None, log_level: str) -> None:
    """Serve the HTTP API (OpenAPI at /docs) on the configured store.

    Listening beyond loopback needs ECOGRAPH_API_TOKEN, the bearer token for writes.
    """
    from api.serve import serve as serve_api

    overrides = {k: v for k, v in (("host", host), ("port", port)) if v is not None}
    settings = Settings(**overrides)  # type: ignore[arg-type]
    workers = settings.serve_workers
    click.echo(f"ecograph API on http://{settings.host}:{settings.port} (docs: /docs), store: {settings.backend}"
               + (f", {workers} processes" if workers > 1 else ""), err=True)
    serve_api(settings, log_level)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def render(directory: Path) -> None:
    """Write the HTML pages into DIRECTORY: index.html, chains/<name>.html, entities/<id>.html.

    They open from disk (file://) with no server and no internet; scripts are in DIRECTORY/assets.
    """
    from viz.site import render_site

    with _store() as store:
        written = render_site(store, directory)
    click.echo(f"{written} pages written; open {(directory / 'index.html').resolve().as_uri()}")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
