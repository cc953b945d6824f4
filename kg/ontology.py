"""Reading the ontology files and answering simple questions about its classes.

Loaders need to check that a class name a curator wrote exists and is of the right kind (a family,
a failure mode, a strategy); this module answers that from the Turtle files, without a store.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.namespace import SSE
from kg.errors import OntologyError
from kg.paths import ONTOLOGY_DIR


def ontology_files(ontology_dir: Path = ONTOLOGY_DIR) -> list[Path]:
    """The root file and every module, in a stable order."""
    return [ontology_dir / "sse.ttl", *sorted((ontology_dir / "modules").glob("*.ttl"))]


@lru_cache(maxsize=4)
def load_ontology(ontology_dir: Path = ONTOLOGY_DIR) -> Graph:
    """All ontology modules merged into one rdflib graph (cached; treat as read-only)."""
    graph = Graph()
    for path in ontology_files(ontology_dir):
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib's BadSyntax and friends: name the file and the line
            detail = " ".join(str(exc).split())[:300]
            raise OntologyError(f"{path}: not valid Turtle: {detail}. Valid: Turtle 1.1 (check prefixes, '.' and "
                                "';' at the line named)") from exc
    return graph


def subclasses_of(root: URIRef, graph: Graph | None = None) -> set[URIRef]:
    """The class and all its asserted subclasses (transitively)."""
    if graph is None:
        return set(_ontology_subclasses(root))
    return set(graph.transitive_subjects(RDFS.subClassOf, root))


@lru_cache(maxsize=512)
def _ontology_subclasses(root: URIRef) -> frozenset[URIRef]:
    """Subclass closure in the (cached, read-only) ontology: loaders ask it once per record, so it is kept."""
    return frozenset(load_ontology().transitive_subjects(RDFS.subClassOf, root))


def local_class(name: str, root: URIRef, graph: Graph | None = None) -> URIRef | None:
    """The sse: class with this local name if it lies under root, else None."""
    candidate = URIRef(str(SSE) + name) if not name.startswith("http") else URIRef(name)
    return candidate if candidate in subclasses_of(root, graph) else None


def named_individuals(of_class: URIRef, graph: Graph | None = None) -> set[URIRef]:
    """Individuals the ontology itself declares for a class (e.g. the interface locations)."""
    graph = graph if graph is not None else load_ontology()
    return {s for s in graph.subjects(RDF.type, of_class) if (s, RDF.type, OWL.NamedIndividual) in graph}
