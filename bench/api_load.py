"""`sekg api` under load: 32 concurrent clients send mixed canned-query requests; p50/p99 latency per query, and
the resident memory of the server and its workers after the load (issue 15: <= 500 MiB at 10^6 after 1,000).

Usage: python bench/api_load.py [--store oxigraph:.sekg/store] [--clients 32] [--requests 40] [--workers 2]
       python bench/api_load.py --store oxigraph:STORE_1E6 --synthetic   # the benchmark graphs' parameters
Writes bench/api-load.md. Each client keeps one HTTP connection; every request and its answer size are timed
in one run, so the numbers compare with each other, not across machines.
"""
from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.loopback import free_port, stop  # noqa: E402

REQUESTS = [
    ("strategies-for-failure", {"failure": "lithium dendrite", "family": "sulfide"}),
    ("failures-of", {"family": "halide"}),
    ("materials-by-conductivity", {"min_conductivity": "1 mS/cm", "max_temperature": "30"}),
    ("material-profile", {"material": "LGPS"}),
    ("evidence-for", {"subject": "LGPS"}),
    ("conflicts", {}),
    ("research-gaps", {}),
    ("dopants-of", {"material": "LLZO"}),
]


def synthetic_requests() -> list[tuple[str, dict]]:
    """Every canned query with the parameters bench/run.py uses on the synthetic graphs."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import PARAMS
    return sorted(PARAMS.items())


def tree_rss_mib(pid: int) -> float:
    """Resident memory of a process and all its descendants (the server and its query workers), from /proc."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default="oxigraph:.sekg/store")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=40, help="requests per client")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "api-load.md")
    parser.add_argument("--synthetic", action="store_true",
                        help="every canned query with bench/run.py's parameters (for the 10^6 benchmark store)")
    args = parser.parse_args()
    requests = synthetic_requests() if args.synthetic else REQUESTS
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kg.cli", "api", "--store", args.store, "--port", str(port),
                               "--workers", str(args.workers)])
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/queries")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the API did not start")
                time.sleep(0.3)
        rss_before = tree_rss_mib(server.pid)
        timings: dict[str, list[float]] = {name: [] for name, _ in requests}
        rows: dict[str, int] = {}
        failures: list[str] = []
        lock = threading.Lock()

        def client(offset: int) -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            for i in range(args.requests):
                name, params = requests[(offset + i) % len(requests)]
                started = time.perf_counter()
                connection.request("GET", f"/queries/{name}?{urllib.parse.urlencode(params)}")
                response = connection.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - started
                with lock:
                    if response.status != 200:
                        failures.append(f"{name}: {response.status}")
                    else:
                        timings[name].append(elapsed)
                        rows[name] = len(json.loads(body)["rows"])

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - started
        rss_after = tree_rss_mib(server.pid)
    finally:
        stop(server)
    everything = [t for values in timings.values() for t in values]
    lines = [f"# `sekg api` under load ({time.strftime('%Y-%m-%d')}, `python bench/api_load.py --clients "
             f"{args.clients} --requests {args.requests} --workers {args.workers}"
             f"{' --synthetic' if args.synthetic else ''}`)", "",
             f"{len(everything)} requests from {args.clients} concurrent clients in {wall:.1f} s "
             f"({len(everything) / wall:.0f} requests/s), {len(failures)} failed; worker processes: {args.workers}.",
             "", f"All requests: p50 {statistics.median(everything) * 1e3:.0f} ms, p99 "
             f"{_percentile(everything, 0.99) * 1e3:.0f} ms.", "",
             f"Resident memory of the server and its workers (store `{args.store}`): {rss_before:.0f} MiB after start, "
             f"{rss_after:.0f} MiB after the {len(everything) + len(failures)} requests.", "",
             "| query | rows | requests | p50 ms | p99 ms |", "|---|---:|---:|---:|---:|"]
    for name, values in timings.items():
        if values:
            lines.append(f"| {name} | {rows.get(name, 0)} | {len(values)} | {statistics.median(values) * 1e3:.0f} | "
                         f"{_percentile(values, 0.99) * 1e3:.0f} |")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
