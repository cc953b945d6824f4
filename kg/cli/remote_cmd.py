"""`sekg push`, `sekg serve`, `sekg api`: share the graph through standard SPARQL servers and HTTP."""
from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import typer
from rich.console import Console

from kg.cli.options import STORE_HELP, resolve_store
from kg.cli.output import print_rows
from kg.errors import StoreError, UsageError


def oxigraph_binary() -> str:
    """The `oxigraph` server that the `oxigraph` PyPI package installs beside this Python."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError("The Oxigraph server is not installed: `pip install oxigraph` (a dependency of sekg).")
    return found


def store_directory(selector: str) -> Path:
    """The on-disk directory of an embedded store selector (following the published symlink)."""
    kind, _, rest = selector.partition(":")
    if kind != "oxigraph":
        raise UsageError(f"`sekg serve` serves an embedded on-disk store (oxigraph:PATH), not {selector!r}.")
    path = Path(rest).expanduser()
    if not path.exists():
        raise StoreError(f"No graph has been built at {path} yet. Run `sekg build` first.")
    return path.resolve()


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
        Console().print(f"pushed {sum(p.local for p in pushed):,} triples in {time.perf_counter() - started:.1f} s; "
                        "counts verified")

    @app.command("serve")
    def serve(port: int = typer.Option(7878, "--port"), host: str = typer.Option("127.0.0.1", "--host"),
              store: str = typer.Option(None, "--store", "-s", help=STORE_HELP)) -> None:
        """Serve the built store as a read-only SPARQL 1.1 endpoint (the Oxigraph server), with a query UI at /."""
        location = store_directory(resolve_store(store))
        command = [oxigraph_binary(), "serve-read-only", "--location", str(location), "--bind", f"{host}:{port}",
                   "--union-default-graph"]
        Console(stderr=True).print(f"SPARQL endpoint: http://{host}:{port}/query (UI at http://{host}:{port}/); "
                                   "Ctrl-C stops it")
        os.execv(command[0], command)

    @app.command("api")
    def api(port: int = typer.Option(8000, "--port"), host: str = typer.Option("127.0.0.1", "--host"),
            timeout: float = typer.Option(10.0, "--timeout", help="Seconds before a query answers 504."),
            store: str = typer.Option(None, "--store", "-s", help=STORE_HELP),
            endpoint: str = typer.Option(None, "--endpoint", "-e", help="Answer from a SPARQL endpoint instead."),
            in_memory: bool = typer.Option(False, "--in-memory",
                                           help="Answer from a warm in-memory copy of the built store "
                                                "(faster queries; memory of the size of the graph).")) -> None:
        """Serve the canned-query catalogue over HTTP (read-only JSON/CSV, OpenAPI docs at /docs)."""
        import uvicorn

        from kg.api import create_app
        from kg.errors import UsageError
        from kg.store import OxigraphStore, open_store
        served = open_store(resolve_store(store, endpoint), must_exist=True)
        if in_memory:
            if not isinstance(served, OxigraphStore) or served.path is None:
                raise UsageError("--in-memory copies a built on-disk store; it does not apply to --endpoint.")
            served = served.in_memory_copy()
        app_instance = create_app(served, timeout)
        uvicorn.run(app_instance, host=host, port=port, log_level="warning")
