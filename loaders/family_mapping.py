"""Dataset family labels to ontology classes: the reviewed SSSOM table, an anion check, and inference from composition.

Measured datasets print free-text families ("garnet-like", "argyrodites", "cholorides", "Glass-Ceramic"). They are
mapped only through `loaders/data/datasets/families.sssom.tsv`, a table a person reviews (predicate, confidence,
justification per label). A label mapped to an anion-chemistry class is applied only when the row's composition
has that anion, so a label cannot type an oxide as a sulfide. A row left without an anion family gets one inferred
from its composition, and says so.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import URIRef

from kg.namespace import SSE
from kg.ontology import subclasses_of
from kg.paths import LOADER_DATA_DIR
from loaders.mappings import read_mapping_set

FAMILY_MAPPING_PATH: Path = LOADER_DATA_DIR / "datasets" / "families.sssom.tsv"
NO_TERM = URIRef("https://w3id.org/sssom/NoTermFound")
HALOGENS = frozenset({"F", "Cl", "Br", "I"})
CHALCOGENS = frozenset({"S", "Se"})
INFERRED_FROM_COMPOSITION = "composition (anion chemistry)"


def _has(elements: frozenset[str], *needed: frozenset[str] | str) -> bool:
    return all((bool(elements & need) if isinstance(need, frozenset) else need in elements) for need in needed)


#: anion-chemistry classes and what a composition must contain for the class to apply
ANION_REQUIREMENTS: dict[URIRef, tuple] = {
    SSE.OxideElectrolyte: ("O",),
    SSE.SulfideElectrolyte: (CHALCOGENS,),
    SSE.HalideElectrolyte: (HALOGENS,),
    SSE.NitrideElectrolyte: ("N",),
    SSE.PhosphideElectrolyte: ("P",),
    SSE.HydroborateElectrolyte: ("B", "H"),
    SSE.ComplexHydrideElectrolyte: ("H",),
}


@dataclass(frozen=True)
class FamilyMapping:
    """One reviewed row: a printed label, the class it maps to (None for 'no term'), predicate and confidence."""

    label: str
    target: URIRef | None
    predicate: str
    confidence: float
    comment: str


@dataclass
class FamilyDecision:
    """The classes a row's material gets, and what a curator should know about how they were chosen."""

    classes: list[URIRef] = field(default_factory=list)
    inferred_from: str | None = None
    unmapped: list[str] = field(default_factory=list)
    refused: list[tuple[str, URIRef, str]] = field(default_factory=list)  # label, class, why


@lru_cache(maxsize=4)
def family_mappings(path: Path = FAMILY_MAPPING_PATH) -> dict[str, FamilyMapping]:
    """The reviewed mapping table by printed label (exact spelling)."""
    mapping_set = read_mapping_set(path)
    result: dict[str, FamilyMapping] = {}
    for mapping in mapping_set.mappings:
        label = mapping.subject_label
        target = None if mapping.object == NO_TERM else mapping.object
        result[label] = FamilyMapping(label, target, str(mapping.predicate).rsplit("#", 1)[-1], mapping.confidence,
                                      mapping.comment)
    return result


def lookup(label: str, mappings: dict[str, FamilyMapping]) -> FamilyMapping | None:
    """The mapping of a label as printed, else of the same label in another case."""
    if label in mappings:
        return mappings[label]
    folded = label.casefold()
    return next((m for key, m in mappings.items() if key.casefold() == folded), None)


def anion_class_of(target: URIRef) -> URIRef | None:
    """The anion-chemistry class a family class lies under (garnet -> oxide), if any."""
    return next((anion for anion in ANION_REQUIREMENTS if target in subclasses_of(anion)), None)


def composition_allows(target: URIRef, elements: frozenset[str]) -> bool:
    """Whether a composition has the anion its class implies (classes with no anion chemistry always apply)."""
    anion = anion_class_of(target)
    return anion is None or _has(elements, *ANION_REQUIREMENTS[anion])


def infer_anion_family(elements: frozenset[str]) -> URIRef | None:
    """The anion-chemistry family of a composition when it is clear, else None (mixed anions such as O with Cl or N).
    Sulfur or selenium without oxygen reads as a sulfide even beside a halide (Li6PS5Cl is an argyrodite sulfide)."""
    oxygen, chalcogen, halogen, nitrogen = "O" in elements, bool(elements & CHALCOGENS), bool(elements & HALOGENS), \
        "N" in elements
    if chalcogen and not oxygen:
        return SSE.SulfideElectrolyte
    kinds = sum((oxygen, chalcogen, halogen, nitrogen))
    if kinds == 1:
        return {oxygen: SSE.OxideElectrolyte, halogen: SSE.HalideElectrolyte, nitrogen: SSE.NitrideElectrolyte}[True]
    if kinds == 0 and "H" in elements:
        return SSE.HydroborateElectrolyte if "B" in elements else SSE.ComplexHydrideElectrolyte
    if kinds == 0 and "P" in elements:
        return SSE.PhosphideElectrolyte
    return None


def decide_families(labels: list[str], elements: frozenset[str],
                    mappings: dict[str, FamilyMapping] | None = None) -> FamilyDecision:
    """The family classes for one row: mapped labels that fit the composition, then an anion family inferred from
    the composition when no mapped class carries one."""
    mappings = family_mappings() if mappings is None else mappings
    decision = FamilyDecision()
    for label in (text.strip() for text in labels):
        if not label:
            continue
        mapping = lookup(label, mappings)
        if mapping is None:
            decision.unmapped.append(label)
            continue
        if mapping.target is None:
            continue
        if not composition_allows(mapping.target, elements):
            needed = ANION_REQUIREMENTS[anion_class_of(mapping.target)]
            names = " and ".join(n if isinstance(n, str) else " or ".join(sorted(n)) for n in needed)
            decision.refused.append((label, mapping.target, f"the composition has no {names}"))
            continue
        if mapping.target not in decision.classes:
            decision.classes.append(mapping.target)
    if not any(anion_class_of(cls) for cls in decision.classes):
        inferred = infer_anion_family(elements)
        if inferred is not None:
            decision.classes.append(inferred)
            decision.inferred_from = INFERRED_FROM_COMPOSITION
    return decision


__all__ = ["FAMILY_MAPPING_PATH", "FamilyDecision", "FamilyMapping", "decide_families", "family_mappings",
           "infer_anion_family"]
