"""Parse the review's reference list into bibliographic records (one per work, sub-entries a/b/c apart).

Entries look like `- [36] a) J.-F. Wu, ..., *ACS Appl. Mater. Interfaces* **2017**, *9*, 12461–12468; b) ...`.
Some entries are truncated in the source text itself; they are kept as printed and flagged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from kg.namespace import BIBO, GRAPH, RESOURCE, SSE

ENTRY = re.compile(r"^- \[(\d+)\]\s+(.*)$")
SUB_ENTRY_SPLIT = re.compile(r"(?:^|;\s+)([a-z])\)\s+")
ITALIC = re.compile(r"(?<!\*)\*([^*]+)\*(?!\*)")
YEAR = re.compile(r"\*\*(\d{4})\*\*")
DOI = re.compile(r"DOI:\s*(10\.\S+?)\.?$", re.IGNORECASE)

REVIEW_KEY = "chan2024"
REVIEW_IRI = RESOURCE[f"source/{REVIEW_KEY}"]


@dataclass(frozen=True)
class Work:
    """One cited work: its reference number (e.g. '36b'), the printed text and what could be parsed."""

    number: str
    text: str
    authors: str | None
    container: str | None
    year: int | None
    volume: str | None
    pages: str | None
    doi: str | None
    truncated: bool


def reference_iri(number: str, source_key: str = REVIEW_KEY) -> URIRef:
    """IRI of a reference-list entry of a source, e.g. ref/chan2024/36b."""
    return RESOURCE[f"ref/{source_key}/{number}"]


def _parse_work(number: str, text: str) -> Work:
    text = text.strip().rstrip(";").strip()
    italics = ITALIC.findall(text)
    year_match = YEAR.search(text)
    authors = text.split("*", 1)[0].strip().rstrip(",").strip() or None
    container = italics[0].strip() if italics else None
    volume = pages = None
    if year_match:
        after = text[year_match.end():]
        vol = re.match(r",\s*\*([^*]+)\*", after)
        if vol:
            volume = vol.group(1)
            pages = after[vol.end():].strip(" ,.") or None
    doi = DOI.search(text)
    truncated = year_match is None or (not text.endswith(".") and volume is not None and pages is None)
    return Work(number, text, authors, container, int(year_match.group(1)) if year_match else None,
                volume, pages, doi.group(1) if doi else None, truncated)


def parse_reference_list(review_text: str) -> dict[str, list[Work]]:
    """Map each entry number ('36') to its works; single-work entries have one work numbered '36'."""
    entries: dict[str, list[Work]] = {}
    for line in review_text.splitlines():
        match = ENTRY.match(line.strip())
        if not match:
            continue
        number, body = match.groups()
        parts = SUB_ENTRY_SPLIT.split(body)
        if len(parts) > 1 and parts[0].strip() == "":
            works = [_parse_work(number + letter, chunk) for letter, chunk in zip(parts[1::2], parts[2::2])]
        else:
            works = [_parse_work(number, body)]
        entries[number] = works
    return entries


def known_reference_numbers(entries: dict[str, list[Work]]) -> set[str]:
    """Every number a statement may cite: entry numbers and sub-entry numbers."""
    numbers = set(entries)
    for works in entries.values():
        numbers.update(work.number for work in works)
    return numbers


def review_graph_node(graph: Graph) -> None:
    """The review itself as a bibliographic record (what the text's front matter states)."""
    graph.add((REVIEW_IRI, RDF.type, SSE.ReviewArticle))
    graph.add((REVIEW_IRI, SSE.sourceName, Literal(REVIEW_KEY)))
    graph.add((REVIEW_IRI, RDFS.label, Literal("Chan et al. 2024, Batteries & Supercaps (review)")))
    graph.add((REVIEW_IRI, DCTERMS.title, Literal(
        "Electrolyte Developments for All-Solid-State Lithium Batteries: Classifications, Recent Advances "
        "and Synthesis Methods")))
    graph.add((REVIEW_IRI, SSE.authorList, Literal(
        "Cheuk Hei Chan, Hon Ho Wong, Shipeng Liang, Mingzi Sun, Tong Wu, Qiuyang Lu, Lu Lu, Baian Chen, "
        "Bolong Huang")))
    graph.add((REVIEW_IRI, SSE.journalTitle, Literal("Batteries & Supercaps")))
    graph.add((REVIEW_IRI, SSE.publicationYear, Literal(2024, datatype=XSD.integer)))
    graph.add((REVIEW_IRI, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")))


def references_to_graph(entries: dict[str, list[Work]]) -> Graph:
    """Triples for every work of the reference list, each linked to the review that cites it."""
    graph = Graph()
    review_graph_node(graph)
    for number, works in entries.items():
        parent = reference_iri(number)
        if len(works) > 1:
            graph.add((parent, RDF.type, SSE.BibliographicReference))
            graph.add((parent, SSE.referenceNumber, Literal(number)))
            graph.add((parent, RDFS.label, Literal(f"[{number}] (entry with {len(works)} works)")))
            graph.add((parent, SSE.citedIn, REVIEW_IRI))
        for work in works:
            node = reference_iri(work.number)
            graph.add((node, RDF.type, SSE.BibliographicReference))
            graph.add((node, SSE.referenceNumber, Literal(work.number)))
            graph.add((node, SSE.citationText, Literal(work.text)))
            graph.add((node, SSE.citedIn, REVIEW_IRI))
            first_author = (work.authors or "?").split(",")[0]
            graph.add((node, RDFS.label, Literal(f"[{work.number}] {first_author} {work.year or ''}".strip())))
            if len(works) > 1:
                graph.add((node, DCTERMS.isPartOf, parent))
            if work.authors:
                graph.add((node, SSE.authorList, Literal(work.authors)))
            if work.container:
                graph.add((node, SSE.journalTitle, Literal(work.container)))
            if work.year:
                graph.add((node, SSE.publicationYear, Literal(work.year, datatype=XSD.integer)))
            if work.volume:
                graph.add((node, BIBO.volume, Literal(work.volume)))
            if work.pages:
                graph.add((node, BIBO.pages, Literal(work.pages)))
            if work.doi:
                graph.add((node, BIBO.doi, Literal(work.doi)))
            if work.truncated:
                graph.add((node, SSE.curationNote, Literal("entry is truncated or incomplete in the source text")))
    return graph


class ReferenceListLoader:
    """Loads the review's reference list into the `references` graph: from the curated CSL-JSON file
    (loaders/data/references/), or from the review's plain text when given a .txt file (the generator's input)."""

    name = "references"
    graph_iri = GRAPH["references"]

    def __init__(self, path: Path):
        self.path = path

    def inputs(self) -> list[Path | str]:
        """What the graph is made from (an incremental build reuses the graph while these are unchanged)."""
        return [self.path]

    def entries(self) -> dict[str, list[Work]]:
        """Entry number -> works, from whichever form the path is."""
        if self.path.suffix == ".txt":
            return parse_reference_list(self.path.read_text(encoding="utf-8"))
        from loaders.csl_references import read_csl
        return read_csl(self.path)

    def load(self) -> Graph:
        return references_to_graph(self.entries())
