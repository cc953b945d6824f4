"""What a published build was made from, kept beside it, so a later build can tell what changed.

`sekg-build.json` in the build directory lists the code fingerprint (ontology, sekg's modules, the RDF libraries'
versions), the options, and per loader in order its graph, a fingerprint of its inputs (None when the loader cannot
say what it reads), and the triples per named graph. An incremental build compares it with the loaders of the build
asked for (kg.incremental).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Sequence

from loaders.base import DerivedPerMaterial, SourceWithInputs

MANIFEST_NAME = "sekg-build.json"
MANIFEST_FORMAT = 1
#: libraries whose version changes the triples a build makes
RDF_LIBRARIES = ("rdflib", "pyoxigraph", "pymatgen", "owlready2", "pyshacl")


@dataclass
class SourceEntry:
    """One loader of a build: its graph, its kind, and what its inputs were."""

    graph: str
    name: str
    fingerprint: str | None
    reads_context: bool
    derived: bool


@dataclass
class BuildManifest:
    """Everything a build's triples depend on, and how many triples each graph got."""

    code: str
    options: dict
    sources: list[SourceEntry]
    graph_counts: dict[str, int] = field(default_factory=dict)

    def write(self, directory: Path) -> None:
        data = {"format": MANIFEST_FORMAT, **asdict(self)}
        (directory / MANIFEST_NAME).write_text(json.dumps(data, indent=1), encoding="utf-8")


def read_manifest(directory: Path) -> BuildManifest | None:
    """The manifest of a build directory; None when it has none (built before manifests, or not by sekg)."""
    try:
        data = json.loads((directory / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("format") != MANIFEST_FORMAT:
        return None
    return BuildManifest(data["code"], data["options"], [SourceEntry(**entry) for entry in data["sources"]],
                         data.get("graph_counts", {}))


def _digest_into(digest, item: Path | str) -> None:
    if isinstance(item, Path):
        digest.update(f"file {item.name}\0".encode())
        with item.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    else:
        digest.update(f"text {item}\0".encode())


def loader_fingerprint(loader) -> str | None:
    """A digest of the loader's kind and inputs (file contents, not times); None if it cannot say what it reads."""
    if not isinstance(loader, SourceWithInputs):
        return None
    digest = hashlib.sha256(f"{type(loader).__module__}.{type(loader).__qualname__} {loader.graph_iri}".encode())
    for item in loader.inputs():
        _digest_into(digest, item)
    return digest.hexdigest()


def code_fingerprint() -> str:
    """A digest of the ontology, sekg's own modules and the RDF libraries' versions: a change to any of them can
    change every graph, so it makes the next build a full one."""
    from importlib.metadata import PackageNotFoundError, version

    import kg
    import loaders
    from kg.paths import ONTOLOGY_DIR
    digest = hashlib.sha256()
    for library in RDF_LIBRARIES:
        try:
            digest.update(f"{library} {version(library)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{library} -\0".encode())
    roots = [(Path(kg.__file__).parent, "*.py"), (Path(loaders.__file__).parent, "*.py"), (ONTOLOGY_DIR, "*")]
    for root, pattern in roots:
        for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
            digest.update(f"{path.relative_to(root)}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def manifest_for(loaders: Sequence, options: dict) -> BuildManifest:
    """The manifest a build of `loaders` with `options` will have (fingerprints taken before anything is read)."""
    return BuildManifest(code_fingerprint(), options, [
        SourceEntry(str(loader.graph_iri), loader.name, loader_fingerprint(loader), hasattr(loader, "use_context"),
                    isinstance(loader, DerivedPerMaterial)) for loader in loaders])


__all__ = ["BuildManifest", "MANIFEST_NAME", "SourceEntry", "code_fingerprint", "loader_fingerprint", "manifest_for",
           "read_manifest"]
