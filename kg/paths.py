"""Where sekg finds its ontology, queries, curated data, shared sources and default store.

Everything is resolved relative to the repository (the parent of this package) so that an editable
install, the tests and the Makefile agree; environment variables override for other layouts.
"""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT: Path = Path(os.environ.get("SEKG_HOME", Path(__file__).resolve().parents[1]))
ONTOLOGY_DIR: Path = REPO_ROOT / "ontology"
ONTOLOGY_ROOT_FILE: Path = ONTOLOGY_DIR / "sse.ttl"
ONTOLOGY_MODULES_DIR: Path = ONTOLOGY_DIR / "modules"
SHAPES_DIR: Path = ONTOLOGY_DIR / "shapes"
CHECKS_DIR: Path = ONTOLOGY_DIR / "checks"
QUERIES_DIR: Path = REPO_ROOT / "queries"
LOADER_DATA_DIR: Path = REPO_ROOT / "loaders" / "data"


def shared_dir() -> Path:
    """The workplace's shared folder (source review, external datasets): ../shared beside the repo."""
    return Path(os.environ.get("SEKG_SHARED", REPO_ROOT.parent / "shared"))


def review_text_path() -> Path:
    """The source review's plain text (Chan et al., Batteries & Supercaps 2024): optional, for the reference-list
    generator and its test; the build reads the curated reference list instead."""
    return shared_dir() / "seed" / "review.txt"


def reference_list_path() -> Path:
    """The review's reference list as curated CSL-JSON (generated once from the review text)."""
    return LOADER_DATA_DIR / "references" / "chan2024.csl.json"


def default_store_selector() -> str:
    """The store the CLI uses unless told otherwise: $SEKG_STORE or an embedded Oxigraph store in .sekg/."""
    return os.environ.get("SEKG_STORE", f"oxigraph:{REPO_ROOT / '.sekg' / 'store'}")
