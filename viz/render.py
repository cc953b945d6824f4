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
  network.once('stabilizationIterationsDone', function () {
    network.fit();  // and never so far out that labels cannot be read: pan and zoom show the rest
    if (network.getScale() < 0.8) { network.moveTo({ scale: 0.8 }); }
  });
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


LABEL_CHARS = 40
HIGHLIGHT = "#111111"


def _short_label(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[:LABEL_CHARS - 1] + "…"


def node_record(node: str, data: dict, degree: int, highlighted: set[str] = frozenset()) -> dict:
    """One vis-network node: colour and shape by kind, a legible label (with '+N' when a click shows N more)."""
    colour, shape = STYLE.get(data.get("kind", "other"), STYLE["other"])
    label = _short_label(data.get("label", node)) + (f" (+{data['more']})" if data.get("more") else "")
    record = dict(id=node, label=label, title=data.get("title", ""), color=colour, shape=shape,
                  size=8 + 3 * min(degree, 12), font={"size": 17, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  kind=data.get("kind", "other"))
    if node in highlighted:
        record.update(borderWidth=4, color={"background": colour, "border": HIGHLIGHT})
    return record


def edge_record(source: str, target: str, data: dict, highlighted: set[str] = frozenset()) -> dict:
    """One vis-network edge: its relation on hover; written on the edge only along the answer's path."""
    on_path = source in highlighted and target in highlighted
    return dict(**{"from": source, "to": target}, title=data.get("relation", ""), arrows="to",
                label=data.get("relation", "") if on_path else "", width=3 if on_path else 1,
                color=HIGHLIGHT if on_path else "#9a9a9a", font={"size": 12, "align": "middle"})


def vis_records(graph: nx.MultiDiGraph, highlighted: set[str] = frozenset()) -> tuple[list[dict], list[dict]]:
    """The nodes and edges of a graph as vis-network records (the CLI page and the workbench draw the same)."""
    degrees = dict(graph.degree())
    nodes = [node_record(node, data, degrees.get(node, 0), highlighted) for node, data in graph.nodes(data=True)]
    edges = [edge_record(source, target, data, highlighted) for source, target, data in graph.edges(data=True)]
    return nodes, edges


def to_pyvis(graph: nx.MultiDiGraph, title: str = "sekg", highlighted: set[str] = frozenset()) -> Network:
    """A pyvis Network of the graph with sekg's styling (no file written)."""
    network = Network(height="820px", width="100%", directed=True, cdn_resources="remote", heading="")
    large = graph.number_of_nodes() > LAYOUT_THRESHOLD
    positions = nx.spring_layout(nx.Graph(graph), seed=7, k=None, iterations=60, scale=1500) if large else {}
    nodes, edges = vis_records(graph, highlighted)
    for record in nodes:
        node = record.pop("id")
        record.pop("kind")
        if large:
            x, y = positions[node]
            record.update(x=float(x), y=float(y), physics=False)
        network.add_node(node, **record)
    for record in edges:
        network.add_edge(record.pop("from"), record.pop("to"), **record)
    network.set_options(json.dumps(vis_options(physics=not large)))
    network.heading = ""
    return network


def vis_options(physics: bool = True) -> dict:
    """vis-network options: a compact layout that settles, and labels drawn even when the view is zoomed out to fit
    (vis skips labels under 5 px by default, which left a 60-node drawing without a readable word)."""
    return {"physics": {"enabled": physics, "solver": "barnesHut", "stabilization": {"iterations": 300},
                        "barnesHut": {"gravitationalConstant": -3000, "centralGravity": 0.4, "springLength": 120,
                                      "springConstant": 0.04, "avoidOverlap": 0.4}},
            "nodes": {"scaling": {"label": {"drawThreshold": 1}}},
            "edges": {"smooth": {"type": "continuous"}},
            "interaction": {"hover": True, "keyboard": {"enabled": True, "bindToWindow": False},
                            "navigationButtons": False, "tooltipDelay": 150}}


EXPAND_ON_CLICK = """
<script>
window.addEventListener('load', function () {
  if (typeof network === 'undefined' || !window.sekgHidden) { return; }
  network.on('click', function (params) {
    if (!params.nodes.length) { return; }
    var id = params.nodes[0], added = 0;
    window.sekgHidden.edges.forEach(function (e) {
      if (e.from !== id && e.to !== id) { return; }
      [e.from, e.to].forEach(function (n) {
        if (!nodes.get(n) && window.sekgHidden.nodes[n]) { nodes.add(window.sekgHidden.nodes[n]); added++; }
      });
      if (nodes.get(e.from) && nodes.get(e.to) && !edges.get({filter: function (x) {
            return x.from === e.from && x.to === e.to && x.title === e.title; }}).length) { edges.add(e); }
    });
    sekgReport();
  });
});
</script>
"""


def render_html(graph: nx.MultiDiGraph, output: Path, title: str = "sekg graph", *,
                hidden: nx.MultiDiGraph | None = None, highlighted: set[str] = frozenset(),
                note: str = "") -> Path:
    """Write a self-contained, offline HTML page of the graph and return its path. With `hidden` (the rest of a
    readable view), clicking a node adds its hidden neighbours."""
    network = to_pyvis(graph, title, highlighted)
    page = network.generate_html(notebook=False)
    page = re.sub(r'<link[^>]+href="https?://[^"]+"[^>]*>', "", page)
    page = re.sub(r'<script[^>]+src="https?://[^"]+"[^>]*>\s*</script>', "", page)
    inline = f"<script>{_vis_js()}</script>"
    page = page.replace("<head>", f"<head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>{inline}", 1)
    kinds = {d.get("kind", "other") for _, d in graph.nodes(data=True)}
    extra = ""
    if hidden is not None:
        hidden_nodes, hidden_edges = vis_records(hidden, highlighted)
        payload = json.dumps({"nodes": {n["id"]: n for n in hidden_nodes}, "edges": hidden_edges}, ensure_ascii=False)
        safe = payload.replace("</", "<\\/")  # a label cannot close the script element
        extra = f"<script>window.sekgHidden = {safe};</script>" + EXPAND_ON_CLICK
    caption = f'<div id="sekg-note" style="font:13px sans-serif;padding:0 6px">{html.escape(note)}</div>' if note else ""
    page = re.sub(r"<body>", lambda _: "<body>" + _legend(kinds) + caption + HOOKS + extra, page, count=1)
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
