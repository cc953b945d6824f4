"""The Loader contract: one source in, one named graph of triples with provenance out.

Besides `load()`, a loader may have (the builder looks for them):
- `inputs()`: the files it reads, and any settings as text. An incremental build (`sekg build --incremental`)
  reuses the loader's published graph while they are unchanged; without it, a build of this loader is always full.
- `use_context(graph)`: it reads what the loaders before it produced (a paper links to the review's materials), so
  it is run again when one of those changed.
- `load_for(materials)`: its graph is derived from all the others, one material at a time (cross-source conflicts,
  charge-balance flags), so an incremental build recomputes only the materials a change touches.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Protocol, runtime_checkable

from rdflib import Graph, URIRef


class Loader(Protocol):
    """A source of triples. `load()` raises RecordError on bad input and never returns partial data."""

    name: str
    graph_iri: URIRef

    def load(self) -> Graph: ...


@runtime_checkable
class SourceWithInputs(Protocol):
    """A loader that can say what it reads, so a build can tell whether its graph would change."""

    def inputs(self) -> list[Path | str]: ...


@runtime_checkable
class DerivedPerMaterial(Protocol):
    """A loader whose graph is computed from the others, one material at a time."""

    def use_context(self, graph: Graph) -> None: ...

    def load_for(self, materials: Iterable[URIRef] | None) -> Graph: ...
