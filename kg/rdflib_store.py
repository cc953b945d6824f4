"""The `rdflib:` store: rdflib's in-memory Dataset behind the Store contract, the pure-Python baseline that
benchmarks and cross-engine tests compare against (a module of its own, so the embedded store's path never imports
rdflib)."""
from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from typing import Iterator

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import StoreError
from kg.store import XSD_STRING, QueryResult


def normalise_term(term: Node | None) -> Node | None:
    """Make literals comparable across engines: drop an explicit xsd:string datatype."""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == XSD_STRING:
        return Literal(str(term))
    return term


#: rdflib parses SPARQL with pyparsing, one Python frame per grammar rule: a canned query needs ~650 frames, ~950 once
#: pyparsing's packrat cache is on (matplotlib's mathtext turns it on for the whole process when imported), so a
#: query run from a caller already 50 frames deep (a notebook cell, a test runner, a web framework) stopped with
#: RecursionError at Python's default limit of 1,000
PARSER_RECURSION_LIMIT = 20_000
_room_lock = threading.Lock()
_room_users = 0
_limit_before = 0


@contextmanager
def parser_room() -> Iterator[None]:
    """Python's recursion limit raised for rdflib's SPARQL parser and evaluator while any thread uses them, and put
    back when the last one is done."""
    global _room_users, _limit_before
    with _room_lock:
        if _room_users == 0:
            _limit_before = sys.getrecursionlimit()
            sys.setrecursionlimit(max(_limit_before, PARSER_RECURSION_LIMIT))
        _room_users += 1
    try:
        yield
    finally:
        with _room_lock:
            _room_users -= 1
            if _room_users == 0:
                sys.setrecursionlimit(_limit_before)


class RdflibStore:
    """rdflib's in-memory Dataset with a union default graph: the pure-Python baseline."""

    def __init__(self, selector: str):
        self.selector = selector
        self._dataset = Dataset(default_union=True)

    def select(self, query: str) -> QueryResult:
        with parser_room():
            result = self._dataset.query(query)
            if result.type != "SELECT":
                raise StoreError("expected a SELECT query")
            variables = [str(v) for v in result.vars]
            rows = [{name: normalise_term(row[name]) for name in variables} for row in result]
        return QueryResult(variables, rows)

    def ask(self, query: str) -> bool:
        with parser_room():
            return bool(self._dataset.query(query).askAnswer)

    def construct(self, query: str) -> Graph:
        result = Graph()
        with parser_room():
            for triple in self._dataset.query(query):
                result.add(triple)
        return result

    def replace_graph(self, graph_iri: URIRef, graph: Graph) -> None:
        self._dataset.remove_graph(self._dataset.graph(graph_iri))
        target = self._dataset.graph(graph_iri)
        for triple in graph:
            target.add(triple)

    def graph_names(self) -> list[URIRef]:
        return sorted(g.identifier for g in self._dataset.graphs() if isinstance(g.identifier, URIRef)
                      and len(g) and str(g.identifier) != "urn:x-rdflib:default")

    def triple_count(self, graph_iri: URIRef | None = None) -> int:
        if graph_iri is None:
            return sum(len(self._dataset.graph(g)) for g in self.graph_names())
        return len(self._dataset.graph(graph_iri))

    def export_graph(self, graph_iri: URIRef) -> Graph:
        result = Graph()
        for triple in self._dataset.graph(graph_iri):
            result.add(triple)
        return result

    def close(self) -> None:
        self._dataset = Dataset(default_union=True)
