"""The build alone at one scale: a full build with the RSS after every stage, then one paper record added with
`--incremental`, each in a fresh process (the 10^7 query benchmark takes an hour; this takes the build's time).

    python bench/build_only.py --triples 1e7 --workdir /tmp/sekg-1e7 --out bench/1e7/build-only.md
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write, write_new_paper  # noqa: E402
from run import run_child, say  # noqa: E402

#: the child prints each stage as it ends, with the process's RSS then and its high-water mark so far
CHILD = ("import json, sys, time; from pathlib import Path; sys.path.insert(0, 'bench');"
         "from run import loaders_for; from kg.builder import build;"
         "kib = lambda key: int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith(key)));"
         "stages = [];"
         "progress = lambda m: (stages.append([m.rsplit(' done in ', 1)[0], float(m.rsplit(' ', 2)[1]), kib('VmRSS'), "
         "kib('VmHWM')]), print(time.strftime('%H:%M:%S'), '  ', m, file=sys.stderr, flush=True)) "
         "if ' done in ' in m else None;"
         "started = time.perf_counter();"
         "report = build('oxigraph:{store}', loaders_for(Path('{data}')), use_reasoner=False, validate=False, "
         "progress=progress, incremental={incremental});"
         "print('BUILD_JSON', json.dumps({{'build_s': time.perf_counter() - started, "
         "'triples': report.total_triples, 'stages': stages}}))")


def build_once(data: Path, store: Path, incremental: bool) -> dict:
    peak, output = run_child(CHILD.format(store=store, data=data, incremental=incremental), show_progress=True)
    line = next(line for line in output.splitlines() if line.startswith("BUILD_JSON"))
    return {**json.loads(line.split(" ", 1)[1]), "peak_rss_mib": peak}


def table(title: str, result: dict) -> list[str]:
    lines = [f"| {title} | time | RSS at its end | highest RSS so far |", "|---|---|---|---|"]
    lines += [f"| {stage} | {seconds:.2f} s | {rss / 1024:,.0f} MiB | {hwm / 1024:,.0f} MiB |"
              for stage, seconds, rss, hwm in result["stages"]]
    lines.append(f"| **end to end** | {result['build_s']:.1f} s | | **{result['peak_rss_mib']:,.0f} MiB** |")
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=float, default=1e6)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    options = parser.parse_args()
    triples, data, store = int(options.triples), options.workdir / "data", options.workdir / "store"
    if not (data / "review").is_dir():
        say(f"generating {triples:,} triples of records ...")
        write(triples, data)
    shutil.rmtree(data / "curation", ignore_errors=True)
    for stale in (store, options.workdir / "store.builds"):
        shutil.rmtree(stale, ignore_errors=True) if stale.is_dir() else stale.unlink(missing_ok=True)
    say("full build ...")
    full = build_once(data, store, incremental=False)
    write_new_paper(data)
    say("one paper record added: incremental build ...")
    added = build_once(data, store, incremental=True)
    share = added["build_s"] / full["build_s"]
    lines = [f"# The build alone at {full['triples']:,} triples", "",
             f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; `python bench/build_only.py --triples "
             f"{options.triples:g} ...` (RDFS closure, no SHACL, as the query benchmarks build). Each build runs in a "
             "fresh process; RSS is that process's, read when each stage ends.", "",
             *table("full build stage", full),
             *table("incremental build, one paper record added (bench/generate.py new_paper)", added),
             f"The incremental build took {100 * share:.1f}% of the full build "
             f"({added['triples']:,} triples published); the full build's peak RSS was "
             f"{full['peak_rss_mib'] / 1024:.1f} GiB.", ""]
    options.out.parent.mkdir(parents=True, exist_ok=True)
    options.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
