"""Conflicts between sources: one composition, conductivities more than an order of magnitude apart at comparable
temperature, from two different sources (the review, a dataset, a curated paper).

Computed after every source is loaded, from the measurements as loaded, into the `cross-source` named graph, in the
same shape as the review's own conflicts (sse:Conflict with two claims), so `sekg query conflicts` lists both kinds.
For each material and pair of sources, the most discordant comparable pair is kept: one conflict, not one per row.
"""
from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from typing import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.namespace import GRAPH, QUDT, RESOURCE, SSE
from kg.ontology import subclasses_of

ORDER_OF_MAGNITUDE = 10.0
COMPARABLE_WITHIN_C = 5.0
ROOM_TEMPERATURE_C = 25.0


@dataclass(frozen=True)
class SourcedValue:
    """One conductivity as bounds, with its source, effective temperature and how to cite it."""

    node: URIRef
    material: URIRef
    source: URIRef
    low: float
    high: float
    celsius: float
    room_temperature: bool


def _effective_celsius(graph: Graph, node: URIRef) -> tuple[float | None, bool]:
    stated = graph.value(node, SSE.temperatureC)
    if stated is not None:
        return float(stated), False
    if graph.value(node, SSE.atRoomTemperature) is not None:
        return ROOM_TEMPERATURE_C, True
    return None, False


def sourced_conductivities(graph: Graph, materials: Iterable[URIRef] | None = None) -> list[SourcedValue]:
    """Every experimental ionic conductivity of a material (of `materials` only, when given) with a temperature
    and a source."""
    kinds = subclasses_of(SSE.IonicConductivity)
    values = []
    measured = graph.subject_objects(SSE.ofMaterial) if materials is None else \
        ((node, material) for material in materials for node in graph.subjects(SSE.ofMaterial, material))
    for node, material in measured:
        if not any((node, RDF.type, kind) in graph for kind in kinds) or graph.value(node, SSE.isComputed) is not None:
            continue
        source, low = graph.value(node, DCTERMS.source), graph.value(node, QUDT.lowerBound)
        celsius, room = _effective_celsius(graph, node)
        if source is None or low is None or celsius is None:
            continue
        high = graph.value(node, QUDT.upperBound)
        values.append(SourcedValue(node, material, source, float(low), float(high) if high is not None else math.inf,
                                   celsius, room))
    return values


def disagreement(a: SourcedValue, b: SourcedValue) -> float:
    """How many times apart two values are at least (1 when their bounds overlap)."""
    if a.low > b.high:
        return a.low / b.high if b.high > 0 else math.inf
    if b.low > a.high:
        return b.low / a.high if a.high > 0 else math.inf
    return 1.0


def find_conflicts(values: list[SourcedValue]) -> list[tuple[SourcedValue, SourcedValue, float]]:
    """Per material and pair of sources, the most discordant comparable pair beyond an order of magnitude."""
    by_material: dict[URIRef, list[SourcedValue]] = defaultdict(list)
    for value in set(values):
        by_material[value.material].append(value)
    conflicts = []
    for material in sorted(by_material):
        worst: dict[tuple[URIRef, URIRef], tuple[SourcedValue, SourcedValue, float]] = {}
        # in node order, so a tie between two equally discordant pairs is settled the same way in every build
        for a, b in combinations(sorted(by_material[material], key=lambda v: str(v.node)), 2):
            if a.source == b.source or abs(a.celsius - b.celsius) > COMPARABLE_WITHIN_C:
                continue
            a, b = sorted((a, b), key=lambda v: str(v.source))
            factor = disagreement(a, b)
            key = (a.source, b.source)
            if factor > ORDER_OF_MAGNITUDE and (key not in worst or factor > worst[key][2]):
                worst[key] = (a, b, factor)
        conflicts.extend(worst[key] for key in sorted(worst))
    return conflicts


class CrossSourceConflictLoader:
    """The cross-source conflicts of everything loaded before it, into graph cross-source."""

    name = "cross-source conflicts"
    graph_iri = GRAPH["cross-source"]

    def __init__(self) -> None:
        self._context = Graph()
        self.conflict_count = 0

    def use_context(self, graph: Graph) -> None:
        self._context = graph

    def load(self) -> Graph:
        return self.load_for(None)

    def load_for(self, materials: Iterable[URIRef] | None) -> Graph:
        """The conflicts of `materials` only (every material when None): a conflict concerns one material, so an
        incremental build recomputes those of the materials its change touches."""
        graph, context = Graph(), self._context
        found = find_conflicts(sourced_conductivities(context, materials))
        for a, b, factor in found:
            _add_conflict(graph, context, a, b, factor)
        self.conflict_count = len(found)
        return graph


def _source_name(context: Graph, source: URIRef) -> str:
    return str(context.value(source, SSE.sourceName) or context.value(source, RDFS.label) or source)


def _claim_text(context: Graph, value: SourcedValue) -> str:
    printed = context.value(value.node, SSE.valueAsPrinted)
    amount = f"<= {value.high:g}" if context.value(value.node, SSE.isUpperLimit) is not None else \
        (f"{value.low:g}" if value.low == value.high else f"{value.low:g}-{value.high:g}")
    when = "room temperature" if value.room_temperature else f"{value.celsius:g} °C"
    return f"{amount} S/cm at {when}" + (f" (printed {printed})" if printed else "")


def _claim_location(context: Graph, value: SourcedValue) -> str:
    where = _source_name(context, value.source)
    row = context.value(value.node, SSE.datasetRowId)
    section = context.value(value.node, SSE.reviewSection)
    detail = f" row {row}" if row is not None else (f" section {section}" if section is not None else "")
    refs = sorted(str(context.value(ref, SSE.referenceNumber) or ref)
                  for ref in context.objects(value.node, SSE.citesReference))
    return f"{where}{detail}" + (f" [{', '.join(refs)}]" if refs else "")


def _add_conflict(graph: Graph, context: Graph, a: SourcedValue, b: SourcedValue, factor: float) -> None:
    key = hashlib.sha1(f"{a.node}|{b.node}".encode()).hexdigest()[:12]
    node = RESOURCE[f"conflict/cross-source/{key}"]
    material = context.value(a.material, RDFS.label) or a.material
    orders = math.log10(factor) if math.isfinite(factor) else math.inf
    graph.add((node, RDF.type, SSE.Conflict))
    graph.add((node, RDFS.label, Literal(f"conductivity of {material}: {_source_name(context, a.source)} vs "
                                         f"{_source_name(context, b.source)}")))
    graph.add((node, SKOS.note, Literal(
        f"conductivity of {material} differs by {orders:.1f} orders of magnitude between "
        f"{_source_name(context, a.source)} and {_source_name(context, b.source)} at comparable temperature "
        f"(within {COMPARABLE_WITHIN_C:g} °C)")))
    graph.add((node, SSE.conflictAspect, Literal("value across sources")))
    graph.add((node, SSE.conflictConcerns, a.material))
    graph.add((node, SSE.isDerived, Literal(True)))
    for index, value in enumerate((a, b)):
        claim = RESOURCE[f"conflict/cross-source/{key}/claim/{index}"]
        graph.add((node, SSE.hasClaim, claim))
        graph.add((claim, RDF.type, SSE.ConflictingClaim))
        graph.add((claim, RDFS.label, Literal(f"claim {index + 1} of {material} conflict")))
        graph.add((claim, SSE.claimLocation, Literal(_claim_location(context, value))))
        graph.add((claim, SSE.claimText, Literal(_claim_text(context, value))))
        graph.add((claim, SSE.claimMeasurement, value.node))
        graph.add((claim, DCTERMS.source, value.source))
        for reference in context.objects(value.node, SSE.citesReference):
            graph.add((node, SSE.citesReference, reference))


__all__ = ["CrossSourceConflictLoader", "disagreement", "find_conflicts", "sourced_conductivities"]
