"""One self-contained HTML page documenting the sse ontology (for releases): every class and property with
its label, definition, synonyms, super- and subclasses, domain and range, linked by anchors.

Why our own: pyLODE 3.4.1, the field's usual tool, failed to import when installed from PyPI here (it reads
a pyproject.toml it does not ship); this page needs only rdflib and the standard library.
"""
from __future__ import annotations

from html import escape

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from kg.namespace import SSE

KINDS = [("Classes", OWL.Class), ("Object properties", OWL.ObjectProperty),
         ("Datatype properties", OWL.DatatypeProperty), ("Annotation properties", OWL.AnnotationProperty)]
STYLE = ("body{font-family:system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;line-height:1.45}"
         "section.term{border-top:1px solid #ddd;padding:.4rem 0}code{color:#444}dt{font-weight:600}"
         "nav a{margin-right:.6rem}.iri{color:#666;font-size:.85em}")


def _local(term: URIRef) -> str:
    return str(term)[len(str(SSE)):] if str(term).startswith(str(SSE)) else str(term)


def _label(graph: Graph, term: URIRef) -> str:
    return str(graph.value(term, RDFS.label) or graph.value(term, SKOS.prefLabel) or _local(term))


def _link(graph: Graph, term) -> str:
    if isinstance(term, URIRef) and str(term).startswith(str(SSE)):
        return f'<a href="#{escape(_local(term))}">{escape(_label(graph, term))}</a>'
    return f"<code>{escape(str(term))}</code>"


def _term(graph: Graph, term: URIRef) -> str:
    rows = []
    definition = graph.value(term, SKOS.definition) or graph.value(term, RDFS.comment)
    if definition:
        rows.append(("definition", escape(str(definition))))
    synonyms = sorted({str(s) for p in (SKOS.altLabel, SKOS.hiddenLabel) for s in graph.objects(term, p)})
    if synonyms:
        rows.append(("synonyms", escape(", ".join(synonyms))))
    for name, predicate, reverse in (("subclass of", RDFS.subClassOf, False), ("superclass of", RDFS.subClassOf, True),
                                     ("subproperty of", RDFS.subPropertyOf, False), ("domain", RDFS.domain, False),
                                     ("range", RDFS.range, False)):
        values = graph.subjects(predicate, term) if reverse else graph.objects(term, predicate)
        links = sorted(_link(graph, v) for v in values if isinstance(v, URIRef) and v != term)
        if links:
            rows.append((name, ", ".join(links)))
    details = "".join(f"<dt>{escape(name)}</dt><dd>{value}</dd>" for name, value in rows)
    return (f'<section class="term" id="{escape(_local(term))}"><h3>{escape(_label(graph, term))}</h3>'
            f'<div class="iri">{escape(str(term))}</div><dl>{details}</dl></section>')


def ontology_html(graph: Graph, version: str) -> str:
    """The documentation page of an ontology graph."""
    ontology = URIRef("https://w3id.org/sekg/ontology")
    title = str(graph.value(ontology, DCTERMS.title) or "sse ontology")
    description = str(graph.value(ontology, DCTERMS.description) or "")
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>"
             f"<style>{STYLE}</style></head><body><h1>{escape(title)}</h1>",
             f"<p>Version {escape(version)} &middot; <code>{escape(str(ontology))}</code> &middot; licence CC BY 4.0</p>",
             f"<p>{escape(description)}</p><nav>"]
    sections = []
    for heading, kind in KINDS:
        terms = sorted((t for t in graph.subjects(RDF.type, kind) if isinstance(t, URIRef)
                        and str(t).startswith(str(SSE))), key=lambda t: _label(graph, t).lower())
        anchor = heading.lower().replace(" ", "-")
        parts.append(f'<a href="#{anchor}">{escape(heading)} ({len(terms)})</a>')
        sections.append(f'<h2 id="{anchor}">{escape(heading)}</h2>' + "".join(_term(graph, t) for t in terms))
    parts.append("</nav>")
    parts.extend(sections)
    parts.append("</body></html>\n")
    return "".join(parts)
