"""Options shared by several commands."""
from __future__ import annotations

import typer

from kg.paths import default_store_selector

STORE_HELP = "Store selector: oxigraph:PATH (default .sekg/store, or $SEKG_STORE), memory:, rdflib:."
FORMAT_HELP = "Output format: table, json or csv."


def store_option() -> typer.Option:
    return typer.Option(None, "--store", "-s", help=STORE_HELP)


def resolve_store(selector: str | None) -> str:
    """The selector to use: the option, else $SEKG_STORE, else the project's embedded store."""
    return selector or default_store_selector()
