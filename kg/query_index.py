"""Build-time indexes as triples, so a threshold query is index lookups, not a scan of every value (issue 15).

`sse:conductivityDecade` gives each ionic conductivity the decade of the highest value it reaches (the upper end of
a printed range, else the value): floor(log10(S/cm)), e.g. -3 for 1.2e-3 S/cm. A query for ">= 1 mS/cm" binds the
decades -3 .. 3 in a VALUES block (kg.catalogue's decades marker) and looks those up by (predicate, object), then
checks the exact value on the few candidates only. At 10^6 triples that replaces a pass over all 24 k conductivity
values. `sse:assertedType` repeats each type a source states (not the inferred ancestors): a material's families
are then one lookup, where reading `GRAPH ?g { ?m a ?c }` returned every inferred ancestor too (three times the quads
at 10^6) for a filter to drop. The research-gaps view (an aggregate over every failure and strategy) is computed once
per build on the written store and stored as sse:ResearchGap nodes. The indexes live in named graphs of their own;
they are data like any other, so every engine that loads an export answers the same way.
"""
from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.decades import NO_DECADE, decade, decades_from  # the last two in __all__ too, as before kg.decades
from kg.lean_graph import lean_graph
from kg.namespace import GRAPH, QUDT, RESOURCE, SSE

INDEX_GRAPH = GRAPH["index"]
#: the research-gaps view, computed on the written store: a graph of its own, so adding it rewrites nothing else
RESEARCH_GAPS_GRAPH = GRAPH["research-gaps"]


def build_index(data: Graph) -> Graph:
    """Every build-time index of `data` (the sources' graphs, before inference), for the index graph."""
    index = conductivity_index(data)
    for subject, stated in data.subject_objects(RDF.type):
        if isinstance(stated, URIRef):
            index.add((subject, SSE.assertedType, stated))
    return index


def conductivity_index(data: Graph) -> Graph:
    """The decade triple of every ionic conductivity in `data` (asserted types of any IonicConductivity kind)."""
    from kg.ontology import subclasses_of
    kinds = set(subclasses_of(SSE.IonicConductivity))
    index = lean_graph()
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


#: the research-gaps view: reported (family, failure) pairs that no strategy application covers, computed once per
#: build on the written store (an aggregate over every failure and strategy: 1.6 s at 10^6 per call before)
RESEARCH_GAPS_SOURCE = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sse: <https://w3id.org/sekg/ontology#>
# Reported (family, failure) pairs are collected first, from the failure occurrences outwards; strategy
# applications are then matched per pair, and pairs without any remain.
SELECT ?family ?failure (COUNT(DISTINCT ?general_application) AS ?general_strategies) ?sections ?refs ?family_iri ?failure_iri
WHERE {
  {
    SELECT ?family_iri ?failure_iri
           (GROUP_CONCAT(DISTINCT COALESCE(STR(?section), ""); separator="|") AS ?sections)
           (GROUP_CONCAT(DISTINCT COALESCE(STR(?ref_number), ""); separator="|") AS ?refs)
    WHERE {
      ?failure_iri rdfs:subClassOf sse:FailureMode .
      GRAPH ?asserted { ?occurrence a ?failure_iri }
      FILTER(?asserted != <https://w3id.org/sekg/graph/inferred>)
      { ?occurrence sse:concernsFamily ?stated . ?stated rdfs:subClassOf ?family_iri } UNION { ?occurrence sse:concernsMaterial ?member . ?member a ?family_iri }
      ?family_iri rdfs:subClassOf sse:SolidElectrolyte .
      FILTER(?family_iri NOT IN (sse:SolidElectrolyte, sse:InorganicSolidElectrolyte, sse:OrganicSolidElectrolyte))
      ?occurrence sse:reviewSection ?section .
      OPTIONAL { ?occurrence sse:citesReference ?reference OPTIONAL { ?reference sse:referenceNumber ?ref_number } }
    } GROUP BY ?family_iri ?failure_iri
  }
  ?family_iri rdfs:label ?family .
  ?failure_iri rdfs:label ?failure .
  OPTIONAL {
    ?application sse:addressesFailure ?addressed .
    ?failure_iri rdfs:subClassOf ?addressed .
    { ?application sse:concernsFamily ?scope . ?scope rdfs:subClassOf ?family_iri }
    UNION { ?application sse:concernsFamily ?scope . ?family_iri rdfs:subClassOf ?scope .
            FILTER(?scope NOT IN (sse:SolidElectrolyte, sse:InorganicSolidElectrolyte, sse:OrganicSolidElectrolyte)) }
    UNION { ?application sse:concernsMaterial ?treated . ?treated a ?family_iri }
  }
  OPTIONAL {
    ?general_application sse:addressesFailure ?general_addressed ; sse:concernsFamily sse:SolidElectrolyte .
    ?failure_iri rdfs:subClassOf ?general_addressed .
  }
}
GROUP BY ?family ?failure ?sections ?refs ?family_iri ?failure_iri
HAVING (COUNT(DISTINCT ?application) = 0)
"""


def research_gap_index(store) -> Graph:
    """One sse:ResearchGap node per (family, failure) pair without a strategy, as the research-gaps query reads."""
    index = Graph()
    for row in store.select(RESEARCH_GAPS_SOURCE).rows:
        family, failure = row["family_iri"], row["failure_iri"]
        node = RESOURCE[f"research-gap/{str(family).rsplit('#', 1)[-1]}/{str(failure).rsplit('#', 1)[-1]}"]
        index.add((node, RDF.type, SSE.ResearchGap))
        index.add((node, SSE.gapFamily, URIRef(str(family))))
        index.add((node, SSE.gapFailure, URIRef(str(failure))))
        index.add((node, SSE.generalStrategyCount, Literal(int(row["general_strategies"]), datatype=XSD.integer)))
        index.add((node, SSE.gapSections, Literal(str(row.get("sections") or ""))))
        index.add((node, SSE.gapReferences, Literal(str(row.get("refs") or ""))))
    return index


__all__ = ["INDEX_GRAPH", "NO_DECADE", "RESEARCH_GAPS_GRAPH", "RESEARCH_GAPS_SOURCE", "build_index", "conductivity_index",
           "decade", "decades_from", "research_gap_index"]
