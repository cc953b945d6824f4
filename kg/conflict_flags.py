"""Rows that the graph itself contradicts say so: every answer with a statement or measurement column gets a
`conflict` column naming the conflict record that cites that statement or measurement (empty otherwise).

Issue 13: a researcher reading materials-by-conductivity must not have to run `conflicts` to learn that the
value in front of them is disputed. One extra query per answer (claims are few), on every engine alike.
"""
from __future__ import annotations

from typing import Any

CONFLICT_COLUMN = "conflict"
FACT_COLUMNS = ("statement_iri", "measurement_iri")
CONFLICTED = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX sse: <https://w3id.org/sekg/ontology#>
SELECT DISTINCT ?target ?label WHERE {
  ?conflict sse:hasClaim ?claim .
  { ?claim sse:aboutStatement ?target } UNION { ?claim sse:claimMeasurement ?target }
  OPTIONAL { ?conflict rdfs:label ?label }
}
"""


def conflicts_by_fact(store) -> dict[str, str]:
    """Statement or measurement IRI -> the label of a conflict record naming it (several joined by '; ')."""
    found: dict[str, list[str]] = {}
    for row in store.select(CONFLICTED).text_rows():
        label = row.get("label") or "conflict"
        labels = found.setdefault(row["target"], [])
        if label not in labels:
            labels.append(label)
    return {target: "; ".join(sorted(labels)) for target, labels in found.items()}


def add_conflict_column(store, columns: list[str], rows: list[dict[str, Any]]) -> list[str]:
    """Put a `conflict` column before the IRI columns when the answer has a fact column; fill it in place."""
    facts = [column for column in FACT_COLUMNS if column in columns]
    if not facts or CONFLICT_COLUMN in columns:
        return columns
    flags = conflicts_by_fact(store)
    for row in rows:
        row[CONFLICT_COLUMN] = next((flags[row[c]] for c in facts if row.get(c) in flags), None)
    at = next((i for i, column in enumerate(columns) if column.endswith("_iri")), len(columns))
    ordered = columns[:at] + [CONFLICT_COLUMN] + columns[at:]
    for index, row in enumerate(rows):
        rows[index] = {column: row.get(column) for column in ordered}
    return ordered
