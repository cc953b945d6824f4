"""Reasoning with HermiT (through owlready2): consistency, then materialised types and superclasses.

The reasoner runs once at build time; its conclusions go to the `inferred` named graph so that queries
need no reasoner: every individual gets rdf:type for all its (inferred) classes, and every class gets
rdfs:subClassOf for all its superclasses, itself included (so `?c rdfs:subClassOf ?family` matches the
family itself). Only the part of the graph the reasoner can use is sent: the ontology, type assertions
and object-property assertions between individuals.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Sequence
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.errors import ReasonerError
from kg.lean_graph import lean_graph

JAVA_HINT = ("HermiT needs Java. Install a JRE (Debian/Ubuntu: `apt-get install -y default-jre-headless`) "
             "or run `make java`; `sekg build --no-reasoner` skips reasoning and uses SPARQL type closure.")


@dataclass
class ReasoningResult:
    """The inferred triples and how they were obtained."""

    inferred: Graph
    engine: str
    seconds: float


def proposed_classes(data: Graph) -> Graph:
    """Classes that curated records propose (new_terms:): their declarations and superclass links."""
    schema = Graph()
    for cls in set(data.subjects(RDF.type, OWL.Class)):
        schema.add((cls, RDF.type, OWL.Class))
        for parent in data.objects(cls, RDFS.subClassOf):
            schema.add((cls, RDFS.subClassOf, parent))
    return schema


def reasoner_input(ontology: Graph, data: Graph) -> Graph:
    """The ontology plus the data triples HermiT can reason with (types and object-property links)."""
    object_properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    proposals = proposed_classes(data)
    classes = set(ontology.subjects(RDF.type, OWL.Class)) | set(proposals.subjects(RDF.type, OWL.Class))
    combined = Graph()
    for triple in ontology:
        if triple[1] != OWL.imports:  # modules are already merged; owlready2 would try to download them
            combined.add(triple)
    for triple in proposals:
        combined.add(triple)
    for s, p, o in data:
        if p == RDF.type and o in classes:
            combined.add((s, p, o))
            combined.add((s, RDF.type, OWL.NamedIndividual))  # owlready2 only sees declared individuals
        elif p in object_properties and isinstance(o, URIRef):
            combined.add((s, p, o))
            combined.add((s, RDF.type, OWL.NamedIndividual))
            combined.add((o, RDF.type, OWL.NamedIndividual))
    return combined


REASON_DIR_PREFIX = "sekg-reason-"


@contextmanager
def _temporary_files_in(directory: str):
    """owlready2 writes HermiT's input with tempfile.NamedTemporaryFile in the system temp folder and leaves it
    when the process is killed; pointing tempfile at our own folder keeps it where we can collect it."""
    previous = tempfile.tempdir
    tempfile.tempdir = directory
    try:
        yield
    finally:
        tempfile.tempdir = previous


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def collect_abandoned_reasoning_dirs(temp_root: Path | None = None) -> list[Path]:
    """Remove the reasoning folders of builds that died (their process id names them): a build killed during
    reasoning left `sekg-reason-*` folders and owlready2's N-Triples files behind."""
    root = Path(temp_root or tempfile.gettempdir())
    removed = []
    for folder in root.glob(f"{REASON_DIR_PREFIX}*"):
        pid_text = folder.name[len(REASON_DIR_PREFIX):].split("-", 1)[0]
        if folder.is_dir() and (not pid_text.isdigit() or not _alive(int(pid_text))):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def run_hermit(ontology: Graph, data: Graph) -> ReasoningResult:
    """Classify with HermiT; raise ReasonerError if Java is missing or the ontology is inconsistent."""
    import time

    import owlready2

    if shutil.which(owlready2.JAVA_EXE) is None and not Path(owlready2.JAVA_EXE).exists():
        raise ReasonerError(f"Java was not found ({owlready2.JAVA_EXE}). {JAVA_HINT}")
    started = time.perf_counter()
    collect_abandoned_reasoning_dirs()
    with tempfile.TemporaryDirectory(prefix=f"{REASON_DIR_PREFIX}{os.getpid()}-") as tmp, _temporary_files_in(tmp):
        path = Path(tmp) / "input.nt"
        reasoner_input(ontology, data).serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load()
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError as exc:
            detail = f": {exc}" if str(exc).strip() else ""
            raise ReasonerError("HermiT found the ontology and data inconsistent (an axiom, e.g. a disjointness, that "
                                f"curated facts violate){detail}. Valid: remove the axiom or the facts; "
                                "`sekg build --no-reasoner` skips this check") from exc
        except owlready2.OwlReadyJavaError as exc:
            raise ReasonerError(f"HermiT failed: {str(exc)[-800:]}. {JAVA_HINT}") from exc
        inferred = _materialise(world)
        world.close()
    return ReasoningResult(inferred, "HermiT (owlready2)", time.perf_counter() - started)


def _named(entity) -> bool:
    return hasattr(entity, "iri") and entity.iri != str(OWL.Thing)


def _materialise(world) -> Graph:
    """Closure of superclasses and types from the reasoned owlready2 world."""
    import owlready2

    inferred = lean_graph()
    for cls in world.classes():
        if not _named(cls):
            continue
        for ancestor in cls.ancestors(include_self=True):
            if _named(ancestor) and isinstance(ancestor, owlready2.ThingClass):
                inferred.add((URIRef(cls.iri), RDFS.subClassOf, URIRef(ancestor.iri)))
    for individual in world.individuals():
        for direct in individual.is_a:
            if not isinstance(direct, owlready2.ThingClass):
                continue
            for ancestor in direct.ancestors(include_self=True):
                if _named(ancestor):
                    inferred.add((URIRef(individual.iri), RDF.type, URIRef(ancestor.iri)))
    return inferred


def sparql_type_closure(ontology: Graph, data: Graph) -> ReasoningResult:
    """The same materialisation without a reasoner: RDFS subclass closure over asserted axioms only, as the triples
    neither graph states (the closure with the stated types in it held twice the memory at 10^7 triples, where the
    build's peak is).

    Used with `--no-reasoner` and at benchmark scale; it misses OWL inferences (equivalences,
    property domains) that HermiT would add.
    """
    import time

    started = time.perf_counter()
    inferred = lean_graph()
    schema = Graph()
    for triple in ontology:
        schema.add(triple)
    for triple in proposed_classes(data):
        schema.add(triple)
    classes = {c for c in schema.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    ancestors: dict[URIRef, set[URIRef]] = {}
    for cls in classes:
        ancestors[cls] = {a for a in schema.transitive_objects(cls, RDFS.subClassOf) if isinstance(a, URIRef)}
        for ancestor in ancestors[cls]:
            triple = (cls, RDFS.subClassOf, ancestor)
            if triple not in ontology and triple not in data:
                inferred.add(triple)
    stated = set(data.subject_objects(RDF.type))
    stated_in_ontology = set(ontology.subject_objects(RDF.type))
    for s, o in stated:
        for ancestor in ancestors.get(o, ()):
            if (s, ancestor) not in stated and (s, ancestor) not in stated_in_ontology:
                inferred.add((s, RDF.type, ancestor))
    return ReasoningResult(inferred, "RDFS subclass closure (no reasoner)", time.perf_counter() - started)


def infer_unstated(ontology: Graph, data: Graph, use_reasoner: bool) -> ReasoningResult:
    """What the build's inferred graph holds: HermiT's or the subclass closure's triples that neither the ontology
    nor the data states (repeats doubled ad-hoc COUNTs over the union)."""
    if not use_reasoner:
        return sparql_type_closure(ontology, data)
    result = run_hermit(ontology, data)
    return ReasoningResult(only_new(result.inferred, [ontology, data]), result.engine, result.seconds)


def only_new(inferred: Graph, asserted: Sequence[Graph]) -> Graph:
    """The inferred triples no asserted graph already holds."""
    predicates = set(inferred.predicates())  # rdf:type and rdfs:subClassOf: one pass over each, then set lookups
    stated = {(s, p, o) for graph in asserted for p in predicates for s, o in graph.subject_objects(p)}
    fresh = lean_graph()
    for triple in inferred:
        if triple not in stated:
            fresh.add(triple)
    return fresh
