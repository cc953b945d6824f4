"""`sekg curate check`: validate paper records without touching the store.

Layers, each reporting file:line, field, what is wrong and what would be valid: the JSON Schema; the loader
itself (units with kg.quantity, formulas with pymatgen, names against the ontology with the closest terms, references,
ids); plausibility (temperatures, the C-rate written with a degree sign); SHACL on the triples the record would
add. Duplicates of what the graph already states are reported as notes and linked, not counted as problems.
Exit codes: 0 clean, 1 problems found, 2 unreadable input.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.errors import RecordError
from kg.namespace import GRAPH
from loaders.paper import PaperRecordLoader
from loaders.yaml_records import read_yaml, strip_lines

DEGREE_RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*°\s*C\s*$")
RATE_HINTS = re.compile(r"cycle|rate|\bC/|capacity|retention", re.IGNORECASE)
RATE_LIKE_PROPERTIES = {"CapacityRetention", "SpecificCapacity", "InitialDischargeCapacity", "CycleLife",
                        "CoulombicEfficiency", "ArealCapacity"}


@dataclass(frozen=True)
class Problem:
    """One thing to fix: where, which field, what is wrong, what would be valid."""

    where: str
    record: str
    field: str
    message: str
    valid: str = ""

    def __str__(self) -> str:
        tail = f" Valid: {self.valid}." if self.valid else ""
        return f"{self.where}: record {self.record!r}, field {self.field!r}: {self.message}.{tail}"


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


def _line_of(document: Any, path: list) -> int:
    line = document.get("__line__", 1) if isinstance(document, dict) else 1
    node = document
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "__line__" in node:
            line = node["__line__"]
    return line


def schema_problems(path: Path, document: dict) -> list[Problem]:
    """JSON Schema violations, located by line."""
    import jsonschema

    from kg.curate.schema import SCHEMA
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    problems = []
    for error in sorted(validator.iter_errors(strip_lines(document)), key=lambda e: list(map(str, e.absolute_path))):
        location = list(error.absolute_path)
        record = document
        for step in location[:2]:
            try:
                record = record[step]
            except (KeyError, IndexError, TypeError):
                break
        record_id = record.get("id", "-") if isinstance(record, dict) else "-"
        field_name = ".".join(str(p) for p in location) or "(top level)"
        problems.append(Problem(f"{path}:{_line_of(document, location)}", str(record_id), field_name,
                                error.message, _schema_hint(error)))
    return problems


def _schema_hint(error) -> str:
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        return "one of " + ", ".join(allowed)
    if error.validator == "enum":
        return ", ".join(map(str, error.validator_value))
    if error.validator == "required":
        return "add the missing field"
    if error.validator == "type":
        return f"a value of type {error.validator_value}"
    return ""


def plausibility_problems(path: Path, document: dict) -> list[Problem]:
    """Temperatures that are really C-rates, and implausible temperatures."""
    problems = []
    for record in document.get("measurements") or []:
        if not isinstance(record, dict) or "temperature" not in record:
            continue
        text = str(record["temperature"])
        where = f"{path}:{record.get('__line__', '?')}"
        match = DEGREE_RATE.match(text)
        context = " ".join(str(record.get(k, "")) for k in ("printed", "conditions", "quote"))
        rate_like = (record.get("property") in RATE_LIKE_PROPERTIES or "cycles" in record or "c_rate" in record
                     or RATE_HINTS.search(context))
        if match and float(match.group(1)) <= 10 and rate_like:
            problems.append(Problem(where, str(record.get("id")), "temperature",
                                    f"{text!r} next to cycling reads like a C-rate printed with a degree sign",
                                    f"c_rate: {match.group(1)} (and the real temperature, if stated)"))
    return problems


def context_graph(store, exclude: set | None = None) -> Graph:
    """What a record would join: every data graph of the built store except `exclude` (the record's own, when it
    was built before), or, without a store, the review sources loaded now."""
    context = Graph()
    exclude = exclude or set()
    if store is not None:
        for iri in store.graph_names():
            if iri not in (GRAPH["inferred"], GRAPH["ontology"]) and iri not in exclude:
                for triple in store.export_graph(iri):
                    context.add(triple)
        return context
    from kg.build import default_loaders
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
    report.problems += schema_problems(path, document)
    report.problems += plausibility_problems(path, document)
    loader = PaperRecordLoader(path)
    loader.use_context(context)
    try:
        result = loader.load_collecting()
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
    data = _merge(context, record_graph)
    ontology = load_ontology()
    closure = sparql_type_closure(ontology, data).inferred
    conforms, report_graph, _ = pyshacl.validate(_merge(data, ontology, closure), shacl_graph=load_shapes(),
                                                 inference="none")
    if conforms:
        return []
    own = set(record_graph.subjects())
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
