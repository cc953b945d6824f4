"""Structure facts derived from a dataset's CIFs with pymatgen: space group, lattice, volume, density, Li sites.

Each CIF gives one CrystalStructure node marked as derived (sse:isDerived, sse:derivedFromCif names the archive
member), linked from the row's measurement and from its material. The space group is pymatgen's symmetry analysis
(spglib, symprec 0.1) of the CIF's structure; where that fails, the CIF's own declared symbol is used and said so.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from kg.namespace import RESOURCE, SSE
from loaders.record_context import typed_double

if TYPE_CHECKING:
    from loaders.tabular import RowFacts, TableLoader


def structure_facts(cif_text: str) -> dict:
    """What a CIF says about its structure, computed with pymatgen."""
    from pymatgen.io.cif import CifParser
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pymatgen warns about every rounded occupancy
        parser = CifParser(io.StringIO(cif_text))
        structure = parser.parse_structures(primitive=False)[0]
        try:
            symbol, number = structure.get_space_group_info(symprec=0.1)
            how = "pymatgen symmetry analysis (symprec 0.1)"
        except Exception:  # spglib gives up on some disordered cells
            block = next(iter(parser.as_dict().values()))
            symbol = block.get("_symmetry_space_group_name_H-M") or block.get("_space_group_name_H-M_alt")
            number = block.get("_symmetry_Int_Tables_number") or block.get("_space_group_IT_number")
            number = int(number) if number else None
            how = "the CIF's declared space group"
    lattice = structure.lattice
    li_sites = sum(1 for site in structure if any(str(el) == "Li" for el in site.species.elements))
    return {"space_group": symbol, "space_group_number": number, "how": how, "a": lattice.a, "b": lattice.b,
            "c": lattice.c, "alpha": lattice.alpha, "beta": lattice.beta, "gamma": lattice.gamma,
            "volume": lattice.volume, "density": float(structure.density), "li_sites": li_sites,
            "formula": structure.composition.reduced_formula}


CACHE_VERSION = "1"


def read_cif_archive(archive_path: Path) -> dict[str, dict]:
    """Structure facts (or {'error': ...}) for every CIF of an archive, cached by the archive's checksum: pymatgen
    takes about 30 ms a CIF, and the archive does not change between builds."""
    digest = hashlib.sha256(archive_path.read_bytes()).hexdigest()[:20]
    cache = cache_dir() / f"cif-structures-{digest}-v{CACHE_VERSION}.json"
    if cache.is_file():
        try:
            return json.loads(cache.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass  # a broken cache is rebuilt
    facts: dict[str, dict] = {}
    with tarfile.open(archive_path, "r:*") as archive:
        for member in archive.getmembers():
            if not member.isfile() or not member.name.lower().endswith(".cif"):
                continue
            text = archive.extractfile(member).read().decode("utf-8", errors="replace")
            try:
                facts[member.name] = structure_facts(text)
            except Exception as exc:  # a CIF pymatgen cannot read is reported, its row stays loaded
                facts[member.name] = {"error": f"{type(exc).__name__}: {str(exc)[:120]}"}
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(facts, sort_keys=True), encoding="utf-8")
        partial.replace(cache)
    except OSError:
        pass  # no cache is only slower
    return facts


def cache_dir() -> Path:
    """$SEKG_CACHE, else the per-user cache folder."""
    if os.environ.get("SEKG_CACHE"):
        return Path(os.environ["SEKG_CACHE"])
    from platformdirs import user_cache_path
    return user_cache_path("sekg", appauthor=False)


def add_cif_structures(graph: Graph, loader: "TableLoader", rows: Iterable["RowFacts"]) -> None:
    """Attach the derived structure facts of every row whose CIF is in the archive."""
    report = loader.report
    try:
        facts_by_member = read_cif_archive(loader.cif_archive)
    except (OSError, tarfile.TarError) as exc:
        report.cif_problems.append(f"{loader.cif_archive}: cannot read the CIF archive ({exc})")
        return
    for facts in rows:
        name = loader.mapping.cif_member.format(id=facts.row_id)
        derived = facts_by_member.get(name)
        if derived is None:
            continue
        if "error" in derived:
            report.cif_problems.append(f"{loader.cif_archive}:{name}: {derived['error']}")
            continue
        _add_structure(graph, loader, facts, name, derived)
        report.structures_from_cif += 1


def _add_structure(graph: Graph, loader: "TableLoader", facts: "RowFacts", member: str, derived: dict) -> None:
    from loaders.material_identity import composition_key
    from loaders.tabular import composition_material_iri, dataset_iri
    source = loader.mapping.source
    node = RESOURCE[f"dataset/{source}/cif/{facts.row_id}"]
    measurement = RESOURCE[f"dataset/{source}/row/{facts.row_id}"]
    material = graph.value(measurement, SSE.ofMaterial) or composition_material_iri(composition_key(facts.formula.amounts))
    graph.add((node, RDF.type, SSE.CrystalStructure))
    graph.add((node, RDFS.label, Literal(f"{derived['formula']} {derived['space_group'] or ''} from CIF {member}")))
    graph.add((node, SSE.isDerived, Literal(True)))
    graph.add((node, DCTERMS.source, dataset_iri(source)))
    graph.add((node, SSE.derivedFromCif, Literal(f"{loader.cif_archive.name}:{member}")))
    if derived["space_group"]:
        graph.add((node, SSE.spaceGroupSymbol, Literal(str(derived["space_group"]))))
    if derived["space_group_number"]:
        graph.add((node, SSE.spaceGroupNumber, Literal(int(derived["space_group_number"]), datatype=XSD.integer)))
    graph.add((node, RDFS.comment, Literal(f"space group from {derived['how']}")))
    for key, predicate in (("a", SSE.latticeA), ("b", SSE.latticeB), ("c", SSE.latticeC),
                           ("volume", SSE.cellVolume), ("density", SSE.densityGPerCm3)):
        graph.add((node, predicate, typed_double(round(derived[key], 5))))
    graph.add((node, SSE.lithiumSiteCount, Literal(derived["li_sites"], datatype=XSD.integer)))
    graph.add((material, SSE.hasStructure, node))
    graph.add((measurement, SSE.measuredOnStructure, node))


__all__ = ["add_cif_structures", "structure_facts"]
