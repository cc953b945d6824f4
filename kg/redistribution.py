"""What a release may carry: every graph but those of datasets whose licence does not allow redistribution.

A dataset marked `redistributable: false` (the Liverpool table: licence unverified) is queried locally and never
written into a release. Withheld with its graph: the inferred and index triples about its own nodes, and the cross-source
conflicts that quote one of its values. Everything else of the built graph is released unchanged.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.namespace import GRAPH, SSE

CROSS_SOURCE = GRAPH["cross-source"]
INFERRED = GRAPH["inferred"]
INDEX = GRAPH["index"]  # kg.query_index: build-time lookup triples about measurements


@dataclass
class ReleaseSelection:
    """The quads to release per graph, and what was withheld (for the release report and VoID)."""

    quads_by_graph: dict[str, list] = field(default_factory=dict)
    withheld_graphs: list[str] = field(default_factory=list)
    withheld_quads: int = 0


def _withheld_datasets(store) -> dict[str, str]:
    """{graph IRI: dataset IRI} of datasets a release must not carry."""
    rows = store.select(f"""SELECT ?graph ?dataset WHERE {{ GRAPH ?graph {{ ?dataset <{SSE.redistributable}> false }} }}""")
    return {str(row["graph"]): str(row["dataset"]) for row in rows.rows}


def select_release_quads(store) -> ReleaseSelection:
    """Every graph's quads, less what a non-redistributable dataset contributed."""
    selection = ReleaseSelection()
    withheld = _withheld_datasets(store)
    selection.withheld_graphs = sorted(withheld)
    private_subjects: set = set()
    for graph_iri in withheld:
        private_subjects.update(quad.subject for quad in store.quads(graph_iri))
    kept_graphs = [g for g in store.graph_names() if str(g) not in withheld]
    public_subjects: set = set()
    for graph_iri in kept_graphs:
        if graph_iri not in (INFERRED, CROSS_SOURCE, INDEX):  # derived graphs: about others' nodes
            public_subjects.update(quad.subject for quad in store.quads(graph_iri))
    private_only = private_subjects - public_subjects
    dropped_conflicts = _conflicts_quoting(store, {ox.NamedNode(d) for d in withheld.values()})
    for graph_iri in kept_graphs:
        kept = []
        for quad in store.quads(graph_iri):
            if quad.subject in private_only or quad.object in private_only or quad.subject in dropped_conflicts:
                selection.withheld_quads += 1
                continue
            kept.append(quad)
        selection.quads_by_graph[str(graph_iri)] = kept
    return selection


def _conflicts_quoting(store, datasets: set) -> set:
    """Cross-source conflicts (and their claims) with a claim from one of these datasets."""
    if not datasets:
        return set()
    claims_of: dict = {}
    source_of: dict = {}
    for quad in store.quads(CROSS_SOURCE):
        if quad.predicate == ox.NamedNode(str(SSE.hasClaim)):
            claims_of.setdefault(quad.subject, set()).add(quad.object)
        elif quad.predicate == ox.NamedNode("http://purl.org/dc/terms/source"):
            source_of[quad.subject] = quad.object
    dropped = set()
    for conflict, claims in claims_of.items():
        if any(source_of.get(claim) in datasets for claim in claims):
            dropped.add(conflict)
            dropped.update(claims)
    return dropped


__all__ = ["ReleaseSelection", "select_release_quads"]
