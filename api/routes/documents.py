"""Documents: list them, ingest uploads (the CLI's pipeline), delete what one document contributed."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path as PathParam, Query, Request, UploadFile, status

from api.deps import CacheDep, HolderDep, SettingsDep, StoreDep, require_write
from api.schemas import Failure, IngestResult
from graph.errors import DocumentError
from queries import documents, models as views

router = APIRouter(prefix="/documents", tags=["documents"])
_UNSAFE = re.compile(r"[^\w.\-\u3400-\u9fff]+")
_CHUNK = 1 << 20


def _safe_name(raw: str | None, taken: set[str]) -> str:
    """A file name that cannot leave the upload folder: base name only, no odd characters, unique."""
    base = _UNSAFE.sub("_", Path((raw or "").replace("\\", "/")).name).lstrip(".") or "upload.txt"
    name, stem, suffix, n = base[:150], Path(base[:150]).stem, Path(base[:150]).suffix, 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}{suffix}"
    taken.add(name)
    return name


def check_length(request: Request, settings: SettingsDep) -> None:
    """Refuse a body declared larger than the limit before reading any of it."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_upload_bytes:
        raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
                            f"the upload is larger than {settings.max_upload_bytes} bytes")


@router.get("", response_model=documents.DocumentPage, summary="Ingested documents")
def list_documents(
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=views.MAX_PAGE)] = views.DEFAULT_PAGE,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> documents.DocumentPage:
    return documents.list_documents(store, limit, offset)


@router.post(
    "",
    response_model=IngestResult,
    dependencies=[Depends(require_write), Depends(check_length)],
    summary="Ingest uploaded documents (bearer token)",
)
def ingest_documents(
    files: list[UploadFile], store: StoreDep, holder: HolderDep, settings: SettingsDep, cache: CacheDep
) -> IngestResult:
    from loaders.ingest import ingest_paths  # the extraction stack loads only when something is ingested

    folder = Path(tempfile.mkdtemp(prefix="ecograph-upload-"))
    try:
        taken: set[str] = set()
        total = 0
        for upload in files:
            target = folder / _safe_name(upload.filename, taken)
            with target.open("wb") as out:
                while chunk := upload.file.read(_CHUNK):
                    total += len(chunk)
                    if total > settings.max_upload_bytes:
                        raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
                                            f"the upload is larger than {settings.max_upload_bytes} bytes")
                    out.write(chunk)
        with holder.write_lock:
            try:
                report = ingest_paths([folder], store)
            finally:  # even a failed ingest may have written some of its documents
                cache.clear()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    failed = [Failure(path=Path(e.path).name, reason=e.reason) for e in report.failed]
    if failed and not report.ingested and not report.unchanged:
        raise DocumentError(", ".join(f.path for f in failed), "; ".join(f.reason for f in failed))
    return IngestResult(
        ingested=report.ingested, unchanged=report.unchanged, failed=failed,
        entities_written=report.written.nodes, relationships_written=report.written.edges,
        seconds=round(report.seconds, 3),
    )


@router.delete(
    "/{id}",
    response_model=documents.DeleteResult,
    dependencies=[Depends(require_write)],
    summary="Remove what only this document contributed (bearer token)",
)
def delete_document(
    id: Annotated[str, PathParam(min_length=1, max_length=100)], store: StoreDep, holder: HolderDep, cache: CacheDep
) -> documents.DeleteResult:
    with holder.write_lock:
        try:
            return documents.delete_document(store, id)
        finally:
            cache.clear()
