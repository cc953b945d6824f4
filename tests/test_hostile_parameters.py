"""Issue 11.2: hostile parameter values for every canned query on every backend (embedded, the HTTP API, the
protocol endpoint `sekg serve`, and the Oxigraph server itself). Each value is resolved as a label, refused with one line
(exit 2 / HTTP 400), or bound as a term; JSON is always valid JSON; the store's content hash is unchanged."""
from __future__ import annotations

import hashlib
import json

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.api import create_app
from kg.catalogue import load_catalogue, run_query
from kg.errors import SekgError

HOSTILE = ['x" } ; DROP ALL ; #', "<http://x>", "} INSERT DATA { <a> <b> <c> } #", "sulfide' } UNION { ?s ?p ?o } #",
           "a\nb", "nul\x00byte", "{{}}", "#", "SELECT", "DELETE WHERE { ?s ?p ?o }", "x" * 10_000, "𝔏𝔦 🔋 \U0010FFFF",
           "1e999", "NaN", "nan", "inf", "-inf", "-1 mS/cm", "abc K", "-500 K", "10**10**8", "", " ", "\\", "\"\"\"",
           "sse:SulfideElectrolyte", "<https://w3id.org/sekg/ontology#SulfideElectrolyte>", "LGPS", "sulfides"]
VALUES = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60),
                   st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30))
CATALOGUE = load_catalogue()
CASES = [(query.name, parameter.name) for query in CATALOGUE.values() for parameter in query.parameters]


def content_hash(store) -> str:
    return hashlib.sha256(store._store.dump(format=ox.RdfFormat.N_QUADS)).hexdigest()


def _one_line(message: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message, message


def _embedded(store, index, name, parameter, value) -> None:
    try:
        answer = run_query(store, name, {parameter: value}, index)
    except SekgError as error:
        assert error.exit_code == 2
        _one_line(str(error))
        return
    json.dumps(answer.as_json_object(), allow_nan=False)


@pytest.fixture(scope="module")
def hash_before(store):
    return content_hash(store)


EMBEDDED_EXAMPLES, API_EXAMPLES, ENDPOINT_EXAMPLES = 60, 25, 10


@pytest.mark.parametrize("name, parameter", CASES)
@settings(max_examples=EMBEDDED_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUES)
def test_embedded_backend(store, built, hash_before, name, parameter, value):
    _embedded(store, built.index, name, parameter, value)


@pytest.fixture(scope="module")
def api(store):
    return TestClient(create_app(store))


@pytest.mark.parametrize("name, parameter", CASES)
@settings(max_examples=API_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUES)
def test_http_api_backend(api, name, parameter, value):
    response = api.get(f"/queries/{name}", params={parameter: value})
    assert response.status_code in (200, 400), response.text
    body = json.loads(response.text)  # valid JSON (no NaN) either way
    if response.status_code == 400:
        _one_line(body["error"])


@pytest.fixture(scope="module")
def endpoint_store(tmp_path_factory):
    """`sekg serve` over a published store, as a sparql: backend."""
    from kg.loopback import free_port, stop
    from kg.store import open_store
    from test_concurrency import _build
    from test_servers import _start
    link = tmp_path_factory.mktemp("hostile") / "store"
    _build(link, 1)
    port = free_port()
    process = _start(["serve", "--store", f"oxigraph:{link}"], port)
    remote = open_store(f"sparql:http://127.0.0.1:{port}/query")
    from kg.resolve import LabelIndex
    yield remote, LabelIndex(remote), (link, content_hash(open_store(f"oxigraph:{link}")))
    stop(process)


@pytest.fixture(scope="module")
def oxigraph_server_store(tmp_path_factory):
    """The Oxigraph server itself (`oxigraph serve-read-only`) over a published, pinned build."""
    import subprocess

    from kg.cli.remote_cmd import oxigraph_binary
    from kg.loopback import free_port, stop, wait_for_http
    from kg.resolve import LabelIndex
    from kg.store import open_store
    from test_concurrency import _build
    link = tmp_path_factory.mktemp("hostile-oxigraph") / "store"
    _build(link, 1)
    pinned = open_store(f"oxigraph:{link}")
    before = content_hash(pinned)
    port = free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve-read-only", "--location", str(pinned.build_directory),
                                "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    wait_for_http(url, process)
    remote = open_store(f"sparql:{url}")
    yield remote, LabelIndex(remote), (pinned, before)
    stop(process)


@pytest.mark.parametrize("backend", ["endpoint_store", "oxigraph_server_store"])
@pytest.mark.parametrize("name, parameter", CASES)
@settings(max_examples=ENDPOINT_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=VALUES)
def test_sparql_endpoint_backends(request, backend, name, parameter, value):
    remote, index, _ = request.getfixturevalue(backend)
    _embedded(remote, index, name, parameter, value)


def test_nothing_changed_the_stores(store, hash_before, endpoint_store, oxigraph_server_store):
    """Runs after the hostile runs above (pytest keeps file order)."""
    from kg.store import open_store
    assert content_hash(store) == hash_before
    _, _, (link, served_hash) = endpoint_store
    assert content_hash(open_store(f"oxigraph:{link}")) == served_hash
    _, _, (pinned, oxigraph_hash) = oxigraph_server_store
    assert content_hash(pinned) == oxigraph_hash
