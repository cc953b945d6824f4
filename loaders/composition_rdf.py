"""A parsed composition as triples: the composition node, one ElementAmount per element, containsElement links.

One writer for curated materials and dataset compositions, so both are queried the same way.
"""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.namespace import RESOURCE, SSE
from loaders.record_context import typed_double


def add_composition(graph: Graph, material: URIRef, composition: URIRef, reduced_formula: str,
                    amounts: tuple[tuple[str, float], ...] | list[tuple[str, float]]) -> None:
    """Link material to its composition (IRI chosen by the caller) and describe the composition's elements."""
    graph.add((material, SSE.hasComposition, composition))
    graph.add((material, SSE.reducedFormula, Literal(reduced_formula)))
    graph.add((composition, RDF.type, SSE.Composition))
    graph.add((composition, RDFS.label, Literal(f"composition of {reduced_formula}")))
    for symbol, amount in amounts:
        element = RESOURCE[f"element/{symbol}"]
        graph.add((element, RDF.type, SSE.ChemicalElement))
        graph.add((element, RDFS.label, Literal(symbol)))
        graph.add((element, SSE.elementSymbol, Literal(symbol)))
        share = URIRef(f"{composition}/{symbol}")
        graph.add((composition, SSE.hasElementAmount, share))
        graph.add((share, RDF.type, SSE.ElementAmount))
        graph.add((share, SSE.element, element))
        graph.add((share, SSE.amount, typed_double(amount)))
        graph.add((material, SSE.containsElement, element))


__all__ = ["add_composition"]
