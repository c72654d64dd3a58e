"""The `ecograph` command: a thin shell over the library, errors turned into messages at the edge."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from ecograph.graph.backends import open_store
from ecograph.graph.errors import EcographError
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore


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
@click.option("--replace", is_flag=True, help="A document replaces a stored one of the same path from another folder.")
@click.option("--follow-symlinks", is_flag=True, help="Follow symbolic links that lead out of the given folders.")
@click.option("--meta", "meta_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV or JSON file: file name → title, date, publisher, url (文档元数据映射).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
def ingest(paths: tuple[Path, ...], force: bool, replace: bool, follow_symlinks: bool, meta_file: Path | None,
           quiet: bool) -> None:
    """Ingest documents (files or folders) into the graph.

    Unreadable documents are reported one line each (`error:`), files left out on purpose too
    (`skipped:`); the exit code is 1 when any failed.
    """
    import logging

    from tqdm import tqdm

    from ecograph.loaders.ingest import ingest_paths
    from ecograph.loaders.metadata import load_mapping

    logging.basicConfig(format="warning: %(message)s", level=logging.WARNING)  # a reader's notes, one line each

    meta = load_mapping(meta_file) if meta_file else None
    with _store() as store, tqdm(desc="reading", unit="doc", disable=quiet, file=sys.stderr) as bar:
        report = ingest_paths(list(paths), store, force=force, replace=replace, follow_symlinks=follow_symlinks,
                              meta=meta, progress=lambda _: bar.update())
    for error in report.failed:
        click.echo(f"error: {error}", err=True)
    for error in report.skipped:
        click.echo(f"skipped: {error}", err=True)
    for name, path in report.renamed:
        click.echo(f"renamed: {name} → {path}（同名文档已存在，另存 / a document of that name exists）", err=True)
    for path in report.replaced:
        click.echo(f"replaced: {path}（旧版本已替换 / the earlier version was replaced）", err=True)
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
    from ecograph.graph.export import write_graphml

    with _store() as store:
        if str(file) == "-":
            nodes, edges = write_graphml(store, sys.stdout)
        else:
            with open(file, "w", encoding="utf-8") as out:
                nodes, edges = write_graphml(store, out)
    click.echo(f"{nodes} nodes, {edges} edges written to {file}", err=True)


def _existing_store() -> GraphStore:
    """The configured store, when there is one: reading commands never create an empty store in a
    folder that holds none (a mistyped ECOGRAPH_DATA_DIR would otherwise answer "0 documents")."""
    settings = Settings()
    folder = settings.data_dir
    if settings.backend == "falkordb" and (not folder.is_dir() or not any(folder.iterdir())):
        raise click.ClickException(
            f"{folder.resolve()} 中没有图谱存储：先用 ecograph ingest 导入文件，或设置 ECOGRAPH_DATA_DIR"
            f"（no store in {folder}: ingest documents first, or set ECOGRAPH_DATA_DIR）")
    return open_store(settings)


@export.command("csv")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def export_csv(directory: Path) -> None:
    """Write the whole graph into DIRECTORY as the node and relationship CSV files that
    `neo4j-admin database import full` reads (the command is written to DIRECTORY/import.sh)."""
    from ecograph.queries.admin_csv import write_admin_csv

    with _store() as store:
        counts = write_admin_csv(store, directory)
    click.echo(f"{len(counts)} files, {sum(counts.values())} rows written to {directory}; run import.sh there", err=True)


@cli.command()
def stats() -> None:
    """Counts by label and relationship type, and documents ingested (the store must exist)."""
    from ecograph.queries.stats import stats as read_stats

    with _existing_store() as store:
        counts = read_stats(store)
    click.echo(f"documents: {counts.documents}")
    for label, n in counts.labels.items():
        click.echo(f"{label}: {n}")
    for rel, n in counts.types.items():
        click.echo(f"{rel}: {n}")


_ID_PARAMS = ("id", "from", "to")  # a name is accepted here and looked up
_ID_LISTS = ("ids", "ends")


def _read_queries() -> list[tuple[str, str]]:
    """The read queries `query` runs, with their parameters and what they answer."""
    from ecograph import queries

    return [(f"{name}({', '.join(queries.FILES.params(name))})", about) for name, about in queries.read_queries().items()]


class _QueryCommand(click.Command):
    """`query --help` ends with the read queries it runs."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Read queries / 只读查询"):
            formatter.write_dl(_read_queries())


@cli.command(cls=_QueryCommand)
@click.argument("name", required=False)
@click.argument("params", nargs=-1)
@click.option("--list", "show", is_flag=True, help="List the read queries and their parameters.")
def query(name: str | None, params: tuple[str, ...], show: bool) -> None:
    """Run the named read query with k=v parameters; prints JSON lines.

    Where an id is expected (id, from, to, ids, ends) a chain or entity name works too:
    `ecograph query count_chain_labs id=光伏`. Queries that write are not offered.
    """
    from ecograph import queries
    from ecograph.queries.entities import resolve_entity_id
    from ecograph.queries.labs import chain_terms

    if show or not name:
        for signature, about in _read_queries():
            click.echo(f"{signature}\t{about}")
        return
    if name not in queries.read_queries():
        raise click.UsageError(f"没有名为 {name} 的只读查询；ecograph query --list 列出全部（no read query {name!r}）")
    values: dict[str, Any] = {}
    for item in params:
        key, sep, raw = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r} 不是 k=v 形式（not k=v）", param_hint="PARAMS")
        values[key] = _value(raw)
    with _existing_store() as store:
        for key in _ID_PARAMS:
            if isinstance(values.get(key), str):
                values[key] = resolve_entity_id(store, values[key])
        for key in _ID_LISTS:
            if isinstance(values.get(key), list):
                values[key] = [resolve_entity_id(store, v) if isinstance(v, str) else v for v in values[key]]
        wanted = queries.FILES.params(name, store.backend)
        if {"terms", "shadows"} & set(wanted) - set(values) and isinstance(values.get("id"), str):
            values.update(chain_terms(store, values["id"]))  # a chain's own terms unless given
        missing = [p for p in wanted if p not in values]
        if missing:
            raise click.UsageError(f"查询 {name} 还需要参数（needs）: {', '.join(missing)}")
        rows = queries.run(store, name, values)
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False, default=str))
    if not rows:
        click.echo("0 行（no rows）", err=True)


@cli.command()
@click.option("--since", required=True, help="A run id (printed by ingest) or a date YYYY-MM-DD.")
@click.option("--format", "fmt", default="text", type=click.Choice(["text", "json", "csv", "html"]),
              help="text (default), json, csv or html (the page 本期新增).")
def changes(since: str, fmt: str) -> None:
    """What later ingest runs added and removed (本期新增), by chain, with evidence and sources."""
    from ecograph.queries.changes import changes as read_changes, to_csv

    with _store() as store:
        result = read_changes(store, since)
    if fmt == "json":
        click.echo(result.model_dump_json(indent=2))
    elif fmt == "csv":
        click.echo(to_csv(result), nl=False)
    elif fmt == "html":
        from ecograph.viz.changes import render_changes
        from ecograph.viz.pages import Links

        click.echo(render_changes(result, Links(static=True)))
    else:
        _print_changes(result)


def _print_changes(result: Any) -> None:
    """The changes as lines: counts, then each chain's entities and relationships, then replacements."""
    click.echo(f"自 {result.since} 起 (since {result.since_at}): 新增实体 {result.entities_added}, "
               f"移除实体 {result.entities_removed}, 新增关系 {result.relationships_added}, "
               f"移除关系 {result.relationships_removed}" + ("（已截断 / truncated）" if result.truncated else ""))
    sign = {"added": "+", "removed": "-"}
    for group in result.chains:
        click.echo(f"\n[{group.chain}]")
        for e in group.entities:
            click.echo(f"  {sign[e.change]} {e.entity.label.value} {e.entity.name}")
        for r in group.relationships:
            cited = r.evidence.doc_title or r.evidence.doc or ""
            date = f" {r.evidence.doc_date}" if r.evidence.doc_date else ""
            click.echo(f"  {sign[r.change]} {r.source.name} -{r.type}-> {r.target.name}  «{r.evidence.sentence}» ({cited}{date})")
    for rep in result.replacements:
        click.echo(f"\n[替换 / replaced] {rep.title or rep.document} ({rep.document}, run {rep.run}): "
                   f"+{len(rep.added)} -{len(rep.dropped)}")
        for r in rep.added + rep.dropped:
            click.echo(f"  {sign[r.change]} {r.source.name} -{r.type}-> {r.target.name}  «{r.evidence.sentence}»")


@cli.command()
@click.option("--host", default=None, help="Interface to listen on (default ECOGRAPH_HOST, 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default ECOGRAPH_PORT, 8000).")
@click.option("--log-level", default="info", type=click.Choice(["debug", "info", "warning", "error"]),
              help="uvicorn's; below info there is no line per request.")
def serve(host: str | None, port: int | None, log_level: str) -> None:
    """Serve the HTTP API (OpenAPI at /docs) on the configured store.

    Listening beyond loopback needs ECOGRAPH_API_TOKEN, the bearer token for writes.
    """
    from ecograph.api.serve import serve as serve_api

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
    from ecograph.viz.site import render_site

    with _store() as store:
        written = render_site(store, directory)
    click.echo(f"{written} pages written; open {(directory / 'index.html').resolve().as_uri()}")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
