"""Graph analytics on the networkx view: how two entities connect, and what is most central."""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.errors import UsageError
from kg.store import Store

#: kinds a path may not pass through: references and compositions connect everything to everything
PATH_EXCLUDED_KINDS = {"reference", "composition", "element", "summary", "conflict"}


@dataclass(frozen=True)
class Step:
    """One hop of a path: from a node over a relation (forward or backward) to the next node."""

    source: str
    relation: str
    forward: bool
    target: str


def shortest_path(graph: nx.MultiDiGraph, start: str, end: str,
                  excluded_kinds: set[str] = PATH_EXCLUDED_KINDS) -> list[Step]:
    """The shortest chain of relations between two nodes, ignoring direction, avoiding hub kinds."""
    for node in (start, end):
        if node not in graph:
            raise UsageError(f"{node} is not in the data graph (it has no curated facts).")
    keep = [n for n, d in graph.nodes(data=True) if d.get("kind") not in excluded_kinds or n in (start, end)]
    undirected = nx.Graph(graph.subgraph(keep))
    try:
        nodes = nx.shortest_path(undirected, start, end)
    except nx.NetworkXNoPath as exc:
        raise UsageError("The two entities are not connected in the curated graph.") from exc
    steps = []
    for source, target in zip(nodes, nodes[1:]):
        if graph.has_edge(source, target):
            relation = next(iter(graph.get_edge_data(source, target).values()))["relation"]
            steps.append(Step(source, relation, True, target))
        else:
            relation = next(iter(graph.get_edge_data(target, source).values()))["relation"]
            steps.append(Step(source, relation, False, target))
    return steps


def describe_path(graph: nx.MultiDiGraph, steps: list[Step]) -> str:
    """A readable chain: 'LLTO <-[concerns material]- PEO interlayer -[addresses failure]-> Ti4+ reduction'."""
    if not steps:
        return ""
    parts = [graph.nodes[steps[0].source]["label"]]
    for step in steps:
        arrow = f" -[{step.relation}]-> " if step.forward else f" <-[{step.relation}]- "
        parts.append(arrow + graph.nodes[step.target]["label"])
    return "".join(parts)


CONCEPT_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sse: <https://w3id.org/sekg/ontology#>
SELECT DISTINCT ?a ?a_label ?a_kind ?b ?b_label ?b_kind WHERE {
  {
    GRAPH ?g { ?s a ?a } FILTER(?g != <https://w3id.org/sekg/graph/inferred>)
    ?a rdfs:subClassOf sse:MitigationStrategy . BIND("strategy" AS ?a_kind)
    { ?s sse:addressesFailure ?b . BIND("failure" AS ?b_kind) }
    UNION { ?s sse:concernsFamily ?b . BIND("family" AS ?b_kind) }
    UNION { ?s sse:concernsMaterial ?b . BIND("material" AS ?b_kind) }
  } UNION {
    GRAPH ?g { ?s a ?a } FILTER(?g != <https://w3id.org/sekg/graph/inferred>)
    ?a rdfs:subClassOf sse:Challenge . BIND("failure" AS ?a_kind)
    { ?s sse:concernsFamily ?b . BIND("family" AS ?b_kind) }
    UNION { ?s sse:concernsMaterial ?b . BIND("material" AS ?b_kind) }
  }
  ?a rdfs:label ?a_label . ?b rdfs:label ?b_label .
}
"""


def concept_graph(store: Store) -> nx.Graph:
    """Strategies, failure modes, families and materials linked when a curated statement links them."""
    graph = nx.Graph()
    for row in store.select(CONCEPT_QUERY).rows:
        for node, label, kind in ((row["a"], row["a_label"], row["a_kind"]), (row["b"], row["b_label"], row["b_kind"])):
            graph.add_node(str(node), label=str(label), kind=str(kind))
        graph.add_edge(str(row["a"]), str(row["b"]))
    return graph


def rank(store: Store, kind: str, limit: int = 20) -> list[dict]:
    """Entities of one kind ranked by degree in the concept graph, with PageRank and neighbour counts."""
    if kind not in {"failure", "strategy", "material", "family"}:
        raise UsageError(f"Unknown kind {kind!r}. Valid: failure, strategy, material, family.")
    graph = concept_graph(store)
    pagerank = nx.pagerank(graph) if graph.number_of_nodes() else {}
    rows = []
    for node, data in graph.nodes(data=True):
        if data["kind"] != kind:
            continue
        neighbour_kinds = [graph.nodes[n]["kind"] for n in graph.neighbors(node)]
        rows.append({"entity": data["label"], "degree": graph.degree(node),
                     "strategies": neighbour_kinds.count("strategy"), "failures": neighbour_kinds.count("failure"),
                     "families": neighbour_kinds.count("family"), "materials": neighbour_kinds.count("material"),
                     "pagerank": round(pagerank.get(node, 0.0), 5), "entity_iri": node})
    rows.sort(key=lambda r: (-r["degree"], -r["pagerank"], r["entity"]))
    return rows[:limit]


def export_graph(graph: nx.MultiDiGraph, path, fmt: str) -> None:
    """Write GraphML or GEXF (Gephi, Cytoscape) with string attributes only."""
    clean = nx.MultiDiGraph()
    for node, data in graph.nodes(data=True):
        clean.add_node(node, **{k: str(v) for k, v in data.items()})
    for source, target, key, data in graph.edges(keys=True, data=True):
        clean.add_edge(source, target, key=key, **{k: str(v) for k, v in data.items()})
    if fmt == "graphml":
        nx.write_graphml(clean, path)
    elif fmt == "gexf":
        nx.write_gexf(clean, path)
    else:
        raise UsageError(f"Unknown export format {fmt!r}. Valid: graphml, gexf.")
