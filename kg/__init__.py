"""sekg: the solid-electrolyte knowledge graph - the public Python API (for scripts and notebooks).

    import kg
    store = kg.open_store("oxigraph:.sekg/store")          # a built store, read-only
    answer = kg.run_query(store, "failures-of", {"family": "halide"})
    answer.rows, answer.to_pandas(), answer.to_rdf()
    kg.resolve(store, "LGPS")                               # what a term means in the graph
    kg.conductivity_figure(store)                           # a matplotlib Figure

The README's tutorial is executed by a test (tests/test_readme_tutorial.py).
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import kg.resolve as _resolution  # noqa: F401  (imported first, so `def resolve` below is what kg.resolve names)
from kg.version import __version__

if TYPE_CHECKING:  # the names below load on first use (PEP 562): `import kg` and `sekg --help` stay fast
    from kg.builder import build
    from kg.catalogue import Answer, load_catalogue, run_query
    from kg.resolve import KINDS, LabelIndex, Resolved
    from kg.store import Store, open_store

_LAZY = {"build": "kg.builder", "Answer": "kg.catalogue", "load_catalogue": "kg.catalogue", "run_query": "kg.catalogue",
         "KINDS": "kg.kinds", "LabelIndex": "kg.resolve", "Resolved": "kg.resolve", "Store": "kg.store",
         "open_store": "kg.store"}


def __getattr__(name: str) -> Any:
    """The public API's names, imported when first used."""
    if name in _LAZY:
        import importlib
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def resolve(store: "Store", term: str, kind: str | None = None) -> "Resolved":
    """What a label, synonym, formula or IRI names in the graph (the resolution query parameters use)."""
    from kg.kinds import KINDS
    from kg.resolve import LabelIndex
    return LabelIndex(store).resolve(term, [kind] if kind else list(KINDS))


def conductivity_figure(store: "Store", families: list[str] | None = None) -> Any:
    """Ionic conductivity per family (log axis, Table 1 bands, curated points) as a matplotlib Figure."""
    from viz.plots import conductivity_figure as draw
    return draw(store, families)[0]


def coverage_figure(store: "Store") -> Any:
    """The family x failure coverage matrix (strategies per reported pair; 0 = a gap) as a matplotlib Figure."""
    from viz.plots import coverage_figure as draw
    return draw(store)[0]


__all__ = ["Answer", "LabelIndex", "Resolved", "Store", "__version__", "build", "conductivity_figure",
           "coverage_figure", "load_catalogue", "open_store", "resolve", "run_query"]
