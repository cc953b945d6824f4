"""Visualisation and analytics: networkx conversion, paths, ranks, offline HTML, Chromium rendering, plots."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import networkx as nx
import pytest

from kg.catalogue import run_query
from viz.analytics import describe_path, export_graph, rank, shortest_path
from viz.plots import conductivity_points, coverage_matrix, plot_conductivity, plot_coverage
from viz.render import embedded_data, render_html
from viz.to_networkx import SKIPPED_PREDICATES, neighbourhood, store_to_networkx

R = "https://w3id.org/sekg/resource/"
SSE = "https://w3id.org/sekg/ontology#"


@pytest.fixture(scope="module")
def graph(store):
    return store_to_networkx(store)


@pytest.fixture(scope="module")
def flagship_subgraph(store, built, graph):
    answer = run_query(store, "strategies-for-failure", {"failure": "lithium dendrite", "family": "sulfide"}, built.index)
    seeds = sorted({str(v) for row in answer.rows for k, v in row.items() if k.endswith("_iri") and v})
    return neighbourhood(graph, seeds, 1)


def test_networkx_conversion_preserves_the_counts_of_its_query(store, graph):
    skipped = " ".join(f"<{p}>" for p in SKIPPED_PREDICATES)
    counts = store.select(f"""SELECT (COUNT(*) AS ?edges) (COUNT(DISTINCT ?s) AS ?subjects) WHERE {{
        SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
          FILTER(?g NOT IN (<https://w3id.org/sekg/graph/inferred>, <https://w3id.org/sekg/graph/ontology>,
                            <https://w3id.org/sekg/graph/index>))
          FILTER(isIRI(?o)) FILTER(?p NOT IN ({skipped.replace('> <', '>, <')})) }} }}""").rows[0]
    nodes = store.select(f"""SELECT (COUNT(DISTINCT ?n) AS ?nodes) WHERE {{
        {{ SELECT DISTINCT ?s ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }}
          FILTER(?g NOT IN (<https://w3id.org/sekg/graph/inferred>, <https://w3id.org/sekg/graph/ontology>,
                            <https://w3id.org/sekg/graph/index>))
          FILTER(isIRI(?o)) FILTER(?p NOT IN ({skipped.replace('> <', '>, <')})) }} }}
        VALUES ?side {{ 1 2 }} BIND(IF(?side = 1, ?s, ?o) AS ?n) }}""").rows[0]
    assert graph.number_of_edges() == int(counts["edges"])
    assert graph.number_of_nodes() == int(nodes["nodes"])
    assert graph.nodes[R + "material/LGPS"]["kind"] == "material"
    assert graph.nodes[SSE + "SulfideElectrolyte"]["kind"] == "family"


def test_path_explains_llto_and_ti_reduction(graph):
    # 2.1: "PEO can also be used as an interface protection layer ... to avoid the adverse Ti reduction" [25]
    steps = shortest_path(graph, R + "material/LLTO", SSE + "TitaniumReduction")
    text = describe_path(graph, steps)
    assert text.startswith("La2/3-xLi3xTiO3") and text.endswith("Ti4+ reduction at the Li anode")
    assert len(steps) == 2 and "addresses failure" in text and "concerns material" in text


def test_rank_puts_low_ionic_conductivity_first_among_failures(store):
    top = rank(store, "failure", 3)
    assert top[0]["entity"] == "low ionic conductivity"
    assert top[0]["strategies"] >= 10


def test_html_is_offline_and_embeds_exactly_the_subgraph(flagship_subgraph, tmp_path):
    page = render_html(flagship_subgraph, tmp_path / "flagship.html").read_text(encoding="utf-8")
    assert not re.search(r'<script[^>]+src="https?://', page)
    assert not re.search(r'<link[^>]+href="https?://', page)
    nodes, edges = embedded_data(page)
    assert {n["id"] for n in nodes} == set(flagship_subgraph.nodes)
    assert len(edges) == flagship_subgraph.number_of_edges()
    assert any("lithium dendrite growth" in n["label"] for n in nodes)


def test_large_graphs_get_a_fixed_layout_without_physics(graph, tmp_path):
    page = render_html(graph, tmp_path / "all.html").read_text(encoding="utf-8")
    nodes, _ = embedded_data(page)
    assert len(nodes) == graph.number_of_nodes() > 300
    assert all("x" in n and n.get("physics") is False for n in nodes)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_chromium_draws_every_node_without_javascript_errors(flagship_subgraph, tmp_path):
    browser = _chromium()
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: `make chromium` installs Debian's chromium")
        pytest.skip("Chromium is not installed; `make chromium` installs it (Debian package chromium)")
    page = render_html(flagship_subgraph, tmp_path / "flagship.html")
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'p'}",
               "--virtual-time-budget=15000", "--dump-dom", page.as_uri()]
    dom = subprocess.run(command, capture_output=True, text=True, timeout=120).stdout
    status = re.search(r'id="sekg-status"[^>]*', dom)
    assert status, "the page did not report its drawing"
    drawn = re.search(r'data-drawn-nodes="(\d+)"', status.group(0))
    errors = re.search(r'data-errors="(\d+)"', status.group(0))
    assert drawn and int(drawn.group(1)) == flagship_subgraph.number_of_nodes()
    assert errors and int(errors.group(1)) == 0


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_conductivity_plot_draws_every_value(store, tmp_path, suffix):
    result = plot_conductivity(store, tmp_path / f"sigma{suffix}")
    assert result.path.stat().st_size > 10_000
    points = conductivity_points(store)
    assert result.points == len(points) > 60
    # each value once: the inferred graph used to repeat asserted types, and every point was drawn twice
    assert len({tuple(sorted(p.items())) for p in points}) == len(points)
    only_sulfides = plot_conductivity(store, tmp_path / f"sulfide{suffix}", ["sulfide"])
    assert 0 < only_sulfides.points < result.points


def test_coverage_plot_shows_gaps(store, tmp_path):
    families, failures, counts = coverage_matrix(store)
    assert counts[("phosphide", "volume expansion and slow reaction kinetics")] == 0
    assert counts[("oxide", "Ti4+ reduction at the Li anode")] >= 2
    result = plot_coverage(store, tmp_path / "coverage.png")
    assert result.points == len(counts) and result.path.stat().st_size > 10_000


def test_graphml_export_round_trips(graph, tmp_path):
    export_graph(graph, tmp_path / "g.graphml", "graphml")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()


def test_cli_viz_and_path(disk_selector, tmp_path, capsys):
    from kg.cli import main
    out = tmp_path / "lgps.html"
    assert main(["viz", "--focus", "LGPS", "--depth", "1", "-o", str(out), "--store", disk_selector]) == 0
    assert out.exists() and "nodes" in capsys.readouterr().out
    assert main(["viz", "--focus", "no-such-thing", "-o", str(out), "--store", disk_selector]) == 2
    assert main(["path", "LLTO", "Ti reduction", "--store", disk_selector]) == 0
    assert "Ti4+ reduction" in capsys.readouterr().out
