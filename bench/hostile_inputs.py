"""How long sekg takes to refuse hostile input, as ratios to accepting ordinary input, measured in one run.

Usage: python bench/hostile_inputs.py [--repeat 2000]. Writes bench/hostile-inputs.md. The tests assert what is
refused and how; this measures that refusing costs about what accepting does (pint took 7-10 s for
`10**10**7 S/cm`, and an alias bomb ran to MemoryError).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.errors import SekgError  # noqa: E402
from kg.units import CONDUCTIVITY, parse_in_unit  # noqa: E402
from loaders.yaml_records import read_yaml  # noqa: E402

ORDINARY = "1.2 × 10⁻³ S cm⁻¹"
HOSTILE = ["10**10**7 S/cm", "10**10**8", "10**25000000 S/cm", "1e999", "9" * 60 + "e400", "NaN", "1e-3 S/cm" * 40]
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"d{i}: &a{i} [{', '.join(['*a' if i == 0 else f'*a{i - 1}'] * 9)}]\n" for i in range(9))
RECORD = Path(__file__).resolve().parents[1] / "loaders" / "data" / "curation" / "jin2023-lif-lgps.yaml"


def _seconds(action, repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        try:
            action()
        except SekgError:
            pass
    return (time.perf_counter() - started) / repeat


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "hostile-inputs.md")
    args = parser.parse_args()
    ordinary = _seconds(lambda: parse_in_unit(ORDINARY, CONDUCTIVITY, "x"), args.repeat)
    lines = ["# Refusing hostile input (`python bench/hostile_inputs.py`)", "",
             f"Accepting `{ORDINARY}`: {ordinary * 1e6:.1f} µs per parse ({args.repeat} runs).", "",
             "| input | time | ratio to accepting |", "|---|---:|---:|"]
    for text in HOSTILE:
        seconds = _seconds(lambda: parse_in_unit(text, CONDUCTIVITY, "x"), args.repeat)
        lines.append(f"| `{text[:40]}` | {seconds * 1e6:.1f} µs | {seconds / ordinary:.1f} |")
    with tempfile.TemporaryDirectory() as folder:
        bomb = Path(folder) / "bomb.yaml"
        bomb.write_text(BOMB, encoding="utf-8")
        normal = _seconds(lambda: read_yaml(RECORD), 50)
        refused = _seconds(lambda: read_yaml(bomb), 50)
    lines += ["", f"Reading a curated record ({RECORD.name}): {normal * 1e3:.2f} ms; refusing an alias bomb of 9^10 "
              f"values: {refused * 1e3:.2f} ms (ratio {refused / normal:.1f})."]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
