"""The `sekg` command: a thin layer over the kg API, one small module per command group.

Errors a user can act on are printed without a traceback and mapped to exit codes: 0 ok, 1 the data
does not conform, 2 usage or input error.
"""
from __future__ import annotations

import sys

import typer

from kg.errors import SekgError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="sekg: the solid-electrolyte knowledge graph (build, query, inspect).")

from kg.cli import build_cmd, curate_cmd, info_cmd, query_cmd, remote_cmd, viz_cmd  # noqa: E402  (register commands)

build_cmd.register(app)
query_cmd.register(app)
info_cmd.register(app)
viz_cmd.register(app)
curate_cmd.register(app)
remote_cmd.register(app)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    try:
        app(args=argv, standalone_mode=True)
    except SekgError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except SystemExit as done:  # typer's own exits: --help, usage errors (2)
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
