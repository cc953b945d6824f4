"""Shared state while turning one source's curated records into triples.

Holds the output graph, the ontology lookups that validate class names, the ids already used, and
the provenance every statement gets (source document, section, location, cited references, quote).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Mapping
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import RecordError
from kg.lean_graph import lean_graph
from kg.namespace import RESOURCE, SSE
from kg.ontology import load_ontology, named_individuals, subclasses_of
from loaders.duplicates import KnownMeasurements, KnownReducedFormulas
from loaders.references import reference_iri
from loaders.yaml_records import record_label

SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+@\-]*$")


@dataclass
class RecordContext:
    """Everything a record handler needs; one context per source document."""

    source_key: str
    source_iri: URIRef
    known_refs: set[str] | None
    graph: Graph = field(default_factory=lean_graph)
    file: str = "?"
    used_ids: dict[str, str] = field(default_factory=dict)
    materials: dict[str, URIRef] = field(default_factory=dict)
    statements: dict[str, URIRef] = field(default_factory=dict)
    cells: dict[str, URIRef] = field(default_factory=dict)
    external_materials: Mapping[str, URIRef] = field(default_factory=dict)
    #: collect RecordErrors here instead of raising (curate check); None means raise
    problems: list[RecordError] | None = None
    #: duplicates found and linked (curate check reports them)
    notices: list[str] = field(default_factory=list)
    #: classes proposed by the record (new_terms:), by name
    proposed: dict[str, tuple[URIRef, URIRef]] = field(default_factory=dict)
    #: who curated the records and when (paper records)
    agent: URIRef | None = None
    created: str | None = None
    read_from: tuple[URIRef, str] | None = None
    #: existing material IRIs by reduced formula, and existing measurements, for duplicate detection
    known_reduced: dict[str, URIRef] | KnownReducedFormulas = field(default_factory=dict)
    known_measurements: KnownMeasurements = field(default_factory=lambda: KnownMeasurements(Graph()))
    #: the graph the records join (paper records only), for statement duplicates
    context_graph: Graph | None = None

    # ----------------------------------------------------------- errors and fields
    def fail(self, record: dict[str, Any], field_name: str, problem: str, valid: str = "") -> RecordError:
        """A RecordError naming this file, the record and the field."""
        line = record.get("__line__")
        where = f"{self.file}:{line}" if line else self.file
        return RecordError(where, str(record.get("id", "<no id>")), field_name, problem, valid)

    def report(self, error: RecordError) -> None:
        """Raise the error, or keep it when collecting every problem of a file (curate check)."""
        if self.problems is None:
            raise error
        self.problems.append(error)

    def required(self, record: dict[str, Any], name: str, kind: type | tuple[type, ...] = str) -> Any:
        """A field that must be present and of the given type."""
        if name not in record or record[name] in (None, ""):
            raise self.fail(record, name, "missing required field")
        return self.typed(record, name, kind)

    def typed(self, record: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
        """A field's value if of the given type (ints accepted where floats are), else an error."""
        value = record.get(name)
        if value is None:
            return None
        numeric = kind in (float, (float,), (int, float))
        if numeric and isinstance(value, str):
            try:  # YAML 1.1 reads 1e-3 (no dot) as a string; curators should not have to care
                return float(value)
            except ValueError:
                pass
        if kind in (float, (float,)) and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.fail(record, name, f"expected {names}, got {type(value).__name__} {value!r}")
        return value

    def as_list(self, record: dict[str, Any], name: str) -> list[Any]:
        """A field that may hold one value or a list."""
        value = record.get(name)
        if value is None:
            return []
        return value if isinstance(value, list) else [value]

    # ----------------------------------------------------------- identity
    def claim_id(self, record: dict[str, Any], kind: str) -> str:
        """The record's id, checked for form and uniqueness across the whole source."""
        record_id = self.required(record, "id", (str, int))
        record_id = str(record_id)
        if not SLUG.match(record_id):
            raise self.fail(record, "id", f"{record_id!r} is not a valid id",
                            "letters, digits, '.', '_', '+', '@', '-' (no spaces)")
        key = f"{kind}:{record_id}"
        if key in self.used_ids:
            raise self.fail(record, "id", f"duplicate {kind} id {record_id!r} (first used at {self.used_ids[key]})",
                            "a unique id per record")
        self.used_ids[key] = f"{self.file}:{record.get('__line__', '?')}"
        return record_id

    def node(self, kind: str, record_id: str) -> URIRef:
        """The IRI of a record of this source."""
        return RESOURCE[f"{kind}/{self.source_key}/{record_id}"]

    def start_statement(self, record: dict[str, Any], kind: str, iri_segment: str | None = None) -> tuple[str, URIRef]:
        """Claim a statement's id, mint its IRI and register it so later records can refer to it."""
        record_id = self.claim_id(record, kind)
        node = self.node(iri_segment or kind, record_id)
        self.statements[record_id] = node
        return record_id, node

    def statement(self, record: dict[str, Any], field_name: str, statement_id: Any) -> URIRef:
        """A statement (measurement, failure, ...) declared earlier in this source."""
        node = self.statements.get(str(statement_id))
        if node is None:
            raise self.fail(record, field_name, f"unknown statement id {statement_id!r}",
                            "the id of a measurements:, failures:, strategies: or other record")
        return node

    # ----------------------------------------------------------- ontology lookups
    def ontology_class(self, record: dict[str, Any], field_name: str, name: str, root: URIRef) -> URIRef:
        """A class under root named by its sse: local name, its rdfs:label or a synonym."""
        if not isinstance(name, str):
            raise self.fail(record, field_name, f"expected a class name, got {name!r}")
        if name in self.proposed and self.proposed[name][1] in subclasses_of(root):
            return self.proposed[name][0]
        allowed = subclasses_of(root)
        candidate = URIRef(str(SSE) + name)
        if candidate in allowed:
            return candidate
        by_label = _label_index(root).get(name.casefold())
        if by_label is not None:
            return by_label
        from difflib import get_close_matches
        names = sorted(str(c)[len(str(SSE)):] for c in allowed if str(c).startswith(str(SSE)))
        close = get_close_matches(name, names, n=5, cutoff=0.5)
        raise self.fail(record, field_name, f"unknown {root.split('#')[-1]} {name!r}",
                        ", ".join(close) if close else f"a subclass of sse:{root.split('#')[-1]}")

    def interface(self, record: dict[str, Any], name: str) -> URIRef:
        """One of the interface locations the ontology declares."""
        allowed = named_individuals(SSE.InterfaceLocation)
        candidate = URIRef(str(SSE) + str(name))
        if candidate not in allowed:
            valid = ", ".join(sorted(str(i).split("#")[-1] for i in allowed))
            raise self.fail(record, "interface", f"unknown interface {name!r}", valid)
        return candidate

    def material(self, record: dict[str, Any], field_name: str, material_id: Any) -> URIRef:
        """A material declared earlier in this source (or given to this context from another graph)."""
        key = str(material_id)
        if key in self.materials:
            return self.materials[key]
        if key in self.external_materials:
            return self.external_materials[key]
        from difflib import get_close_matches
        close = get_close_matches(key, list(self.materials) + list(self.external_materials), n=5, cutoff=0.5)
        raise self.fail(record, field_name, f"unknown material id {key!r}",
                        ", ".join(close) if close else "the id of a record under materials:")

    # ----------------------------------------------------------- provenance
    def provenance(self, node: URIRef, record: dict[str, Any], *, statement: bool = True) -> None:
        """Attach source, section, location, cited references, quote and note to a node."""
        g = self.graph
        section = self.required(record, "section", (str, int, float))
        if statement:
            g.add((node, RDF.type, SSE.CuratedStatement))
        g.add((node, PROV.wasDerivedFrom, self.source_iri))
        g.add((node, SSE.reviewSection, Literal(str(section))))
        g.add((node, SSE.sourceLocation, Literal(str(record.get("location", "text")))))
        if self.known_refs is None:  # a paper record: the fact cites the paper itself
            g.add((node, SSE.citesReference, self.source_iri))
        for ref in self.as_list(record, "refs"):
            ref_number = str(ref)
            if self.known_refs is None:
                raise self.fail(record, "refs", "a paper record cites the paper itself; bracketed refs are not used",
                                "remove refs:, the paper of the record is the source")
            if ref_number not in self.known_refs:
                raise self.fail(record, "refs", f"reference [{ref_number}] is not in the source's reference list",
                                "a number such as 36 or a sub-entry such as 36b")
            g.add((node, SSE.citesReference, reference_iri(ref_number, self.reference_list_key)))
        g.add((node, DCTERMS.source, self.source_iri))
        if self.agent is not None:
            g.add((node, PROV.wasAttributedTo, self.agent))
        if self.created:
            g.add((node, DCTERMS.created, Literal(self.created, datatype=XSD.date)))
        if self.read_from is not None:
            g.add((node, SSE.readFrom, self.read_from[0]))
        if record.get("quote"):
            g.add((node, SSE.evidenceText, Literal(str(record["quote"]))))
        if record.get("note"):
            g.add((node, SSE.curationNote, Literal(str(record["note"]))))

    reference_list_key: str = "chan2024"

    def label(self, node: URIRef, text: str) -> None:
        """A human-readable label for a node (shown by queries and the visualisation)."""
        self.graph.add((node, RDFS.label, Literal(text)))

    def add_literal(self, node: URIRef, predicate: URIRef, value: Any, datatype: URIRef | None = None) -> None:
        """Add a literal if the value is present."""
        if value is None or value == "":
            return
        self.graph.add((node, predicate, Literal(value, datatype=datatype)))


_LABEL_CACHE: dict[URIRef, dict[str, URIRef]] = {}


def _label_index(root: URIRef) -> dict[str, URIRef]:
    """rdfs:label and skos:altLabel (casefolded) of every class under root; ambiguous ones dropped."""
    if root not in _LABEL_CACHE:
        ontology = load_ontology()
        index: dict[str, URIRef] = {}
        ambiguous: set[str] = set()
        for cls in subclasses_of(root):
            for predicate in (RDFS.label, SKOS.altLabel):
                for label in ontology.objects(cls, predicate):
                    key = str(label).casefold()
                    if key in index and index[key] != cls:
                        ambiguous.add(key)
                    index[key] = cls
        for key in ambiguous:
            index.pop(key, None)
        _LABEL_CACHE[root] = index
    return _LABEL_CACHE[root]


def typed_double(value: float) -> Literal:
    """A number as xsd:double, the datatype every numeric value in the graph uses."""
    return Literal(float(value), datatype=XSD.double)
