"""`sekg curate new KEY`: a commented record template, so a curator starts from a valid file."""
from __future__ import annotations

import datetime
import re
from pathlib import Path

from kg.errors import UsageError
from kg.paths import LOADER_DATA_DIR

TEMPLATE = """\
# yaml-language-server: $schema=record.schema.json
# sekg paper record {key}. One file per paper; facts use the ontology's class names or labels.
# Check it with `sekg curate check {path}` and preview it with `sekg curate diff {path}`.
paper:
{paper}
  # title: ...
  # authors: A. Author, B. Author
  # journal: ...
  # year: 2024
curator: {curator}           # who curated this record
curated_on: {today}
status: draft                # draft | reviewed
# read_from: {{source: chan2024, section: "4.1.1"}}   # when the facts are read from the review's text

# materials: new materials only; refer to existing ones by id (e.g. LGPS, LLZO). A concrete formula whose
# reduced composition is already in the graph is linked to that material, not duplicated.
materials:
  # - id: my-material
  #   label: Li6PS5Cl
  #   formula: Li6PS5Cl
  #   synonyms: [LPSCl]
  #   family: ArgyroditeElectrolyte        # any class under sse:Material, by name or label
  #   section: "2"                          # where in the paper (or "4.1.1 (review)")
  #   quote: the sentence it comes from

measurements:
  # - id: my-conductivity
  #   material: my-material
  #   property: IonicConductivity          # BulkIonicConductivity, TotalIonicConductivity, CriticalCurrentDensity ...
  #   value: 1.2                           # or low:/high: for a range or a bound
  #   unit: mS/cm                          # converted exactly; a wrong dimension is an error
  #   printed: 1.2 mS cm-1
  #   temperature: 25 °C                   # or 'room temperature'; a rate like '1 °C' goes in c_rate: 1
  #   section: "3.1"
  #   quote: ...

failures:
  # - {{id: ..., failure: LithiumDendriteGrowth, family: SulfideElectrolyte, description: ..., section: "..."}}

strategies:
  # - id: ...
  #   strategy: ArtificialInterlayer
  #   addresses: [LithiumDendriteGrowth]
  #   material: my-material
  #   mechanism: one sentence on how it works
  #   section: "..."

# new_terms: propose a class the ontology lacks, then use its id as a class name above
# new_terms:
#   - {{id: MyNewFailure, parent: InterfaceFailure, label: ..., definition: ..., synonyms: [...]}}
"""


def new_record(key: str, *, doi: str | None = None, ref: str | None = None, curator: str = "your name",
               folder: Path | None = None) -> Path:
    """Write the commented template for KEY and return its path; an existing record is never overwritten."""
    if not re.match(r"^[a-z0-9][a-z0-9_\-]*$", key):
        raise UsageError(f"{key!r} is not a valid record key. Valid: lower-case letters, digits, '-', '_' "
                         "(e.g. jin2024-lif-lgps).")
    folder = folder or LOADER_DATA_DIR / "curation"
    path = folder / f"{key}.yaml"
    if path.exists():
        raise UsageError(f"{path} already exists; edit it, or choose another key.")
    lines = []
    if ref:
        lines.append(f"  ref: {ref}")
    if doi:
        lines.append(f"  doi: {doi}")
    if not lines:
        lines.append('  citation: "Authors, Journal Year, Volume, Pages"   # or doi: 10.xxxx/..., or ref: chan2024:N')
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(key=key, path=path, paper="\n".join(lines), curator=curator,
                                    today=datetime.date.today().isoformat()), encoding="utf-8")
    return path
