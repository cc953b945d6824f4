"""Named graphs of an Oxigraph store read through rdflib's Graph API, in place.

Loaders are written against rdflib graphs, and a loader that joins what is already built (a paper record linking to
the review's materials) looks up a few nodes. When what is built is a 10^6-triple store, copying it into rdflib to
answer those lookups would cost more than the whole paper; this view answers each `triples()` pattern with an index
lookup in the store instead. Read-only: adding to it raises.
"""
from __future__ import annotations

from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.store import Store as RdflibStoreBase

from kg.store import to_oxigraph, to_rdflib


class _NamedGraphsReader(RdflibStoreBase):
    """An rdflib store plugin over some named graphs of a pyoxigraph store (their union, as ReadOnlyGraphAggregate
    reads several graphs: a triple stated in two graphs is seen twice)."""

    def __init__(self, store: ox.Store, graph_iris: Iterable[URIRef]):
        super().__init__()
        self._store = store
        self._graphs = [ox.NamedNode(str(iri)) for iri in graph_iris]

    def triples(self, triple_pattern, context=None) -> Iterator:
        s, p, o = (None if term is None else to_oxigraph(term) for term in triple_pattern)
        for graph in self._graphs:
            for quad in self._store.quads_for_pattern(s, p, o, graph):
                yield (to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)), iter(())

    def __len__(self, context=None) -> int:
        return sum(1 for graph in self._graphs for _ in self._store.quads_for_pattern(None, None, None, graph))

    def add(self, triple, context, quoted=False) -> None:
        raise TypeError("a view of a built store is read-only")

    def remove(self, triple, context=None) -> None:
        raise TypeError("a view of a built store is read-only")


def named_graphs_view(store: ox.Store, graph_iris: Iterable[URIRef]) -> Graph:
    """An rdflib Graph whose triples are those of `graph_iris` in `store`, read on demand."""
    return Graph(store=_NamedGraphsReader(store, list(graph_iris)))


__all__ = ["named_graphs_view"]
