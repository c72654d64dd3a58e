"""ecograph: a knowledge graph of a regional innovation ecosystem, extracted from Chinese documents.

The stages live in folders of the repository root and install under this one name:
`ecograph.graph` (the store), `ecograph.loaders` (read, clean, extract, resolve), `ecograph.queries`
(the read layer), `ecograph.api` (FastAPI) and `ecograph.viz` (pages); `ecograph.cli` is the
command line.
"""
