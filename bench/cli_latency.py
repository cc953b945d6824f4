"""Wall-clock latency of the CLI as a person meets it: `sekg --help` and the flagship query on the built store.

Each command runs REPEAT times after one warm-up, alternating, in fresh processes; the report gives median,
min and max, the targets of issue 15 (help <= 150 ms, query <= 300 ms on the review graph) and rows returned.
Usage: python bench/cli_latency.py [--store oxigraph:.sekg/store] [--repeat 15] [--out bench/cli-latency.md]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

SEKG = str(Path(sys.executable).with_name("sekg"))


def commands(store: str) -> dict[str, tuple[list[str], float]]:
    flagship = ["query", "strategies-for-failure", "--failure", "lithium dendrite", "--family", "sulfide",
                "--store", store, "--format", "json"]
    conductivity = ["query", "materials-by-conductivity", "--min-conductivity", "1e-3", "--max-temperature", "30",
                    "--store", store, "--format", "json"]
    as_table = conductivity[:-2]  # the default output, as a person at a terminal reads it (a 160-column grid)
    return {"sekg --help": (["--help"], 0.150), "sekg query strategies-for-failure (flagship)": (flagship, 0.300),
            "sekg query materials-by-conductivity >= 1 mS/cm, <= 30 C": (conductivity, 0.300),
            "the same, printed as the default table": (as_table, 0.300)}


def run_once(args: list[str]) -> tuple[float, int | None]:
    started = time.perf_counter()
    done = subprocess.run([SEKG, *args], capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - started
    if "--format" in args:
        return elapsed, len(json.loads(done.stdout)["rows"])
    last = done.stdout.strip().splitlines()[-1]
    return elapsed, int(last.split()[0]) if last.endswith("row(s)") else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", default="oxigraph:.sekg/store")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--out", type=Path, default=Path("bench/cli-latency.md"))
    options = parser.parse_args()
    cases = commands(options.store)
    timings: dict[str, list[float]] = {name: [] for name in cases}
    rows: dict[str, int | None] = {}
    for name, (args, _) in cases.items():
        run_once(args)  # warm the file cache once
    for _ in range(options.repeat):
        for name, (args, _) in cases.items():
            elapsed, count = run_once(args)
            timings[name].append(elapsed)
            rows[name] = count
    count = subprocess.run([SEKG, "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", options.store,
                            "--format", "json"], capture_output=True, text=True, check=True)
    triples = json.loads(count.stdout)["rows"][0]["n"]
    lines = [f"# CLI wall-clock latency ({options.repeat} runs each, fresh processes, alternating)", "",
             f"Command: `python bench/cli_latency.py --store {options.store} --repeat {options.repeat}`; "
             f"store: {triples} quads (union).", "",
             "| command | rows | median | min | max | target | met |", "|---|---|---|---|---|---|---|"]
    for name, (_, target) in cases.items():
        values = timings[name]
        median = statistics.median(values)
        lines.append(f"| {name} | {rows[name] if rows[name] is not None else '-'} | {median * 1000:.0f} ms | "
                     f"{min(values) * 1000:.0f} ms | {max(values) * 1000:.0f} ms | {target * 1000:.0f} ms | "
                     f"{'yes' if median <= target else f'no ({median / target:.1f}x)'} |")
    options.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
