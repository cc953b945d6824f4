"""Keeps the benchmark harness working: the 10^4 scale, one repetition, short caps. Asserts behaviour, not speed."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def harness():
    sys.path.insert(0, str(BENCH))
    import run  # noqa: PLC0415 - the harness is a script folder, not a package
    yield run
    sys.path.remove(str(BENCH))


def test_generator_is_seeded_and_shaped_like_the_graph():
    sys.path.insert(0, str(BENCH))
    from generate import generate
    first, second = generate(5000, seed=3), generate(5000, seed=3)
    assert first == second
    assert first["materials"] and first["measurements"] and first["strategies"] and first["failures"]
    assert len(first["measurements"]) == 2 * len(first["materials"])


def test_harness_runs_the_smallest_scale(harness, tmp_path):
    result = harness.bench_scale(10_000, repeat=1, workdir=tmp_path, rdflib_cap_s=2.0, validate=False)
    assert 8_000 < result["triples"] < 40_000
    assert result["bulk_load_s"] and result["build_s"]
    assert result["incremental"]["triples"] > result["triples"]  # one paper record added, incrementally
    assert "load curation/bench-new-paper" in result["incremental"]["stages_s"]
    assert "load review" not in result["incremental"]["stages_s"]
    assert set(result["queries"]) == set(harness.PARAMS)
    for per_engine in result["queries"].values():
        assert {"oxigraph-disk", "oxigraph-memory", "oxigraph-http"} <= set(per_engine)
        assert per_engine["oxigraph-disk"]["median"] is not None
        disk = per_engine["oxigraph-disk"]
        assert disk["rows"] >= 0 and disk["engine_median"] is not None and disk["shaping_median"] is not None
    report = harness.report_markdown([result], {"review_data_triples": 1, "hermit_s": None, "rdfs_closure_s": None,
                                                "owlrl_s": None}, 1)
    assert "| strategies-for-failure (failure=lithium dendrite, family=sulfide) | " in report
    assert "of which engine / shaping" in report
    assert "adding one paper republishes in <= 10% of a full build" in report
    harness.plot([result], tmp_path / "latency.png")
    assert (tmp_path / "latency.png").stat().st_size > 5_000


def test_lookup_floor_looks_up_each_rows_own_values_and_reports_a_cost_per_lookup(disk_selector, built):
    """Every indexed conductivity has one lower bound and at most one material: a lookup that did not bind the row's
    measurement would count every measurement's value for each row."""
    sys.path.insert(0, str(BENCH))
    try:
        from lookup_floor import lookup_query, measure, report
    finally:
        sys.path.remove(str(BENCH))
    from kg.store import open_store
    store = open_store(disk_selector, must_exist=True)
    counts = store.select(lookup_query(8)).text_rows(["rows", "n0", "n1"])[0]
    rows = int(counts["rows"])
    assert rows > 10 and 0 < int(counts["n0"]) <= rows and int(counts["n1"]) == rows  # ofMaterial, lowerBound
    disk = measure(store, repeat=1)
    assert disk[0] == rows and [lookups for lookups, _ in disk[1]] == [0, 2, 4, 8]
    assert "us per lookup" in report(disk_selector, disk, None, 1)
