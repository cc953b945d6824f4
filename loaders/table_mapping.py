"""How a table's columns map to sekg fields, with the dataset's licence, citation and version.

One small YAML file per table (loaders/data/datasets/therrien2025.yaml, OBELiX, is one), or the same built from the command
line (`sekg load-table FILE --map column=field ...`). Validated before any row is read, so a typo in a column
name is one clear error, not 600 rejected rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import RecordError, UsageError
from kg.units import CONDUCTIVITY, to_canonical
from loaders.yaml_records import read_yaml

#: the fields a column can map to; formula and conductivity are required
FIELDS = {
    "id": "the row's identifier (default: its line number)",
    "formula": "chemical formula of the material (required)",
    "conductivity": "ionic conductivity; a number in conductivity_unit, '<1E-10' for an upper limit (required)",
    "temperature": "measurement temperature in temperature_unit",
    "family": "free-text family label (mapped through families.sssom.tsv)",
    "chemical_family": "a second family label column (e.g. anion chemistry)",
    "doi": "DOI of the paper the row comes from",
    "space_group": "Hermann-Mauguin space group symbol",
    "space_group_number": "space group number 1-230",
}
REQUIRED_FIELDS = ("formula", "conductivity")
SOURCE_NAME = re.compile(r"^[a-z][a-z0-9_\-]{1,39}$")
TEMPERATURE_UNITS = {"degC": "degC", "C": "degC", "°C": "degC", "K": "K"}


@dataclass
class TableMapping:
    """A table's column mapping and dataset metadata."""

    source: str
    columns: dict[str, str]
    title: str = ""
    licence: str = ""
    licence_url: str = ""
    citation: str = ""
    doi: str = ""
    version: str = ""
    homepage: str = ""
    redistributable: bool = True
    conductivity_unit: str = "S/cm"
    temperature_unit: str = "degC"
    temperature_fixed: str | None = None  # e.g. 'room temperature' when the table has no temperature column
    expected_path: str = ""  # relative to the datasets folder, for known datasets
    path: str = ""  # where the table is, for a user's own table (absolute, or relative to the mapping file)
    cif_archive: str = ""
    cif_member: str = ""  # e.g. 'all_randomized_cifs/{id}.cif'
    notes: list[str] = field(default_factory=list)
    mapping_file: Path | None = None

    @property
    def conductivity_factor(self) -> float:
        """What one unit of the conductivity column is in S/cm."""
        return to_canonical(1.0, self.conductivity_unit, CONDUCTIVITY, f"conductivity_unit of {self.source}")


def _fail(where: str, source: str, name: str, problem: str, valid: str) -> RecordError:
    return RecordError(where, source, name, problem, valid)


def mapping_from_dict(data: dict[str, Any], where: str) -> TableMapping:
    """A TableMapping from a parsed YAML document (or the CLI's options), checked field by field."""
    source = str(data.get("source", ""))
    if not SOURCE_NAME.match(source):
        raise _fail(where, source or "<no source>", "source", f"{source!r} is not a source name",
                    "2-40 lower-case letters, digits, '-' or '_', starting with a letter, e.g. my-lab-2025")
    columns = data.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise _fail(where, source, "columns", "missing column mapping", "columns: {formula: COLUMN, conductivity: COLUMN, ...}")
    columns = {str(k): str(v) for k, v in columns.items() if k != "__line__"}
    unknown = sorted(set(columns) - set(FIELDS))
    if unknown:
        raise _fail(where, source, f"columns.{unknown[0]}", f"unknown field {unknown[0]!r}", ", ".join(FIELDS))
    missing = [name for name in REQUIRED_FIELDS if name not in columns]
    if missing:
        raise _fail(where, source, f"columns.{missing[0]}", "required field not mapped", f"{missing[0]}: COLUMN NAME")
    known = {f.name for f in TableMapping.__dataclass_fields__.values()} - {"columns", "mapping_file", "notes"}
    extra = sorted(set(data) - known - {"columns", "notes", "__line__", "temperature"})
    if extra:
        raise _fail(where, source, extra[0], f"unknown key {extra[0]!r}", ", ".join(sorted(known | {"temperature"})))
    mapping = TableMapping(source=source, columns=columns,
                           **{key: data[key] for key in known - {"source", "temperature_fixed"} if key in data})
    mapping.notes = [str(n) for n in data.get("notes", []) or []]
    temperature = data.get("temperature")
    if temperature is not None:
        if "temperature" in columns:
            raise _fail(where, source, "temperature", "both a temperature column and a fixed temperature",
                        "map columns.temperature, or give temperature: 'room temperature' for every row")
        mapping.temperature_fixed = str(temperature)
    if mapping.temperature_unit not in TEMPERATURE_UNITS:
        raise _fail(where, source, "temperature_unit", f"{mapping.temperature_unit!r} is not a temperature unit",
                    "degC or K (say which: sekg never guesses a column's unit)")
    mapping.temperature_unit = TEMPERATURE_UNITS[mapping.temperature_unit]
    try:
        mapping.conductivity_factor
    except UsageError as exc:
        raise _fail(where, source, "conductivity_unit", str(exc), CONDUCTIVITY.examples) from exc
    if not isinstance(mapping.redistributable, bool):
        raise _fail(where, source, "redistributable", f"{mapping.redistributable!r} is not true or false", "true or false")
    return mapping


def read_table_mapping(path: Path) -> TableMapping:
    """A mapping file (YAML) read and checked."""
    document = read_yaml(path)
    if not isinstance(document, dict):
        raise RecordError(str(path), "-", "-", "not a mapping document", "a YAML mapping with source: and columns:")
    mapping = mapping_from_dict(document, str(path))
    mapping.mapping_file = path
    return mapping


def parse_column_options(pairs: list[str]) -> dict[str, str]:
    """`--map "Ionic conductivity (S cm-1)=conductivity"` options as {field: column}."""
    columns: dict[str, str] = {}
    for pair in pairs:
        column, sep, field_name = pair.rpartition("=")
        if not sep or not column or field_name not in FIELDS:
            raise UsageError(f"--map {pair!r}: expected COLUMN=FIELD with FIELD one of {', '.join(FIELDS)}")
        columns[field_name] = column
    return columns


def mapping_to_dict(mapping: TableMapping) -> dict[str, Any]:
    """The mapping as a YAML-ready dict (for `sekg load-table --save-mapping`)."""
    keys = ["source", "title", "licence", "licence_url", "citation", "doi", "version", "homepage", "redistributable",
            "path", "conductivity_unit", "temperature_unit"]
    data: dict[str, Any] = {key: getattr(mapping, key) for key in keys if getattr(mapping, key) not in ("", None)}
    if mapping.temperature_fixed:
        data["temperature"] = mapping.temperature_fixed
    data["columns"] = dict(mapping.columns)
    return data


__all__ = ["FIELDS", "TableMapping", "mapping_from_dict", "mapping_to_dict", "parse_column_options",
           "read_table_mapping"]
