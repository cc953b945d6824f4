"""Validation: SHACL shapes on the instance data and SPARQL quality checks whose rows are defects."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from kg.paths import CHECKS_DIR, SHAPES_DIR
from kg.store import Store


@dataclass
class CheckResult:
    """Defect rows of one quality check (an empty list means the check passed)."""

    name: str
    rows: list[dict[str, str]] = field(default_factory=list)


@dataclass
class ShaclResult:
    """Whether the data conforms to the shapes, and the report text if not."""

    conforms: bool
    report: str
    violations: int


def load_shapes(shapes_dir: Path = SHAPES_DIR) -> Graph:
    """All SHACL shape files merged."""
    shapes = Graph()
    for path in sorted(shapes_dir.glob("*.ttl")):
        shapes.parse(path, format="turtle")
    return shapes


def run_shacl(data: Graph, ontology: Graph, inferred: Graph) -> ShaclResult:
    """Validate instance data (with ontology and inferred types so class targets see subclasses)."""
    import pyshacl

    combined = Graph()
    for graph in (data, ontology, inferred):
        for triple in graph:
            combined.add(triple)
    conforms, report_graph, report_text = pyshacl.validate(
        combined, shacl_graph=load_shapes(), inference="none", advanced=False, allow_warnings=True)
    from rdflib.namespace import SH
    violations = len(set(report_graph.subjects(SH.resultSeverity, SH.Violation)))
    return ShaclResult(bool(conforms), report_text, violations)


def require_conformance(result: ShaclResult) -> None:
    """Refuse a build whose data violates the shapes, with the start of pyshacl's report."""
    if not result.conforms:
        from kg.errors import ValidationFailed
        raise ValidationFailed(f"SHACL validation failed with {result.violations} violation(s):\n"
                               + result.report[:4000])


def check_files(checks_dir: Path = CHECKS_DIR) -> list[Path]:
    """The quality-check queries (files named *-violation.rq)."""
    return sorted(checks_dir.glob("*-violation.rq"))


def run_checks(store: Store, checks_dir: Path = CHECKS_DIR) -> list[CheckResult]:
    """Run every quality check on a store; a check with rows has found defects."""
    results = []
    for path in check_files(checks_dir):
        answer = store.select(path.read_text(encoding="utf-8"))
        rows = [{k: str(v) for k, v in row.items() if v is not None} for row in answer.rows]
        results.append(CheckResult(path.name.removesuffix("-violation.rq"), rows))
    return results
