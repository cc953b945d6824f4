"""Writes the JSON Schema of a paper record (defined in loaders.record_schema) to record.schema.json.

Editors (VS Code YAML, PyCharm) use the JSON file for completion and inline errors; `sekg curate check` uses
the same schema first. Run `python -m kg.curate.schema` after a change; a test fails while the file is stale.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from kg.paths import LOADER_DATA_DIR
from loaders.record_schema import RECORDS, SCHEMA  # noqa: F401  (re-exported: the schema is defined with the loaders)

SCHEMA_FILE = LOADER_DATA_DIR / "curation" / "record.schema.json"

def render() -> str:
    """The JSON text of the schema."""
    return json.dumps(SCHEMA, indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    SCHEMA_FILE.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
