"""Options shared by several commands."""
from __future__ import annotations

import typer

from kg.paths import default_store_selector

STORE_HELP = "Store selector: oxigraph:PATH (default .sekg/store, or $SEKG_STORE), memory:, rdflib:."
FORMAT_HELP = "Output format: table, json or csv."


def store_option() -> typer.Option:
    return typer.Option(None, "--store", "-s", help=STORE_HELP)


ENDPOINT_HELP = "Query a SPARQL 1.1 endpoint instead of the embedded store (or set $SEKG_ENDPOINT)."


def resolve_store(selector: str | None, endpoint: str | None = None) -> str:
    """The selector to use: --endpoint or $SEKG_ENDPOINT, else --store, else $SEKG_STORE, else the embedded store."""
    import os
    endpoint = endpoint or os.environ.get("SEKG_ENDPOINT")
    if endpoint:
        return f"sparql:{endpoint}"
    return selector or default_store_selector()


def open_store(selector: str, **options):
    """kg.store.open_store, imported on first use: pyoxigraph and rdflib load only for commands that read a store,
    so `sekg --help` stays fast."""
    from kg.store import open_store as open_selected
    return open_selected(selector, **options)
