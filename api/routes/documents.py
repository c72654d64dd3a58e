"""Documents: list them, ingest uploads (the CLI's pipeline), replace one, delete what one contributed.

Writes are authorised and size-checked before any of the body is read: the routes declare no body
parameter (FastAPI would parse the whole form first), so the token and the declared length are
checked by the dependencies, and the form is then read through a byte cap that also stops a
chunked upload, which declares no length.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path as PathParam, Query, Request, status
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.types import Message

from ecograph.api.cache import ResponseCache
from ecograph.api.deps import (
    CacheDep,
    HolderDep,
    SettingsDep,
    StoreDep,
    StoreHolder,
    require_write,
)
from ecograph.api.schemas import Failure, IngestResult
from ecograph.graph.errors import DocumentError
from ecograph.graph.settings import Settings
from ecograph.graph.store import GraphStore
from ecograph.queries import documents, models as views

router = APIRouter(prefix="/documents", tags=["documents"])
_UNSAFE = re.compile(r"[^\w.\-\u3400-\u9fff]+")
_CHUNK = 1 << 20
_FILES = {"type": "array", "items": {"type": "string", "format": "binary"}}
_FILE = {"type": "string", "format": "binary"}


def _form_body(field: str, schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI request body of a route that reads its multipart form itself."""
    body = {"type": "object", "required": [field], "properties": {field: schema}}
    return {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": body}}}}


def _safe_name(raw: str | None, taken: set[str]) -> str:
    """A file name that cannot leave the upload folder: base name only, no odd characters, unique."""
    base = _UNSAFE.sub("_", Path((raw or "").replace("\\", "/")).name).lstrip(".") or "upload.txt"
    name, stem, suffix, n = base[:150], Path(base[:150]).stem, Path(base[:150]).suffix, 1
    while name in taken:
        n += 1
        name = f"{stem}-{n}{suffix}"
    taken.add(name)
    return name


def _too_large(settings: Settings) -> HTTPException:
    return HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
                         f"上传超过 {settings.max_upload_bytes} 字节的上限 "
                         f"(the upload is larger than {settings.max_upload_bytes} bytes)")


def check_length(request: Request, settings: SettingsDep) -> None:
    """Refuse a body declared larger than the limit before reading any of it."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_upload_bytes:
        raise _too_large(settings)


def _capped(request: Request, settings: Settings) -> Request:
    """The request with a body that ends in 413 once more than the limit has arrived."""
    received = 0

    async def receive() -> Message:
        nonlocal received
        message = await request.receive()
        received += len(message.get("body", b""))
        if received > settings.max_upload_bytes:
            raise _too_large(settings)
        return message

    return Request(request.scope, receive)


async def _uploads(request: Request, settings: Settings, field: str) -> list[UploadFile]:
    """The uploaded files of `field`, read through the byte cap; 422 when there are none."""
    form = await _capped(request, settings).form()
    files = [f for f in form.getlist(field) if isinstance(f, UploadFile)]
    if not files:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY,
                            f"表单中没有文件字段 {field} (the multipart form has no file in field {field!r})")
    return files


def _ingest(files: list[UploadFile], store: GraphStore, holder: StoreHolder, cache: ResponseCache,
            target: str | None = None) -> IngestResult:
    """Ingest the uploads as the CLI would, each known by its content (a same-named upload never replaces)."""
    # the extraction stack loads only when something is ingested
    from ecograph.loaders.ingest import ingest_paths

    folder = Path(tempfile.mkdtemp(prefix="ecograph-upload-"))
    try:
        taken: set[str] = set()
        for upload in files:
            with (folder / _safe_name(upload.filename, taken)).open("wb") as out:
                shutil.copyfileobj(upload.file, out, _CHUNK)
        with holder.write_lock:
            try:
                report = ingest_paths([folder], store, uploads=True, target=target)
            finally:  # even a failed ingest may have written some of its documents
                cache.clear()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    failed = [Failure(path=Path(e.path).name, reason=e.reason) for e in report.failed]
    skipped = [Failure(path=Path(e.path).name, reason=e.reason) for e in report.skipped]
    if failed and not report.ingested and not report.unchanged:
        raise DocumentError(", ".join(f.path for f in failed), "; ".join(f.reason for f in failed))
    return IngestResult(
        ingested=report.ingested, unchanged=report.unchanged, failed=failed, skipped=skipped, replaced=report.replaced,
        renamed=[path for _, path in report.renamed],
        entities_written=report.written.nodes, relationships_written=report.written.edges,
        seconds=round(report.seconds, 3),
    )


async def _in_thread(call: Callable[[], IngestResult]) -> IngestResult:
    result: Awaitable[IngestResult] = run_in_threadpool(call)
    return await result


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
    openapi_extra=_form_body("files", _FILES),
    summary="Ingest uploaded documents (bearer token); a name already taken is stored under another path",
)
async def ingest_documents(
    request: Request, store: StoreDep, holder: HolderDep, settings: SettingsDep, cache: CacheDep
) -> IngestResult:
    files = await _uploads(request, settings, "files")
    return await _in_thread(lambda: _ingest(files, store, holder, cache))


@router.put(
    "/{id}",
    response_model=IngestResult,
    dependencies=[Depends(require_write), Depends(check_length)],
    openapi_extra=_form_body("file", _FILE),
    summary="Replace one document by an uploaded new version, keeping its path (bearer token)",
)
async def replace_document(
    id: Annotated[str, PathParam(min_length=1, max_length=100)],
    request: Request, store: StoreDep, holder: HolderDep, settings: SettingsDep, cache: CacheDep,
) -> IngestResult:
    await run_in_threadpool(documents.get_document, store, id)  # 404 before the body is read
    files = await _uploads(request, settings, "file")
    if len(files) != 1:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "只能上传一个文件 (upload exactly one file)")
    return await _in_thread(lambda: _ingest(files, store, holder, cache, target=id))


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
