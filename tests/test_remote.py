"""The graph on a real SPARQL 1.1 server on loopback: push, then the whole catalogue must give the same rows
remotely as embedded; the Oxigraph server serving the built store read-only; the HTTP query API."""
from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from kg.catalogue import load_catalogue, run_query
from kg.remote import push
from kg.store import open_store
from kg.loopback import free_port, stop, wait_for_http

PARAMS = {
    "strategies-for-failure": {"failure": "lithium dendrite", "family": "sulfide"},
    "failures-of": {"family": "halide"},
    "materials-by-conductivity": {"min_conductivity": "1 mS/cm", "max_temperature": "30"},
    "dopants-of": {"material": "LLZO"},
    "synthesis-methods-for": {"family": "sulfide"},
    "materials-made-by": {"method": "mechanical milling"},
    "family-summary": {},
    "benchmark-materials": {},
    "material-profile": {"material": "LGPS"},
    "evidence-for": {"subject": "LGPS"},
    "research-gaps": {},
    "conflicts": {},
    "cells": {"electrolyte": "sulfide"},
    "arrhenius-fits": {"max_activation_energy": "0.5"},
    "materials-by-element": {"free_of": "Ge", "family": "sulfide"},
    "evidence-by-reference": {"reference": "58"},
    "stability": {"family": "halide"},
    "claims": {"family": "perovskite"},
    "compare": {"materials": "LGPS; LLZO"},
    "improvements": {"family": "garnet"},
}


#: queries whose answers come from measured datasets: empty on the review graph (tests/test_datasets.py compares
#: them across engines on the merged graph)
ONLY_WITH_DATASETS = {"arrhenius-fits"}


def oxigraph() -> str:
    from kg.cli.remote_cmd import oxigraph_binary
    return oxigraph_binary()


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """An empty, writable Oxigraph server on a free loopback port, stopped by PID afterwards."""
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    process = subprocess.Popen([oxigraph(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_for_http(url, process)
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="module")
def pushed(store, oxigraph_server):
    return push(store, oxigraph_server)


def test_push_uploads_every_named_graph_and_verifies_counts(store, pushed):
    assert {p.graph for p in pushed} == {str(g) for g in store.graph_names()}
    assert all(p.local == p.remote > 0 for p in pushed)
    assert {p.method for p in pushed} == {"graph store protocol (PUT)"}


def test_push_again_replaces_instead_of_adding(store, oxigraph_server, pushed):
    again = push(store, oxigraph_server)
    assert [p.remote for p in again] == [p.remote for p in pushed]


@pytest.mark.parametrize("name", sorted(load_catalogue()))
def test_catalogue_gives_the_same_rows_remote_and_embedded(store, built, oxigraph_server, pushed, name):
    remote = open_store(f"sparql:{oxigraph_server}")
    local_rows = run_query(store, name, PARAMS[name], built.index).rows
    remote_rows = run_query(remote, name, PARAMS[name]).rows
    assert local_rows or name in ONLY_WITH_DATASETS, f"{name} answered nothing embedded"
    key = lambda rows: sorted(json.dumps(r, sort_keys=True) for r in rows)  # noqa: E731
    assert key(remote_rows) == key(local_rows)


def test_every_query_has_cross_engine_parameters():
    assert set(PARAMS) == set(load_catalogue())


def test_cli_query_with_endpoint(oxigraph_server, pushed, capsys):
    from kg.cli import main
    assert main(["query", "conflicts", "--endpoint", oxigraph_server, "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["rows"]) >= 15


def test_unreachable_endpoint_is_a_clear_error(capsys):
    from kg.cli import main
    port = free_port()
    assert main(["query", "conflicts", "--endpoint", f"http://127.0.0.1:{port}/query"]) == 2
    assert "Cannot reach" in capsys.readouterr().err


def test_serve_answers_read_only_from_the_built_store(disk_selector):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--port", str(port), "--store", disk_selector],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_for_http(url, process)
        rows = run_query(open_store(f"sparql:{url}"), "strategies-for-failure", PARAMS["strategies-for-failure"]).rows
        assert {"lithium alloy anode", "stable SEI design"} <= {r["strategy"] for r in rows}
        update = urllib.request.Request(f"http://127.0.0.1:{port}/update", data=b"update=DROP%20ALL", method="POST",
                                        headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(update, timeout=5)
    finally:
        stop(process)


# ------------------------------------------------------------------ HTTP query API
@pytest.fixture(scope="module")
def client(store):
    from fastapi.testclient import TestClient

    from kg.api import create_app
    return TestClient(create_app(store))


def test_api_lists_the_catalogue(client):
    listed = client.get("/queries").json()
    assert {q["name"] for q in listed} == set(load_catalogue())


def test_api_answers_like_the_cli(client, store, built):
    response = client.get("/queries/strategies-for-failure", params=PARAMS["strategies-for-failure"])
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"query", "params", "columns", "rows"}
    expected = run_query(store, "strategies-for-failure", PARAMS["strategies-for-failure"], built.index)
    assert body["rows"] == json.loads(json.dumps(expected.rows))


def test_api_csv(client):
    response = client.get("/queries/failures-of", params={"family": "halide"}, headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert response.text.splitlines()[0].startswith("failure,")


def test_api_errors(client, store):
    unknown_term = client.get("/queries/strategies-for-failure", params={"failure": "dendrits"})
    assert unknown_term.status_code == 400 and any("dendrite" in s for s in unknown_term.json()["closest"])
    assert client.get("/queries/no-such-query").status_code == 404
    from fastapi.testclient import TestClient

    from kg.api import create_app
    impatient = TestClient(create_app(store, timeout_s=1e-6))
    assert impatient.get("/queries/research-gaps").status_code == 504


def test_openapi_documents_every_query_and_its_parameters(client):
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/queries/strategies-for-failure"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"failure", "family", "material", "source", "limit", "offset"}
    assert all(f"/queries/{name}" in spec["paths"] for name in load_catalogue())


def test_openapi_documents_errors_and_row_schemas(client):
    """Issue 12.7: every canned query documents its 400/404/413/504 answers and the schema of its rows."""
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/queries/materials-by-conductivity"]["get"]
    assert {"200", "400", "404", "413", "504"} <= set(operation["responses"])
    row = operation["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["rows"]["items"]
    assert row["properties"]["conductivity_s_per_cm"]["type"] == ["number", "null"]
    assert row["properties"]["refs"]["type"] == "array"
    required = spec["paths"]["/queries/material-profile"]["get"]["parameters"][0]
    assert required["required"] is True and required["schema"]["minLength"] == 1


def test_required_parameter_refuses_an_empty_string(client):
    response = client.get("/queries/material-profile", params={"material": ""})
    assert response.status_code == 400 and "needs --material" in response.json()["error"]


def test_docs_work_offline(client):
    """/docs loads Swagger UI from the package, never from a CDN."""
    page = client.get("/docs").text
    assert "/docs-assets/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200
