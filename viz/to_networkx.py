"""Conversion of the curated graph in a store to a networkx MultiDiGraph with labels and kinds.

Nodes are the IRIs of materials, families, failures, strategies, methods, statements and references;
edges are the relations between them. Literal-valued triples become node attributes, not nodes.
"""
from __future__ import annotations

import networkx as nx
from rdflib import Literal, URIRef

from kg.store import Store

KIND_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sse: <https://w3id.org/sekg/ontology#>
SELECT ?node ?kind WHERE {
  VALUES (?root ?kind) {
    (sse:Material "material") (sse:Challenge "failure") (sse:MitigationStrategy "strategy")
    (sse:ProcessingMethod "method") (sse:MeasuredProperty "measurement") (sse:BibliographicReference "reference")
    (sse:Cell "cell") (sse:Substitution "substitution") (sse:Conflict "conflict") (sse:InterfaceLocation "interface")
  }
  ?node a ?root .
}
"""

EDGE_QUERY = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
SELECT ?s ?p ?o WHERE {
  GRAPH ?g { ?s ?p ?o }
  FILTER(?g NOT IN (<https://w3id.org/sekg/graph/inferred>, <https://w3id.org/sekg/graph/ontology>))
  FILTER(?p != rdf:type)
}
"""

LABEL_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?node ?label WHERE { ?node rdfs:label ?label }
"""


def store_to_networkx(store: Store) -> nx.MultiDiGraph:
    """The data graphs (not ontology or inferred) as a MultiDiGraph: node attrs label/kind, edge attr relation."""
    labels = {row["node"]: str(row["label"]) for row in store.select(LABEL_QUERY).rows}
    kinds: dict[URIRef, str] = {}
    for row in store.select(KIND_QUERY).rows:
        kinds.setdefault(row["node"], str(row["kind"]))
    graph = nx.MultiDiGraph()
    for row in store.select(EDGE_QUERY).rows:
        subject, predicate, obj = row["s"], row["p"], row["o"]
        _add_node(graph, subject, labels, kinds)
        relation = labels.get(predicate, str(predicate).rsplit("#", 1)[-1].rsplit("/", 1)[-1])
        if isinstance(obj, Literal):
            graph.nodes[str(subject)].setdefault("attributes", {})[relation] = str(obj)
            continue
        _add_node(graph, obj, labels, kinds)
        graph.add_edge(str(subject), str(obj), key=str(predicate), relation=relation)
    return graph


def _add_node(graph: nx.MultiDiGraph, node: URIRef, labels: dict, kinds: dict) -> None:
    key = str(node)
    if key not in graph:
        kind = kinds.get(node, "family" if "ontology#" in key else "other")
        graph.add_node(key, label=labels.get(node, key.rsplit("#", 1)[-1].rsplit("/", 1)[-1]), kind=kind)
