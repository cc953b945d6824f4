"""Synthetic curated records shaped like the review graph, at a target number of triples (seeded, reproducible).

The records use the ontology's real class hierarchy (materials typed with leaf families), concrete formulas that
pymatgen parses, measurements with value/unit/temperature, failures, strategies, synthesis links, substitutions
and the review's reference numbers, in roughly the review's proportions. They are written as loader input
(YAML files of the curated-record format), so a benchmark measures the real build path.

    python bench/generate.py --triples 100000 --out bench/data/1e5
"""
from __future__ import annotations

import argparse
import math
import random
from pathlib import Path

import yaml

from kg.namespace import SSE
from kg.ontology import load_ontology, subclasses_of

ELEMENTS = {  # element pools per main family, for formulas pymatgen parses
    "OxideElectrolyte": ["La", "Zr", "Ti", "Al", "Ga", "Ta", "Nb", "Y", "Ge", "P", "Si"],
    "SulfideElectrolyte": ["P", "Ge", "Si", "Sn", "Sb", "Cl", "Br", "I", "N", "F"],
    "HalideElectrolyte": ["Y", "Er", "Yb", "In", "Zr", "Sc", "Cl", "Br", "I"],
    "HydroborateElectrolyte": ["B", "C", "H", "Na", "Al"],
    "PhosphideElectrolyte": ["P", "Si", "Ge", "Al", "Ga", "Sn"],
}
ANION = {"OxideElectrolyte": "O", "SulfideElectrolyte": "S", "HalideElectrolyte": "Cl", "HydroborateElectrolyte": "H",
         "PhosphideElectrolyte": "P"}
SIGMA_RANGE = {"OxideElectrolyte": (1e-6, 2e-3), "SulfideElectrolyte": (1e-4, 3e-2), "HalideElectrolyte": (1e-5, 3e-3),
               "HydroborateElectrolyte": (1e-6, 3e-2), "PhosphideElectrolyte": (1e-5, 1e-2)}
FAILURES = ["LithiumDendriteGrowth", "PoorAirStability", "HydrolysisWithH2SRelease", "LowIonicConductivity",
            "HighInterfacialResistance", "InterfacialSideReaction", "PoorCathodeCompatibility", "TitaniumReduction",
            "HighGrainBoundaryResistance", "LowReductionStability", "LowOxidationStability", "ContactLoss"]
STRATEGIES = ["Doping", "AliovalentSubstitution", "ElectrolyteSurfaceCoating", "ArtificialInterlayer",
              "LithiumAlloyAnode", "StableSEIDesign", "CathodeCoating", "GrainBoundaryEngineering",
              "LowTemperatureSinteringStrategy", "FluorineDoping", "InorganicCompositing", "StackPressure"]
METHODS = ["HighEnergyBallMilling", "SolGelMethod", "MeltQuenching", "HotPressing", "ColdPressing",
           "SolutionSynthesis", "LowTemperatureSintering", "CoSintering", "MechanicalAlloying"]
DOPANTS = ["Al", "Ga", "Ta", "Nb", "Zr", "Y", "F", "Cl", "Sn", "Ge"]
TRIPLES_PER_MATERIAL = 84  # measured on generated data (12,814 triples for 153 materials)


def _leaf_families() -> dict[str, list[str]]:
    ontology = load_ontology()
    leaves = {}
    for family in ELEMENTS:
        classes = subclasses_of(SSE[family], ontology)
        children = [c for c in classes if not any(o != c and c in subclasses_of(o, ontology) for o in classes if o != SSE[family])]
        leaves[family] = sorted(str(c).rsplit("#", 1)[-1] for c in children if c != SSE[family]) or [family]
    return leaves


def _formula(rng: random.Random, family: str) -> str:
    parts = [f"Li{rng.randint(1, 9)}"]
    for element in rng.sample(ELEMENTS[family], 2):
        parts.append(f"{element}{round(rng.uniform(0.1, 3), 2):g}")
    parts.append(f"{ANION[family]}{rng.randint(3, 12)}")
    return "".join(parts)


def generate(triples: int, seed: int = 7) -> dict:
    """One document of curated records with about `triples` triples once loaded."""
    rng = random.Random(seed)
    leaves = _leaf_families()
    materials, measurements, failures, strategies, synthesis, substitutions = [], [], [], [], [], []
    count = max(3, math.ceil(triples / TRIPLES_PER_MATERIAL))
    for index in range(1, count + 1):
        family = rng.choice(list(ELEMENTS))
        material_id = f"SYN-{index}"
        materials.append({"id": material_id, "label": f"synthetic material {index}", "formula": _formula(rng, family),
                          "synonyms": [f"S{index}"], "family": rng.choice(leaves[family]), "section": "2",
                          "refs": [str(rng.randint(20, 212))]})
        low, high = SIGMA_RANGE[family]
        for number in range(2):
            sigma = 10 ** rng.uniform(math.log10(low), math.log10(high))
            temperature = rng.choice(["room temperature", "25 °C", "30 °C", "60 °C"])
            measurements.append({"id": f"{material_id}-m{number}", "material": material_id,
                                 "property": rng.choice(["IonicConductivity", "BulkIonicConductivity",
                                                         "TotalIonicConductivity"]),
                                 "value": float(f"{sigma:.3g}"), "unit": "S/cm", "printed": f"{sigma:.3g} S cm-1",
                                 "temperature": temperature, "section": "2", "refs": [str(rng.randint(20, 212))]})
        if rng.random() < 0.55:
            failures.append({"id": f"{material_id}-f", "failure": rng.choice(FAILURES), "material": material_id,
                             "description": "synthetic failure occurrence", "section": "6.3",
                             "refs": [str(rng.randint(180, 212))]})
        if rng.random() < 0.45:
            strategies.append({"id": f"{material_id}-s", "strategy": rng.choice(STRATEGIES),
                               "addresses": rng.sample(FAILURES, 2), "material": material_id,
                               "mechanism": "synthetic mechanism sentence", "section": "6.3.4",
                               "refs": [str(rng.randint(180, 212))]})
        if rng.random() < 0.3:
            synthesis.append({"id": f"{material_id}-y", "method": rng.choice(METHODS), "material": material_id,
                              "section": "5", "refs": [str(rng.randint(140, 179))]})
        if rng.random() < 0.1:
            substitutions.append({"id": f"{material_id}-d", "dopant": rng.choice(DOPANTS), "host": material_id,
                                  "effect": "synthetic substitution effect", "affects": ["IonicConductivity"],
                                  "section": "2", "refs": [str(rng.randint(20, 100))]})
    return {"source": "chan2024", "materials": materials, "measurements": measurements, "failures": failures,
            "strategies": strategies, "synthesis": synthesis, "substitutions": substitutions}


def new_paper(existing_material: str = "SYN-1") -> dict:
    """One paper record as a curator adds it to a built synthetic graph (the incremental-build benchmark): a new
    material with its conductivity and a strategy, and a conductivity of an existing material, so the paper links into
    the graph. Synthetic like the rest: it cites no real paper."""
    return {"paper": {"citation": "synthetic paper record of the incremental-build benchmark (not a real paper)"},
            "curator": "sekg benchmark", "curated_on": "2026-12-04", "status": "draft",
            "materials": [{"id": "BENCH-new", "label": "benchmark new material", "formula": "Li7P3S11",
                           "family": "SulfideElectrolyte", "section": "1"}],
            "measurements": [
                {"id": "new-sigma", "material": "BENCH-new", "property": "IonicConductivity", "value": 2.1e-3,
                 "unit": "S/cm", "printed": "2.1e-3 S cm-1", "temperature": "25 °C", "section": "1"},
                {"id": "existing-sigma", "material": existing_material, "property": "IonicConductivity",
                 "value": 1.0e-9, "unit": "S/cm", "printed": "1.0e-9 S cm-1", "temperature": "25 °C", "section": "2"}],
            "strategies": [{"id": "coating", "strategy": "ElectrolyteSurfaceCoating",
                            "addresses": ["LithiumDendriteGrowth"], "material": "BENCH-new",
                            "mechanism": "synthetic mechanism sentence", "section": "3"}]}


def write_new_paper(out: Path) -> Path:
    """Add the benchmark's paper record to OUT/curation/."""
    folder = out / "curation"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bench-new-paper.yaml"
    path.write_text(yaml.safe_dump(new_paper(), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


#: records per file: a curator's file, well under the loader's limit on values per file (loaders.yaml_records)
TRIPLES_PER_FILE = 1_000_000


def shards(document: dict, count: int) -> list[dict]:
    """The document's records dealt into `count` files of one source (the loader reads a folder as one set)."""
    lists = [key for key, value in document.items() if isinstance(value, list)]
    return [{**{key: value for key, value in document.items() if key not in lists},
             **{key: document[key][index::count] for key in lists}} for index in range(count)]


def write(triples: int, out: Path, seed: int = 7) -> Path:
    """Write the records as loader input: OUT/review/synthetic.yaml, or synthetic-NN.yaml files above 10^6 triples."""
    folder = out / "review"
    folder.mkdir(parents=True, exist_ok=True)
    document = generate(triples, seed)
    count = max(1, math.ceil(triples / TRIPLES_PER_FILE))
    parts = shards(document, count) if count > 1 else [document]
    for number, part in enumerate(parts):
        path = folder / ("synthetic.yaml" if count == 1 else f"synthetic-{number:02d}.yaml")
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump(part, handle, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False,
                      allow_unicode=True)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=float, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    arguments = parser.parse_args()
    print(write(int(arguments.triples), arguments.out, arguments.seed))


if __name__ == "__main__":
    main()
