"""The measured datasets sekg knows and the tables a user registered: where each is expected and whether it is there.

Known datasets are mapping files shipped in loaders/data/datasets/ (therrien2025.yaml: OBELiX, hargreaves2023.yaml:
the Liverpool table); their tables are read where they lie, never copied: `$SEKG_DATASETS` (a folder), else `../shared/datasets` beside a checkout, or one
table per dataset via `$SEKG_DATASET_<NAME>` or `sekg build --dataset NAME=PATH`. A user's own tables are mapping
files (with a `path:`) in the store's tables folder, put there by `sekg load-table`. A missing table is a note,
not an error: the build goes on with the review graph.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from kg.errors import UsageError
from kg.paths import LOADER_DATA_DIR, shared_dir
from loaders.table_mapping import TableMapping, read_table_mapping

KNOWN_DATASETS_DIR: Path = LOADER_DATA_DIR / "datasets"


@dataclass
class LocatedDataset:
    """A dataset's mapping and where its table (and CIF archive) were looked for."""

    mapping: TableMapping
    table_path: Path
    cif_path: Path | None
    how_found: str

    @property
    def present(self) -> bool:
        return self.table_path.is_file()


def datasets_dir() -> Path:
    """The folder known datasets are looked for in: $SEKG_DATASETS, else ../shared/datasets."""
    return Path(os.environ["SEKG_DATASETS"]) if os.environ.get("SEKG_DATASETS") else shared_dir() / "datasets"


def known_mappings() -> list[TableMapping]:
    """The mapping files of the datasets sekg ships a mapping for."""
    return [read_table_mapping(path) for path in sorted(KNOWN_DATASETS_DIR.glob("*.yaml"))]


def user_mappings(tables_dir: Path | None) -> list[TableMapping]:
    """Mapping files a user registered with `sekg load-table` (each names its table with path:)."""
    if tables_dir is None or not tables_dir.is_dir():
        return []
    return [read_table_mapping(path) for path in sorted(tables_dir.glob("*.yaml"))]


def parse_overrides(pairs: list[str]) -> dict[str, Path]:
    """`--dataset NAME=PATH` options."""
    overrides = {}
    names = {mapping.source for mapping in known_mappings()}
    for pair in pairs:
        name, sep, path = pair.partition("=")
        if not sep or name not in names or not path:
            raise UsageError(f"--dataset {pair!r}: expected NAME=PATH with NAME one of {', '.join(sorted(names))}")
        overrides[name] = Path(path).expanduser()
    return overrides


def locate(mapping: TableMapping, overrides: dict[str, Path] | None = None) -> LocatedDataset:
    """Where this dataset's table is (or would be expected)."""
    overrides = overrides or {}
    env = os.environ.get(f"SEKG_DATASET_{mapping.source.upper().replace('-', '_')}")
    if mapping.source in overrides:
        table, how = overrides[mapping.source], "--dataset"
    elif env:
        table, how = Path(env).expanduser(), f"$SEKG_DATASET_{mapping.source.upper()}"
    elif mapping.path:
        base = mapping.mapping_file.parent if mapping.mapping_file else Path.cwd()
        table, how = (base / mapping.path), f"path: in {mapping.mapping_file}"
    else:
        table, how = datasets_dir() / mapping.expected_path, "datasets folder"
    cif = None
    if mapping.cif_archive:
        cif = (table.parent / Path(mapping.cif_archive).name) if how != "datasets folder" \
            else datasets_dir() / mapping.cif_archive
    return LocatedDataset(mapping, table, cif, how)


def configured_datasets(overrides: dict[str, Path] | None = None, tables_dir: Path | None = None,
                        only: set[str] | None = None) -> list[LocatedDataset]:
    """Every known dataset and every registered table, located; `only` restricts to those names."""
    located = [locate(m, overrides) for m in known_mappings()] + [locate(m) for m in user_mappings(tables_dir)]
    seen: set[str] = set()
    result = []
    for item in located:
        if item.mapping.source in seen:
            raise UsageError(f"two datasets are named {item.mapping.source!r}; give a registered table another "
                             "--source name")
        seen.add(item.mapping.source)
        if only is None or item.mapping.source in only:
            result.append(item)
    return result


def dataset_loaders(datasets: list[LocatedDataset]) -> tuple[list, list[str]]:
    """Loaders for the datasets that are present, and a note for each that is not."""
    from loaders.tabular import TableLoader
    loaders, notes = [], []
    for item in datasets:
        if not item.present and item.how_found == "--dataset":  # asked for by name: a missing file is an error
            raise UsageError(f"--dataset {item.mapping.source}={item.table_path}: no such file; give the path of "
                             f"{Path(item.mapping.expected_path).name or 'the table'}")
        if not item.present:
            notes.append(f"dataset {item.mapping.source} not found at {item.table_path} ({item.how_found}); building "
                         f"without it (give --dataset {item.mapping.source}=PATH or set $SEKG_DATASETS)")
            continue
        cif = item.cif_path if item.cif_path is not None and item.cif_path.is_file() else None
        loaders.append(TableLoader(item.mapping, item.table_path, cif))
    return loaders, notes


__all__ = ["LocatedDataset", "configured_datasets", "dataset_loaders", "datasets_dir", "known_mappings", "locate",
           "parse_overrides", "user_mappings"]
