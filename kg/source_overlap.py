"""Which materials each pair of sources shares: the measure of how well the review and the datasets meet."""
from __future__ import annotations

from collections import Counter
from itertools import combinations

from kg.store import Store

MATERIAL_SOURCES_QUERY = """
PREFIX sse: <https://w3id.org/sekg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT DISTINCT ?material ?source WHERE {
  { ?statement sse:concernsMaterial|sse:ofMaterial ?material ; dcterms:source ?source_iri . }
  UNION
  { ?material a sse:Material ; dcterms:source ?source_iri . }  # a material a curated record declares
  ?source_iri sse:sourceName ?source .
}
"""


def sources_by_material(store: Store) -> dict[str, set[str]]:
    """Every material a source declares or states something about, and the names of its sources."""
    result: dict[str, set[str]] = {}
    for row in store.select(MATERIAL_SOURCES_QUERY).rows:
        result.setdefault(str(row["material"]), set()).add(str(row["source"]))
    return result


def shared_material_counts(store: Store) -> tuple[Counter, Counter]:
    """(materials per source, materials shared per pair of sources)."""
    per_source, per_pair = Counter(), Counter()
    for sources in sources_by_material(store).values():
        per_source.update(sources)
        per_pair.update(combinations(sorted(sources), 2))
    return per_source, per_pair


__all__ = ["shared_material_counts", "sources_by_material"]
