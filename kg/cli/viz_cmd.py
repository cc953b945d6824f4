"""`sekg viz`, `sekg path`, `sekg rank`, `sekg export`, `sekg plot`: pictures and analytics of the graph."""
from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.options import FORMAT_HELP, STORE_HELP, open_store, resolve_store
from kg.cli.output import check_format, console, print_rows
from kg.cli.query_cmd import parse_dynamic_options
from kg.errors import UsageError
from kg.kinds import KINDS


def _graph_and_index(store: str | None):
    from kg.resolve import LabelIndex
    from viz.to_networkx import store_to_networkx
    handle = open_store(resolve_store(store), must_exist=True)
    return handle, store_to_networkx(handle), LabelIndex(handle)


def register(app: typer.Typer) -> None:
    @app.command("viz", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
    def viz(ctx: typer.Context,
            output: Path = typer.Option(Path("out/graph.html"), "--output", "-o", help="HTML file to write."),
            focus: str = typer.Option(None, "--focus", help="Centre on one entity (label, synonym or IRI)."),
            depth: int = typer.Option(2, "--depth", help="Hops around --focus or the query answer."),
            query: str = typer.Option(None, "--query", help="Draw the subgraph behind a canned query's answer; "
                                                            "pass its parameters as extra --name value options."),
            kinds: str = typer.Option(None, "--kinds", help="Comma-separated node kinds to keep, e.g. material,failure,strategy."),
            cap: int = typer.Option(60, "--cap", min=1, help="Nodes in the first drawing of --focus/--query (the most "
                                                               "connected to it); click a node for its other neighbours."),
            show_folded: bool = typer.Option(False, "--show-folded", help="Draw element, composition and reference "
                                                                          "nodes too (folded into counts by default)."),
            store: str = typer.Option(None, "--store", "-s", help=STORE_HELP)) -> None:
        """Write an interactive, offline HTML graph (whole graph, a neighbourhood, or a query's answer)."""
        from viz.readable import readable_view
        from viz.render import render_html
        from viz.to_networkx import filter_kinds, neighbourhood
        handle, graph, index = _graph_and_index(store)
        title = "sekg: whole graph"
        focus_nodes: list[str] = []
        answer_nodes: set[str] = set()
        if query:
            params, _ = parse_dynamic_options(list(ctx.args))
            from kg.catalogue import run_query
            answer = run_query(handle, query, params, index)
            seeds = sorted({str(v) for row in answer.rows for k, v in row.items() if k.endswith("_iri") and v})
            graph = neighbourhood(graph, seeds, max(depth - 1, 1))
            focus_nodes, answer_nodes = seeds, set(seeds)
            title = f"sekg: {query} {params}"
        elif ctx.args:
            raise UsageError(f"Unexpected options {ctx.args}; query parameters need --query NAME.")
        if focus:
            resolved = index.resolve(focus, list(KINDS))
            graph = neighbourhood(graph, [str(resolved.iri)], depth)
            focus_nodes = [str(resolved.iri)]
            title = f"sekg: {resolved.label} (depth {depth})"
        if kinds:
            graph = filter_kinds(graph, {k.strip() for k in kinds.split(",") if k.strip()})
        if graph.number_of_nodes() == 0:
            raise UsageError("The selection is empty: nothing to draw.")
        if focus_nodes:  # a neighbourhood or an answer: a readable first drawing, the rest one click away
            view = readable_view(graph, focus_nodes, cap=cap, show_folded=show_folded, highlighted=answer_nodes)
            path = render_html(view.shown, output, title, hidden=view.hidden, highlighted=view.highlighted,
                               note=view.summary)
            print(f"wrote {path} ({view.summary}; {view.shown.number_of_edges()} edges)")
            return
        path = render_html(graph, output, title)
        print(f"wrote {path} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")

    @app.command("path")
    def path(start: str = typer.Argument(..., help="First entity (label, synonym or IRI)."),
             end: str = typer.Argument(..., help="Second entity."),
             store: str = typer.Option(None, "--store", "-s", help=STORE_HELP)) -> None:
        """Explain how two entities are connected, as a chain of labelled relations."""
        from viz.analytics import describe_path, shortest_path
        _, graph, index = _graph_and_index(store)
        first, second = index.resolve(start, list(KINDS)), index.resolve(end, list(KINDS))
        steps = shortest_path(graph, str(first.iri), str(second.iri))
        print(describe_path(graph, steps))

    @app.command("rank")
    def rank(kind: str = typer.Option("failure", "--kind", "-k", help="failure, strategy, material or family."),
             limit: int = typer.Option(20, "--limit", "-n"),
             store: str = typer.Option(None, "--store", "-s", help=STORE_HELP),
             output_format: str = typer.Option("table", "--format", "-f", help=FORMAT_HELP)) -> None:
        """Rank failures, strategies, materials or families by centrality in the strategy-failure-family graph."""
        from viz.analytics import rank as rank_entities
        handle = open_store(resolve_store(store), must_exist=True)
        rows = rank_entities(handle, kind, limit)
        columns = ["entity", "degree", "strategies", "failures", "families", "materials", "pagerank", "entity_iri"]
        print_rows(columns, rows, check_format(output_format), json_object={"kind": kind, "rows": rows})

    @app.command("export")
    def export(output: Path = typer.Option(None, "--output", "-o",
                                           help="File to write: .graphml/.gexf (Gephi, Cytoscape) or an RDF file "
                                                "(.nq .trig .jsonld .ttl .nt .rdf); stdout when omitted."),
               rdf_format: str = typer.Option(None, "--format", "-f",
                                              help="RDF format: nquads, trig, jsonld (every named graph) or turtle, "
                                                   "ntriples, rdfxml (one --graph, or the union)."),
               graph_iri: str = typer.Option(None, "--graph", help="Only this named graph (IRI)."),
               store: str = typer.Option(None, "--store", "-s", help=STORE_HELP)) -> None:
        """Export the graph exactly in a standard RDF format, or the curated graph as GraphML/GEXF."""
        from viz.analytics import export_graph
        if rdf_format or output is None or output.suffix.lower() not in (".graphml", ".gexf"):
            _export_rdf(store, rdf_format, output, graph_iri)
            return
        _, graph, _ = _graph_and_index(store)
        output.parent.mkdir(parents=True, exist_ok=True)
        export_graph(graph, output, output.suffix.lstrip(".").lower())
        print(f"wrote {output} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)")

    def _export_rdf(store: str | None, rdf_format: str | None, output: Path | None, graph_iri: str | None) -> None:
        import sys

        from rdflib import URIRef

        from kg.rdf_export import export_rdf, format_for
        from kg.store import OxigraphStore
        chosen = format_for(rdf_format, output)
        handle = open_store(resolve_store(store), must_exist=True)
        if not isinstance(handle, OxigraphStore):
            raise UsageError("RDF export reads an embedded store (oxigraph:PATH); for an endpoint use its own dump")
        graph = URIRef(graph_iri) if graph_iri else None
        if output is None:
            export_rdf(handle, chosen, sys.stdout.buffer, graph)
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(f".{output.name}.partial")
        try:
            count = export_rdf(handle, chosen, partial, graph)
            partial.replace(output)  # nothing half-written under the name asked for
        finally:
            partial.unlink(missing_ok=True)
        console(stderr=True).print(f"wrote {output} ({count:,} {'quads' if graph is None and chosen in ('nquads', 'trig', 'jsonld') else 'triples'}, {chosen})")

    @app.command("plot")
    def plot(what: str = typer.Argument(..., help="conductivity, coverage or arrhenius."),
             output: Path = typer.Option(None, "--output", "-o", help="PNG or SVG file (by suffix)."),
             family: str = typer.Option(None, "--family", help="Comma-separated families for the conductivity plot."),
             colour_by: str = typer.Option("temperature", "--colour-by", "--color-by",
                                           help="Conductivity plot: mark points by temperature or colour them by source."),
             material: str = typer.Option(None, "--material", help="Arrhenius plot: the material (label or formula)."),
             store: str = typer.Option(None, "--store", "-s", help=STORE_HELP)) -> None:
        """Plot conductivity per family (log axis, Table 1 bands), the family x failure coverage matrix, or one
        material's conductivity against temperature with its Arrhenius fits."""
        from viz.plots import COLOUR_BY, SHORT, plot_conductivity, plot_coverage
        handle = open_store(resolve_store(store), must_exist=True)
        output = output or Path(f"out/{what}.png")
        if output.suffix.lower() not in (".png", ".svg"):
            raise UsageError(f"{output}: use a .png or .svg file name.")
        if what == "conductivity":
            families = [f.strip() for f in family.split(",")] if family else None
            unknown = set(families or []) - set(SHORT.values())
            if unknown:
                raise UsageError(f"Unknown families {sorted(unknown)}. Valid: {', '.join(SHORT.values())}.")
            if colour_by not in COLOUR_BY:
                raise UsageError(f"--colour-by {colour_by!r}: valid: {', '.join(COLOUR_BY)}.")
            result = plot_conductivity(handle, output, families, colour_by)
            console().print(f"wrote {result.path} ({result.points} points)")
        elif what == "coverage":
            result = plot_coverage(handle, output)
            console().print(f"wrote {result.path} ({result.points} family-failure cells)")
        elif what == "arrhenius":
            from viz.arrhenius_plot import plot_arrhenius
            if not material:
                raise UsageError("sekg plot arrhenius needs --material (a label, synonym or formula).")
            from kg.resolve import LabelIndex
            resolved = LabelIndex(handle).resolve(material, "material")
            result = plot_arrhenius(handle, resolved.iri, resolved.label, output)
            console().print(f"wrote {result.path} ({result.points} points of {resolved.label})")
        else:
            raise UsageError(f"Unknown plot {what!r}. Valid: conductivity, coverage, arrhenius.")
