"""`sekg ask "which strategies address Li dendrites in sulfides?"`: a question in words, read as one canned query."""
from __future__ import annotations

import sys

import typer

from kg.cli.options import ENDPOINT_HELP, FORMAT_HELP, STORE_HELP, open_store, resolve_store
from kg.cli.output import check_format, print_rows


def register(app: typer.Typer) -> None:
    @app.command("ask")
    def ask_command(question: str = typer.Argument(..., help="The question, in quotes."),
                    store: str = typer.Option(None, "--store", "-s", help=STORE_HELP),
                    endpoint: str = typer.Option(None, "--endpoint", "-e", help=ENDPOINT_HELP),
                    output_format: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
                    dry_run: bool = typer.Option(False, "--dry-run", help="Only say how the question is read.")) -> None:
        """Ask in words. Prints how the question was read (query and parameters, to correct with `sekg query`),
        then the answer. A question no canned query fits exits 2 with the closest canned questions."""
        import json

        from kg.ask import read_question
        from kg.catalogue import run_query
        from kg.resolve import LabelIndex
        check_format(output_format)
        handle = open_store(resolve_store(store, endpoint), must_exist=True)
        index = LabelIndex(handle)
        reading = read_question(question, index)
        if dry_run:
            print(json.dumps(reading.as_json_object(), ensure_ascii=False, indent=2) if output_format == "json"
                  else f"read as: {reading.read_as()}\nsame as: {reading.command()}")
            return
        answer = run_query(handle, reading.query, reading.params, index)
        if output_format == "json":
            print_rows(answer.columns, answer.rows, "json",
                       json_object={**reading.as_json_object(), **answer.as_json_object()})
            return
        # the reading goes where a person sees it: above the table, or to stderr beside CSV on stdout
        stream = sys.stdout if output_format == "table" else sys.stderr
        print(f"read as: {reading.read_as()}", file=stream)
        print(f"same as: {reading.command()}", file=stream)
        for note in reading.notes:
            print(f"note: {note}", file=stream)
        print_rows(answer.columns, answer.rows, output_format, title=reading.query)
