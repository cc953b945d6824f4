"""One curated paper per YAML file (loaders/data/curation/KEY.yaml), loaded into its own named graph.

The record names the paper (DOI or full citation, or the review's reference entry it is), the curator, the date
and a status; its facts use the same record kinds as the review. Every fact gets the paper as source, the
curator (prov:wasAttributedTo) and the date (dcterms:created); facts read from the review's text also get
sse:readFrom the review. Facts the graph already holds are linked (sse:alsoReportedBy), not copied.
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from kg.errors import RecordError, RecordProblems
from kg.namespace import BIBO, GRAPH, RESOURCE, SSE
from loaders.curated import ALLOWED_TOP_LEVEL, process_documents
from loaders.duplicates import known_materials, known_measurements, reduced_formulas
from loaders.record_checks import document_problems
from loaders.record_context import RecordContext
from loaders.references import REVIEW_IRI, reference_iri
from loaders.yaml_records import read_yaml

PAPER_TOP_LEVEL = ALLOWED_TOP_LEVEL - {"source"} | {"paper", "curator", "curated_on", "status", "read_from"}
KEY = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
SOURCES = {"chan2024": REVIEW_IRI}


def record_key(path: Path) -> str:
    """The record key is the file name without .yaml."""
    return path.stem


def paper_graph_iri(key: str) -> URIRef:
    """Each paper record lives in its own named graph."""
    return GRAPH[f"curation/{key}"]


@dataclass
class PaperLoadResult:
    """The triples of one paper record, its problems (when collecting) and duplicate notices."""

    graph: Graph
    problems: list[RecordError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


class PaperRecordLoader:
    """One paper record file into graph curation/KEY; needs the graph it is added to, for duplicates."""

    def __init__(self, path: Path):
        self.path = path
        self.key = record_key(path)
        self.name = f"curation/{self.key}"
        self.graph_iri = paper_graph_iri(self.key)
        self._context = Graph()

    def use_context(self, graph: Graph) -> None:
        """The graph the record will join (review and earlier records), for ids and duplicate detection."""
        self._context = graph

    def inputs(self) -> list[Path | str]:
        """What the graph is made from (an incremental build reuses the graph while these are unchanged)."""
        return [self.path]

    def load(self) -> Graph:
        """The record's triples for the build, which refuses everything `sekg curate check` reports (the schema,
        plausibility, the loader's own checks), all problems listed at once."""
        document = read_yaml(self.path)
        problems = [str(p) for p in document_problems(self.path, document)]
        try:
            result = self.load_collecting(document=document)
        except RecordError as error:
            raise RecordProblems(str(self.path), [*problems, str(error)]) from None
        problems += [str(p) for p in result.problems]
        if problems:
            raise RecordProblems(str(self.path), problems)
        return result.graph

    def load_collecting(self, collect: bool = True, document: dict | None = None) -> PaperLoadResult:
        """Load the record (or the document already read from it); with collect, keep going and return every
        problem instead of raising the first."""
        document = document if document is not None else read_yaml(self.path)
        problems: list[RecordError] | None = [] if collect else None
        ctx = self._context_for(document, problems)
        process_documents(ctx, [(self.path, document)], PAPER_TOP_LEVEL)
        return PaperLoadResult(ctx.graph, problems or [], ctx.notices)

    # -------------------------------------------------------------- metadata
    def _fail(self, document: dict, field_name: str, problem: str, valid: str) -> RecordError:
        line = document.get("__line__", 1)
        if isinstance(document.get(field_name.split(".")[0]), dict):
            line = document[field_name.split(".")[0]].get("__line__", line)
        return RecordError(f"{self.path}:{line}", self.key, field_name, problem, valid)

    def _context_for(self, document: dict[str, Any], problems: list | None) -> RecordContext:
        if not KEY.match(self.key):
            raise self._fail(document, "file name", f"{self.key!r} is not a valid record key",
                             "lower-case letters, digits, '-' and '_', e.g. jin2024-lgps")
        paper = document.get("paper")
        if not isinstance(paper, dict):
            raise self._fail(document, "paper", "missing paper block",
                             "paper: {doi: ..., title: ..., authors: ..., journal: ..., year: ...} or {ref: chan2024:127}")
        source, paper_triples = self._paper_node(document, paper)
        curator = document.get("curator")
        if not isinstance(curator, str) or not curator.strip():
            raise self._fail(document, "curator", "missing curator", "curator: your name")
        created = document.get("curated_on")
        if isinstance(created, datetime.date):
            created = created.isoformat()
        if not isinstance(created, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", created):
            raise self._fail(document, "curated_on", f"{created!r} is not a date", "YYYY-MM-DD")
        status = document.get("status")
        if status not in ("draft", "reviewed"):
            raise self._fail(document, "status", f"{status!r} is not a status", "draft or reviewed")
        ctx = RecordContext(self.key, source, None, problems=problems)
        for triple in paper_triples:
            ctx.graph.add(triple)
        if paper.get("ref") is None:
            title = paper.get("title") or paper.get("citation") or self.key
            ctx.graph.add((source, RDFS.label, Literal(f"{self.key}: {str(title)[:80]}")))
        ctx.agent = RESOURCE[f"agent/{re.sub(r'[^a-z0-9]+', '-', curator.lower()).strip('-')}"]
        ctx.graph.add((ctx.agent, RDF.type, PROV.Agent))
        ctx.graph.add((ctx.agent, RDFS.label, Literal(curator.strip())))
        ctx.created = created
        ctx.graph.add((source, SSE.curationNote, Literal(f"curated by {curator.strip()} on {created}, status {status}")))
        read_from = document.get("read_from")
        if read_from is not None:
            if not isinstance(read_from, dict) or read_from.get("source") not in SOURCES:
                raise self._fail(document, "read_from", f"{read_from!r} is not a known source",
                                 "read_from: {source: chan2024, section: '4.1.1'}")
            ctx.read_from = (SOURCES[read_from["source"]], str(read_from.get("section", "")))
        ctx.external_materials = known_materials(self._context)
        ctx.known_reduced = reduced_formulas(self._context)
        ctx.known_measurements = known_measurements(self._context)
        ctx.context_graph = self._context
        return ctx

    def _paper_node(self, document: dict, paper: dict) -> tuple[URIRef, list]:
        """The paper's IRI and the triples that describe it."""
        graph_triples: list = []
        ref = paper.get("ref")
        if ref is not None:
            match = re.match(r"^(chan2024):(\d+[a-z]?)$", str(ref))
            if not match:
                raise self._fail(document, "paper.ref", f"{ref!r} is not a reference of a known source",
                                 "chan2024:NUMBER, e.g. chan2024:127")
            node = reference_iri(match.group(2), match.group(1))
            if _has_triples(self._context) and (node, RDF.type, SSE.BibliographicReference) not in self._context:
                raise self._fail(document, "paper.ref", f"{ref!r} is not in the reference list of {match.group(1)}",
                                 f"a number of {match.group(1)}'s reference list (`sekg resolve` finds one)")
        else:
            node = RESOURCE[f"source/{self.key}"]
            # what `refs` columns show for a paper that is not in the review's list: its DOI, else its record key
            graph_triples.append((node, SSE.referenceNumber, Literal(f"doi:{doi}" if (doi := paper.get("doi"))
                                                                     else self.key)))
        doi = paper.get("doi")
        if doi is not None and not DOI.match(str(doi)):
            raise self._fail(document, "paper.doi", f"{doi!r} is not a DOI", "10.NNNN/suffix (no https://doi.org/)")
        if ref is None and doi is None and not paper.get("citation"):
            raise self._fail(document, "paper", "the paper cannot be identified",
                             "a doi:, a citation:, or ref: chan2024:NUMBER")
        graph_triples.append((node, RDF.type, SSE.BibliographicReference))
        graph_triples.append((node, SSE.sourceName, Literal(self.key)))
        for key, predicate in (("doi", BIBO.doi), ("title", DCTERMS.title), ("authors", SSE.authorList),
                               ("journal", SSE.journalTitle), ("citation", SSE.citationText)):
            if paper.get(key):
                graph_triples.append((node, predicate, Literal(str(paper[key]))))
        if paper.get("year"):
            graph_triples.append((node, SSE.publicationYear, Literal(int(paper["year"]), datatype=XSD.integer)))
        return node, graph_triples


def _has_triples(graph: Graph) -> bool:
    """Whether the context holds anything (without counting it: a store-backed context would count every triple)."""
    return next(iter(graph.triples((None, None, None))), None) is not None


RECORD_SUFFIXES = (".yaml", ".yml")
#: files that live beside the records and are not records
SUPPORT_FILES = {"record.schema.json", "README.md", ".gitkeep"}


def curation_files(folder: Path) -> list[Path]:
    """The paper records of a folder: every KEY.yaml or KEY.yml, in any case (names starting with _ are
    drafts kept aside)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in RECORD_SUFFIXES
                  and not p.name.startswith("_")) if folder.is_dir() else []


def skipped_files(folder: Path) -> list[Path]:
    """Files in a records folder that the build does not read, so it can name them instead of ignoring them."""
    if not folder.is_dir():
        return []
    records = set(curation_files(folder))
    return sorted(p for p in folder.iterdir() if p.is_file() and p not in records and p.name not in SUPPORT_FILES)
