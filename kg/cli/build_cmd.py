"""`sekg build`: load, reason, validate, publish, and print counts per named graph."""
from __future__ import annotations

import time

import typer
from rich.console import Console
from rich.table import Table

from kg.build import build
from kg.cli.options import STORE_HELP, resolve_store


def register(app: typer.Typer) -> None:
    @app.command("build")
    def build_command(
        store: str = typer.Option(None, "--store", "-s", help=STORE_HELP),
        no_reasoner: bool = typer.Option(False, "--no-reasoner", help="Skip HermiT; materialise the RDFS subclass closure instead."),
        no_validate: bool = typer.Option(False, "--no-validate", help="Skip SHACL and quality checks (not recommended)."),
    ) -> None:
        """Build the graph into the store; the previous store keeps answering if anything fails."""
        console = Console(stderr=True)
        selector = resolve_store(store)
        started = time.perf_counter()
        with console.status("building ...") as status:
            def progress(message: str) -> None:
                status.update(message)
                if message.endswith(" s") or message.startswith(("published", "skipping", "removed")):
                    console.log(message)
            report = build(selector, use_reasoner=not no_reasoner, validate=not no_validate, progress=progress)
        table = Table(title=f"sekg graph in {selector}")
        table.add_column("named graph")
        table.add_column("triples", justify="right")
        for graph, count in report.graph_counts.items():
            table.add_row(graph, f"{count:,}")
        table.add_row("total", f"{report.total_triples:,}")
        Console().print(table)
        checks = ", ".join(f"{c.name}: {len(c.rows)}" for c in report.checks) or "skipped"
        Console().print(f"reasoner: {report.reasoner}; quality checks (defects): {checks}")
        Console().print(f"build time: {time.perf_counter() - started:.1f} s")
