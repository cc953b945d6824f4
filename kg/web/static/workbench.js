/* sekg workbench: sortable tables, label autocomplete, the neighbourhood drawing. No framework, no network but this server. */
(function () {
  'use strict';
  var MIN_SCALE = 0.8;  // labels of 17 px stay at least ~14 px on screen

  function cellValue(row, index) {
    var cell = row.children[index];
    var text = cell ? cell.textContent.trim() : '';
    var number = parseFloat(text);
    return (text !== '' && !isNaN(number) && /^[-+0-9.eE]+$/.test(text)) ? number : text.toLowerCase();
  }

  function sortTable(button) {
    var th = button.closest('th'), table = button.closest('table'), body = table.tBodies[0];
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(th.parentNode.children, function (other) { if (other.hasAttribute('aria-sort')) { other.setAttribute('aria-sort', 'none'); } });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      if (x === y) { return 0; }
      if (x === '') { return 1; } if (y === '') { return -1; }
      if (typeof x === 'number' && typeof y === 'number') { return ascending ? x - y : y - x; }
      return ascending ? String(x).localeCompare(String(y)) : String(y).localeCompare(String(x));
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  function autocomplete(input) {
    var list = document.getElementById(input.getAttribute('list'));
    if (!list) { return; }
    var timer = null, last = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var prefix = input.value.trim();
        if (prefix.length < 1 || prefix === last) { return; }
        last = prefix;
        var kinds = (input.getAttribute('data-autocomplete') || '').split(',').filter(Boolean);
        var kind = kinds.length === 1 ? kinds[0] : '';
        fetch('/labels?kind=' + encodeURIComponent(kind) + '&prefix=' + encodeURIComponent(prefix))
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (labels) {
            list.innerHTML = '';
            labels.forEach(function (label) { var option = document.createElement('option'); option.value = label; list.appendChild(option); });
            input.setAttribute('data-suggestions', String(labels.length));
          });
      }, 120);
    });
  }

  function drawGraph(container) {
    if (typeof vis === 'undefined') { return; }
    var status = document.getElementById('graph-status');
    var folded = document.getElementById('show-folded');
    var network = null;
    function load() {
      var url = '/entity/graph.json?cap=' + (container.getAttribute('data-cap') || '36') + '&iri=' + encodeURIComponent(container.getAttribute('data-iri')) + (folded && folded.checked ? '&show_folded=1' : '');
      fetch(url).then(function (r) { return r.json(); }).then(function (data) {
        var nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
        if (network) { network.destroy(); }
        network = new vis.Network(container, { nodes: nodes, edges: edges }, {
          physics: { solver: 'barnesHut', stabilization: { iterations: 300 },
                     barnesHut: { gravitationalConstant: -9000, centralGravity: 0.25, springLength: 190, springConstant: 0.03, avoidOverlap: 0.8 } },
          nodes: { scaling: { label: { drawThreshold: 1 } } }, edges: { smooth: { type: 'continuous' } },
          interaction: { hover: true, keyboard: { enabled: true, bindToWindow: false }, tooltipDelay: 150 } });
        function report() {
          container.setAttribute('data-drawn-nodes', String(nodes.length));
          container.setAttribute('data-drawn-edges', String(edges.length));
          if (status) { status.textContent = data.summary.replace(/^\d+ nodes drawn/, nodes.length + ' nodes drawn'); }
        }
        network.once('stabilizationIterationsDone', function () {
          // fit, but never zoom out so far that labels become unreadable: centre on the entity instead
          network.fit();
          if (network.getScale() < MIN_SCALE) {
            var focus = container.getAttribute('data-iri'), at = network.getPositions([focus])[focus];
            network.moveTo({ position: at, scale: MIN_SCALE });
          }
          container.setAttribute('data-stable', 'true');
        });
        network.on('click', function (params) {
          if (!params.nodes.length) { return; }
          var id = params.nodes[0];
          data.hidden.edges.forEach(function (e) {
            if (e.from !== id && e.to !== id) { return; }
            [e.from, e.to].forEach(function (n) { if (!nodes.get(n) && data.hidden.nodes[n]) { nodes.add(data.hidden.nodes[n]); } });
            if (!edges.get({ filter: function (x) { return x.from === e.from && x.to === e.to && x.title === e.title; } }).length) { edges.add(e); }
          });
          report();
        });
        network.on('doubleClick', function (params) {
          if (params.nodes.length) { window.location.href = '/entity?iri=' + encodeURIComponent(params.nodes[0]); }
        });
        report();
      });
    }
    if (folded) { folded.addEventListener('change', load); }
    load();
  }

  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('table.sortable .sort').forEach(function (button) {
      button.addEventListener('click', function () { sortTable(button); });
    });
    document.querySelectorAll('input[data-autocomplete]').forEach(autocomplete);
    var graph = document.getElementById('graph');
    if (graph) { drawGraph(graph); }
  });
}());
