"""The format of curated records as JSON Schema: the fields every record kind takes, and a paper record.

The loaders refuse fields not listed here (a misspelt `temprature:` would otherwise be dropped silently),
`sekg curate check` validates paper records against SCHEMA, and kg.curate.schema writes it to
record.schema.json for editors. One definition, so the build and the check accept the same records.
"""
from __future__ import annotations

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
                         family=NAMES, components=NAMES, variant_of=TEXT, structure=TEXT, placeholders=TEXT,
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
    "synthesis": _record(["method", "section"], method=TEXT, material=NAMES, family=NAMES, conditions=TEXT,
                         **{"with": NAMES}),
    "claims": _record(["claim", "polarity", "section"], claim=TEXT,
                      polarity={"enum": ["advantage", "explanation", "structure", "context"]},
                      about=NAMES, against=TEXT, family=NAMES, material=NAMES),
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

#: fields review records take beyond a paper record's (the review cites its bracketed references per record)
REVIEW_ONLY_FIELDS = frozenset({"refs"})


def record_fields(kind: str) -> frozenset[str] | None:
    """The fields a record of this kind may have, or None for kinds without a schema yet."""
    schema = RECORDS.get(kind)
    return frozenset(schema["properties"]) if schema else None
