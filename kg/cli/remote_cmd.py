"""`sekg push`, `sekg serve`, `sekg api`: share the graph through standard SPARQL servers and HTTP."""
from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import typer

from kg.cli.options import STORE_HELP, resolve_store
from kg.cli.output import console, print_rows
from kg.errors import StoreError, UsageError


def oxigraph_binary() -> str:  # the tests and the benchmark harness start Oxigraph servers of their own
    """The `oxigraph` server that the `oxigraph` PyPI package installs beside this Python."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError("The Oxigraph server is not installed: `pip install oxigraph` (a dependency of sekg).")
    return found


def register(app: typer.Typer) -> None:
    @app.command("push")
    def push_command(endpoint: str = typer.Option(..., "--endpoint", "-e", help="SPARQL query endpoint URL."),
                     graph_store: str = typer.Option(None, "--graph-store", help="Graph Store Protocol URL (default: "
                                                                                 "guessed from the endpoint)."),
                     update: str = typer.Option(None, "--update", help="SPARQL Update URL for stores without GSP."),
                     user: str = typer.Option(None, "--user"), password: str = typer.Option(None, "--password"),
                     token: str = typer.Option(None, "--token", help="Bearer token."),
                     store: str = typer.Option(None, "--store", "-s", help=STORE_HELP)) -> None:
        """Upload every named graph of the built store to a SPARQL 1.1 store and verify the triple counts."""
        from kg.remote import Credentials, push
        from kg.store import open_store
        source = open_store(resolve_store(store), must_exist=True)
        started = time.perf_counter()
        pushed = push(source, endpoint, graph_store=graph_store, update=update,
                      credentials=Credentials(user, password or os.environ.get("SEKG_PASSWORD"), token))
        rows = [{"graph": p.graph, "local": p.local, "remote": p.remote, "method": p.method} for p in pushed]
        print_rows(["graph", "local", "remote", "method"], rows, "table")
        console().print(f"pushed {sum(p.local for p in pushed):,} triples in {time.perf_counter() - started:.1f} s; "
                        "counts verified")

    @app.command("release")
    def release(output: Path = typer.Option(Path("dist"), "--output", "-o", help="Folder to write the release to."),
                store: str = typer.Option(None, "--store", "-s", help=STORE_HELP)) -> None:
        """Write a versioned release of the built graph: ontology (TTL, RDF/XML, HTML), N-Quads, Turtle per graph,
        JSON-LD context, SSSOM mappings as SKOS, VoID/DCAT description and SHA-256 checksums."""
        from kg.release import write_release
        from kg.store import OxigraphStore, open_store
        handle = open_store(resolve_store(store), must_exist=True)
        if not isinstance(handle, OxigraphStore):
            raise UsageError("a release is written from a built embedded store (oxigraph:PATH)")
        report = write_release(handle, output)
        rows = [{"file": name, "bytes": size} for name, size in sorted(report.files.items())]
        print_rows(["file", "bytes"], rows, "table", title=f"sekg {report.version} release in {output}")
        console().print(f"{sum(report.graph_triples.values()):,} triples in {len(report.graph_triples)} named graphs")

    @app.command("serve")
    def serve(port: int = typer.Option(7878, "--port"),
              host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
              timeout: float = typer.Option(30.0, "--timeout", help="Seconds before a query is stopped (504)."),
              workers: int = typer.Option(0, "--workers", help="Query worker processes (default: one per core, "
                                                               "at least 2)."),
              max_bytes: int = typer.Option(64 * 1024 * 1024, "--max-result-bytes", help="Largest answer (413)."),
              allow_service: bool = typer.Option(False, "--allow-service",
                                                 help="Execute federated SERVICE clauses (off: refused with 400)."),
              store: str = typer.Option(None, "--store", "-s", help=STORE_HELP)) -> None:
        """Serve the built store as a read-only SPARQL 1.1 endpoint (/query), with a query form at /."""
        from kg.http_serving import run_server
        from kg.query_pool import QueryPool, default_workers
        from kg.sparql_server import create_sparql_app
        selector = _disk_selector(resolve_store(store))
        pool = QueryPool(selector, workers=workers or default_workers(), timeout_s=timeout, max_bytes=max_bytes)
        pool.wait_ready()
        console(stderr=True).print(f"SPARQL endpoint: http://{host}:{port}/query (form at http://{host}:{port}/), "
                                   f"read-only, {timeout:g} s limit, SERVICE {'allowed' if allow_service else 'refused'}"
                                   "; Ctrl-C stops it")
        run_server(create_sparql_app(pool, allow_service=allow_service), host, port, on_stop=pool.close)

    @app.command("api")
    def api(port: int = typer.Option(8000, "--port"),
            host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
            timeout: float = typer.Option(10.0, "--timeout", help="Seconds before a request answers 504."),
            workers: int = typer.Option(0, "--workers", help="Query worker processes (default: one per core, "
                                                             "at least 2)."),
            max_rows: int = typer.Option(100_000, "--max-rows", help="Largest answer in rows (413)."),
            store: str = typer.Option(None, "--store", "-s", help=STORE_HELP),
            endpoint: str = typer.Option(None, "--endpoint", "-e", help="Answer from a SPARQL endpoint instead."),
            in_memory: bool = typer.Option(False, "--in-memory",
                                           help="Each worker answers from a warm in-memory copy of the built store "
                                                "(faster queries; memory of the size of the graph per worker).")) -> None:
        """Serve the research workbench (web pages at /) and the canned-query catalogue (JSON/CSV at /queries,
        OpenAPI docs at /docs) over HTTP, read-only."""
        from kg.api import create_app
        from kg.http_serving import run_server
        from kg.query_pool import InProcessRunner, QueryPool, default_workers
        selector = resolve_store(store, endpoint)
        if selector.startswith("oxigraph:"):
            runner = QueryPool(selector, workers=workers or default_workers(), timeout_s=timeout,
                               in_memory=in_memory, max_rows=max_rows)
            runner.wait_ready()
        else:
            if in_memory:
                raise UsageError("--in-memory copies a built on-disk store; it does not apply to --endpoint.")
            from kg.store import open_store
            runner = InProcessRunner(open_store(selector, must_exist=True), timeout_s=timeout, max_rows=max_rows)
        run_server(create_app(runner, timeout), host, port, on_stop=runner.close)


def _disk_selector(selector: str) -> str:
    """`sekg serve` serves an embedded on-disk store; say so for anything else."""
    if not selector.startswith("oxigraph:"):
        raise UsageError(f"`sekg serve` serves an embedded on-disk store (oxigraph:PATH), not {selector!r}.")
    from kg.published import current_build
    current_build(Path(selector.partition(":")[2]).expanduser())  # a clear error when nothing is built yet
    return selector
