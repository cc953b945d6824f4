"""`sekg queries`, `sekg query NAME --param value`, `sekg sparql 'SELECT ...'`."""
from __future__ import annotations

import typer

from kg.cli.options import ENDPOINT_HELP, FORMAT_HELP, STORE_HELP, open_store, resolve_store
from kg.cli.output import check_format, print_rows
from kg.errors import UsageError


def parse_dynamic_options(args: list[str]) -> tuple[dict[str, str], str]:
    """Turn ['--family', 'sulfide', '--min-conductivity=1e-3'] into a dict; pulls out --format/-f."""
    params: dict[str, str] = {}
    output_format = "table"
    index = 0
    while index < len(args):
        token = args[index]
        if not token.startswith("--") and token != "-f":
            raise UsageError(f"Unexpected argument {token!r}; parameters are given as --name value.")
        if "=" in token:
            name, value = token[2:].split("=", 1)
            index += 1
        else:
            if index + 1 >= len(args):
                raise UsageError(f"Option {token} needs a value.")
            name, value = token.lstrip("-"), args[index + 1]
            index += 2
        if name in ("format", "f"):
            output_format = value
        else:
            params[name.replace("-", "_")] = value
    return params, output_format


def query_help(query) -> str:
    """What `sekg query NAME --help` prints: the question, its parameters and the columns of the answer."""
    lines = [f"sekg query {query.name} [--param value ...] [--format table|json|csv]", "", query.summary, "",
             "Parameters:"]
    for parameter in query.parameters:
        flag = f"--{parameter.name.replace('_', '-')}"
        required = ", required" if parameter.required else ""
        lines.append(f"  {flag:<22} {parameter.type}{required}: {parameter.description}")
    if not query.parameters:
        lines.append("  (none)")
    lines.append(f"  {'--limit N, --offset N':<22} every query: a page of the answer (rows keep the query's order, "
                 "ties broken by the other columns)")
    lines += ["", "Columns:"] + [f"  {column.name:<22} {column.type}" for column in query.columns]
    if any(column.name in ("statement_iri", "measurement_iri") for column in query.columns):
        lines.append(f"  {'conflict':<22} text: the conflict record that names this row's fact (empty if none)")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    @app.command("queries")
    def list_queries(output_format: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP)) -> None:
        """List the canned queries with their parameters."""
        from kg.catalogue import load_catalogue
        rows = []
        for query in load_catalogue().values():
            parameters = ", ".join(f"--{p.name.replace('_', '-')}{'*' if p.required else ''} ({p.type})"
                                   for p in query.parameters)
            rows.append({"name": query.name, "summary": query.summary, "parameters": parameters or "-"})
        print_rows(["name", "summary", "parameters"], rows, check_format(output_format),
                   title="canned queries (* = required)")

    @app.command("query", context_settings={"allow_extra_args": True, "ignore_unknown_options": True,
                                            "help_option_names": []})
    def query_command(ctx: typer.Context, name: str = typer.Argument(None, help="Query name (see `sekg queries`)."),
                      store: str = typer.Option(None, "--store", "-s", help=STORE_HELP),
                      endpoint: str = typer.Option(None, "--endpoint", "-e", help=ENDPOINT_HELP)) -> None:
        """Run a canned query: sekg query NAME --param value ... [--format table|json|csv];
        `sekg query NAME --help` shows that query's parameters and columns."""
        from kg.catalogue import get_query, run_query
        if name is None or name in ("--help", "-h"):
            print(ctx.get_help())
            raise typer.Exit()
        if "--help" in ctx.args or "-h" in ctx.args:
            print(query_help(get_query(name)))
            raise typer.Exit()
        params, output_format = parse_dynamic_options(list(ctx.args))
        check_format(output_format)
        get_query(name)
        handle = open_store(resolve_store(store, endpoint), must_exist=True)
        answer = run_query(handle, name, params)
        print_rows(answer.columns, answer.rows, output_format, json_object=answer.as_json_object(), title=name)

    @app.command("sparql")
    def sparql_command(query: str = typer.Argument(..., help="A SELECT query (read-only)."),
                       store: str = typer.Option(None, "--store", "-s", help=STORE_HELP),
                       endpoint: str = typer.Option(None, "--endpoint", "-e", help=ENDPOINT_HELP),
                       output_format: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
                       allow_service: bool = typer.Option(False, "--allow-service",
                                                          help="Let SERVICE clauses fetch remote endpoints.")) -> None:
        """Run ad-hoc read-only SPARQL over the union of all named graphs."""
        from kg.federation import uses_service
        check_format(output_format)
        if uses_service(query) and not allow_service:
            raise UsageError("the query uses SERVICE (federation), which contacts the addresses it names; add "
                             "--allow-service to run it")
        handle = open_store(resolve_store(store, endpoint), must_exist=True)
        result = handle.select(query)
        print_rows(result.variables, result.text_rows(), output_format, hide_iri_columns=False)
