"""What one per-row index lookup costs on the embedded store, on disk and in memory (issue 15).

A canned query's answer costs (rows) x (lookups its columns need per row) x (what one lookup costs). This measures
the last factor on a built store: the ionic-conductivity measurements the decade index finds (every decade) are the
rows, and 0, 2, 4 and 8 single-valued properties of each are looked up per row (LATERAL OPTIONAL, as the canned queries
run them on Oxigraph). The slope of time against lookups is the cost of one lookup; the budget of issue 15 (0.1 ms
per row above 100 rows) divided by it is how many lookups a row can afford.

    python bench/lookup_floor.py --store oxigraph:/tmp/sekg-1e6/store --out bench/1e6/lookup-floor.md
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.store import open_store  # noqa: E402
from run import timed  # noqa: E402

PREFIXES = ("PREFIX sse: <https://w3id.org/sekg/ontology#>\nPREFIX qudt: <http://qudt.org/schema/qudt/>\n"
            "PREFIX dcterms: <http://purl.org/dc/terms/>\n")
#: single-valued properties of a conductivity measurement, in the order they are added
PROPERTIES = ["sse:ofMaterial", "qudt:lowerBound", "sse:valueAsPrinted", "dcterms:source", "sse:isComputed",
              "sse:temperatureC", "sse:reviewSection", "qudt:upperBound"]
LOOKUPS = (0, 2, 4, 8)
BUDGET_PER_ROW_S = 0.0001


def lookup_query(lookups: int) -> str:
    """Every measurement the decade index holds, each with `lookups` per-row lookups; counted, so no row is
    converted."""
    optionals = "\n".join(f"  LATERAL {{ OPTIONAL {{ SELECT DISTINCT * WHERE {{ ?m {p} ?v{i} }} }} }}"
                          for i, p in enumerate(PROPERTIES[:lookups]))
    counts = " ".join(f"(COUNT(?v{i}) AS ?n{i})" for i in range(lookups))
    return (f"{PREFIXES}SELECT (COUNT(*) AS ?rows) {counts} WHERE {{\n"
            f"  ?m sse:conductivityDecade ?decade .\n{optionals}\n}}")


def median_seconds(store, sparql: str, repeat: int) -> tuple[float, int]:
    """Median wall time of `repeat` runs after a warm-up (the run that reads the row count), and that count."""
    rows = int(store.select(sparql).text_rows(["rows"])[0]["rows"])
    return timed(lambda: store.select(sparql), repeat, warmup=0)["median"], rows


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of seconds against lookups per row."""
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    return (sum((x - mean_x) * (y - mean_y) for x, y in points)
            / sum((x - mean_x) ** 2 for x, _ in points))


def measure(store, repeat: int) -> tuple[int, list[tuple[int, float]], float]:
    """Rows, (lookups, median seconds) per step, and the cost of one lookup in seconds (the slope per row)."""
    points, rows = [], 0
    for lookups in LOOKUPS:
        seconds, rows = median_seconds(store, lookup_query(lookups), repeat)
        points.append((lookups, seconds))
    return rows, points, slope(points) / rows


def report(selector: str, disk: tuple, memory: tuple | None, repeat: int) -> str:
    """The Markdown table of both measurements and what the budget affords, as committed under bench/."""
    rows = disk[0]
    lines = [f"# What one per-row lookup costs ({rows:,} measurement rows)", "",
             f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; `python bench/lookup_floor.py "
             f"--store {selector}`; median of {repeat} runs per step. Each step looks up that many single-valued "
             "properties of every row (LATERAL OPTIONAL, as the canned queries run on Oxigraph) and counts them.", "",
             "| lookups per row | disk | memory |", "|---|---|---|"]
    for index, (lookups, seconds) in enumerate(disk[1]):
        in_memory = f"{memory[1][index][1] * 1000:.1f} ms" if memory else "-"
        lines.append(f"| {lookups} | {seconds * 1000:.1f} ms | {in_memory} |")
    lines.append("")
    for name, result in (("disk", disk), ("memory", memory)):
        if result is None:
            continue
        per_lookup = result[2]
        lines.append(f"- {name}: **{per_lookup * 1e6:.1f} us per lookup** (slope over the steps); issue 15's "
                     f"0.1 ms per row affords {BUDGET_PER_ROW_S / per_lookup:.0f} lookups per row")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="a built store, e.g. oxigraph:/tmp/sekg-1e6/store")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-memory", action="store_true", help="skip the in-memory copy (it needs ~1 GiB at 10^6)")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    store = open_store(args.store, must_exist=True)
    disk = measure(store, args.repeat)
    memory = None if args.no_memory else measure(store.in_memory_copy(), args.repeat)
    text = report(args.store, disk, memory, args.repeat)
    print(text, end="")
    if args.out:
        args.out.write_text(text)


if __name__ == "__main__":
    main()
