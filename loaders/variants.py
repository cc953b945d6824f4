"""Doped variants: a dataset composition that is a curated material with a few atoms substituted stays its own node
and is linked to it by sse:variantOf (Ta-doped Li6.4La3Zr1.4Ta0.6O12 -> LLZO), by an explicit, checkable rule.

The rule, on compositions scaled to the parent's amount of its most abundant anion: the variant has every element
of the parent and one or two more (the dopants), each added element at most 1 atom per formula unit, and every
parent element within 40% of its amount in the parent. A composition with only other ratios of the parent's
elements (Li3Fe2(PO4)3 beside LiFePO4) is another compound, not a doped variant. Siblings (Li6PS5Br beside Li6PS5Cl) fail the first condition and stay
unlinked; the rule is noted on each linked node so a reader knows the link was computed, not curated.
"""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from kg.namespace import SSE

ANIONS = ("O", "S", "Se", "Cl", "Br", "I", "F", "N")
MAX_EXTRA_ELEMENTS = 2
MAX_EXTRA_AMOUNT = 1.0
MAX_RELATIVE_CHANGE = 0.4
RULE_NOTE = ("variantOf computed by the substitution rule of loaders/variants.py (parent elements kept within 40%, "
             "one or two added elements of at most 1 atom per formula unit)")

Amounts = dict[str, float]


def is_variant(candidate: Amounts, parent: Amounts) -> bool:
    """Whether candidate is parent with a few atoms substituted (not the same composition)."""
    if not set(parent) <= set(candidate) or len(parent) < 3:
        return False
    extra = set(candidate) - set(parent)
    if not extra or len(extra) > MAX_EXTRA_ELEMENTS:  # doping adds an element; other ratios are other compounds
        return False
    anion = max((el for el in parent if el in ANIONS), key=lambda el: parent[el], default=None)
    if anion is None:
        return False
    scale = parent[anion] / candidate[anion]
    scaled = {el: amount * scale for el, amount in candidate.items()}
    if any(scaled[el] > MAX_EXTRA_AMOUNT for el in extra):
        return False
    changes = [abs(scaled[el] - parent[el]) / parent[el] for el in parent]
    if max(changes) > MAX_RELATIVE_CHANGE:
        return False
    return True


def link_variants(graph: Graph, candidates: dict[URIRef, Amounts], parents: dict[URIRef, Amounts]) -> int:
    """Add variantOf links from dataset compositions to curated parents; returns how many were added."""
    added = 0
    for node, amounts in candidates.items():
        for parent, parent_amounts in parents.items():
            if node != parent and is_variant(amounts, parent_amounts):
                graph.add((node, SSE.variantOf, parent))
                graph.add((node, SKOS.editorialNote, Literal(RULE_NOTE)))
                added += 1
    return added


__all__ = ["is_variant", "link_variants"]
