"""`sekg build`: load, reason, validate, publish, and print counts per named graph and what each dataset gave."""
from __future__ import annotations

import time

import typer

from kg.cli.options import STORE_HELP, resolve_store
from kg.cli.output import console


def register(app: typer.Typer) -> None:
    @app.command("build")
    def build_command(
        store: str = typer.Option(None, "--store", "-s", help=STORE_HELP),
        no_reasoner: bool = typer.Option(False, "--no-reasoner", help="Skip HermiT; materialise the RDFS subclass closure instead."),
        no_validate: bool = typer.Option(False, "--no-validate", help="Skip SHACL and quality checks (not recommended)."),
        dataset: list[str] = typer.Option([], "--dataset", help="NAME=PATH: read this known dataset's table from PATH "
                                          "(repeatable; `sekg datasets` lists them)."),
        no_datasets: bool = typer.Option(False, "--no-datasets", help="Build the curated graph only (no measured datasets)."),
        only_dataset: list[str] = typer.Option([], "--only-dataset", help="Include only these datasets (repeatable)."),
        incremental: bool = typer.Option(False, "--incremental", help="Start from the published build and redo only "
                                         "what changed since (e.g. a new paper record); falls back to a full build, "
                                         "saying why, when it cannot."),
    ) -> None:
        """Build the graph into the store; the previous store keeps answering if anything fails. Every configured
        dataset that is present joins the build (`sekg datasets`); a missing one is a note, not an error."""
        from kg.builder import build, configured
        from loaders.datasets import parse_overrides
        progress_console = console(stderr=True)
        selector = resolve_store(store)
        started = time.perf_counter()
        datasets = [] if no_datasets else configured(selector, parse_overrides(dataset), set(only_dataset) or None)
        with progress_console.status("building ...") as status:
            def progress(message: str) -> None:
                status.update(message)
                if message.endswith(" s") or message.startswith(("published", "skipping", "removed", "note:",
                                                                   "full build:", "nothing changed")):
                    progress_console.log(message)
            report = build(selector, use_reasoner=not no_reasoner, validate=not no_validate, progress=progress,
                           datasets=datasets, incremental=incremental)
        from rich.table import Table
        table = Table(title=f"sekg graph in {selector}")
        table.add_column("named graph")
        table.add_column("triples", justify="right")
        for graph, count in report.graph_counts.items():
            table.add_row(graph, f"{count:,}")
        table.add_row("total", f"{report.total_triples:,}")
        console().print(table)
        for dataset_report in report.dataset_reports:
            print(dataset_summary(dataset_report))
        checks = ", ".join(f"{c.name}: {len(c.rows)}" for c in report.checks) or "skipped"
        console().print(f"reasoner: {report.reasoner}; quality checks (defects): {checks}")
        console().print(f"build time: {time.perf_counter() - started:.1f} s")


def dataset_summary(report) -> str:
    """One paragraph per dataset: rows, rejections by reason, family mapping, structures and fits."""
    mapped, distinct, mapped_rows, labelled = report.label_mapping_coverage
    lines = [f"dataset {report.source}: {report.rows_read} rows read, {report.accepted} accepted, "
             f"{len(report.rejected)} rejected ({report.file})"]
    for (column, reason), count in report.rejection_reasons().most_common():
        lines.append(f"  rejected {count}: column {column!r}: {reason}")
    lines.append(f"  family labels: {mapped}/{distinct} distinct labels mapped ({mapped_rows}/{labelled} labels on "
                 f"rows); family inferred from composition on {report.inferred_family_rows} rows, none found on "
                 f"{report.no_family_rows}; {report.curated_material_rows} rows on materials the review classifies")
    if report.unmapped_families:
        lines.append("  unmapped labels: " + ", ".join(f"{k!r} ({v})" for k, v in report.unmapped_families.most_common()))
    for (label, cls, why), count in report.refused_families.most_common():
        lines.append(f"  label {label!r} -> {cls} not applied on {count} rows: {why}")
    lines.append(f"  materials: {len(report.materials)} compositions, {len(report.materials_shared_with_context)} "
                 f"already in the graph before this dataset, {report.variant_links} linked as doped variants "
                 "(variantOf) of curated materials")
    if report.structures_from_cif or report.cif_problems:
        lines.append(f"  structures from CIF: {report.structures_from_cif} ({len(report.cif_problems)} CIFs unreadable)")
    if report.arrhenius_fits:
        import statistics
        lines.append(f"  Arrhenius fits: {report.arrhenius_fits}, median R² {statistics.median(report.fit_r_squared):.3f}; "
                     + ", ".join(f"{flag}: {n}" for flag, n in report.fit_flags.most_common()))
    return "\n".join(lines)
