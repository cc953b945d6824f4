"""Checks of a curated document that the build and `sekg curate check` share: the JSON Schema (paper records)
and plausibility (a C-rate printed with a degree sign as a temperature). One validation path: what check
reports, the build refuses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.yaml_records import strip_lines

DEGREE_RATE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*°\s*C\s*$")
RATE_HINTS = re.compile(r"cycle|rate|\bC/|capacity|retention", re.IGNORECASE)
RATE_LIKE_PROPERTIES = {"CapacityRetention", "SpecificCapacity", "InitialDischargeCapacity", "CycleLife",
                        "CoulombicEfficiency", "ArealCapacity"}


@dataclass(frozen=True)
class Problem:
    """One thing to fix: where, which field, what is wrong, what would be valid."""

    where: str
    record: str
    field: str
    message: str
    valid: str = ""

    def __str__(self) -> str:
        tail = f" Valid: {self.valid.rstrip('.')}." if self.valid else ""
        return f"{self.where}: record {self.record!r}, field {self.field!r}: {self.message.rstrip('.')}.{tail}"


def _line_of(document: Any, path: list) -> int:
    line = document.get("__line__", 1) if isinstance(document, dict) else 1
    node = document
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "__line__" in node:
            line = node["__line__"]
    return line


def schema_problems(path: Path, document: dict) -> list[Problem]:
    """JSON Schema violations, located by line."""
    import jsonschema

    from loaders.record_schema import SCHEMA
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    problems = []
    for error in sorted(validator.iter_errors(strip_lines(document)), key=lambda e: list(map(str, e.absolute_path))):
        location = list(error.absolute_path)
        record = document
        for step in location[:2]:
            try:
                record = record[step]
            except (KeyError, IndexError, TypeError):
                break
        record_id = record.get("id", "-") if isinstance(record, dict) else "-"
        field_name = ".".join(str(p) for p in location) or "(top level)"
        problems.append(Problem(f"{path}:{_line_of(document, location)}", str(record_id), field_name,
                                error.message, _schema_hint(error)))
    return problems


def _schema_hint(error) -> str:
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        return "one of " + ", ".join(allowed)
    if error.validator == "enum":
        return ", ".join(map(str, error.validator_value))
    if error.validator == "required":
        return "add the missing field"
    if error.validator == "type":
        return f"a value of type {error.validator_value}"
    return ""


def plausibility_problems(path: Path, document: dict) -> list[Problem]:
    """Temperatures that are really C-rates, and implausible temperatures."""
    problems = []
    for record in document.get("measurements") or []:
        if not isinstance(record, dict) or "temperature" not in record:
            continue
        text = str(record["temperature"])
        where = f"{path}:{record.get('__line__', '?')}"
        match = DEGREE_RATE.match(text)
        context = " ".join(str(record.get(k, "")) for k in ("printed", "conditions", "quote"))
        rate_like = (record.get("property") in RATE_LIKE_PROPERTIES or "cycles" in record or "c_rate" in record
                     or RATE_HINTS.search(context))
        if match and float(match.group(1)) <= 10 and rate_like:
            problems.append(Problem(where, str(record.get("id")), "temperature",
                                    f"{text!r} next to cycling reads like a C-rate printed with a degree sign",
                                    f"c_rate: {match.group(1)} (and the real temperature, if stated)"))
    return problems


def document_problems(path: Path, document: dict, *, schema: bool = True) -> list[Problem]:
    """Every problem the shared checks find in one document (schema: paper records only)."""
    return (schema_problems(path, document) if schema else []) + plausibility_problems(path, document)
