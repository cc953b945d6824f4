"""`sekg curate new|check|diff|extract`: the curation workflow for paper records."""
from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.options import STORE_HELP, resolve_store
from kg.cli.output import console
from kg.errors import UsageError

curate = typer.Typer(no_args_is_help=True, help="Curate papers: new, check, diff, extract.")


def _store_or_none(selector: str | None):
    from kg.errors import StoreError
    from kg.store import open_store
    try:
        return open_store(resolve_store(selector), must_exist=True)
    except StoreError:
        return None


@curate.command("new")
def new(key: str = typer.Argument(..., help="Record key, e.g. jin2024-lif-lgps."),
        doi: str = typer.Option(None, "--doi", help="The paper's DOI (10.xxxx/...)."),
        ref: str = typer.Option(None, "--ref", help="The review's reference entry, e.g. chan2024:127."),
        curator: str = typer.Option("your name", "--curator"),
        folder: Path = typer.Option(None, "--folder", help="Where records live (default loaders/data/curation).")) -> None:
    """Write a commented record template and print its path."""
    from kg.curate.template import new_record
    print(new_record(key, doi=doi, ref=ref, curator=curator, folder=folder))


@curate.command("check")
def check(files: list[Path] = typer.Argument(..., help="Record files to check."),
          store: str = typer.Option(None, "--store", "-s", help=STORE_HELP)) -> None:
    """Validate records without touching the store. Exit 0 clean, 1 problems, 2 unreadable."""
    from kg.curate.check import check_files
    messages = console(stderr=True)
    reports = check_files(files, _store_or_none(store))
    for report in reports:
        for notice in report.notices:
            messages.print(f"note: {notice}", highlight=False, soft_wrap=True)
        for problem in report.problems:
            messages.print(f"error: {problem}", highlight=False, style="red", soft_wrap=True)
        state = "unreadable" if report.unreadable else (f"{len(report.problems)} problem(s)" if report.problems else "ok")
        print(f"{report.path}: {state}; {report.triples} triples would be added")
    raise typer.Exit(max((r.exit_code for r in reports), default=0))


@curate.command("diff")
def diff(file: Path = typer.Argument(..., help="A record file."),
         store: str = typer.Option(None, "--store", "-s", help=STORE_HELP)) -> None:
    """What the record adds and which canned-query answers change."""
    from kg.curate.diff import diff_record
    from kg.store import open_store
    result = diff_record(file, open_store(resolve_store(store), must_exist=True))
    print(f"new entities: {len(result.new_entities)}")
    for entity in result.new_entities:
        print(f"  + {entity}")
    print(f"new statements: {len(result.new_statements)}; linked to existing statements: {len(result.linked)}")
    for linked in result.linked:
        print(f"  = {linked}")
    print(f"changed answers: {len(result.changes)}")
    for change in result.changes:
        print(f"  {change.query} {change.params}: +{len(change.added)} -{len(change.removed)} rows")
        from kg.curate.diff import first_column
        shown = first_column(change.query)
        for row in change.added[:5]:
            print(f"    + {shown}: {row.get(shown, '')}")
        for row in change.removed[:5]:
            print(f"    - {shown}: {row.get(shown, '')}")


@curate.command("extract")
def extract(text_file: Path = typer.Argument(..., help="A paper's plain text."),
            key: str = typer.Option(..., "--key", help="Record key of the draft."),
            output: Path = typer.Option(None, "--output", "-o", help="Where to write (default: curation folder/KEY.yaml)."),
            evaluate: bool = typer.Option(False, "--evaluate",
                                          help="Score the extraction against the curated review graph instead.")) -> None:
    """Draft a record from plain text: formulas, conductivities, method/failure/strategy terms, with sentences."""
    from kg.curate.extract import draft_record, evaluate as score, extract as run_extract
    from kg.paths import LOADER_DATA_DIR
    try:
        text = text_file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"Cannot read {text_file}: {exc}") from exc
    found = run_extract(text)
    if evaluate:
        from kg.builder import default_loaders
        curated = default_loaders()[1].load()
        for result in score(found, curated):
            print(f"{result.kind}: extracted {result.extracted}, curated {result.curated}, "
                  f"precision {result.precision:.2f}, recall {result.recall:.2f}")
        return
    target = output or LOADER_DATA_DIR / "curation" / f"{key}.yaml"
    if target.exists():
        raise UsageError(f"{target} already exists; choose another --key or --output.")
    target.write_text(draft_record(found, key), encoding="utf-8")
    print(f"wrote {target}: {len(found.conductivities)} conductivities, {len(found.formulas)} formulas, "
          f"{len(found.terms)} terms (status draft)")


def register(app: typer.Typer) -> None:
    app.add_typer(curate, name="curate")
