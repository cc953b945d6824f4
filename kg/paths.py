"""Where sekg finds its ontology, queries, curated data, shared sources and default store.

In a source checkout these are the repository's folders (ontology/, queries/, loaders/data/), so an editable
install, the tests and the Makefile agree. In an installed wheel they are package data (the wheel maps
ontology/ and queries/ to kg/resources/), found with importlib.resources. SEKG_HOME points at another
checkout; SEKG_STORE and SEKG_SHARED override the store and the shared folder.
"""
from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

REPO_ROOT: Path = Path(os.environ.get("SEKG_HOME", Path(__file__).resolve().parents[1]))


def _data_dir(name: str) -> Path:
    """A data folder: the checkout's own, else the installed package data."""
    in_checkout = REPO_ROOT / name
    if in_checkout.is_dir():
        return in_checkout
    return Path(str(files("kg").joinpath("resources", name)))


def is_source_checkout() -> bool:
    """Whether sekg runs from its repository (then the store lives in the checkout, .sekg/store)."""
    return (REPO_ROOT / "pyproject.toml").is_file() and (REPO_ROOT / "ontology").is_dir()


ONTOLOGY_DIR: Path = _data_dir("ontology")
ONTOLOGY_ROOT_FILE: Path = ONTOLOGY_DIR / "sse.ttl"
ONTOLOGY_MODULES_DIR: Path = ONTOLOGY_DIR / "modules"
SHAPES_DIR: Path = ONTOLOGY_DIR / "shapes"
CHECKS_DIR: Path = ONTOLOGY_DIR / "checks"
QUERIES_DIR: Path = _data_dir("queries")
LOADER_DATA_DIR: Path = Path(str(files("loaders").joinpath("data")))


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
    """The store the CLI uses unless told otherwise: $SEKG_STORE, else .sekg/store in a source checkout, else
    the per-user data folder (platformdirs: ~/.local/share/sekg/store on Linux)."""
    if "SEKG_STORE" in os.environ:
        return os.environ["SEKG_STORE"]
    if is_source_checkout():
        return f"oxigraph:{REPO_ROOT / '.sekg' / 'store'}"
    from platformdirs import user_data_path
    return f"oxigraph:{user_data_path('sekg', appauthor=False) / 'store'}"
