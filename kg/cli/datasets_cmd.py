"""`sekg datasets` (which measured datasets sekg knows, where, licence, present or not) and `sekg load-table`
(any CSV/XLSX of conductivities, checked row by row, registered for the store and built in)."""
from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.options import FORMAT_HELP, STORE_HELP, resolve_store
from kg.cli.output import check_format, print_rows
from kg.errors import UsageError, ValidationFailed


def register(app: typer.Typer) -> None:
    @app.command("datasets")
    def datasets_command(
        store: str = typer.Option(None, "--store", "-s", help=STORE_HELP),
        dataset: list[str] = typer.Option([], "--dataset", help="NAME=PATH: look for this dataset's table at PATH."),
        check: bool = typer.Option(False, "--check", help="Read every present table and report accepted and "
                                   "rejected rows (file, row, column, reason), without building."),
        overlap: bool = typer.Option(False, "--overlap", help="Count the materials each pair of sources shares in "
                                     "the built store."),
        output_format: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP),
    ) -> None:
        """The measured datasets a build includes: where each is expected, its licence and citation, whether it is
        there. Without them the build makes the curated graph and says so."""
        from kg.builder import configured
        from loaders.datasets import dataset_loaders, parse_overrides
        selector = resolve_store(store)
        located = configured(selector, parse_overrides(dataset))
        output_format = check_format(output_format)
        if overlap:
            _print_overlap(selector, output_format)
            return
        rows = [{"name": d.mapping.source, "present": "yes" if d.present else "no", "path": str(d.table_path),
                 "found_by": d.how_found, "licence": d.mapping.licence,
                 "redistributed_in_releases": "yes" if d.mapping.redistributable else "no",
                 "citation": " ".join(d.mapping.citation.split()), "doi": d.mapping.doi, "version": d.mapping.version}
                for d in located]
        columns = ["name", "present", "path", "licence", "redistributed_in_releases", "citation"] \
            if output_format == "table" else list(rows[0]) if rows else []
        print_rows(columns, rows, output_format)
        if check:
            from kg.cli.build_cmd import dataset_summary
            loaders, notes = dataset_loaders(located)
            for note in notes:
                print(f"note: {note}")
            for loader in loaders:
                loader.read_rows()
                print(dataset_summary(loader.report))
                for rejection in loader.report.rejected:
                    print(f"  {rejection}")

    @app.command("load-table")
    def load_table(
        table: Path = typer.Argument(..., help="A CSV or XLSX file with one measurement per row."),
        mapping_file: Path = typer.Option(None, "--mapping", help="A mapping file (YAML) instead of --map options."),
        map_: list[str] = typer.Option([], "--map", help="COLUMN=FIELD, e.g. 'Ionic conductivity (S cm-1)=conductivity' "
                                       "(fields: id, formula, conductivity, temperature, family, chemical_family, doi, "
                                       "space_group, space_group_number)."),
        source: str = typer.Option(None, "--source", help="A short name for the dataset (its named graph and the "
                                   "`source` column), e.g. my-lab-2025."),
        licence: str = typer.Option("", "--licence", help="Licence of the table, e.g. CC-BY-4.0."),
        citation: str = typer.Option("", "--citation", help="How to cite the table."),
        doi_column: str = typer.Option(None, "--doi-column", help="The column with each row's DOI."),
        conductivity_unit: str = typer.Option("S/cm", "--conductivity-unit", help="Unit of the conductivity column."),
        temperature_unit: str = typer.Option(None, "--temperature-unit", help="degC or K (required with a "
                                             "temperature column: sekg never guesses it)."),
        temperature: str = typer.Option(None, "--temperature", help="One temperature for every row, e.g. 'room "
                                        "temperature' or '25' (when the table has no temperature column)."),
        no_redistribute: bool = typer.Option(False, "--no-redistribute", help="Never write this table into a release."),
        save_mapping: Path = typer.Option(None, "--save-mapping", help="Also write the mapping as YAML here (to commit)."),
        check_only: bool = typer.Option(False, "--check", help="Only read and report; register nothing, build nothing."),
        strict: bool = typer.Option(False, "--strict", help="Exit 1 when any row is rejected."),
        store: str = typer.Option(None, "--store", "-s", help=STORE_HELP),
    ) -> None:
        """Load any table of conductivities: every row checked like a curated record (formula, units, temperature
        unit, family, DOI), rejected rows listed with file, row, column and reason; then the table is registered for
        the store and a build publishes it atomically in its own named graph."""
        import yaml
        from kg.builder import build, configured, tables_dir_for
        from kg.cli.build_cmd import dataset_summary
        from loaders.table_mapping import (mapping_from_dict, mapping_to_dict, parse_column_options,
                                           read_table_mapping)
        from loaders.tabular import TableLoader
        if mapping_file is not None:
            mapping = read_table_mapping(mapping_file)
        else:
            columns = parse_column_options(map_)
            if doi_column:
                columns["doi"] = doi_column
            if "temperature" in columns and temperature_unit is None:
                raise UsageError("--temperature-unit is required with a temperature column (degC or K): sekg never "
                                 "guesses a column's unit")
            data = {"source": source or "", "columns": columns, "licence": licence, "citation": citation,
                    "conductivity_unit": conductivity_unit, "temperature_unit": temperature_unit or "degC",
                    "redistributable": not no_redistribute}
            if temperature is not None:
                data["temperature"] = temperature
            mapping = mapping_from_dict(data, "command line")
        mapping.path = str(table.resolve())
        loader = TableLoader(mapping, table.resolve())
        loader.read_rows()
        print(dataset_summary(loader.report))
        for rejection in loader.report.rejected:
            print(f"  {rejection}")
        if save_mapping is not None:
            save_mapping.write_text(yaml.safe_dump(mapping_to_dict(mapping), sort_keys=False, allow_unicode=True),
                                    encoding="utf-8")
            print(f"wrote {save_mapping}")
        if strict and loader.report.rejected:
            raise ValidationFailed(f"{len(loader.report.rejected)} row(s) of {table} rejected (--strict)")
        if check_only:
            return
        if loader.report.accepted == 0:
            raise ValidationFailed(f"no row of {table} could be read; nothing registered")
        selector = resolve_store(store)
        tables_dir = tables_dir_for(selector)
        if tables_dir is None:
            raise UsageError(f"load-table registers tables for an on-disk store (oxigraph:PATH), not {selector}")
        known = {d.mapping.source for d in configured(selector) if d.mapping.mapping_file is None
                 or d.mapping.mapping_file.parent != tables_dir}
        if mapping.source in known:
            raise UsageError(f"--source {mapping.source!r} is the name of a known dataset; choose another name")
        tables_dir.mkdir(parents=True, exist_ok=True)
        target = tables_dir / f"{mapping.source}.yaml"
        partial = target.with_suffix(".yaml.partial")
        partial.write_text(yaml.safe_dump(mapping_to_dict(mapping), sort_keys=False, allow_unicode=True),
                           encoding="utf-8")
        previous = target.read_bytes() if target.exists() else None
        partial.replace(target)
        try:
            report = build(selector, progress=lambda message: None)
        except BaseException:  # the build refused: the table is not registered, the store is unchanged
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(previous)
            raise
        print(f"registered {target}; built {report.total_triples:,} triples into {selector} "
              f"(graph dataset/{mapping.source}: {report.graph_counts.get(f'https://w3id.org/sekg/graph/dataset/{mapping.source}', 0):,})")


def _print_overlap(selector: str, output_format: str) -> None:
    from kg.source_overlap import shared_material_counts
    from kg.store import open_store
    per_source, per_pair = shared_material_counts(open_store(selector, must_exist=True))
    rows = [{"sources": f"{a} & {b}", "materials": n} for (a, b), n in per_pair.most_common()]
    rows += [{"sources": f"{name} (all)", "materials": n} for name, n in per_source.most_common()]
    print_rows(["sources", "materials"], rows, output_format)
