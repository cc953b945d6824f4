"""Duplicate detection against the graph a record is added to: same material by reduced composition, same
measurement (property, material, value, temperature) from another source. Duplicates are linked, not copied."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.namespace import QUDT, RESOURCE, SSE
from kg.ontology import subclasses_of

RELATIVE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class KnownMeasurement:
    """A measurement already in the graph, reduced to what identifies it."""

    iri: URIRef
    property_class: URIRef
    material: URIRef
    low: float
    high: float | None
    temperature_c: float | None
    room_temperature: bool


def known_materials(graph: Graph) -> dict[str, URIRef]:
    """Material ids (the last IRI segment) of every material node in the graph."""
    prefix = str(RESOURCE["material/"])
    return {str(s)[len(prefix):]: s for s in set(graph.subjects(SSE.formulaKind, None))
            if isinstance(s, URIRef) and str(s).startswith(prefix)}


def reduced_formulas(graph: Graph) -> dict[str, URIRef]:
    """Existing materials by pymatgen reduced formula (the first one wins when several share it)."""
    found: dict[str, URIRef] = {}
    for material, reduced in sorted(graph.subject_objects(SSE.reducedFormula)):
        found.setdefault(str(reduced), material)
    return found


def known_measurements(graph: Graph) -> list[KnownMeasurement]:
    """Every measurement with a material, a property class and a lower bound."""
    properties = subclasses_of(SSE.MeasuredProperty)
    result = []
    for node, material in graph.subject_objects(SSE.ofMaterial):
        low = graph.value(node, QUDT.lowerBound)
        types = [t for t in graph.objects(node, RDF.type) if t in properties]
        if low is None or not types:
            continue
        high = graph.value(node, QUDT.upperBound)
        celsius = graph.value(node, SSE.temperatureC)
        for property_class in types:
            result.append(KnownMeasurement(node, property_class, material, float(low),
                                           None if high is None else float(high),
                                           None if celsius is None else float(celsius),
                                           graph.value(node, SSE.atRoomTemperature) is not None))
    return result


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b), 1e-30)


def find_duplicate(candidate: KnownMeasurement, existing: list[KnownMeasurement]) -> KnownMeasurement | None:
    """An existing measurement of the same property on the same material, value and temperature."""
    for other in existing:
        if other.iri == candidate.iri or other.material != candidate.material:
            continue
        if other.property_class != candidate.property_class:
            continue
        if not (_close(other.low, candidate.low) and _close(other.high, candidate.high)):
            continue
        if _close(other.temperature_c, candidate.temperature_c) and other.room_temperature == candidate.room_temperature:
            return other
    return None


#: predicates whose object sets identify a statement of each kind (with its asserted class)
SIGNATURE_PREDICATES = (SSE.addressesFailure, SSE.concernsMaterial, SSE.concernsFamily, SSE.produces,
                        SSE.concernsInterface)


def statement_signature(graph: Graph, node: URIRef, root: URIRef) -> tuple | None:
    """What makes two statements the same: their class under root and the objects of the signature predicates."""
    classes = subclasses_of(root)
    found = {t for t in graph.objects(node, RDF.type) if t in classes}
    # the most specific classes only, so a graph with materialised superclasses compares equal
    types = frozenset(t for t in found if not any(o != t and o in subclasses_of(t) for o in found))
    if not types:
        return None
    return (types,) + tuple(frozenset(graph.objects(node, p)) for p in SIGNATURE_PREDICATES)


def find_duplicate_statement(graph: Graph, node: URIRef, context: Graph, root: URIRef) -> URIRef | None:
    """An existing statement in context with the same signature as node (None if there is none)."""
    signature = statement_signature(graph, node, root)
    if signature is None:
        return None
    for candidate in set(context.subjects(RDF.type, SSE.CuratedStatement)):
        if candidate != node and statement_signature(context, candidate, root) == signature:
            return candidate
    return None
