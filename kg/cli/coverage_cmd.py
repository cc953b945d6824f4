"""`sekg coverage`: how much of the review the graph holds, per section (issue 13)."""
from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.options import FORMAT_HELP, STORE_HELP, open_store, resolve_store
from kg.cli.output import check_format, print_rows


def register(app: typer.Typer) -> None:
    @app.command("coverage")
    def coverage_command(review: Path = typer.Option(None, "--review", help="The review's text (default: "
                                                                              "../shared/seed/review.txt)."),
                         store: str = typer.Option(None, "--store", "-s", help=STORE_HELP),
                         output_format: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
                         uncovered: bool = typer.Option(False, "--uncovered", help="List the fact sentences no "
                                                        "statement covers, per section (the curation worklist).")) -> None:
        """Per section of the review: sentences with a number or a named material, statements curated from it,
        references cited vs backing a statement; then the totals. A fact sentence is covered when a statement of its
        section rests on one of its references or is about a material it names."""
        from kg.coverage import coverage
        from kg.paths import review_text_path
        check_format(output_format)
        report = coverage(review or review_text_path(), open_store(resolve_store(store), must_exist=True))
        if uncovered:
            rows = [{"section": s.number, "sentence": text} for s in report.sections for text in s.uncovered]
            print_rows(["section", "sentence"], rows, output_format, title="fact sentences no statement covers")
            return
        rows = [section.as_row() for section in report.sections]
        columns = ["section", "title", "sentences", "fact_sentences", "fact_sentences_covered", "statements", "refs_cited", "refs_backing_a_statement",
                   "refs_not_used"]
        totals = report.totals()
        print_rows(columns, rows, output_format, json_object={"sections": rows, "totals": totals},
                   title="coverage of the review")
        if output_format == "table":
            for key, value in totals.items():
                print(f"{key}: {', '.join(value) if isinstance(value, list) else value}")
