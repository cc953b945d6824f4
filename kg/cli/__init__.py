"""The `sekg` command: a thin layer over the kg API, one small module per command group.

Errors a user can act on are printed without a traceback and mapped to exit codes: 0 ok, 1 the data
does not conform, 2 usage or input error.
"""
from __future__ import annotations

import sys

from kg.tempdir import choose_temp_dir

choose_temp_dir()  # before any import can ask for it

import typer  # noqa: E402

from kg.errors import SekgError  # noqa: E402

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                  help="sekg: the solid-electrolyte knowledge graph (build, query, inspect).")


def _print_version(value: bool) -> None:
    if value:
        from kg.version import __version__
        print(f"sekg {__version__}")
        raise typer.Exit()


@app.callback()
def _global_options(version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                                 help="Print the version and exit.")) -> None:
    """sekg: the solid-electrolyte knowledge graph (build, query, inspect). Add --debug to any command for
    the traceback of an error."""

from kg.cli import ask_cmd, build_cmd, coverage_cmd, curate_cmd, datasets_cmd, info_cmd, query_cmd, remote_cmd, viz_cmd  # noqa: E402

build_cmd.register(app)
query_cmd.register(app)
ask_cmd.register(app)
coverage_cmd.register(app)
info_cmd.register(app)
viz_cmd.register(app)
curate_cmd.register(app)
remote_cmd.register(app)
datasets_cmd.register(app)


ENVIRONMENT_FAILURE = 3


def describe_os_error(error: OSError) -> str:
    """One line for an operating-system failure: what happened, to which file, and what to do."""
    import errno
    where = f" ({error.filename})" if getattr(error, "filename", None) else ""
    if error.errno == errno.ENOSPC:
        return f"the disk is full{where}; free some space and run the command again (the published store is unchanged)"
    if error.errno in (errno.EACCES, errno.EPERM):
        return f"no permission{where}; run as a user who may write there, or choose another --store"
    if error.errno == errno.EROFS:
        return f"read-only file system{where}; choose a writable --store"
    return f"{error.strerror or error}{where}"


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the process exit code."""
    import os
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or os.environ.get("SEKG_DEBUG") == "1"
    args = [a for a in args if a != "--debug"]
    try:
        app(args=args, standalone_mode=True)
    except SekgError as error:
        _report(f"error: {error}", debug)
        return error.exit_code
    except SystemExit as done:  # typer's own exits: --help, usage errors (2)
        return done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except OSError as error:
        _report(f"error: {describe_os_error(error)}", debug)
        return ENVIRONMENT_FAILURE
    except Exception as error:  # a defect of ours: one line for the user, the traceback with --debug
        _report(f"error: unexpected {type(error).__name__}: {str(error)[:300]} (run again with --debug for the "
                "traceback, and report it)", debug)
        return ENVIRONMENT_FAILURE
    return 0


def _report(message: str, debug: bool) -> None:
    if debug:
        import traceback
        traceback.print_exc()
    print(message, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
