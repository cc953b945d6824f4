"""sekg: the solid-electrolyte knowledge graph - public Python API.

    from kg import open_store, build, run_query
"""
from kg.build import build
from kg.catalogue import load_catalogue, run_query
from kg.resolve import LabelIndex
from kg.store import open_store

__all__ = ["build", "load_catalogue", "open_store", "run_query", "LabelIndex"]
from kg.version import __version__  # noqa: E402
