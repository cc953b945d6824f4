"""`sekg serve`: the published store as a read-only SPARQL 1.1 Protocol endpoint, with limits.

GET or POST /query (also /sparql and /) with `query=`, or POST with `Content-Type: application/sparql-query`;
results in the format the Accept header asks for (SPARQL JSON/XML/CSV/TSV; N-Triples/Turtle for CONSTRUCT).
The default graph is the union of the named graphs. What a shared read-only endpoint must not do, it refuses:
SPARQL Update and Graph Store writes (403/405; the graph changes only by `sekg build`), federated queries
with SERVICE (400 unless started with --allow-service, since they make the server fetch any address a
query names), queries over the time limit (504, the worker is stopped), answers over the size limit (413),
request bodies over the body limit (413).
"""
from __future__ import annotations

import asyncio
import os
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from kg.federation import uses_service

UPDATE_MEDIA_TYPE = "application/sparql-update"
QUERY_MEDIA_TYPE = "application/sparql-query"
FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"

QUERY_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>sekg SPARQL endpoint</title>
<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}textarea{width:100%;height:14rem}</style>
</head><body><h1>sekg SPARQL endpoint (read-only)</h1>
<p>POST or GET <code>/query</code> with <code>query=</code>; the default graph is the union of all named graphs.</p>
<form method="post" action="/query"><label for="q">SPARQL query</label>
<textarea id="q" name="query">SELECT ?graph (COUNT(*) AS ?triples) WHERE { GRAPH ?graph { ?s ?p ?o } } GROUP BY ?graph</textarea>
<label for="fmt">Results as</label> <select id="fmt" name="format"><option>application/sparql-results+json</option>
<option>text/csv</option><option>application/sparql-results+xml</option></select> <button>Run</button></form>
</body></html>"""


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


BODY_TIMEOUT_S = float(os.environ.get("SEKG_BODY_TIMEOUT_S", "30"))  # a request body must arrive in time


class BodyTimeout(Exception):
    """The client stopped sending its request body."""


async def _read_body(request: Request, limit: int) -> bytes | None:
    """The request body, or None once it exceeds limit (read in chunks, never whole into memory first);
    BodyTimeout when it does not arrive within BODY_TIMEOUT_S."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        return None

    async def read() -> bytes | None:
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                return None
        return bytes(body)

    try:
        return await asyncio.wait_for(read(), BODY_TIMEOUT_S)
    except asyncio.TimeoutError:
        raise BodyTimeout() from None


def create_sparql_app(runner: Any, *, allow_service: bool = False, max_body_bytes: int = 1024 * 1024) -> FastAPI:
    """The SPARQL endpoint over a runner (kg.query_pool.QueryPool or InProcessRunner)."""
    app = FastAPI(title="sekg SPARQL endpoint", docs_url=None, redoc_url=None, openapi_url=None)

    async def execute(query: str | None, accept: str) -> Response:
        if not query:
            return _error(400, "no query: give query=... (GET or form POST) or POST application/sparql-query")
        if uses_service(query) and not allow_service:
            return _error(400, "federated queries (SERVICE) are disabled on this endpoint; the operator can "
                               "start it with --allow-service")
        outcome = await runner.run(("sparql", query, accept.split(",")[0].split(";")[0].strip()))
        if outcome.status != 200:
            return JSONResponse(outcome.body, status_code=outcome.status)
        return Response(outcome.body, media_type=outcome.media_type)

    async def query_endpoint(request: Request) -> Response:
        accept = request.query_params.get("format") or request.headers.get("accept", "")
        if request.method == "GET":
            if "update" in request.query_params:
                return _error(403, "this endpoint is read-only: SPARQL Update is refused")
            return await execute(request.query_params.get("query"), accept)
        try:
            body = await _read_body(request, max_body_bytes)
        except BodyTimeout:
            return _error(408, f"the request body did not arrive within {BODY_TIMEOUT_S:g} s")
        if body is None:
            return _error(413, f"the request body is over the limit of {max_body_bytes:,} bytes")
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        if content_type == UPDATE_MEDIA_TYPE:
            return _error(403, "this endpoint is read-only: SPARQL Update is refused")
        if content_type == QUERY_MEDIA_TYPE:
            return await execute(body.decode("utf-8", errors="replace"), accept)
        if content_type == FORM_MEDIA_TYPE:
            from urllib.parse import parse_qs
            form = parse_qs(body.decode("utf-8", errors="replace"))
            if "update" in form:
                return _error(403, "this endpoint is read-only: SPARQL Update is refused")
            accept = (form.get("format") or [accept])[0]
            return await execute((form.get("query") or [None])[0], accept)
        return _error(415, f"unsupported content type {content_type!r}; use {QUERY_MEDIA_TYPE} or {FORM_MEDIA_TYPE}")

    for path in ("/query", "/sparql"):
        app.add_api_route(path, query_endpoint, methods=["GET", "POST"])

    @app.get("/")
    async def root(request: Request) -> Response:
        if "query" in request.query_params:
            return await query_endpoint(request)
        return HTMLResponse(QUERY_PAGE)

    @app.api_route("/", methods=["POST"])
    async def root_post(request: Request) -> Response:
        return await query_endpoint(request)

    @app.api_route("/update", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
    async def update(_: Request) -> Response:
        return _error(403, "this endpoint is read-only: SPARQL Update is refused (the graph changes only by "
                           "`sekg build`)")

    @app.api_route("/store", methods=["PUT", "POST", "DELETE", "PATCH"])
    async def graph_store_write(_: Request) -> Response:
        return _error(405, "this endpoint is read-only: Graph Store Protocol writes are refused")

    return app
