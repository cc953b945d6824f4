"""The canned-query catalogue over HTTP (read-only), with OpenAPI docs generated from the query headers.

GET /queries lists the catalogue; GET /queries/{name}?param=... returns the CLI's JSON object (CSV with
`Accept: text/csv`). Errors: 400 with the closest known terms for an unknown label or a bad value, 404 for an
unknown query, 413 when an answer exceeds the row limit, 504 when a request exceeds the time limit.

Queries run in a runner: a pool of worker processes over a published store (kg.query_pool; a runaway query
is stopped, a publish is followed), or a thread over a store this process holds (memory:, remote endpoints).
The API only reads: it has no route that writes.
"""
from __future__ import annotations

import csv
import io
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response

from kg.catalogue import load_catalogue
from kg.conflict_flags import CONFLICT_COLUMN, FACT_COLUMNS
from kg.query_pool import InProcessRunner, Outcome
from kg.version import __version__


def _csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v)
                         for v in (row.get(c) for c in columns)])
    return buffer.getvalue()


def _endpoint_for(name: str, answer):
    """A route handler bound to one query name (no parameters of its own: they come from the query string)."""
    async def endpoint(request: Request) -> Response:
        return await answer(name, request)
    endpoint.__name__ = name.replace("-", "_")
    return endpoint


def _next_page_link(request: Request, body: dict[str, Any]) -> dict[str, str]:
    """An RFC 8288 `Link: <...>; rel="next"` header when a page is full (there may be more rows)."""
    limit = body.get("params", {}).get("limit")
    if not limit or len(body.get("rows", [])) < limit:
        return {}
    following = request.url.include_query_params(offset=body["params"].get("offset", 0) + limit)
    return {"link": f'<{following}>; rel="next"'}


PAGING_DOC = [{"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1},
               "description": "at most this many rows (a page); the rows keep the query's order, ties broken by "
                              "the other columns, so pages partition the answer; a full page has a Link rel=next"},
              {"name": "offset", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 0},
               "description": "skip this many rows first"}]


COLUMN_SCHEMAS = {"number": {"type": ["number", "null"]}, "integer": {"type": ["integer", "null"]},
                  "boolean": {"type": "boolean"}, "list": {"type": "array", "items": {"type": "string"}}}
ERROR_SCHEMA = {"type": "object", "required": ["error"],
                "properties": {"error": {"type": "string"}, "closest": {"type": "array", "items": {"type": "string"}}}}


def _responses(query) -> dict[str, Any]:
    """The OpenAPI responses of one canned query: its row schema, and every error it can answer."""
    row = {"type": "object", "properties": {c.name: {**COLUMN_SCHEMAS.get(c.type, {"type": ["string", "null"]}),
                                                     "description": c.description or c.type} for c in query.columns}}
    if any(c.name in FACT_COLUMNS for c in query.columns):
        row["properties"][CONFLICT_COLUMN] = {"type": ["string", "null"],
                                              "description": "the conflict record naming this row's fact, if any"}
    answer = {"type": "object", "required": ["query", "params", "columns", "rows"],
              "properties": {"query": {"type": "string"}, "params": {"type": "object"},
                             "columns": {"type": "array", "items": {"type": "string"}},
                             "rows": {"type": "array", "items": row}}}
    error = {"application/json": {"schema": ERROR_SCHEMA}}
    return {"200": {"description": "The answer (CSV with Accept: text/csv)",
                    "content": {"application/json": {"schema": answer}, "text/csv": {"schema": {"type": "string"}}}},
            "400": {"description": "A parameter could not be used (unknown term with the closest ones, bad value)",
                    "content": error},
            "404": {"description": "No such query", "content": error},
            "413": {"description": "The answer is over the row limit", "content": error},
            "504": {"description": "The request exceeded the time limit (the query was stopped)", "content": error}}


def _serve_docs_offline(app: FastAPI) -> None:
    """/docs with Swagger UI served from the installed swagger-ui-bundle package, not a CDN: works offline."""
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles
    from swagger_ui_bundle import swagger_ui_path
    app.mount("/docs-assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> Response:
        return get_swagger_ui_html(openapi_url="/openapi.json", title="sekg query API",
                                   swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url="/docs-assets/swagger-ui.css",
                                   swagger_favicon_url="/docs-assets/favicon-32x32.png")


def create_app(source: Any, timeout_s: float = 10.0) -> FastAPI:
    """The HTTP API over a runner (QueryPool or InProcessRunner), or over a store held by this process."""
    catalogue = load_catalogue()
    runner = source if hasattr(source, "run") else InProcessRunner(source, timeout_s=timeout_s)
    app = FastAPI(title="sekg query API", version=__version__, docs_url=None, redoc_url=None,
                  description="Canned SPARQL questions about solid electrolytes; every fact row carries its refs.")
    app.state.runner = runner

    @app.get("/queries", summary="List the canned queries with their parameters and columns")
    def list_queries() -> list[dict[str, Any]]:
        return [{"name": q.name, "summary": q.summary,
                 "parameters": [{"name": p.name, "type": p.type, "required": p.required, "description": p.description}
                                for p in q.parameters],
                 "columns": [c.name for c in q.columns]} for q in catalogue.values()]

    async def answer(name: str, request: Request) -> Response:
        params = {key: value for key, value in request.query_params.items()}
        outcome: Outcome = await runner.run(("canned", name, params))
        if outcome.status != 200:
            return JSONResponse(outcome.body, status_code=outcome.status)
        headers = _next_page_link(request, outcome.body)
        if "text/csv" in request.headers.get("accept", ""):
            return PlainTextResponse(_csv(outcome.body["columns"], outcome.body["rows"]), media_type="text/csv",
                                     headers=headers)
        return JSONResponse(outcome.body, headers=headers)

    for query in catalogue.values():
        description = "\n".join([query.summary, "", "Parameters:"] +
                                [f"- `{p.name}` ({p.type}{', required' if p.required else ''}): {p.description}"
                                 for p in query.parameters] +
                                ["", "Columns: " + ", ".join(c.name for c in query.columns)])

        parameters = [{"name": p.name, "in": "query", "required": p.required,
                       "schema": {"type": "string", **({"minLength": 1} if p.required else {})},
                       "description": f"{p.description} ({p.type})"} for p in query.parameters] + PAGING_DOC
        app.add_api_route(f"/queries/{query.name}", _endpoint_for(query.name, answer), methods=["GET"],
                          summary=query.summary, description=description, name=query.name,
                          openapi_extra={"parameters": parameters, "responses": _responses(query)})

    _serve_docs_offline(app)
    from kg.web import mount_workbench
    mount_workbench(app, runner, catalogue)

    @app.get("/queries/{name}", include_in_schema=False)
    def unknown(name: str) -> JSONResponse:
        from difflib import get_close_matches
        return JSONResponse({"error": f"unknown query {name!r}",
                             "closest": get_close_matches(name, list(catalogue), n=3, cutoff=0.4)}, status_code=404)

    return app
