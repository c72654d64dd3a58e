"""Tables out: what every analytics answer also is, as rows a planner opens in a spreadsheet.

Each analytics model turns itself into `Table`s (one per sheet); CSV holds one table (UTF-8 with a
byte-order mark, which is how Excel recognises UTF-8 Chinese), Excel every table as a sheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ecograph.graph.errors import NotFound


@dataclass
class Table:
    """One sheet: a short name (file and sheet name), a Chinese title, headers and rows."""

    name: str
    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def pick(tables: Sequence[Table], name: str | None) -> Table:
    """The table called `name`, or the first; NotFound names the others."""
    if name is None:
        return tables[0]
    for table in tables:
        if table.name == name:
            return table
    raise NotFound(f"no table named {name!r}", [t.name for t in tables])


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple | set):
        return "；".join(str(v) for v in value)
    return value


def to_csv(table: Table) -> bytes:
    """One table as CSV, UTF-8 with BOM so that Excel opens the Chinese text correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.headers)
    writer.writerows([_cell(v) for v in row] for row in table.rows)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(tables: Sequence[Table]) -> bytes:
    """Every table as one sheet of an Excel workbook (write-only mode: memory stays flat)."""
    from openpyxl import Workbook  # imported here: only the Excel answers need it

    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(title=table.name[:31])
        sheet.append(table.headers)
        for row in table.rows:
            sheet.append([_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
