"""How much of the review the graph holds: per section, the sentences and those that state a fact with a number or a
named material, against the statements curated from that section; and the references the section cites against
those that back a statement curated from it.

The review's text is read from a path (it is not part of the project); the graph from the store. A sentence
"states a fact" when, with its citation marks and LaTeX removed, it has a number with a unit or a formula-like
token, or names a material the graph knows. These are counts to steer curation, not a proof of completeness: a
sentence can hold several facts, and a statement can rest on several sentences.
"""
from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import UsageError

from kg.paths import LOADER_DATA_DIR

CONTEXT_REFS = LOADER_DATA_DIR / "references" / "chan2024-context-refs.yaml"

HEADING = re.compile(r"^(\d+(?:\.\d+)*)\.\s+(\S.*)$")
END_OF_BODY = re.compile(r"^(Acknowledgements|Conflict of Interests|References)\s*$")
CITATION = re.compile(r"\^\[([0-9a-z,\s–-]+)\]")
CAPTION = re.compile(r"^(Figure|Table|Scheme)\s+\d+\.")
#: a sentence ends at . ! or ? (its citation mark, printed after the stop, stays with it) before a capital or the end
SENTENCE = re.compile(r"\S.*?[.!?](?:\^\[[^\]]*\])?(?=\s+[A-Z(\\$]|\s*$)", re.S)
NUMBER_WITH_UNIT = re.compile(r"\d(?:[\d.,]*)\s*(?:×\s*10|x\s*10|%|°C|K\b|m?S\b|mS|S\s*cm|V\b|mA|mAh|Ah|h\b|cycles|nm|µm|"
                              r"wt|mol|eV|kWh|USD|C\b|MPa|GPa|ppm)")
FORMULA = re.compile(r"\b(?:Li|Na)\d|\bLi[A-Z][a-z]?\d|\b[A-Z][a-z]?\d+[A-Z]")
LATEX = [(re.compile(r"\\text\{([^}]*)\}"), r"\1"), (re.compile(r"_\{([^}]*)\}"), r"\1"), (re.compile(r"\^\{([^}]*)\}"), r"\1"),
         (re.compile(r"[$]"), ""), (re.compile(r"\\(?:mathrm|mathit)\{([^}]*)\}"), r"\1"), (re.compile(r"_(\w)"), r"\1")]

SECTION_STATEMENTS = """
PREFIX sse: <https://w3id.org/sekg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?section (COUNT(DISTINCT ?statement) AS ?statements)
       (GROUP_CONCAT(DISTINCT COALESCE(STR(?number), ""); separator="|") AS ?refs) WHERE {
  ?statement sse:reviewSection ?section_text ; prov:wasDerivedFrom <https://w3id.org/sekg/resource/source/chan2024> .
  BIND(REPLACE(STR(?section_text), "^([0-9]+(\\\\.[0-9]+)*).*$", "$1") AS ?section)
  OPTIONAL { ?statement sse:citesReference/sse:referenceNumber ?number }
} GROUP BY ?section
"""
#: per section, the names of the materials its statements are about or touch (one hop), to tell a covered sentence
SECTION_NAMES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sse: <https://w3id.org/sekg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?section ?name WHERE {
  ?statement sse:reviewSection ?section_text ; prov:wasDerivedFrom <https://w3id.org/sekg/resource/source/chan2024> .
  BIND(REPLACE(STR(?section_text), "^([0-9]+(\\\\.[0-9]+)*).*$", "$1") AS ?section)
  { ?statement a sse:Material . BIND(?statement AS ?material) } UNION { ?statement ?link ?material . ?material a sse:Material }
  UNION { ?material ?link ?statement . ?material a sse:Material }
  { ?material rdfs:label ?name } UNION { ?material skos:altLabel ?name }
}
"""
#: per section, the values as printed and the quoted sentences of its statements (a sentence printing or quoted is covered)
SECTION_PRINTED = """
PREFIX sse: <https://w3id.org/sekg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?section ?printed ?quote WHERE {
  ?statement sse:reviewSection ?section_text .
  { ?statement sse:valueAsPrinted ?printed } UNION { ?statement sse:evidenceText ?quote }
  BIND(REPLACE(STR(?section_text), "^([0-9]+(\\\\.[0-9]+)*).*$", "$1") AS ?section)
}
"""
#: numbers distinctive enough to match a sentence to a printed value (not single digits, not the 10 of 10^-3)
NUMBER = re.compile(r"(?<![\d.])(?!10(?![\d.]))(?:\d{2,}(?:\.\d+)?|\d\.\d+)")
MATERIAL_NAMES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX sse: <https://w3id.org/sekg/ontology#>
SELECT DISTINCT ?name WHERE { ?m a sse:Material . { ?m rdfs:label ?name } UNION { ?m skos:altLabel ?name } }
"""


@dataclass
class SectionCoverage:
    """One section of the review: its fact sentences, the statements curated from it, references cited vs used."""

    number: str
    title: str
    sentences: int = 0
    fact_sentences: int = 0
    statements: int = 0
    cited: set[str] = field(default_factory=set)
    used: set[str] = field(default_factory=set)
    #: fact sentences with no statement of this section resting on their references or about a material they name
    uncovered: list[str] = field(default_factory=list)

    @property
    def covered_fact_sentences(self) -> int:
        return self.fact_sentences - len(self.uncovered)

    @property
    def missing_refs(self) -> list[str]:
        return sorted(self.cited - self.used, key=_ref_key)

    def as_row(self) -> dict:
        return {"section": self.number, "title": self.title, "sentences": self.sentences,
                "fact_sentences": self.fact_sentences, "fact_sentences_covered": self.covered_fact_sentences,
                "statements": self.statements, "refs_cited": len(self.cited), "refs_backing_a_statement":
                len(self.cited & self.used), "refs_not_used": self.missing_refs}


@dataclass
class CoverageReport:
    sections: list[SectionCoverage]
    refs_in_list: int
    refs_cited_in_body: set[str]
    refs_used_anywhere: set[str]
    #: references the body cites only for context (number -> why), read by a curator: they need not back a statement
    context_only: dict[str, str] = field(default_factory=dict)

    def totals(self) -> dict:
        unused = self.refs_cited_in_body - self.refs_used_anywhere
        return {"sentences": sum(s.sentences for s in self.sections),
                "fact_sentences": sum(s.fact_sentences for s in self.sections),
                "fact_sentences_covered": sum(s.covered_fact_sentences for s in self.sections),
                "statements_from_the_review": sum(s.statements for s in self.sections),
                "references_in_list": self.refs_in_list,
                "references_cited_in_body": len(self.refs_cited_in_body),
                "references_backing_a_statement": len(self.refs_cited_in_body & self.refs_used_anywhere),
                "references_backing_any_statement": len(self.refs_used_anywhere),
                "cited_for_context_only": sorted(unused & set(self.context_only), key=_ref_key),
                "cited_for_a_fact_but_unused": sorted(unused - set(self.context_only), key=_ref_key)}


def _ref_key(ref: str) -> tuple:
    digits = re.match(r"\d+", ref)
    return (int(digits.group(0)) if digits else 10**6, ref)


def _words(text: str) -> str:
    """Letters and digits only, lower case: a quote matches its sentence whatever the markup of units and signs."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _expand(citation: str) -> set[str]:
    refs: set[str] = set()
    for part in re.split(r"[,\s]+", citation.strip()):
        bounds = re.match(r"^(\d+)[–-](\d+)$", part)
        if bounds:
            refs.update(str(n) for n in range(int(bounds.group(1)), int(bounds.group(2)) + 1))
        elif part:
            refs.add(re.sub(r"[a-z]$", "", part))
    return refs


def plain(text: str) -> str:
    """A sentence without LaTeX markup or Unicode subscripts (Li_{10}GeP_{2}S_{12}, LiTi₂(PO₄)₃ -> plain digits)."""
    text = unicodedata.normalize("NFKC", text)
    for pattern, replacement in LATEX:
        text = pattern.sub(replacement, text)
    return text


def body_sections(review: str) -> list[tuple[str, str, list[str]]]:
    """(number, title, paragraphs) of the body: headings to the acknowledgements, captions and table rows left out."""
    sections: list[tuple[str, str, list[str]]] = []
    for line in review.splitlines():
        stripped = line.strip()
        if END_OF_BODY.match(stripped):
            break
        heading = HEADING.match(stripped)
        if heading and len(stripped) < 120:
            sections.append((heading.group(1), heading.group(2), []))
        elif sections and stripped and not CAPTION.match(stripped) and "\t" not in line:
            sections[-1][2].append(stripped)
    return sections


def context_only_references(path: Path = CONTEXT_REFS) -> dict[str, str]:
    """The references a curator judged to be cited only for context, with the reason (none if the file is absent)."""
    import yaml
    if not path.is_file():
        return {}
    return {str(number): str(reason) for number, reason in (yaml.safe_load(path.read_text(encoding="utf-8"))
                                                            .get("context_only") or {}).items()}


def coverage(review_path: Path, store, context_only: dict[str, str] | None = None) -> CoverageReport:
    """The coverage report of the review at review_path against the graph in store."""
    try:
        review = Path(review_path).read_text(encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot read the review text {review_path}: {error.strerror or error}; give --review PATH "
                         "(the source review, e.g. ../shared/seed/review.txt)") from error
    names = {str(row["name"]) for row in store.select(MATERIAL_NAMES).rows}
    names = {name for name in names if (len(name) >= 4 and not name.islower()) or (len(name) == 3 and name.isupper())}
    name_pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))) if names else None
    curated: dict[str, tuple[int, set[str]]] = {}
    for row in store.select(SECTION_STATEMENTS).rows:
        refs = {r for r in str(row.get("refs") or "").split("|") if r}
        curated[str(row["section"])] = (int(row["statements"]), refs)
    used_anywhere: set[str] = set().union(*(refs for _, refs in curated.values())) if curated else set()
    touched: dict[str, set[str]] = defaultdict(set)
    for row in store.select(SECTION_NAMES).rows:
        touched[str(row["section"])].add(plain(str(row["name"])))
    printed: dict[str, set[str]] = defaultdict(set)
    quoted: dict[str, set[str]] = defaultdict(set)
    for row in store.select(SECTION_PRINTED).rows:
        if row.get("printed") is not None:
            printed[str(row["section"])].update(NUMBER.findall(plain(str(row["printed"]))))
        if row.get("quote") is not None:
            quoted[str(row["section"])].add(_words(plain(str(row["quote"])))[:60])
    sections = []
    for number, title, paragraphs in body_sections(review):
        entry = SectionCoverage(number, title)
        facts: list[tuple[str, set[str]]] = []
        for paragraph in paragraphs:
            paragraph_cites: set[str] = set()  # a sentence without a mark reports the work the paragraph cited last
            for sentence in SENTENCE.findall(paragraph) or [paragraph]:
                cites = set().union(*(_expand(m) for m in CITATION.findall(sentence))) if CITATION.search(sentence) else set()
                paragraph_cites = cites or paragraph_cites
                text = plain(CITATION.sub("", sentence))
                entry.sentences += 1
                entry.cited |= cites
                if NUMBER_WITH_UNIT.search(text) or FORMULA.search(text) or (name_pattern and name_pattern.search(text)):
                    entry.fact_sentences += 1
                    facts.append((text, paragraph_cites))
        entry.statements, entry.used = curated.get(number, (0, set()))
        entry.uncovered = [text for text, cites in facts
                           if not (cites & entry.used) and not any(name in text for name in touched.get(number, ()))
                           and not (set(NUMBER.findall(text)) & printed.get(number, set()))
                           and not any(quote and quote in _words(text) for quote in quoted.get(number, ()))]
        sections.append(entry)
    cited_in_body = set().union(*(s.cited for s in sections)) if sections else set()
    in_list = len(set(re.findall(r"^- \[(\d+)\]", review, flags=re.M)))
    return CoverageReport(sections, in_list, cited_in_body, used_anywhere,
                          context_only_references() if context_only is None else context_only)
