"""GraphML export, streamed: the whole graph, or one chain's ecosystem."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from ecograph.api.deps import ChainCacheDep, StoreDep
from ecograph.graph.export import iter_graphml
from ecograph.queries.chain_names import resolve_chain
from ecograph.queries.export import chain_subgraph_rows, iter_whole_graph

router = APIRouter(prefix="/export", tags=["export"])


@router.get(
    "/graphml",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/graphml+xml": {}}, "description": "GraphML document"}},
    summary="The graph (or a chain's subgraph) as GraphML",
    description=(
        "Streamed as it is read. If the store fails mid-way, the body ends with a line "
        "`<<< 导出中断，文件不完整 / export interrupted, the file is incomplete: … >>>` that no XML parser "
        "accepts, and the chunked transfer is cut without its final chunk: clients report an incomplete "
        "transfer (curl: exit 18; httpx: RemoteProtocolError) instead of a complete file."
    ),
)
def export_graphml(
    store: StoreDep,
    chains: ChainCacheDep,
    chain: Annotated[str | None, Query(min_length=1, max_length=100, description="only this chain's ecosystem")] = None,
) -> StreamingResponse:
    if chain is None:
        nodes, edges = iter_whole_graph(store)
        filename = "ecograph.graphml"
    else:
        # resolved before the first byte is sent, so an unknown chain is still a 404
        ref = resolve_chain(store, chain)
        node_rows, edge_rows = chain_subgraph_rows(store, ref.name, chains)
        nodes, edges = iter(node_rows), iter(edge_rows)
        filename = f"ecograph-{ref.id}.graphml"
    return StreamingResponse(
        iter_graphml(nodes, edges),
        media_type="application/graphml+xml",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
