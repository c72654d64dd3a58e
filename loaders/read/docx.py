"""Word documents (.docx): body paragraphs and table rows in document order, one per line.

Headers and footers are left out on purpose: they are page chrome, not content.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from ecograph.graph.errors import DocumentError
from ecograph.loaders.read.common import one_line, sniff

# python-docx loads every part into memory; refuse archives that expand beyond this (zip bombs).
MAX_UNPACKED_MB = 256


def read_docx(path: Path) -> str:
    """The text of a .docx; a renamed .doc, a broken archive or a zip bomb is a clear DocumentError."""
    with path.open("rb") as f:
        head = f.read(64)
    if not head.startswith(b"PK"):
        what = sniff(head)
        reason = f"not a real .docx (looks like {what})" if what else "corrupt .docx: not a ZIP package"
        raise DocumentError(str(path), reason)
    try:
        with zipfile.ZipFile(path) as package:
            unpacked = sum(info.file_size for info in package.infolist())
        if unpacked > MAX_UNPACKED_MB << 20:
            raise DocumentError(str(path), f".docx unpacks to more than {MAX_UNPACKED_MB} MB; refused")
        lines = list(_lines(docx.Document(str(path))))
    except DocumentError:
        raise
    except Exception as e:  # zipfile, lxml and python-docx each raise their own kinds on broken files
        raise DocumentError(str(path), f"corrupt .docx: {one_line(e)}") from e
    if not lines:
        raise DocumentError(str(path), "document has no text")
    return "\n".join(lines)


def _lines(container: object) -> Iterator[str]:
    """Non-empty paragraphs of a document or table cell, tables expanded where they stand."""
    for block in container.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Paragraph):
            if block.text.strip():
                yield block.text
        elif isinstance(block, Table):
            yield from _table_lines(block)


def _table_lines(table: Table) -> Iterator[str]:
    """One line per row, cells joined by tabs, so a row stays one record for extraction.

    python-docx repeats a horizontally merged cell in each grid column it spans (kept once) and a
    vertically merged one in each row (kept: every row then carries its whole record).
    """
    for row in table.rows:
        seen = set()
        cells = []
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            text = " ".join(" ".join(line.split()) for line in _lines(cell))
            if text:
                cells.append(text)
        if cells:
            yield "\t".join(cells)
