"""`sekg curate diff FILE`: what a record adds, and which canned-query answers change because of it.

The record is loaded against the built graph, added to an in-memory copy of the store (with the RDFS type
closure of its new triples), and a set of probe queries derived from the record runs before and after.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.catalogue import run_query
from kg.namespace import GRAPH, SSE
from kg.ontology import load_ontology
from kg.reason import sparql_type_closure
from kg.resolve import LabelIndex
from kg.store import Store, copy_graphs, open_store
from loaders.paper import PaperRecordLoader


@dataclass
class QueryChange:
    """Rows a probe query gains or loses."""

    query: str
    params: dict
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)


@dataclass
class RecordDiff:
    """New entities, new statements, links to existing statements, and changed answers."""

    new_entities: list[str]
    new_statements: list[str]
    linked: list[str]
    changes: list[QueryChange]


def _probes(record_graph: Graph, context: Graph) -> list[tuple[str, dict]]:
    probes: list[tuple[str, dict]] = []
    for failure in set(record_graph.objects(None, SSE.addressesFailure)):
        probes.append(("strategies-for-failure", {"failure": str(failure)}))
    for family in set(record_graph.objects(None, SSE.concernsFamily)):
        probes.append(("failures-of", {"family": str(family)}))
    materials = set(record_graph.objects(None, SSE.concernsMaterial)) | set(record_graph.objects(None, SSE.ofMaterial))
    for material in sorted(materials):
        probes.append(("material-profile", {"material": str(material)}))
        probes.append(("evidence-for", {"subject": str(material)}))
        probes.append(("failures-of", {"material": str(material)}))
    for statement in set(record_graph.subjects(SSE.alsoReportedBy, None)):
        for predicate in (SSE.ofMaterial, SSE.concernsMaterial):
            for material in context.objects(statement, predicate):
                probes.append(("evidence-for", {"subject": str(material)}))
    if materials:
        probes.append(("materials-by-conductivity", {}))
    return list(dict.fromkeys((name, tuple(sorted(params.items()))) for name, params in probes).keys())


def first_column(name: str) -> str:
    """The column a changed row is shown by (what the question asks for)."""
    from kg.catalogue import get_query
    return get_query(name).columns[0].name


def _rows(store: Store, index: LabelIndex, name: str, params: dict) -> set[tuple]:
    try:
        answer = run_query(store, name, params, index)
    except Exception:  # a term the record introduces is unknown before it: no rows
        return set()
    return {tuple(sorted((k, str(v)) for k, v in row.items())) for row in answer.rows}


def diff_record(path: Path, store: Store) -> RecordDiff:
    """Compare the store's answers with the answers after adding the record."""
    from kg.curate.check import context_graph
    loader = PaperRecordLoader(path)
    context = context_graph(store, {loader.graph_iri})
    before = open_store("memory:")
    copy_graphs(store, before, [g for g in store.graph_names() if g != loader.graph_iri])
    store = before
    loader.use_context(context)
    record_graph = loader.load()
    after = open_store("memory:")
    copy_graphs(store, after)
    after.replace_graph(loader.graph_iri, record_graph)
    closure = sparql_type_closure(load_ontology(), record_graph).inferred
    inferred = after.export_graph(GRAPH["inferred"])
    for triple in closure:
        inferred.add(triple)
    after.replace_graph(GRAPH["inferred"], inferred)
    subjects = {s for s in record_graph.subjects() if isinstance(s, URIRef)}
    new_entities = sorted(str(s) for s in subjects if (s, None, None) not in context)
    new_statements = sorted(str(s) for s in record_graph.subjects(RDF.type, SSE.CuratedStatement))
    linked = sorted(str(s) for s in record_graph.subjects(SSE.alsoReportedBy, None))
    changes = []
    before_index, after_index = LabelIndex(store), LabelIndex(after)  # one label index per store, not per probe
    for name, params in _probes(record_graph, context):
        params = dict(params)
        before_rows, after_rows = _rows(store, before_index, name, params), _rows(after, after_index, name, params)
        if before_rows != after_rows:
            changes.append(QueryChange(name, params, [dict(r) for r in sorted(after_rows - before_rows)],
                                       [dict(r) for r in sorted(before_rows - after_rows)]))
    return RecordDiff(new_entities, new_statements, linked, changes)
