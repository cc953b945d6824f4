"""Duplicate detection against the graph a record is added to: same material by reduced composition, same
measurement (property, material, value, temperature) from another source. Duplicates are linked, not copied."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
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


class KnownMaterials(Mapping[str, URIRef]):
    """Material ids (the last IRI segment) of every material node in the graph, looked up one id at a time: a record
    names a few materials, so reading every material of a 10^6-triple graph per record was most of its cost."""

    def __init__(self, graph: Graph):
        self._graph = graph

    def __getitem__(self, material_id: str) -> URIRef:
        node = RESOURCE[f"material/{material_id}"]
        if _first(self._graph.objects(node, SSE.formulaKind)) is None:
            raise KeyError(material_id)
        return node

    def __iter__(self) -> Iterator[str]:  # only for suggestions after a failed lookup
        prefix = str(RESOURCE["material/"])
        return iter(sorted({str(s)[len(prefix):] for s in self._graph.subjects(SSE.formulaKind, None)
                            if isinstance(s, URIRef) and str(s).startswith(prefix)}))

    def __len__(self) -> int:
        return sum(1 for _ in self)


class KnownReducedFormulas:
    """Existing materials by pymatgen reduced formula, one formula at a time (the first IRI wins when several
    share it)."""

    def __init__(self, graph: Graph):
        self._graph = graph

    def get(self, reduced_formula: str) -> URIRef | None:
        return min(self._graph.subjects(SSE.reducedFormula, Literal(reduced_formula)), default=None)

    def __bool__(self) -> bool:
        return _first(self._graph.subject_objects(SSE.reducedFormula)) is not None

    def items(self) -> Iterable[tuple[str, URIRef]]:
        """Every reduced formula with its first material (a table matches each of its rows against all of them)."""
        found: dict[str, URIRef] = {}
        for material, reduced in sorted(self._graph.subject_objects(SSE.reducedFormula)):
            found.setdefault(str(reduced), material)
        return found.items()


class KnownMeasurements:
    """The measurements of one material already in the graph, reduced to what identifies them."""

    def __init__(self, graph: Graph):
        self._graph = graph

    def of_material(self, material: URIRef) -> list[KnownMeasurement]:
        """Every measurement of `material` with a property class and a lower bound, in IRI order."""
        graph, properties, result = self._graph, subclasses_of(SSE.MeasuredProperty), []
        for node in sorted(set(graph.subjects(SSE.ofMaterial, material))):
            low = graph.value(node, QUDT.lowerBound)
            types = sorted(t for t in set(graph.objects(node, RDF.type)) if t in properties)
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


def _first(items: Iterable):
    return next(iter(items), None)


def known_materials(graph: Graph) -> KnownMaterials:
    """The material ids of `graph`, for records that refer to materials another source declared."""
    return KnownMaterials(graph)


def reduced_formulas(graph: Graph) -> KnownReducedFormulas:
    """The materials of `graph` by reduced formula, for linking a record's material to an existing one."""
    return KnownReducedFormulas(graph)


def known_measurements(graph: Graph) -> KnownMeasurements:
    """The measurements of `graph` by material, for linking a record's measurement to an existing one."""
    return KnownMeasurements(graph)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= RELATIVE_TOLERANCE * max(abs(a), abs(b), 1e-30)


def find_duplicate(candidate: KnownMeasurement, existing: Iterable[KnownMeasurement]) -> KnownMeasurement | None:
    """An existing measurement of the same property on the same material, value and temperature (the first in the
    order given)."""
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
    matches = [candidate for candidate in _statements_sharing(context, signature)
               if candidate != node and (candidate, RDF.type, SSE.CuratedStatement) in context
               and statement_signature(context, candidate, root) == signature]
    return min(matches, default=None)


def _statements_sharing(context: Graph, signature: tuple) -> set:
    """The nodes that could have this signature: those linked to one of its objects (or, without any, typed with
    one of its classes), so a record's statement is compared with a few statements, not with every one."""
    for predicate, objects in zip(SIGNATURE_PREDICATES, signature[1:]):
        if objects:
            return set(context.subjects(predicate, min(objects)))
    return set(context.subjects(RDF.type, min(signature[0])))
