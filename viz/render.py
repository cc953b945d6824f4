"""Interactive HTML of a graph with pyvis: coloured and shaped by kind, sized by degree, offline.

pyvis builds the vis-network data and options; the page is then made self-contained: vis-network's JavaScript
is inlined from the installed pyvis package and the CDN links of pyvis' template are removed, because lab PCs
and these machines have no internet. Above LAYOUT_THRESHOLD nodes the layout is computed once with networkx
and physics is turned off, so large graphs stay responsive.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import networkx as nx
from pyvis.network import Network

LAYOUT_THRESHOLD = 300
STYLE: dict[str, tuple[str, str]] = {  # kind -> (colour, vis shape)
    "family": ("#1f77b4", "box"), "material": ("#2ca02c", "dot"), "measurement": ("#98df8a", "diamond"),
    "strategy": ("#ff7f0e", "triangle"), "failure": ("#d62728", "triangleDown"), "failure mode": ("#ff9896", "box"),
    "synthesis": ("#9467bd", "square"), "method": ("#c5b0d5", "box"), "substitution": ("#8c564b", "star"),
    "cell": ("#e377c2", "hexagon"), "reference": ("#7f7f7f", "dot"), "interface": ("#17becf", "ellipse"),
    "conflict": ("#bcbd22", "star"), "summary": ("#aec7e8", "square"), "benchmark": ("#ffbb78", "star"),
    "milestone": ("#c49c94", "dot"), "composition": ("#dbdb8d", "dot"), "element": ("#9edae5", "dot"),
    "property": ("#c7c7c7", "box"), "material role": ("#b5cf6b", "box"), "other": ("#cccccc", "dot"),
}
HOOKS = """
<script>
window.sekgErrors = [];
window.addEventListener('error', function (e) { window.sekgErrors.push(String(e.message)); });
function sekgReport() {
  var status = document.getElementById('sekg-status');
  if (!status || typeof network === 'undefined') { return; }
  status.setAttribute('data-drawn-nodes', network.body.nodeIndices.length);
  status.setAttribute('data-drawn-edges', network.body.edgeIndices.length);
  status.setAttribute('data-errors', window.sekgErrors.length);
  status.setAttribute('data-first-draw-ms', Math.round(performance.now()));
  status.textContent = network.body.nodeIndices.length + ' nodes, ' + network.body.edgeIndices.length + ' edges drawn';
}
window.addEventListener('load', function () {
  if (typeof network === 'undefined') { return; }
  network.once('afterDrawing', sekgReport);
  setTimeout(sekgReport, 50);
});
</script>
"""


def _vis_js() -> str:
    import pyvis
    root = Path(pyvis.__file__).parent / "lib"
    candidates = sorted(root.glob("vis-*/vis-network.min.js"))
    if not candidates:
        raise FileNotFoundError(f"vis-network.min.js not found under {root}")
    return candidates[-1].read_text(encoding="utf-8")


def _legend(kinds: set[str]) -> str:
    items = "".join(f'<span style="margin-right:12px"><span style="display:inline-block;width:11px;height:11px;'
                    f'background:{STYLE.get(k, STYLE["other"])[0]};margin-right:4px"></span>{html.escape(k)}</span>'
                    for k in sorted(kinds))
    return (f'<div id="sekg-legend" style="font:13px sans-serif;padding:6px">{items}</div>'
            '<div id="sekg-status" style="font:12px sans-serif;color:#555;padding:0 6px"></div>')


def to_pyvis(graph: nx.MultiDiGraph, title: str = "sekg") -> Network:
    """A pyvis Network of the graph with sekg's styling (no file written)."""
    network = Network(height="820px", width="100%", directed=True, cdn_resources="remote", heading="")
    degrees = dict(graph.degree())
    large = graph.number_of_nodes() > LAYOUT_THRESHOLD
    positions = nx.spring_layout(nx.Graph(graph), seed=7, k=None, iterations=60, scale=1500) if large else {}
    for node, data in graph.nodes(data=True):
        colour, shape = STYLE.get(data.get("kind", "other"), STYLE["other"])
        options = dict(label=data.get("label", node)[:60], title=data.get("title", ""), color=colour, shape=shape,
                       size=8 + 3 * min(degrees.get(node, 0), 12))
        if large:
            x, y = positions[node]
            options.update(x=float(x), y=float(y), physics=False)
        network.add_node(node, **options)
    for source, target, data in graph.edges(data=True):
        network.add_edge(source, target, label=data.get("relation", ""), title=data.get("relation", ""),
                         arrows="to", font={"size": 9, "align": "middle"})
    if large:
        network.toggle_physics(False)
    else:
        network.barnes_hut(gravity=-6000, spring_length=140)
    network.heading = ""
    return network


def render_html(graph: nx.MultiDiGraph, output: Path, title: str = "sekg graph") -> Path:
    """Write a self-contained, offline HTML page of the graph and return its path."""
    network = to_pyvis(graph, title)
    page = network.generate_html(notebook=False)
    page = re.sub(r'<link[^>]+href="https?://[^"]+"[^>]*>', "", page)
    page = re.sub(r'<script[^>]+src="https?://[^"]+"[^>]*>\s*</script>', "", page)
    inline = f"<script>{_vis_js()}</script>"
    page = page.replace("<head>", f"<head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>{inline}", 1)
    kinds = {d.get("kind", "other") for _, d in graph.nodes(data=True)}
    page = re.sub(r"<body>", "<body>" + _legend(kinds) + HOOKS, page, count=1)
    if re.search(r'(src|href)="https?://', page):
        raise RuntimeError("the generated page still references the network")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    return output


def embedded_data(page: str) -> tuple[list[dict], list[dict]]:
    """The node and edge records embedded in a page written by render_html (for tests and tools)."""
    nodes = json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.S).group(1))
    edges = json.loads(re.search(r"edges = new vis\.DataSet\((\[.*?\])\);", page, re.S).group(1))
    return nodes, edges
