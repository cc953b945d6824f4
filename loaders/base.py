"""The Loader contract: one source in, one named graph of triples with provenance out."""
from __future__ import annotations

from typing import Protocol

from rdflib import Graph, URIRef


class Loader(Protocol):
    """A source of triples. `load()` raises RecordError on bad input and never returns partial data."""

    name: str
    graph_iri: URIRef

    def load(self) -> Graph: ...
