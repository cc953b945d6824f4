"""Printing answers as a text grid (kg.cli.text_grid), one JSON object, or CSV."""
from __future__ import annotations

import csv
import json
import os
import shutil
import sys
from typing import Any

from kg.errors import UsageError

FORMATS = ("table", "json", "csv")


def console(stderr: bool = False, width: int | None = None) -> Any:
    """A rich Console, imported on first use: `sekg query --format json` never pays for rich (~20 ms)."""
    from rich.console import Console
    return Console(stderr=stderr, width=width)


def check_format(output_format: str) -> str:
    if output_format not in FORMATS:
        raise UsageError(f"Unknown format {output_format!r}. Valid: {', '.join(FORMATS)}.")
    return output_format


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def print_rows(columns: list[str], rows: list[dict[str, Any]], output_format: str, *,
               json_object: dict[str, Any] | None = None, title: str | None = None,
               hide_iri_columns: bool = True) -> None:
    """Print rows in the chosen format (json prints json_object when given)."""
    if output_format == "json":
        print(json.dumps(json_object if json_object is not None else {"columns": columns, "rows": rows},
                         ensure_ascii=False, indent=2, allow_nan=False))
        return
    if output_format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_text(row.get(c)) for c in columns])
        return
    shown = [c for c in columns if not (hide_iri_columns and c.endswith("_iri"))] or columns
    from kg.cli.text_grid import render_grid
    # a terminal: its own width; a pipe or file: $COLUMNS or 160, so saved tables are not folded at 80
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "160"))
    print(render_grid(shown, [[_text(row.get(c)) for c in shown] for row in rows], width, title))
    print(f"{len(rows)} row(s)")
