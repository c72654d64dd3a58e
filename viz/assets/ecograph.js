/* ecograph pages: draw the map from the JSON the server embedded, and the offline entity filter.
   Everything a document said reaches the DOM through textContent or vis-network's innerText tooltips,
   never through innerHTML. window.ecograph reports the drawing to tests and the benchmark. */
"use strict";
(function () {
  function openHashTarget() {
    var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
    if (target && target.tagName === "DETAILS") target.open = true;
  }

  function draw(data) {
    var state = { nodes: data.nodes.length, edges: data.edges.length, drawn: false, firstDrawMs: null };
    window.ecograph = state;
    var container = document.getElementById("graph");
    var nodes = new vis.DataSet(data.nodes);
    var network = new vis.Network(container, { nodes: nodes, edges: new vis.DataSet(data.edges) }, data.options);
    state.network = network;
    network.once("afterDrawing", function () {
      state.firstDrawMs = performance.now();
      state.drawn = true;
    });
    network.on("click", function (params) {
      if (params.nodes.length === 1 && Object.prototype.hasOwnProperty.call(data.links, params.nodes[0])) {
        window.location.href = data.links[params.nodes[0]];
      }
    });
    // A name the server left undrawn (it would overlap another) shows while the pointer is on its node.
    network.on("hoverNode", function (params) {
      container.style.cursor = "pointer";
      var node = nodes.get(params.node);
      if (node && !node.label && node.name) nodes.update({ id: node.id, label: node.name, hovered: true });
    });
    network.on("blurNode", function (params) {
      container.style.cursor = "default";
      var node = nodes.get(params.node);
      if (node && node.hovered) nodes.update({ id: node.id, label: "", hovered: false });
    });
  }

  function filter(input, entries, list) {
    var terms = input.value.trim().toLowerCase();
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!terms) return;
    var shown = 0;
    for (var i = 0; i < entries.length && shown < 50; i++) {
      var entry = entries[i];
      if (entry.name.toLowerCase().indexOf(terms) < 0) continue;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.href;
      link.textContent = entry.name;
      var label = document.createElement("small");
      label.textContent = " " + entry.label;
      item.appendChild(link);
      item.appendChild(label);
      list.appendChild(item);
      shown++;
    }
  }

  var graphData = document.getElementById("graph-data");
  if (graphData) draw(JSON.parse(graphData.textContent));
  var entityIndex = document.getElementById("entity-index");
  var input = document.getElementById("entity-filter");
  if (entityIndex && input) {
    var entries = JSON.parse(entityIndex.textContent);
    var list = document.getElementById("entity-matches");
    input.addEventListener("input", function () { filter(input, entries, list); });
  }
  window.addEventListener("hashchange", openHashTarget);
  openHashTarget();
})();
