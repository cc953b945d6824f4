"""`sekg release`: a versioned, downloadable release of the graph in dist/, described by VoID and DCAT.

What users of a knowledge graph ask for is a file they can cite and load anywhere, not a running service:
the merged ontology (Turtle and RDF/XML, no owl:imports left, so rdflib, owlready2 and Protégé open it
offline), the whole graph as gzipped N-Quads, one Turtle file per named graph, a JSON-LD context for the sse
vocabulary, the SSSOM mappings as SKOS triples, an HTML page documenting the ontology, a VoID/DCAT description
(triple counts, licences, sources, version, date) and SHA-256 checksums. Files are written deterministically
(sorted N-Quads, gzip without a timestamp), so two releases of the same graph have the same checksums.
"""
from __future__ import annotations

import datetime
import gzip
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, SKOS, VOID, XSD

from kg.namespace import GRAPH, SSE
from kg.ontology import load_ontology
from kg.rdf_export import PREFIXES
from kg.redistribution import select_release_quads
from kg.version import __version__

ONTOLOGY_IRI = URIRef("https://w3id.org/sekg/ontology")
DATASET_IRI = URIRef("https://w3id.org/sekg/dataset")
DATA_LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")
SPDX = "http://spdx.org/rdf/terms#"
MEDIA_TYPES = {".ttl": "text/turtle", ".rdf": "application/rdf+xml", ".gz": "application/n-quads+gzip",
               ".jsonld": "application/ld+json", ".html": "text/html", ".tsv": "text/tab-separated-values"}


@dataclass
class ReleaseReport:
    """What a release wrote: files with sizes, triples per graph, the version."""

    directory: Path
    version: str
    files: dict[str, int] = field(default_factory=dict)
    graph_triples: dict[str, int] = field(default_factory=dict)
    withheld_graphs: list[str] = field(default_factory=list)  # datasets whose licence forbids redistribution
    withheld_quads: int = 0


def version_iri(version: str = __version__) -> URIRef:
    return URIRef(f"{ONTOLOGY_IRI}/{version}")


def merged_ontology(version: str = __version__) -> Graph:
    """Every module in one graph, without owl:imports, the root's versionIRI set to this version."""
    merged = Graph()
    for prefix, namespace in PREFIXES.items():
        merged.bind(prefix, namespace)
    for triple in load_ontology():
        if triple[1] != OWL.imports:
            merged.add(triple)
    merged.set((ONTOLOGY_IRI, OWL.versionIRI, version_iri(version)))
    merged.set((ONTOLOGY_IRI, OWL.versionInfo, Literal(version)))
    return merged


def jsonld_context(ontology: Graph) -> dict:
    """A JSON-LD context: prefixes, and every sse term by its local name (typed for datatype properties)."""
    context: dict = dict(PREFIXES)
    for term in sorted(set(ontology.subjects(RDF.type, None))):
        if not isinstance(term, URIRef) or not str(term).startswith(str(SSE)):
            continue
        name = str(term)[len(str(SSE)):]
        if (term, RDF.type, OWL.ObjectProperty) in ontology:
            context[name] = {"@id": f"sse:{name}", "@type": "@id"}
        elif (term, RDF.type, OWL.DatatypeProperty) in ontology:
            ranges = list(ontology.objects(term, URIRef("http://www.w3.org/2000/01/rdf-schema#range")))
            entry = {"@id": f"sse:{name}"}
            if ranges and str(ranges[0]).startswith(str(XSD)) and ranges[0] != XSD.string:
                entry["@type"] = f"xsd:{str(ranges[0])[len(str(XSD)):]}"
            context[name] = entry
        else:
            context[name] = f"sse:{name}"
    return {"@context": context}


def _sorted_nquads(quads: list) -> bytes:
    lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    return b"".join(sorted(lines.splitlines(keepends=True)))


def _write(path: Path, data: bytes, report: ReleaseReport) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    report.files[str(path.relative_to(report.directory))] = len(data)


def _slug(graph_iri: str) -> str:
    return graph_iri[len(str(GRAPH)):].replace("/", "--") or "default"


def write_release(store, directory: Path, *, version: str = __version__,
                  today: datetime.date | None = None) -> ReleaseReport:
    """Write the release of a built store into directory (replacing what a previous release left there)."""
    from kg.ontology_doc import ontology_html
    directory.mkdir(parents=True, exist_ok=True)
    report = ReleaseReport(directory, version)
    stem = f"sekg-{version}"
    ontology = merged_ontology(version)
    _write(directory / f"{stem}-ontology.ttl", ontology.serialize(format="turtle").encode(), report)
    _write(directory / f"{stem}-ontology.rdf", ontology.serialize(format="pretty-xml").encode(), report)
    selection = select_release_quads(store)  # datasets whose licence forbids redistribution stay out
    report.withheld_graphs, report.withheld_quads = selection.withheld_graphs, selection.withheld_quads
    every_quad = [quad for quads in selection.quads_by_graph.values() for quad in quads]
    _write(directory / f"{stem}.nq.gz", gzip.compress(_sorted_nquads(every_quad), mtime=0), report)
    for graph_iri, quads in selection.quads_by_graph.items():
        triples = [q.triple for q in quads]
        report.graph_triples[str(graph_iri)] = len(triples)
        _write(directory / "graphs" / f"{_slug(str(graph_iri))}.ttl",
               ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES), report)
    mappings = [q.triple for q in selection.quads_by_graph.get(str(GRAPH["mappings"]), [])]
    if mappings:  # also in the N-Quads, as the mappings graph; here alone, for loading beside EMMO/BattINFO
        _write(directory / f"{stem}-mappings.ttl", ox.serialize(mappings, format=ox.RdfFormat.TURTLE, prefixes={
            **PREFIXES, "skos": "http://www.w3.org/2004/02/skos/core#"}), report)
    _write(directory / f"{stem}-context.jsonld",
           (json.dumps(jsonld_context(ontology), indent=1, sort_keys=True) + "\n").encode(), report)
    _write(directory / f"{stem}-ontology.html", ontology_html(ontology, version).encode(), report)
    checksums = {name: hashlib.sha256((directory / name).read_bytes()).hexdigest() for name in sorted(report.files)}
    _write(directory / "void.ttl", void_description(report, checksums, today or datetime.date.today())
           .serialize(format="turtle").encode(), report)
    checksums["void.ttl"] = hashlib.sha256((directory / "void.ttl").read_bytes()).hexdigest()
    (directory / "SHA256SUMS").write_text("".join(f"{digest}  {name}\n" for name, digest in sorted(checksums.items())),
                                          encoding="utf-8")
    report.files["SHA256SUMS"] = (directory / "SHA256SUMS").stat().st_size
    return report


def void_description(report: ReleaseReport, checksums: dict[str, str], today: datetime.date) -> Graph:
    """VoID and DCAT: the dataset, a subset per named graph with its triple count, each file a distribution."""
    from rdflib import Namespace
    spdx = Namespace(SPDX)
    graph = Graph()
    for prefix, namespace in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("spdx", spdx)):
        graph.bind(prefix, namespace)
    dataset = DATASET_IRI
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("sekg: the solid-electrolyte knowledge graph", lang="en")))
    graph.add((dataset, DCTERMS.description, Literal(
        "Solid electrolytes for all-solid-state lithium batteries: families, materials, failures, strategies, "
        "synthesis, measured properties and cells, every fact with its source.", lang="en")))
    graph.add((dataset, URIRef(f"{DCAT}version"), Literal(report.version)))  # DCAT 3; not in rdflib's DCAT
    graph.add((dataset, OWL.versionInfo, Literal(report.version)))
    graph.add((dataset, DCTERMS.issued, Literal(today.isoformat(), datatype=XSD.date)))
    graph.add((dataset, DCTERMS.license, DATA_LICENCE))
    graph.add((dataset, DCTERMS.source, Literal(
        "C. H. Chan et al., Electrolyte Developments for All-Solid-State Lithium Batteries: Classifications, "
        "Recent Advances and Synthesis Methods, Batteries & Supercaps 2024 (CC BY 4.0)")))
    graph.add((dataset, VOID.vocabulary, URIRef(str(SSE))))
    for withheld in report.withheld_graphs:
        graph.add((dataset, SKOS.editorialNote, Literal(
            f"graph {withheld} is not in this release: its dataset's licence does not allow redistribution")))
    graph.add((dataset, VOID.triples, Literal(sum(report.graph_triples.values()), datatype=XSD.integer)))
    graph.add((dataset, DCTERMS.conformsTo, version_iri(report.version)))
    for graph_iri, triples in sorted(report.graph_triples.items()):
        subset = URIRef(f"{DATASET_IRI}/{report.version}/graph/{_slug(graph_iri)}")
        graph.add((dataset, VOID.subset, subset))
        graph.add((subset, RDF.type, VOID.Dataset))
        graph.add((subset, URIRef("http://www.w3.org/ns/sparql-service-description#name"), URIRef(graph_iri)))
        graph.add((subset, VOID.triples, Literal(triples, datatype=XSD.integer)))
    for name, digest in sorted(checksums.items()):
        distribution = URIRef(f"{DATASET_IRI}/{report.version}/{name}")
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCAT.downloadURL, Literal(name)))
        suffix = Path(name).suffix
        graph.add((distribution, DCAT.mediaType, Literal(MEDIA_TYPES.get(suffix, "application/octet-stream"))))
        graph.add((distribution, DCAT.byteSize, Literal(report.files[name], datatype=XSD.integer)))
        checksum = URIRef(f"{distribution}#sha256")
        graph.add((distribution, spdx.checksum, checksum))
        graph.add((checksum, spdx.algorithm, spdx.checksumAlgorithm_sha256))
        graph.add((checksum, spdx.checksumValue, Literal(digest)))
        graph.add((distribution, DCTERMS.license, DATA_LICENCE))  # every file of a release is data
    return graph
