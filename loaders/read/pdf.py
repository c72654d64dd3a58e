"""PDF (.pdf): the text layer, page by page. Scanned PDFs have none, and OCR is out of scope.

pypdf logs what it repairs ("EOF marker not found") on its own loggers, which, with no logging
configured, Python prints as bare lines that name no file. While a file is read they are taken
off those loggers and logged here, each naming the file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pypdf import PdfReader

from ecograph.graph.errors import DocumentError
from ecograph.loaders.read.common import one_line, printable, sniff

log = logging.getLogger(__name__)


class _Relog(logging.Handler):
    """pypdf's own records, logged again under this module with the file they concern."""

    def __init__(self, path: Path) -> None:
        super().__init__(logging.WARNING)
        self.path = printable(str(path))

    def emit(self, record: logging.LogRecord) -> None:
        log.log(record.levelno, "%s: pypdf: %s", self.path, printable(record.getMessage()))


@contextmanager
def _pypdf_logged(path: Path) -> Iterator[None]:
    pypdf = logging.getLogger("pypdf")
    handler, propagate = _Relog(path), pypdf.propagate
    pypdf.addHandler(handler)
    pypdf.propagate = False
    try:
        yield
    finally:
        pypdf.removeHandler(handler)
        pypdf.propagate = propagate


def read_pdf(path: Path) -> str:
    """The text of every page, pages joined by newlines; a page pypdf cannot parse is logged and skipped."""
    with _pypdf_logged(path):
        return _read(path)


def _read(path: Path) -> str:
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF-" not in head:
        what = sniff(head)
        reason = f"not a real .pdf (looks like {what})" if what else "corrupt .pdf: no %PDF header"
        raise DocumentError(str(path), reason)
    try:
        reader = PdfReader(path)
        encrypted = reader.is_encrypted
    except Exception as e:  # pypdf raises many kinds on broken files, not only PdfReadError
        raise DocumentError(str(path), f"corrupt .pdf: {one_line(e)}") from e
    if encrypted:
        try:
            opened = reader.decrypt("")  # many "protected" PDFs only restrict printing or copying
        except Exception as e:  # e.g. AES without the optional cryptography package
            raise DocumentError(str(path), f"encrypted PDF that cannot be opened: {one_line(e)}") from e
        if not opened:
            raise DocumentError(str(path), "encrypted PDF; it needs a password")
    try:
        pages = list(reader.pages)
    except Exception as e:
        raise DocumentError(str(path), f"corrupt .pdf: {one_line(e)}") from e
    if not pages:
        raise DocumentError(str(path), "PDF has no pages")
    texts: list[str] = []
    for number, page in enumerate(pages, 1):
        try:
            texts.append(page.extract_text() or "")
        except Exception as e:  # one broken page should not cost the rest of the document
            log.warning("%s: page %d skipped: %s", printable(str(path)), number, one_line(e))
    if not texts:
        raise DocumentError(str(path), "corrupt .pdf: no page could be read")
    # Some fonts map glyphs to NUL; no later stage wants it.
    text = "\n".join(t.strip("\n") for t in texts).replace("\x00", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DocumentError(str(path), "PDF has no text layer (scanned?); OCR is not supported")
    return text
