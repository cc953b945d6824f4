"""Issues 11.3 and 17.3: the shared servers only read, stop runaway queries, refuse federation and oversized
or half-sent requests, serve many clients during a rebuild and follow the publish."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg.loopback import free_port, stop
from test_concurrency import _build, _count

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _start(args: list[str], port: int) -> subprocess.Popen:
    import os
    process = subprocess.Popen([sys.executable, "-m", "kg.cli", *args, "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, "SEKG_BODY_TIMEOUT_S": "2"})
    deadline = 120
    started = time.monotonic()
    while time.monotonic() - started < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(process.stdout.read().decode())
            time.sleep(0.3)
    stop(process)
    raise RuntimeError("server did not start")


def _post(url: str, data: bytes, content_type: str, timeout: float = 60) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": content_type,
                                                              "Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _query(url: str, sparql: str) -> tuple[int, bytes]:
    return _post(url, urllib.parse.urlencode({"query": sparql}).encode(), "application/x-www-form-urlencoded")


def _raw(port: int, data: bytes, wait: float = 30) -> bytes:
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.settimeout(wait)
        sock.sendall(data)
        return sock.recv(200)


@pytest.fixture(scope="module")
def link(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("served") / "store"
    _build(path, 1)
    return path


@pytest.fixture(scope="module")
def sparql_server(link):
    port = free_port()
    process = _start(["serve", "--store", f"oxigraph:{link}", "--timeout", "2", "--workers", "2"], port)
    yield f"http://127.0.0.1:{port}", port
    stop(process)


def _count_over_http(url: str) -> int:
    status, body = _query(url + "/query", COUNT)
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_serve_answers_the_sparql_protocol(sparql_server, link):
    url, _ = sparql_server
    assert _count_over_http(url) == _count(link)
    status, body = _post(url + "/query", b"ASK { ?s ?p ?o }", "application/sparql-query")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_serve_refuses_writes(sparql_server):
    url, _ = sparql_server
    status, _ = _post(url + "/query", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update")
    assert status == 403
    assert _post(url + "/update", b"update=CLEAR+ALL", "application/x-www-form-urlencoded")[0] == 403
    request = urllib.request.Request(url + "/store?default", data=b"<urn:a> <urn:b> <urn:c> .", method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 405
    status, body = _query(url + "/query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert status == 400  # an update sent as a query is not a query


def test_serve_refuses_federation_and_contacts_nobody(sparql_server):
    """Issue 17.3: the read-only endpoint used to send HTTP requests to any address a query named."""
    url, _ = sparql_server
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(1.5)
    target = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
    for query in (f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}",
                  f"select * where {{ service silent <{target}> {{ ?s ?p ?o }} }}"):
        status, body = _query(url + "/query", query)
        assert status == 400 and b"SERVICE" in body
    with pytest.raises(socket.timeout):
        listener.accept()
    listener.close()


def test_a_runaway_query_is_stopped_and_the_next_request_is_answered(sparql_server, link):
    url, _ = sparql_server
    status, body = _query(url + "/query", CROSS_PRODUCT)
    assert status == 504, body
    assert _count_over_http(url) == _count(link)


def test_oversized_and_half_sent_requests_get_a_status(sparql_server):
    """Issue 17.3: a 1 MB URL or header reset the connection with no status; half-sent requests hung forever."""
    url, port = sparql_server
    assert _raw(port, b"GET /query?query=" + b"a" * 1_000_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n").startswith(
        b"HTTP/1.1 414")
    assert _raw(port, b"GET /query HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 1_000_000 + b"\r\n\r\n").startswith(
        b"HTTP/1.1 431")
    assert _raw(port, b"GET /query HTTP/1.1\r\nHost: x\r\n").startswith(b"HTTP/1.1 408")
    body_head = (b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                 b"Content-Length: 2000000\r\n\r\n")
    assert _raw(port, body_head + b"SELECT" * 1000).startswith(b"HTTP/1.1 413")
    slow_body = (b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                 b"Content-Length: 100\r\n\r\nSELECT")  # 6 of 100 bytes, then nothing
    assert _raw(port, slow_body).startswith(b"HTTP/1.1 408"), "a half-sent body is timed out too"


def test_api_serves_clients_during_a_rebuild_and_serve_follows_the_publish(link, sparql_server):
    url, _ = sparql_server
    port = free_port()
    api = _start(["api", "--store", f"oxigraph:{link}", "--workers", "2"], port)
    failures: list[str] = []
    answered: list[int] = []
    done = threading.Event()

    def client() -> None:
        while not done.is_set():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/queries/strategies-for-failure?"
                                            "failure=dendrite&family=sulfide", timeout=60) as response:
                    answered.append(len(json.loads(response.read())["rows"]))
            except Exception as error:  # every failure is reported
                failures.append(repr(error))

    clients = [threading.Thread(target=client) for _ in range(4)]
    try:
        before = _count_over_http(url)
        for thread in clients:
            thread.start()
        _build(link, 7)
        after = _count(link)
        assert after == before + 6
        time.sleep(1)
    finally:
        done.set()
        for thread in clients:
            thread.join()
        stop(api)
    assert failures == []
    assert len(answered) > 4 and len(set(answered)) == 1
    assert _count_over_http(url) == after, "the endpoint answers from the newly published build"


@pytest.mark.parametrize("query, federated", [
    ("SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", True),
    ("select * where { service silent <http://x/> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { ?s ?p \"SERVICE\" }", False),
    ("SELECT * WHERE { ?s <http://x/SERVICE> ?o } # SERVICE in a comment", False),
    ("SELECT ?service WHERE { ?service a ex:service }", False),
])
def test_federation_is_recognised_lexically(query, federated):
    from kg.federation import uses_service
    assert uses_service(query) is federated


def test_cli_sparql_refuses_service_without_allow_service(link, capsys):
    from kg.cli import main
    assert main(["sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
                 "--store", f"oxigraph:{link}"]) == 2
    assert "--allow-service" in capsys.readouterr().err
