"""A parsed composition as triples: the composition node, one ElementAmount per element, containsElement links.

One writer for curated materials and dataset compositions, so both are queried the same way.
"""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg.namespace import RESOURCE, SSE
from loaders.record_context import typed_double


def add_element(graph: Graph, symbol: str) -> URIRef:
    """The element node: its symbol as label, its English name (pymatgen) as a SKOS synonym, so people can ask for
    'germanium-free' as well as 'Ge-free'."""
    from pymatgen.core import Element
    element = RESOURCE[f"element/{symbol}"]
    if (element, RDF.type, SSE.ChemicalElement) in graph:  # described already (only here): a lookup, not four adds
        return element
    graph.add((element, RDF.type, SSE.ChemicalElement))
    graph.add((element, RDFS.label, Literal(symbol)))
    graph.add((element, SSE.elementSymbol, Literal(symbol)))
    if Element.is_valid_symbol(symbol):
        graph.add((element, SKOS.altLabel, Literal(Element(symbol).long_name.lower(), lang="en")))
    return element


def add_composition(graph: Graph, material: URIRef, composition: URIRef, reduced_formula: str,
                    amounts: tuple[tuple[str, float], ...] | list[tuple[str, float]]) -> None:
    """Link material to its composition (IRI chosen by the caller) and describe the composition's elements."""
    graph.add((material, SSE.hasComposition, composition))
    graph.add((material, SSE.reducedFormula, Literal(reduced_formula)))
    graph.add((composition, RDF.type, SSE.Composition))
    graph.add((composition, RDFS.label, Literal(f"composition of {reduced_formula}")))
    for symbol, amount in amounts:
        element = add_element(graph, symbol)
        share = URIRef(f"{composition}/{symbol}")
        graph.add((composition, SSE.hasElementAmount, share))
        graph.add((share, RDF.type, SSE.ElementAmount))
        graph.add((share, SSE.element, element))
        graph.add((share, SSE.amount, typed_double(amount)))
        graph.add((material, SSE.containsElement, element))


__all__ = ["add_composition", "add_element"]
