"""The curated graph of a store as a networkx MultiDiGraph: one function, reused by viz, path, rank and export.

Nodes are IRIs with attributes `label`, `kind` and `title` (hover text: definition, printed value, references);
edges carry `relation` (the predicate's label) and `predicate`. Literal-valued triples become node attributes.
Only data graphs are converted (not the ontology, the inferred closure or the query indexes); classes that data points at (families,
failure modes, methods) become nodes of their own kind.
"""
from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import Literal, URIRef

from kg.store import Store

SSE = "https://w3id.org/sekg/ontology#"
#: node kinds in order of precedence: (kind, root, how membership is tested)
KINDS: list[tuple[str, str, str]] = [
    ("material", "Material", "instance"),
    ("measurement", "MeasuredProperty", "instance"),
    ("strategy", "MitigationStrategy", "instance"),
    ("failure", "Challenge", "instance"),
    ("synthesis", "ProcessingMethod", "instance"),
    ("substitution", "Substitution", "instance"),
    ("cell", "Cell", "instance"),
    ("summary", "FamilySummary", "instance"),
    ("summary", "TableRow", "instance"),
    ("benchmark", "BenchmarkDesignation", "instance"),
    ("conflict", "Conflict", "instance"),
    ("milestone", "MethodMilestone", "instance"),
    ("reference", "BibliographicReference", "instance"),
    ("interface", "InterfaceLocation", "instance"),
    ("composition", "Composition", "instance"),
    ("composition", "ElementAmount", "instance"),
    ("conflict", "ConflictingClaim", "instance"),
    ("element", "ChemicalElement", "instance"),
    ("family", "SolidElectrolyte", "subclass"),
    ("failure mode", "Challenge", "subclass"),
    ("method", "ProcessingMethod", "subclass"),
    ("property", "MeasuredProperty", "subclass"),
    ("material role", "Material", "subclass"),
]
#: predicates left out of the graph: provenance to the source document, and structure noise
SKIPPED_PREDICATES = {"http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/ns/prov#wasDerivedFrom",
                      "http://www.w3.org/ns/prov#wasAttributedTo",
                      "http://purl.org/dc/terms/source", SSE + "citedIn", "http://purl.org/dc/terms/isPartOf"}

KIND_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sse: <https://w3id.org/sekg/ontology#>
SELECT ?node ?root ?test WHERE {
  { ?node a ?root . BIND("instance" AS ?test) } UNION { ?node rdfs:subClassOf ?root . BIND("subclass" AS ?test) }
  FILTER(STRSTARTS(STR(?root), "https://w3id.org/sekg/ontology#"))
}
"""
#: the graphs a view leaves out: the ontology, the inferred closure and the query indexes (not statements of a source)
NOT_DATA_GRAPHS = """FILTER(?g NOT IN (<https://w3id.org/sekg/graph/inferred>, <https://w3id.org/sekg/graph/ontology>,
                   <https://w3id.org/sekg/graph/index>))"""
EDGE_QUERY = """
SELECT ?s ?p ?o WHERE {
  GRAPH ?g { ?s ?p ?o }
  NOT_DATA_GRAPHS
}
""".replace("NOT_DATA_GRAPHS", NOT_DATA_GRAPHS)
LABEL_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?node ?label ?definition WHERE { ?node rdfs:label ?label OPTIONAL { ?node skos:definition ?definition } }
"""


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def node_kinds(store: Store) -> dict[str, str]:
    """The display kind of every typed node or class, by the precedence of KINDS."""
    memberships: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for row in store.select(KIND_QUERY).rows:
        memberships[str(row["node"])].add((_local(str(row["root"])), str(row["test"])))
    kinds = {}
    for node, member_of in memberships.items():
        for kind, root, test in KINDS:
            if (root, test) in member_of:
                kinds[node] = kind
                break
    return kinds


def store_to_networkx(store: Store) -> nx.MultiDiGraph:
    """The data graphs of a store as a MultiDiGraph with label, kind and hover title on every node."""
    labels: dict[str, str] = {}
    definitions: dict[str, str] = {}
    for row in store.select(LABEL_QUERY).rows:
        labels.setdefault(str(row["node"]), str(row["label"]))
        if row.get("definition") is not None:
            definitions.setdefault(str(row["node"]), str(row["definition"]))
    kinds = node_kinds(store)
    graph = nx.MultiDiGraph()
    literals: dict[str, dict[str, str]] = defaultdict(dict)
    for row in store.select(EDGE_QUERY).rows:
        subject, predicate, obj = str(row["s"]), str(row["p"]), row["o"]
        if predicate in SKIPPED_PREDICATES:
            continue
        relation = labels.get(predicate, _local(predicate))
        if isinstance(obj, Literal):
            literals[subject].setdefault(relation, str(obj))
            continue
        if not isinstance(obj, URIRef):
            continue
        for node in (subject, str(obj)):
            if node not in graph:
                graph.add_node(node, label=labels.get(node, _local(node)), kind=kinds.get(node, "other"))
        graph.add_edge(subject, str(obj), key=predicate, relation=relation, predicate=predicate)
    for node, data in graph.nodes(data=True):
        data["title"] = _hover_text(node, data, definitions.get(node), literals.get(node, {}), graph)
    return graph


def _hover_text(node: str, data: dict, definition: str | None, literals: dict[str, str], graph: nx.MultiDiGraph) -> str:
    lines = [f"{data['label']} ({data['kind']})"]
    if definition:
        lines.append(definition)
    for key in ("value as printed", "temperature as printed", "conditions", "mechanism", "effect", "formula",
                "evidence text", "curation note", "review section", "citation text"):
        if key in literals:
            lines.append(f"{key}: {literals[key]}")
    refs = sorted({graph.nodes[target]["label"].split("]")[0].lstrip("[")
                   for _, target, edge in graph.out_edges(node, data=True) if edge["relation"] == "cites reference"})
    if refs:
        lines.append("refs: " + ", ".join(refs))
    return "\n".join(lines)


def neighbourhood(graph: nx.MultiDiGraph, seeds: list[str], depth: int) -> nx.MultiDiGraph:
    """The subgraph within `depth` hops (either direction) of the seed nodes."""
    undirected = graph.to_undirected(as_view=True)
    keep: set[str] = set()
    for seed in seeds:
        if seed in graph:
            keep.update(nx.single_source_shortest_path_length(undirected, seed, cutoff=depth))
    return graph.subgraph(keep).copy()


def filter_kinds(graph: nx.MultiDiGraph, kinds: set[str]) -> nx.MultiDiGraph:
    """Only the nodes of the given kinds."""
    return graph.subgraph([n for n, d in graph.nodes(data=True) if d["kind"] in kinds]).copy()


AROUND_QUERY = """
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?n { NODES }
  { GRAPH ?g { ?n ?p ?o } BIND(?n AS ?s) } UNION { GRAPH ?g { ?s ?p ?n } BIND(?n AS ?o) }
  NOT_DATA_GRAPHS
}
""".replace("NOT_DATA_GRAPHS", NOT_DATA_GRAPHS)
NODE_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?node ?label ?definition ?root ?test WHERE {
  VALUES ?node { NODES }
  OPTIONAL { ?node rdfs:label ?label }
  OPTIONAL { ?node skos:definition ?definition }
  OPTIONAL { { ?node a ?root . BIND("instance" AS ?test) } UNION { ?node rdfs:subClassOf ?root . BIND("subclass" AS ?test) }
             FILTER(STRSTARTS(STR(?root), "https://w3id.org/sekg/ontology#")) }
}
"""
HUB_EDGES = 300  # a node with more edges than this (a family with its members, an element) is not expanded further
NOT_EXPANDED = {"element", "composition", "reference", "family", "property", "material role", "failure mode", "method"}
CHUNK = 400


def _values(nodes: list[str]) -> str:
    return " ".join(URIRef(node).n3() for node in nodes)


def local_graph(store: Store, seeds: list[str], depth: int = 2) -> nx.MultiDiGraph:
    """The neighbourhood of the seeds read with a few bounded queries (not the whole store converted), with the
    same node attributes as store_to_networkx. Hubs and classes are reached but not expanded, so a well-studied
    material's neighbourhood stays the size of what is said about it."""
    graph = nx.MultiDiGraph()
    literals: dict[str, dict[str, str]] = defaultdict(dict)
    frontier, seen = list(dict.fromkeys(seeds)), set()
    for hop in range(max(1, depth)):
        triples = []
        for start in range(0, len(frontier), CHUNK):
            chunk = frontier[start:start + CHUNK]
            triples += store.select(AROUND_QUERY.replace("NODES", _values(chunk))).rows
        seen.update(frontier)
        per_node: dict[str, int] = defaultdict(int)
        for row in triples:
            per_node[str(row["s"])] += 1
            per_node[str(row["o"])] += 1
        for row in triples:
            subject, predicate, obj = str(row["s"]), str(row["p"]), row["o"]
            if predicate in SKIPPED_PREDICATES:
                continue
            if isinstance(obj, Literal):
                literals[subject].setdefault(predicate, str(obj))
                continue
            if isinstance(obj, URIRef):
                graph.add_edge(subject, str(obj), key=predicate, relation=_local(predicate), predicate=predicate)
        _describe_nodes(store, graph, literals)
        frontier = [node for node in graph.nodes if node not in seen and graph.degree(node) < HUB_EDGES
                    and graph.nodes[node].get("kind") not in NOT_EXPANDED] if hop + 1 < depth else []
        if not frontier:
            break
    return graph


def _describe_nodes(store: Store, graph: nx.MultiDiGraph, literals: dict[str, dict[str, str]]) -> None:
    """Label, kind and hover text of the nodes not yet described; relations named by their predicate's label."""
    pending = [node for node, data in graph.nodes(data=True) if "kind" not in data]
    predicates = sorted({data["predicate"] for _, _, data in graph.edges(data=True)} |
                        {predicate for values in literals.values() for predicate in values})
    labels: dict[str, str] = {}
    definitions: dict[str, str] = {}
    memberships: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for start in range(0, len(pending + predicates), CHUNK):
        chunk = (pending + predicates)[start:start + CHUNK]
        for row in store.select(NODE_QUERY.replace("NODES", _values(chunk))).rows:
            node = str(row["node"])
            if row.get("label") is not None:
                labels.setdefault(node, str(row["label"]))
            if row.get("definition") is not None:
                definitions.setdefault(node, str(row["definition"]))
            if row.get("root") is not None:
                memberships[node].add((_local(str(row["root"])), str(row["test"])))
    for node in pending:
        kind = next((k for k, root, test in KINDS if (root, test) in memberships[node]), "other")
        data = graph.nodes[node]
        data.update(label=labels.get(node, _local(node)), kind=kind)
        named = {labels.get(predicate, _local(predicate)): value for predicate, value in literals.get(node, {}).items()}
        data["title"] = _hover_text(node, data, definitions.get(node), named, graph)
    for _, _, data in graph.edges(data=True):
        data["relation"] = labels.get(data["predicate"], data["relation"])
