"""Build-time indexes as triples, so a threshold query is index lookups, not a scan of every value (issue 15).

`sse:conductivityDecade` gives each ionic conductivity the decade of the highest value it reaches (the upper end of
a printed range, else the value): floor(log10(S/cm)), e.g. -3 for 1.2e-3 S/cm. A query for ">= 1 mS/cm" binds the
decades -3 .. 3 in a VALUES block (kg.catalogue's decades marker) and looks those up by (predicate, object), then
checks the exact value on the few candidates only. At 10^6 triples that replaces a pass over all 24 k conductivity
values. The index lives in its own named graph; it is data like any other, so every engine that loads an export
answers the same way.
"""
from __future__ import annotations

import math

from rdflib import Graph, Literal
from rdflib.namespace import RDF, XSD

from kg.namespace import GRAPH, QUDT, SSE

INDEX_GRAPH = GRAPH["index"]
#: the decade of a value <= 0 (an upper limit printed as "< 1e-10" is stored with its bound; zero has no logarithm)
NO_DECADE = -99
HIGHEST_DECADE = 3  # 1000 S/cm: above any solid electrolyte
LOWEST_DECADE = -40  # a threshold below 1e-40 S/cm reads every decade a value can be in


def decade(value: float) -> int:
    """floor(log10(value)) for a positive value, NO_DECADE otherwise; 1e-3 is decade -3 (not -4 by rounding)."""
    if not value > 0 or math.isinf(value):
        return NO_DECADE
    guess = math.floor(math.log10(value))
    return max(guess + 1 if 10.0 ** (guess + 1) <= value else guess, LOWEST_DECADE)


def decades_from(minimum: float) -> list[int]:
    """The decades a value reaching `minimum` or more can be in (NO_DECADE too when the minimum is <= 0)."""
    lowest = max(decade(minimum), LOWEST_DECADE) if minimum > 0 else LOWEST_DECADE
    return ([NO_DECADE] if minimum <= 0 else []) + list(range(lowest, HIGHEST_DECADE + 1))


def conductivity_index(data: Graph) -> Graph:
    """The decade triple of every ionic conductivity in `data` (asserted types of any IonicConductivity kind)."""
    from kg.ontology import subclasses_of
    kinds = set(subclasses_of(SSE.IonicConductivity))
    index = Graph()
    for measurement, low in data.subject_objects(QUDT.lowerBound):
        if not any(kind in kinds for kind in data.objects(measurement, RDF.type)):
            continue
        high = data.value(measurement, QUDT.upperBound)
        try:
            reach = float(high if high is not None else low)
        except (TypeError, ValueError):
            continue
        index.add((measurement, SSE.conductivityDecade, Literal(decade(reach), datatype=XSD.integer)))
    return index


__all__ = ["INDEX_GRAPH", "NO_DECADE", "conductivity_index", "decade", "decades_from"]
