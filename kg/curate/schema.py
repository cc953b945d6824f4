"""The JSON Schema of a paper record (loaders/data/curation/KEY.yaml), the source of record.schema.json.

Editors (VS Code YAML, PyCharm) use the JSON file for completion and inline errors; `sekg curate check` uses
the same schema first. Run `python -m kg.curate.schema` after a change; a test fails while the file is stale.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from kg.paths import LOADER_DATA_DIR

SCHEMA_FILE = LOADER_DATA_DIR / "curation" / "record.schema.json"

TEXT = {"type": "string", "minLength": 1}
NUMBER = {"type": ["number", "string"], "pattern": r"^[-+]?[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?$"}
NAMES = {"oneOf": [TEXT, {"type": "array", "items": TEXT, "minItems": 1}]}
COMMON = {"id": {"type": ["string", "integer"]}, "section": {"type": ["string", "number"]}, "location": TEXT,
          "quote": TEXT, "note": TEXT}


def _record(required: list[str], **fields) -> dict:
    return {"type": "object", "required": ["id", *required], "additionalProperties": False,
            "properties": {**COMMON, **fields}}


RECORDS = {
    "new_terms": _record(["parent", "label", "definition"], parent=TEXT, label=TEXT, definition=TEXT, synonyms=NAMES),
    "materials": _record(["label", "family"], label={"type": ["string", "integer"]}, formula=TEXT, synonyms=NAMES,
                         family=NAMES, components=NAMES, variant_of=TEXT, structure=TEXT,
                         formula_kind={"enum": ["concrete", "generic", "system", "composite", "polymer", "unparsed",
                                                "named"]}),
    "cells": _record(["notation", "section"], kind=TEXT, notation=TEXT, anode=NAMES, electrolyte=NAMES, cathode=NAMES),
    "measurements": _record(["property", "section"], property=TEXT, value=NUMBER, low=NUMBER, high=NUMBER, unit=TEXT,
                            printed={"type": ["string", "number"]}, temperature={"type": ["string", "number"]},
                            conditions=TEXT, c_rate=NUMBER, cycles={"type": "integer"}, rh_percent=NUMBER,
                            exposure_min=NUMBER, pressure_mpa=NUMBER, approximate={"type": "boolean"},
                            computed={"type": "boolean"}, material=NAMES, cell=NAMES, family=NAMES,
                            relative_to=TEXT),
    "failures": _record(["failure", "section"], failure=TEXT, family=NAMES, material=NAMES, interface=TEXT,
                        description=TEXT),
    "strategies": _record(["strategy", "addresses", "mechanism", "section"], strategy=TEXT, addresses=NAMES,
                          mechanism=TEXT, family=NAMES, material=NAMES, interface=TEXT, uses=NAMES,
                          side_effects=NAMES, side_effect_text=TEXT),
    "synthesis": _record(["method", "section"], method=TEXT, material=NAMES, family=NAMES, conditions=TEXT),
    "substitutions": _record(["effect", "section"], dopant=TEXT, dopant_text=TEXT, charge={"type": "integer"},
                             site=TEXT, host=NAMES, result=NAMES, effect=TEXT, affects=NAMES, family=NAMES),
}

SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://w3id.org/sekg/schema/paper-record.json",
    "title": "sekg paper record",
    "description": "One curated paper: metadata, curator, status, and its facts with the sentence each comes from.",
    "type": "object",
    "required": ["paper", "curator", "curated_on", "status"],
    "additionalProperties": False,
    "properties": {
        "paper": {"type": "object", "additionalProperties": False,
                  "properties": {"ref": {"type": "string", "pattern": r"^chan2024:\d+[a-z]?$"},
                                 "doi": {"type": "string", "pattern": r"^10\.\d{4,9}/\S+$"},
                                 "title": TEXT, "authors": TEXT, "journal": TEXT, "year": {"type": "integer"},
                                 "citation": TEXT},
                  "anyOf": [{"required": ["ref"]}, {"required": ["doi"]}, {"required": ["citation"]}]},
        "curator": TEXT,
        "curated_on": {"type": "string", "format": "date"},
        "status": {"enum": ["draft", "reviewed"]},
        "read_from": {"type": "object", "required": ["source"], "additionalProperties": False,
                      "properties": {"source": {"enum": ["chan2024"]}, "section": {"type": ["string", "number"]}}},
        **{name: {"type": ["array", "null"], "items": schema} for name, schema in RECORDS.items()},
    },
}


def render() -> str:
    """The JSON text of the schema."""
    return json.dumps(SCHEMA, indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    SCHEMA_FILE.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
