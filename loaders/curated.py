"""Loaders for curated YAML records: the review's folder (one source, many files) and single-paper records.

All files of a source form one document set: materials of every file are declared before measurements,
failures and strategies refer to them (the order of record_kinds.HANDLERS).
"""
from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from kg.errors import RecordError, RecordProblems
from kg.namespace import GRAPH, RESOURCE
from loaders.record_checks import document_problems
from loaders.record_context import RecordContext
from loaders.record_kinds import HANDLERS
from loaders.references import REVIEW_IRI, known_reference_numbers
from loaders.record_schema import REVIEW_ONLY_FIELDS, record_fields
from loaders.yaml_records import MAX_FILE_BYTES, read_yaml

ALLOWED_TOP_LEVEL = {name for name, _ in HANDLERS} | {"source", "description"}


def unknown_fields(kind: str, record: dict[str, Any], extra: frozenset[str]) -> list[str]:
    """Fields of a record that its kind does not take (kinds without a schema are not checked)."""
    allowed = record_fields(kind)
    if allowed is None:
        return []
    return sorted(str(name) for name in record if name != "__line__" and name not in allowed and name not in extra)


def _field_error(ctx: RecordContext, kind: str, record: dict[str, Any], name: str, extra: frozenset[str]) -> RecordError:
    allowed = sorted((record_fields(kind) or frozenset()) | extra)
    close = get_close_matches(name, allowed, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return ctx.fail(record, name, f"unknown field of a {kind} record", f"{hint}one of {', '.join(allowed)}")


def process_documents(ctx: RecordContext, documents: list[tuple[Path, dict[str, Any]]],
                      allowed_top_level: set[str] = ALLOWED_TOP_LEVEL,
                      extra_fields: frozenset[str] | None = None) -> None:
    """Run every record of every document through its handler, in HANDLERS order. With extra_fields, fields a
    record kind does not take are refused too (paper records leave that to the JSON Schema check)."""
    for path, document in documents:
        unknown = set(document) - allowed_top_level - {"__line__"}
        if unknown:
            ctx.report(RecordError(str(path), "-", ", ".join(sorted(unknown)), "unknown top-level key",
                                   ", ".join(sorted(allowed_top_level))))
    for path, document in documents:  # declare material ids first so records may refer forward
        for record in document.get("materials") or []:
            if isinstance(record, dict) and isinstance(record.get("id"), (str, int)) \
                    and str(record["id"]) not in ctx.external_materials:
                ctx.materials.setdefault(str(record["id"]), RESOURCE[f"material/{record['id']}"])
    for key, handler in HANDLERS:
        for path, document in documents:
            records = document.get(key) or []
            ctx.file = str(path)
            if not isinstance(records, list):
                ctx.report(RecordError(str(path), "-", key, f"expected a list of records, got {type(records).__name__}"))
                continue
            for record in records:
                if not isinstance(record, dict):
                    ctx.report(RecordError(str(path), "-", key, f"a record must be a mapping, got {record!r}"))
                    continue
                if extra_fields is not None:
                    for name in unknown_fields(key, record, extra_fields):
                        ctx.report(_field_error(ctx, key, record, name, extra_fields))
                try:
                    handler(ctx, record)
                except RecordError as error:
                    ctx.report(error)


class CuratedRecordsLoader:
    """Curated records of the review (loaders/data/review/*.yaml) into the `review` named graph."""

    def __init__(self, folder: Path, references_path: Path, name: str = "review",
                 source_key: str = "chan2024", source_iri: URIRef = REVIEW_IRI, max_file_bytes: int = MAX_FILE_BYTES):
        self.max_file_bytes = max_file_bytes
        self.folder = folder
        self.references_path = references_path  # the reference list the records cite (CSL-JSON or review text)
        self.name = name
        self.graph_iri = GRAPH[name]
        self.source_key = source_key
        self.source_iri = source_iri

    def files(self) -> list[Path]:
        """The curated files, in a stable order."""
        return sorted(self.folder.glob("*.yaml"))

    def inputs(self) -> list[Path | str]:
        """What the graph is made from (an incremental build reuses the graph while these are unchanged)."""
        return [*self.files(), self.references_path, f"{self.name} {self.source_key} {self.source_iri}"]

    def load(self) -> Graph:
        from loaders.references import ReferenceListLoader
        entries = ReferenceListLoader(self.references_path).entries()
        ctx = RecordContext(self.source_key, self.source_iri, known_reference_numbers(entries))
        documents = [(path, read_yaml(path, self.max_file_bytes)) for path in self.files()]
        if not documents:
            raise RecordError(str(self.folder), "-", "-", "no curated .yaml files found", "at least one file")
        for path, document in documents:
            problems = document_problems(path, document, schema=False)
            if problems:
                raise RecordProblems(str(path), [str(p) for p in problems])
        process_documents(ctx, documents, extra_fields=REVIEW_ONLY_FIELDS)
        return ctx.graph
