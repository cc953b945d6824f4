"""`sekg curate check`: validate paper records without touching the store.

Layers, each reporting file:line, field, what is wrong and what would be valid: the JSON Schema; the loader
itself (units with kg.quantity, formulas with pymatgen, names against the ontology with the closest terms, references,
ids); plausibility (temperatures, the C-rate written with a degree sign); SHACL on the triples the record would
add. Duplicates of what the graph already states are reported as notes and linked, not counted as problems.
Exit codes: 0 clean, 1 problems found, 2 unreadable input.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.errors import RecordError
from kg.namespace import GRAPH
from kg.store import OxigraphStore
from kg.store_view import named_graphs_view
from loaders.paper import PaperRecordLoader
from loaders.record_checks import Problem, document_problems
from loaders.yaml_records import read_yaml

@dataclass
class CheckReport:
    """The outcome for one file."""

    path: Path
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    unreadable: bool = False
    triples: int = 0

    @property
    def exit_code(self) -> int:
        return 2 if self.unreadable else (1 if self.problems else 0)


def context_graph(store, exclude: set | None = None) -> Graph:
    """What a record would join: every data graph of the built store except `exclude` (the record's own, when it
    was built before), or, without a store, the review sources loaded now. An embedded store is read in place
    (kg.store_view: the record's loader looks nodes up); copying the review graph into rdflib took 6 s per check."""
    exclude = exclude or set()
    if store is not None:
        names = [iri for iri in store.graph_names()
                 if iri not in (GRAPH["inferred"], GRAPH["ontology"]) and iri not in exclude]
        if isinstance(store, OxigraphStore):
            return named_graphs_view(store.pyoxigraph_store, names)
        context = Graph()
        for iri in names:
            for triple in store.export_graph(iri):
                context.add(triple)
        return context
    from kg.builder import default_loaders
    context = Graph()
    for loader in default_loaders()[:2]:
        for triple in loader.load():
            context.add(triple)
    return context


def check_file(path: Path, context: Graph, *, shacl: bool = True) -> CheckReport:
    """Every problem of one paper record against a context graph; nothing is written anywhere."""
    report = CheckReport(path)
    try:
        document = read_yaml(path)
    except RecordError as error:
        report.unreadable = True
        report.problems.append(Problem(error.file, error.record, error.field, error.problem, error.valid))
        return report
    report.problems += document_problems(path, document)
    loader = PaperRecordLoader(path)
    loader.use_context(context)
    try:
        result = loader.load_collecting(document=document)
    except RecordError as error:
        report.problems.append(Problem(error.file, error.record, error.field, error.problem, error.valid))
        return report
    report.problems += [Problem(e.file, e.record, e.field, e.problem, e.valid) for e in result.problems]
    report.notices += result.notices
    report.triples = len(result.graph)
    if shacl and not result.problems:
        report.problems += _shacl_problems(path, result.graph, context)
    return report


def _shacl_problems(path: Path, record_graph: Graph, context: Graph) -> list[Problem]:
    """SHACL on the graph as it would be with the record; only violations on the record's own nodes count."""
    import pyshacl
    from rdflib.namespace import SH

    from kg.ontology import load_ontology
    from kg.reason import sparql_type_closure
    from kg.validate import load_shapes
    own = set(record_graph.subjects())
    data = _neighbourhood(record_graph, own, context)
    ontology = load_ontology()
    closure = sparql_type_closure(ontology, data).inferred
    conforms, report_graph, _ = pyshacl.validate(_merge(data, ontology, closure), shacl_graph=load_shapes(),
                                                 inference="none")
    if conforms:
        return []
    problems = []
    for result_node in report_graph.subjects(SH.resultSeverity, SH.Violation):
        focus = report_graph.value(result_node, SH.focusNode)
        if focus not in own:
            continue
        message = report_graph.value(result_node, SH.resultMessage)
        path_value = report_graph.value(result_node, SH.resultPath)
        problems.append(Problem(str(path), str(focus).rsplit("/", 1)[-1], str(path_value or "-"),
                                f"SHACL: {message}"))
    return problems


def _neighbourhood(record_graph: Graph, own: set, context: Graph) -> Graph:
    """What SHACL needs to judge the record's own nodes, and nothing more (the whole graph took 7 s per check on the
    review graph): the record, every triple the context states about its nodes, the types of what they link to (for
    sh:class) and the classes other records propose (for the closure). The shapes (ontology/shapes) constrain a
    focus node's own properties and the classes of their values."""
    from rdflib import RDF, URIRef

    from kg.reason import proposed_classes
    data = _merge(record_graph, proposed_classes(context))
    for node in own:
        for triple in context.triples((node, None, None)):
            data.add(triple)
    for value in {o for o in data.objects() if isinstance(o, URIRef)}:
        for triple in context.triples((value, RDF.type, None)):
            data.add(triple)
    return data


def _merge(*graphs: Graph) -> Graph:
    merged = Graph()
    for graph in graphs:
        for triple in graph:
            merged.add(triple)
    return merged


def check_files(paths: list[Path], store=None) -> list[CheckReport]:
    """Check several records against the graph they would join (the built store when there is one)."""
    from loaders.paper import paper_graph_iri, record_key
    own = {paper_graph_iri(record_key(path)) for path in paths}
    context = context_graph(store, own)
    return [check_file(path, context) for path in paths]
