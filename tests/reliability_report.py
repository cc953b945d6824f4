"""Renders tests/RELIABILITY.md from the reliability tests themselves, so the report cannot drift from them.

`python tests/reliability_report.py` rewrites the file; tests/test_reliability_report.py fails while it is
stale. Every number below is read from a test module (its inputs, its example counts); what the system did
is what those tests assert.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

REPORT = HERE / "RELIABILITY.md"


def render() -> str:
    import test_bad_inputs as bad
    import test_fuzz_parsers as fuzz
    import test_build_check_parity as parity
    import test_hostile_parameters as hostile
    import test_quantity as quantity
    import test_servers as servers
    from kg.rdf_export import FORMATS

    cases = len(hostile.CASES)
    records = bad.EXPECTED["records"]
    accepted = sum(1 for e in records.values() if e["exit"] == 0)
    rows = [
        ("Concurrent readers", "1 reader holding the store open across 3 rebuilds; 8 reader processes + 1 reader "
         "loop during 3 rebuilds; `sekg api` with 4 clients during a rebuild",
         "0 failed reads; every answer is the old or the new graph (triple counts of published builds only); the "
         "pinned build is kept until released, then collected", "test_concurrency.py, test_servers.py"),
        ("Two builds at once", "a build while another holds the build lock",
         "exit 2 \"Another build of this store is running\"; store unchanged", "test_concurrency.py"),
        ("Reads never write (17.6)", "5 queries on a published build", "build directory byte-identical (names, sizes, "
         "mtimes)", "test_concurrency.py"),
        ("Hostile parameters, embedded", f"{cases} query parameters x {hostile.EMBEDDED_EXAMPLES} hypothesis values "
         f"({len(hostile.HOSTILE)} fixed hostile values among them)", "resolved, refused in one line (exit 2) or bound; "
         "valid JSON; content hash unchanged", "test_hostile_parameters.py"),
        ("Hostile parameters, HTTP API", f"{cases} x {hostile.API_EXAMPLES}", "200 or 400 with a one-line JSON error",
         "test_hostile_parameters.py"),
        ("Hostile parameters, SPARQL endpoints", f"{cases} x {hostile.ENDPOINT_EXAMPLES} on `sekg serve`, the same on "
         "the Oxigraph server (`oxigraph serve-read-only`)", "the same as embedded; the served stores' content "
         "hashes unchanged", "test_hostile_parameters.py"),
        ("Numbers with units", f"{len(quantity.CONDUCTIVITY_SPELLINGS)} printed spellings of 1.2e-3 S/cm, "
         f"{len(quantity.TEMPERATURES)} temperatures (U+2212 minus, ℃, K), {len(quantity.HOSTILE_NUMBERS)} hostile "
         f"numbers (10**10**8, 1e999, NaN, inf ...), {quantity.FUZZ_TEXTS + quantity.FUZZ_NUMBERS} fuzzed texts and "
         "numbers (issue 17.1, 17.2)", "spellings converted exactly; hostile ones refused naming the parameter, in microseconds; "
         "fuzzing: a value or the parser's own error", "test_quantity.py"),
        ("Fuzzed formulas and terms", f"{fuzz.FORMULA_EXAMPLES} formula strings, {fuzz.RESOLVER_EXAMPLES} terms "
         "over every kind", "a formula kind (concrete ones with a real composition) or a resolved entity, else the "
         "project's own one-line error (found and fixed: 'A0' read as an empty concrete formula)",
         "test_fuzz_parsers.py"),
        ("Environment failures", "disk full and permission denied while writing a build",
         "exit 3 with one line; no half-written build; store byte-identical", "test_fuzz_parsers.py"),
        ("SIGKILL during builds (17.7)", "6 kills over every stage (`make test`), 24 (`make test-slow`)",
         "store answers as before after every kill; the next build succeeds and leaves no half-written build, swap "
         "link, reasoning folder or owlready2 file", "test_kill_builds.py"),
        ("Bad curation records", f"{len(records)} records ({accepted} well-formed spellings that must be accepted)",
         "check and build give the documented exit code and one line with file, line and field; a refused build "
         "leaves the store byte-identical", "test_bad_inputs.py"),
        ("Bad ontology edits", f"{len(bad.EXPECTED['ontology'])} modules (syntax, prefix, unlabelled class, "
         "inconsistency)", "exit 2 naming module and line, or exit 1 naming the check; store byte-identical",
         "test_bad_inputs.py"),
        ("Bad CLI arguments", f"{len(bad.EXPECTED['cli'])} command lines", "exit 2, one line, no traceback",
         "test_bad_inputs.py"),
        ("Build/check parity (17.4, 17.5)", f"{len(parity.test_build_refuses_what_check_reports.pytestmark[0].args[1])} records "
         "check reports, plus review-record fields, .yml names, dates, alias bomb, 50 MB file",
         "the build refuses all that check reports and names skipped files", "test_build_check_parity.py"),
        ("Servers (17.3)", "writes (update, GSP PUT), SERVICE, a cross product, 1 MB URL, 1 MB header, half-sent head, "
         "2 MB body, half-sent body", "403/405, 400 with no outbound connection, 504 and the next request "
         "answered, 414, 431, 408, 413, 408", "test_servers.py"),
        ("Exact round trips", f"{len(FORMATS)} formats ({', '.join(FORMATS)})", "re-imported graphs isomorphic; "
         "language tags and unicode text survive", "test_export_roundtrip.py"),
    ]
    lines = ["# Reliability report", "",
             "Generated by `python tests/reliability_report.py` from the tests that try to break sekg; a test fails "
             "while this file is stale. Each row is asserted on every `make test` (the 24-kill run in "
             "`make test-slow`).", "",
             "| category | inputs tried | what the system did | tests |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | `{d}` |" for a, b, c, d in rows]
    lines += ["", "Not covered yet: tabular data (no tabular loader exists before the datasets issue).", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    REPORT.write_text(render(), encoding="utf-8")
    print(f"wrote {REPORT}")
