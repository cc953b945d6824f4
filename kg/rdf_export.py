"""Exporting the built graph in the standard RDF formats, exactly: what is re-imported is the same graph.

Dataset formats (N-Quads, TriG, JSON-LD) hold every named graph; triple formats (Turtle, N-Triples, RDF/XML)
hold one graph (`graph=`) or the union of all of them. pyoxigraph writes the terms as stored, so numbers keep
their lexical form (1.88e-3 stays 1.88e-3), language tags and unicode formulas survive.
"""
from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import URIRef

from kg.errors import UsageError
from kg.namespace import BIBO, GRAPH, QUDT, RESOURCE, SSE, UNIT

DATASET_FORMATS = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD}
TRIPLE_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}
PREFIXES = {"sse": str(SSE), "sekg": str(RESOURCE), "graph": str(GRAPH), "qudt": str(QUDT), "unit": str(UNIT),
            "bibo": str(BIBO), "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
            "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "owl": "http://www.w3.org/2002/07/owl#",
            "xsd": "http://www.w3.org/2001/XMLSchema#", "skos": "http://www.w3.org/2004/02/skos/core#",
            "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/"}
FORMATS = {**DATASET_FORMATS, **TRIPLE_FORMATS}
SUFFIXES = {".nq": "nquads", ".trig": "trig", ".jsonld": "jsonld", ".ttl": "turtle", ".nt": "ntriples",
            ".rdf": "rdfxml", ".owl": "rdfxml", ".xml": "rdfxml"}


def format_for(name: str | None, output: Path | None) -> str:
    """The export format named, or the one the file suffix implies; a clear error otherwise."""
    chosen = name or (SUFFIXES.get(output.suffix.lower()) if output is not None else None)
    if chosen not in FORMATS:
        raise UsageError(f"unknown RDF format {chosen!r}; valid: {', '.join(FORMATS)} (or a file ending in "
                         f"{', '.join(SUFFIXES)})")
    return chosen


def export_rdf(store, format_name: str, output: BinaryIO | Path, graph: URIRef | None = None) -> int:
    """Write the store (or one named graph) in format_name; returns the number of quads or triples written."""
    rdf_format = FORMATS[format_name]
    if graph is not None:
        quads = list(store.quads(graph))
        if not quads:
            raise UsageError(f"the store has no named graph {graph}")
        items = [q.triple for q in quads] if format_name in TRIPLE_FORMATS else quads
    elif format_name in DATASET_FORMATS:
        items = list(store.quads())
    else:
        items = list(dict.fromkeys(q.triple for q in store.quads()))
    prefixes = PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML) else None
    ox.serialize(items, output if not isinstance(output, Path) else str(output), rdf_format, prefixes=prefixes)
    return len(items)
