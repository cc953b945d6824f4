"""`sekg curate extract TEXT --key KEY`: draft a paper record from plain text for a curator to finish.

It finds chemical formulas and known material names, ionic conductivities with units and temperatures, and
synthesis, failure and strategy terms by the ontology's labels and synonyms, each with the sentence it came
from. Everything it writes is a draft: fields it cannot know are marked TODO so that `curate check` fails
until a curator has looked.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import yaml
from rdflib import Graph
from rdflib.namespace import RDFS, SKOS

from kg.namespace import SSE
from kg.ontology import load_ontology, subclasses_of
from loaders.formula import parse_formula

NUMBER = r"(\d+(?:\.\d+)?)"
POWER = r"x\s*10\s*\^?\s*\{?\s*(-\s*\d+)\s*\}?"
UNIT = r"(mS|S)\s*(?:/\s*cm|cm\s*\^?\s*\{?\s*-\s*1\s*\}?)"
CONDUCTIVITY_PATTERNS = [
    re.compile(NUMBER + r"\s*" + POWER + r"\s*" + UNIT),
    re.compile(r"(?<![\d.x^])()10\s*\^?\s*\{?\s*(-\s*\d+)\s*\}?\s*" + UNIT),
    re.compile(r"(?<![\d.x^\-])" + NUMBER + r"\s*" + UNIT),
]
CELSIUS = re.compile(r"(\d+(?:\.\d+)?)\s*°\s*C\b")
KELVIN = re.compile(r"(\d+(?:\.\d+)?)\s*K\b")
ROOM = re.compile(r"room[ -]temperature|ambient temperature", re.IGNORECASE)
RATE_CONTEXT = re.compile(r"cycle|rate|capacity|retention", re.IGNORECASE)
FORMULA = re.compile(r"(?<![A-Za-z0-9])((?:[A-Z][a-z]?(?:\d+(?:\.\d+)?|\{\d+(?:\.\d+)?\})?|\((?:[A-Z][a-z]?\d*(?:\.\d+)?)+\)\d*){2,})(?![a-z])")
TERM_STOPLIST = {"method", "strategy", "approach", "problem", "issue", "solution", "failure", "limitation", "pressure",
                 "coating", "synthesis", "surface", "interface", "mixing", "mitigation", "drawback", "remedy",
                 "challenge", "strain", "crack", "cracks", "creep", "brittle", "cost"}


def normalise_text(text: str) -> str:
    """NFKC (subscripts and superscripts to digits), one kind of minus and times sign, TeX braces kept."""
    text = unicodedata.normalize("NFKC", text).replace("−", "-").replace("×", "x").replace("\\times", "x")
    text = re.sub(r"\$|\\text\{|\\mathrm\{", "", text)
    return re.sub(r"_\{([^}]*)\}|_(\d+(?:\.\d+)?)", lambda m: m.group(1) or m.group(2), text)


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph (keeps 'et al.' and decimals together)."""
    protected = re.sub(r"\bet al\.", "et al<dot>", text)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\[(])", protected)
    return [p.replace("<dot>", ".").strip() for p in parts if p.strip()]


@dataclass
class Extraction:
    """What the assistant found, each item with its sentence."""

    conductivities: list[dict] = field(default_factory=list)
    formulas: list[dict] = field(default_factory=list)
    terms: list[dict] = field(default_factory=list)


def _terms_index(ontology: Graph) -> list[tuple[re.Pattern, str, str]]:
    index = []
    for kind, root in (("method", SSE.ProcessingMethod), ("failure", SSE.Challenge), ("strategy", SSE.MitigationStrategy)):
        for cls in subclasses_of(root) - {root}:
            for predicate in (RDFS.label, SKOS.altLabel):
                for label in ontology.objects(cls, predicate):
                    text = str(label)
                    if len(text) < 5 or text.lower() in TERM_STOPLIST or text.isupper() and len(text) < 5:
                        continue
                    pattern = re.compile(r"(?<![A-Za-z])" + re.escape(text) + r"(?:e?s)?(?![A-Za-z])", re.IGNORECASE)
                    index.append((pattern, kind, str(cls).rsplit("#", 1)[-1]))
    index.sort(key=lambda item: -len(item[0].pattern))
    return index


def _temperature(sentence: str, start: int, end: int) -> str | None:
    """The temperature nearest to a value: first just after it, then just before it; C-rates are skipped."""
    after = sentence[end: end + 40]
    before = sentence[max(0, start - 60): start]
    for window, pick in ((after, 0), (before, -1)):
        celsius = [m for m in CELSIUS.finditer(window)
                   if not (float(m.group(1)) <= 10 and RATE_CONTEXT.search(sentence))]
        kelvin = list(KELVIN.finditer(window))
        candidates = sorted(celsius + kelvin, key=lambda m: m.start())
        if candidates:
            match = candidates[pick]
            return f"{match.group(1)} °C" if match.re is CELSIUS else f"{match.group(1)} K"
    return "room temperature" if ROOM.search(sentence[max(0, start - 60): end + 60]) else None


def extract(text: str) -> Extraction:
    """Find conductivities, formulas and ontology terms in plain text."""
    import warnings
    warnings.filterwarnings("ignore", message="No Pauling electronegativity")  # pymatgen on odd symbols
    found = Extraction()
    index = _terms_index(load_ontology())
    for sentence in sentences(normalise_text(text)):
        taken: list[tuple[int, int]] = []
        for pattern in CONDUCTIVITY_PATTERNS:
            for match in pattern.finditer(sentence):
                if any(a <= match.start() < b for a, b in taken):
                    continue
                taken.append((match.start(), match.end()))
                groups = match.groups()
                mantissa = float(groups[0]) if groups[0] else 1.0
                exponent = int(groups[1].replace(" ", "")) if len(groups) == 3 else 0
                unit = groups[-1]
                value = mantissa * 10 ** exponent * (1e-3 if unit == "mS" else 1.0)
                found.conductivities.append({"value_s_per_cm": float(f"{value:.6g}"), "printed": match.group(0),
                                             "temperature": _temperature(sentence, match.start(), match.end()),
                                             "sentence": sentence})
        for match in FORMULA.finditer(sentence):
            formula = match.group(1).replace("{", "").replace("}", "")
            parsed = parse_formula(formula)
            if parsed.kind == "concrete" and any(ch.isdigit() for ch in formula):
                found.formulas.append({"formula": formula, "reduced": parsed.reduced_formula, "sentence": sentence})
        seen_here: set[str] = set()
        for pattern, kind, name in index:
            if name not in seen_here and pattern.search(sentence):
                seen_here.add(name)
                found.terms.append({"kind": kind, "class": name, "sentence": sentence})
    return found


def draft_record(found: Extraction, key: str, curator: str = "TODO curator") -> str:
    """A draft YAML record: measurements ready to check, materials and terms with TODO where a curator decides."""
    materials, seen = [], {}
    for item in found.formulas:
        if item["reduced"] not in seen:
            seen[item["reduced"]] = f"m{len(seen) + 1}"
            materials.append({"id": seen[item["reduced"]], "label": item["formula"], "formula": item["formula"],
                              "family": "TODO", "section": "TODO", "quote": item["sentence"]})
    measurements = []
    for number, item in enumerate(found.conductivities, start=1):
        record = {"id": f"sigma{number}", "material": "TODO", "property": "IonicConductivity",
                  "value": item["value_s_per_cm"], "unit": "S/cm", "printed": item["printed"], "section": "TODO",
                  "quote": item["sentence"]}
        if item["temperature"]:
            record["temperature"] = item["temperature"]
        measurements.append(record)
    lists: dict[str, list] = {"synthesis": [], "failures": [], "strategies": []}
    for number, item in enumerate(found.terms, start=1):
        if item["kind"] == "method":
            lists["synthesis"].append({"id": f"method{number}", "method": item["class"], "material": "TODO",
                                       "section": "TODO", "quote": item["sentence"]})
        elif item["kind"] == "failure":
            lists["failures"].append({"id": f"failure{number}", "failure": item["class"], "material": "TODO",
                                      "section": "TODO", "quote": item["sentence"]})
        else:
            lists["strategies"].append({"id": f"strategy{number}", "strategy": item["class"], "addresses": "TODO",
                                        "mechanism": "TODO", "material": "TODO", "section": "TODO",
                                        "quote": item["sentence"]})
    document = {"paper": {"citation": "TODO"}, "curator": curator, "curated_on": "TODO", "status": "draft",
                "materials": materials, "measurements": measurements, **lists}
    header = (f"# Draft record {key} written by `sekg curate extract`: every TODO needs a curator.\n"
              "# yaml-language-server: $schema=record.schema.json\n")
    return header + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110)


@dataclass
class Score:
    """Precision and recall of one kind of extraction against the curated graph."""

    kind: str
    extracted: int
    curated: int
    matched_extracted: int
    matched_curated: int

    @property
    def precision(self) -> float:
        return self.matched_extracted / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_curated / self.curated if self.curated else 0.0


def evaluate(found: Extraction, curated: Graph) -> list[Score]:
    """Compare an extraction of the review with the curated review graph (values, formulas, terms)."""
    from kg.namespace import QUDT
    from rdflib.namespace import RDF
    sigma_classes = subclasses_of(SSE.IonicConductivity)
    curated_values = set()
    for node in set(curated.subjects(SSE.reviewSection, None)):
        if any(t in sigma_classes for t in curated.objects(node, RDF.type)):
            for predicate in (QUDT.lowerBound, QUDT.upperBound):
                value = curated.value(node, predicate)
                if value is not None:
                    curated_values.add(float(f"{float(value):.3g}"))
    extracted_values = [float(f"{c['value_s_per_cm']:.3g}") for c in found.conductivities]
    scores = [Score("ionic conductivity values", len(extracted_values), len(curated_values),
                    sum(v in curated_values for v in extracted_values), len(curated_values & set(extracted_values)))]
    curated_formulas = {str(o) for o in curated.objects(None, SSE.reducedFormula)}
    extracted_formulas = {f["reduced"] for f in found.formulas}
    scores.append(Score("formulas (reduced composition)", len(extracted_formulas), len(curated_formulas),
                        len(extracted_formulas & curated_formulas), len(extracted_formulas & curated_formulas)))
    for kind, root in (("method", SSE.ProcessingMethod), ("failure", SSE.Challenge), ("strategy", SSE.MitigationStrategy)):
        classes = subclasses_of(root)
        curated_terms = {str(t).rsplit("#", 1)[-1] for t in curated.objects(None, RDF.type) if t in classes}
        extracted_terms = {t["class"] for t in found.terms if t["kind"] == kind}
        scores.append(Score(f"{kind} terms", len(extracted_terms), len(curated_terms),
                            len(extracted_terms & curated_terms), len(extracted_terms & curated_terms)))
    return scores
