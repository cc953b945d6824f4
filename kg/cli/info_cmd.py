"""`sekg stats`, `sekg check` and `sekg resolve`: inspect a built store."""
from __future__ import annotations

import typer

from kg.cli.options import FORMAT_HELP, STORE_HELP, resolve_store
from kg.cli.output import check_format, print_rows
from kg.errors import ValidationFailed
from kg.kinds import KINDS


def register(app: typer.Typer) -> None:
    @app.command("stats")
    def stats(store: str = typer.Option(None, "--store", "-s", help=STORE_HELP),
              output_format: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP)) -> None:
        """Triples per named graph."""
        from kg.store import open_store
        handle = open_store(resolve_store(store), must_exist=True)
        rows = [{"graph": str(g), "triples": handle.triple_count(g)} for g in handle.graph_names()]
        print_rows(["graph", "triples"], rows, check_format(output_format))

    @app.command("check")
    def check(store: str = typer.Option(None, "--store", "-s", help=STORE_HELP)) -> None:
        """Run the ontology/checks quality queries; exit 1 if any finds a defect."""
        from kg.store import open_store
        from kg.validate import run_checks
        handle = open_store(resolve_store(store), must_exist=True)
        results = run_checks(handle)
        rows = [{"check": r.name, "defects": len(r.rows), "example": r.rows[0] if r.rows else ""} for r in results]
        print_rows(["check", "defects", "example"], rows, "table")
        if any(r.rows for r in results):
            raise ValidationFailed("quality checks found defects")

    @app.command("resolve")
    def resolve(term: str = typer.Argument(..., help="A label, synonym, formula or IRI."),
                kind: str = typer.Option(None, "--kind", "-k", help=f"Limit to one kind: {', '.join(KINDS)}."),
                store: str = typer.Option(None, "--store", "-s", help=STORE_HELP)) -> None:
        """Show what a term resolves to (the same resolution query parameters use)."""
        from kg.resolve import LabelIndex
        from kg.store import open_store
        index = LabelIndex(open_store(resolve_store(store), must_exist=True))
        resolved = index.resolve(term, [kind] if kind else list(KINDS))
        print_rows(["term", "kind", "label", "iri"], [{"term": term, "kind": resolved.kind, "label": resolved.label,
                                                         "iri": str(resolved.iri)}], "table", hide_iri_columns=False)
