"""`sekg curate diff FILE`: what a record adds, and which canned-query answers change because of it.

The record is loaded against the built graph and added to a copy of the store (a RocksDB checkpoint of an embedded
store) with what a build derives for it (the RDFS type closure and the query-index entries of its nodes); a set of
probe queries derived from the record runs on a copy without it and on the copy with it.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.catalogue import run_query
from kg.namespace import GRAPH, SSE
from kg.ontology import load_ontology
from kg.reason import sparql_type_closure
from kg.resolve import LabelIndex
from kg.store import OxigraphStore, Store, copy_graphs, open_store
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
    return sorted(dict.fromkeys((name, tuple(sorted(params.items()))) for name, params in probes))  # a stable order


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


def _add_derived(after: OxigraphStore, record_graph: Graph, subjects: set[URIRef]) -> None:
    """What a build derives from the record, added to the graphs that hold it: the types the subclass closure
    infers and the record nodes' query-index entries (conductivity decades, stated types), without which the
    conductivity and family queries do not see the record's measurements."""
    import pyoxigraph as ox

    from kg.query_index import INDEX_GRAPH, build_index
    from kg.store import to_oxigraph
    inferred = sparql_type_closure(load_ontology(), record_graph).inferred
    entries = [t for t in build_index(record_graph) if t[0] in subjects]
    for graph_iri, triples in ((GRAPH["inferred"], inferred), (INDEX_GRAPH, entries)):
        graph = ox.NamedNode(str(graph_iri))
        after.pyoxigraph_store.extend([ox.Quad(*map(to_oxigraph, triple), graph) for triple in triples])


@contextmanager
def _before_and_after(store: Store, record_iri: URIRef) -> Iterator[tuple[OxigraphStore, OxigraphStore]]:
    """Two writable copies of the graph without the record's own graph: RocksDB checkpoints of an embedded store
    on disk (hard links: milliseconds at any size), else copies in memory (copying the review graph into memory
    twice took most of a diff's 11 s)."""
    import tempfile
    if isinstance(store, OxigraphStore) and store.path is not None:
        with tempfile.TemporaryDirectory(prefix="sekg-diff-") as scratch:
            copies = []
            try:
                for name in ("before", "after"):
                    store.pyoxigraph_store.backup(str(Path(scratch) / name))
                    copies.append(OxigraphStore(Path(scratch) / name, f"oxigraph:{Path(scratch) / name}"))
                    copies[-1].replace_graph(record_iri, Graph())
                yield copies[0], copies[1]
            finally:
                for copy in copies:
                    copy.close(compact=False)
        return
    copies = []
    for _ in range(2):
        copies.append(open_store("memory:"))
        copy_graphs(store, copies[-1], [g for g in store.graph_names() if g != record_iri])
    yield copies[0], copies[1]


def diff_record(path: Path, store: Store) -> RecordDiff:
    """Compare the store's answers with the answers after adding the record."""
    from kg.curate.check import context_graph
    loader = PaperRecordLoader(path)
    loader.use_context(context_graph(store, {loader.graph_iri}))
    record_graph = loader.load()
    with _before_and_after(store, loader.graph_iri) as (before, after):
        after.replace_graph(loader.graph_iri, record_graph)
        subjects = {s for s in record_graph.subjects() if isinstance(s, URIRef)}
        _add_derived(after, record_graph, subjects)
        return _compare(before, after, record_graph, subjects)


def _compare(store: OxigraphStore, after: OxigraphStore, record_graph: Graph, subjects: set[URIRef]) -> RecordDiff:
    """The record's entities and statements, and the probe answers that differ between the two stores."""
    from kg.curate.check import context_graph
    context = context_graph(store)  # the graph the record joins (the record's own graph is not in `store`)
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
