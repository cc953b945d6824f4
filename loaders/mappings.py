"""SSSOM mapping sets (ontology/mappings/*.sssom.tsv) read, checked and turned into SKOS mapping triples.

Why SSSOM: the community's format for reviewable mappings (one row per mapping, with its predicate,
justification and confidence), readable by the `sssom` tools and by people. The build loads them into the
`mappings` named graph, so a user who loads sekg beside BattINFO/EMMO can query across both.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import yaml
from rdflib import Graph, URIRef

from kg.errors import RecordError
from kg.namespace import GRAPH

PREDICATES = {"skos:exactMatch", "skos:closeMatch", "skos:broadMatch", "skos:narrowMatch", "skos:relatedMatch"}
REQUIRED_COLUMNS = ["subject_id", "predicate_id", "object_id", "mapping_justification", "confidence"]
REQUIRED_METADATA = ["curie_map", "mapping_set_id", "license"]


@dataclass(frozen=True)
class Mapping:
    """One row, with its CURIEs expanded."""

    subject: URIRef
    predicate: URIRef
    object: URIRef
    confidence: float
    justification: str
    comment: str
    line: int
    subject_label: str = ""


@dataclass
class MappingSet:
    """A mapping set file: its metadata block and its rows."""

    path: Path
    metadata: dict
    mappings: list[Mapping]


def _expand(curie: str, curie_map: dict, where: str, column: str) -> URIRef:
    prefix, _, local = curie.partition(":")
    if prefix not in curie_map or not local:
        raise RecordError(where, curie, column, f"{curie!r} is not a CURIE of the curie_map",
                          ", ".join(f"{p}:..." for p in curie_map))
    return URIRef(curie_map[prefix] + local)


def read_mapping_set(path: Path) -> MappingSet:
    """Read one SSSOM TSV file; a malformed row is an error naming file, line and column."""
    text = path.read_text(encoding="utf-8")
    header = [line[1:] for line in text.splitlines() if line.startswith("#")]
    metadata = yaml.safe_load("\n".join(header)) or {}
    missing = [key for key in REQUIRED_METADATA if key not in metadata]
    if missing:
        raise RecordError(str(path), "-", ", ".join(missing), "missing in the metadata block", "SSSOM metadata")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    first_line = len(header) + 2
    rows = list(csv.DictReader(io.StringIO(body), delimiter="\t"))
    absent = [c for c in REQUIRED_COLUMNS if rows and c not in rows[0]]
    if absent:
        raise RecordError(str(path), "-", ", ".join(absent), "missing columns", ", ".join(REQUIRED_COLUMNS))
    curie_map = metadata["curie_map"]
    mappings = []
    for offset, row in enumerate(rows):
        where = f"{path}:{first_line + offset}"
        if row["predicate_id"] not in PREDICATES:
            raise RecordError(where, row["subject_id"], "predicate_id", f"{row['predicate_id']!r} is not a SKOS "
                              "mapping predicate", ", ".join(sorted(PREDICATES)))
        try:
            confidence = float(row["confidence"])
        except ValueError:
            confidence = -1.0
        if not 0.0 <= confidence <= 1.0:
            raise RecordError(where, row["subject_id"], "confidence", f"{row['confidence']!r} is not in [0, 1]",
                              "a number from 0 to 1")
        mappings.append(Mapping(_expand(row["subject_id"], curie_map, where, "subject_id"),
                                _expand(row["predicate_id"], curie_map, where, "predicate_id"),
                                _expand(row["object_id"], curie_map, where, "object_id"), confidence,
                                row["mapping_justification"], row.get("comment") or "", first_line + offset,
                                row.get("subject_label") or ""))
    return MappingSet(path, metadata, mappings)


def mapping_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.sssom.tsv"))


class MappingsLoader:
    """Every mapping set of ontology/mappings/ as SKOS mapping triples in the `mappings` graph."""

    name = "mappings"
    graph_iri = GRAPH["mappings"]

    def __init__(self, folder: Path):
        self.folder = folder

    def inputs(self) -> list[Path | str]:
        """What the graph is made from (an incremental build reuses the graph while these are unchanged)."""
        return list(mapping_files(self.folder))

    def load(self) -> Graph:
        graph = Graph()
        for path in mapping_files(self.folder):
            for mapping in read_mapping_set(path).mappings:
                graph.add((mapping.subject, mapping.predicate, mapping.object))
        return graph


__all__ = ["Mapping", "MappingSet", "MappingsLoader", "mapping_files", "read_mapping_set"]
