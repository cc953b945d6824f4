"""Reading a table (CSV or XLSX) as rows of text, each with the line a person finds it on."""
from __future__ import annotations

import csv
from pathlib import Path

from kg.errors import RecordError

MAX_TABLE_BYTES = 64 * 1024 * 1024


def read_table(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the rows (line number, {column: text}) of a CSV or XLSX file; cells are stripped text."""
    if not path.is_file():
        raise RecordError(str(path), "-", "path", "no such file", "the path of a CSV or XLSX table")
    if path.stat().st_size > MAX_TABLE_BYTES:
        raise RecordError(str(path), "-", "path", f"larger than {MAX_TABLE_BYTES // 2**20} MB", "a smaller table")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip() for name in next(reader, [])]
            rows = [(reader.line_num, {name: (cell or "").strip() for name, cell in zip(header, cells)})
                    for cells in reader if any(cell.strip() for cell in cells)]
    except UnicodeDecodeError as exc:
        raise RecordError(str(path), "-", "encoding", f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                          "a CSV saved as UTF-8, or an .xlsx file") from None
    except csv.Error as exc:
        raise RecordError(str(path), "-", "csv", str(exc), "a comma-separated table with one header line") from None
    return header, rows


def _read_xlsx(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The first worksheet of an Excel workbook, read with openpyxl (values, not formulas)."""
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise RecordError(str(path), "-", "path", "reading .xlsx needs openpyxl", "pip install openpyxl, or a CSV")
    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises zipfile and KeyError variants for broken files
        raise RecordError(str(path), "-", "path", f"not a readable workbook ({type(exc).__name__})", "an .xlsx file")
    lines = sheet.iter_rows(values_only=True)
    header = [str(cell).strip() if cell is not None else "" for cell in next(lines, ())]
    rows = []
    for number, cells in enumerate(lines, start=2):
        texts = ["" if cell is None else _cell_text(cell) for cell in cells]
        if any(texts):
            rows.append((number, dict(zip(header, texts))))
    return header, rows


def _cell_text(cell: object) -> str:
    """Numbers as Python prints them (repr keeps 1.2e-05 exact), everything else as stripped text."""
    return repr(cell) if isinstance(cell, float) else str(cell).strip()


def check_columns(path: Path, header: list[str], columns: dict[str, str], source: str) -> None:
    """Every mapped column exists in the header; else one error naming the field, the column and the real ones."""
    for field_name, column in columns.items():
        if column not in header:
            raise RecordError(str(path), source, f"columns.{field_name}", f"no column {column!r} in the table",
                              "one of " + ", ".join(repr(name) for name in header))


__all__ = ["check_columns", "read_table"]
