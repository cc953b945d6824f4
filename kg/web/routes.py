"""HTTP routes of the workbench: each page asks the runner for one or more views and renders a template."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.datastructures import UploadFile

from kg.query_pool import Outcome

HERE = Path(__file__).parent
CURATION_TIMEOUT_S = 120.0  # check + diff copy the graph into memory: seconds on the merged graph, not milliseconds
MAX_RECORD_BYTES = 512 * 1024
ENTITY_KINDS = {"family", "material", "failure", "strategy", "method", "property", "interface", "reference", "cell",
                "source"}


def _environment() -> Environment:
    environment = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                              trim_blocks=True, lstrip_blocks=True)
    environment.filters["tojson_attr"] = lambda value: json.dumps(value, ensure_ascii=False)
    environment.globals["urlencode"] = urlencode
    environment.tests["iri_column"] = lambda column: str(column).endswith("_iri")
    return environment


def _vis_network_path() -> Path:
    import pyvis
    candidates = sorted((Path(pyvis.__file__).parent / "lib").glob("vis-*/vis-network.min.js"))
    if not candidates:
        raise FileNotFoundError("vis-network.min.js is missing from the installed pyvis package")
    return candidates[-1]


def mount_workbench(app: FastAPI, runner: Any, catalogue: dict) -> None:
    """Add the workbench pages to the API app (same process, same runner, read-only)."""
    templates = _environment()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    vis_path = _vis_network_path()
    queries = list(catalogue.values())

    def page(name: str, request: Request, status: int = 200, **context: Any) -> HTMLResponse:
        body = templates.get_template(name).render(request=request, queries=queries, catalogue=catalogue, **context)
        return HTMLResponse(body, status_code=status)

    async def run_view(view_name: str, timeout_s: float | None = None, /, **arguments: Any) -> Outcome:
        job = ("view", view_name, arguments)
        return await runner.run(job, timeout_s) if timeout_s else await runner.run(job)

    def failed(request: Request, outcome: Outcome) -> HTMLResponse:
        body = outcome.body if isinstance(outcome.body, dict) else {"error": str(outcome.body)}
        return page("error.html", request, outcome.status, error=body.get("error", "error"),
                    closest=body.get("closest") or [])

    @app.get("/vendor/vis-network.min.js", include_in_schema=False)
    def vis_network() -> Response:
        return Response(vis_path.read_bytes(), media_type="text/javascript",
                        headers={"cache-control": "public, max-age=86400"})

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        examples = [(q.name, example) for q in queries for example in q.ask_examples[:1]]
        return page("home.html", request, examples=examples)

    @app.get("/ask", response_class=HTMLResponse, include_in_schema=False)
    async def ask(request: Request, q: str = "") -> HTMLResponse:
        if not q.strip():
            return RedirectResponse("/", status_code=303)
        outcome = await run_view("ask", question=q)
        if outcome.status != 200:
            return failed(request, outcome)
        data = outcome.body
        if "unroutable" in data:
            return page("unroutable.html", request, 200, question=q, reason=data["unroutable"],
                        closest=data["closest"])
        reading = data["reading"]
        typed = {name: reading["typed"].get(name, value) for name, value in reading["params"].items()}
        form_link = f"/q/{reading['query']}?" + urlencode({**typed, "run": "1"})
        return page("answer.html", request, question=q, reading=reading, answer=data["answer"],
                    query=catalogue[reading["query"]], form_link=form_link,
                    downloads=_downloads(reading["query"], reading["params"]))

    @app.get("/q/{name}", response_class=HTMLResponse, include_in_schema=False)
    async def query_form(request: Request, name: str) -> HTMLResponse:
        if name not in catalogue:
            return page("error.html", request, 404, error=f"no canned query {name!r}", closest=[])
        query = catalogue[name]
        values = {key: value for key, value in request.query_params.items() if key != "run" and value != ""}
        answer = None
        sparql = ""
        if values or request.query_params.get("run"):
            outcome = await run_view("canned", name=name, params=values)
            if outcome.status != 200:
                return page("query.html", request, outcome.status, query=query, values=values, answer=None,
                            error=outcome.body.get("error"), closest=outcome.body.get("closest") or [],
                            downloads={}, sparql="")
            answer, sparql = outcome.body["answer"], outcome.body["sparql"]
        return page("query.html", request, query=query, values=values, answer=answer, error=None, closest=[],
                    downloads=_downloads(name, values) if answer else {}, sparql=sparql)

    @app.get("/download/{name}.{fmt}", include_in_schema=False)
    async def download(request: Request, name: str, fmt: str) -> Response:
        from kg.api import _csv
        params = {key: value for key, value in request.query_params.items() if value != ""}
        if name not in catalogue or fmt not in ("csv", "json", "rq"):
            return JSONResponse({"error": "downloads are /download/QUERY.csv|json|rq"}, status_code=404)
        outcome = await run_view("canned", name=name, params=params)
        if outcome.status != 200:
            return JSONResponse(outcome.body, status_code=outcome.status)
        answer = outcome.body["answer"]
        disposition = {"content-disposition": f'attachment; filename="{name}.{fmt}"'}
        if fmt == "csv":
            return PlainTextResponse(_csv(answer["columns"], answer["rows"]), media_type="text/csv", headers=disposition)
        if fmt == "json":
            return JSONResponse(answer, headers=disposition)
        return PlainTextResponse(outcome.body["sparql"], media_type="application/sparql-query", headers=disposition)

    @app.get("/labels", include_in_schema=False)
    async def labels(kind: str = "", prefix: str = "") -> JSONResponse:
        outcome = await run_view("labels", kind=kind, prefix=prefix[:100])
        return JSONResponse(outcome.body, status_code=outcome.status)

    @app.get("/go", include_in_schema=False)
    async def go(request: Request, name: str = "", kinds: str = "") -> Response:
        outcome = await run_view("resolve", value=name, kinds=kinds)
        if outcome.status != 200:
            return failed(request, outcome)
        return RedirectResponse("/entity?" + urlencode({"iri": outcome.body["iri"]}), status_code=303)

    @app.get("/entity", response_class=HTMLResponse, include_in_schema=False)
    async def entity(request: Request, iri: str = "") -> HTMLResponse:
        outcome = await run_view("entity", iri=iri)
        if outcome.status != 200:
            return failed(request, outcome)
        return page("entity.html", request, entity=outcome.body, catalogue_queries=catalogue)

    @app.get("/entity/graph.json", include_in_schema=False)
    async def entity_graph(iri: str = "", show_folded: str = "", cap: str = "60") -> JSONResponse:
        outcome = await run_view("neighbourhood", iri=iri, show_folded=show_folded, cap=cap if cap.isdigit() else "60")
        return JSONResponse(outcome.body, status_code=outcome.status)

    @app.get("/evidence", response_class=HTMLResponse, include_in_schema=False)
    async def evidence(request: Request, iri: str = "") -> HTMLResponse:
        outcome = await run_view("evidence", iri=iri)
        if outcome.status != 200:
            return failed(request, outcome)
        return page("evidence.html", request, fact=outcome.body)

    @app.get("/reference/{number}", response_class=HTMLResponse, include_in_schema=False)
    async def reference(request: Request, number: str) -> HTMLResponse:
        outcome = await run_view("reference", number=number)
        if outcome.status != 200:
            return failed(request, outcome)
        return page("reference.html", request, number=number, data=outcome.body)

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    async def compare(request: Request) -> HTMLResponse:
        typed = [value for value in request.query_params.getlist("m") if value.strip()][:4]
        iris, problems = [], []
        for value in typed:
            resolved = await run_view("resolve", value=value, kinds="material")
            if resolved.status == 200:
                iris.append(resolved.body["iri"])
            else:
                problems.append(resolved.body.get("error", value))
        data = None
        if len(iris) >= 2 and not problems:
            outcome = await run_view("compare", iris=iris)
            if outcome.status != 200:
                return failed(request, outcome)
            data = outcome.body
        elif typed and not problems:
            problems.append("choose two to four materials to compare")
        downloads = _downloads("compare", data["params"]) if data else {}
        return page("compare.html", request, typed=typed + [""] * (4 - len(typed)), data=data, problems=problems,
                    downloads=downloads)

    @app.get("/coverage", response_class=HTMLResponse, include_in_schema=False)
    async def coverage(request: Request) -> HTMLResponse:
        outcome = await run_view("coverage")
        if outcome.status != 200:
            return failed(request, outcome)
        data = outcome.body
        counts = {(family, failure): count for family, failure, count in data["counts"]}
        return page("coverage.html", request, families=data["families"], failures=data["failures"], counts=counts,
                    gaps=data["gaps"])

    @app.get("/plot/{name}.{fmt}", include_in_schema=False)
    async def plot(name: str, fmt: str, iri: str = "", family: str = "") -> Response:
        outcome = await run_view("plot", name=name, fmt=fmt, iri=iri, family=family)
        if outcome.status != 200:
            return JSONResponse(outcome.body, status_code=outcome.status)
        return Response(outcome.body, media_type=outcome.media_type,
                        headers={"content-disposition": f'inline; filename="{name}.{fmt}"'})

    @app.get("/curate", response_class=HTMLResponse, include_in_schema=False)
    def curate_form(request: Request) -> HTMLResponse:
        return page("curate.html", request, text="", result=None, error=None)

    @app.post("/curate", response_class=HTMLResponse, include_in_schema=False)
    async def curate(request: Request) -> HTMLResponse:
        form = await request.form()
        text, filename = str(form.get("text") or ""), "record.yaml"
        upload = form.get("file")
        if isinstance(upload, UploadFile) and upload.filename:
            content = await upload.read(MAX_RECORD_BYTES + 1)
            text, filename = content.decode("utf-8", errors="replace"), upload.filename
        if len(text.encode("utf-8")) > MAX_RECORD_BYTES:
            return page("curate.html", request, 413, text="", result=None,
                        error=f"the record is larger than {MAX_RECORD_BYTES // 1024} kB")
        if not text.strip():
            return page("curate.html", request, 400, text="", result=None, error="paste a record or choose a file")
        outcome = await run_view("curate", CURATION_TIMEOUT_S, text=text, filename=filename)
        if outcome.status != 200:
            return page("curate.html", request, outcome.status, text=text, result=None,
                        error=outcome.body.get("error") if isinstance(outcome.body, dict) else str(outcome.body))
        return page("curate.html", request, text=text, result=outcome.body, error=None)


def _downloads(name: str, params: dict[str, str]) -> dict[str, str]:
    query = urlencode(params)
    return {fmt: f"/download/{name}.{fmt}?{query}" for fmt in ("csv", "json", "rq")}
