/* ecograph pages: draw the map from the JSON the server embedded, search as you type (served pages
   ask the JSON search endpoint; static renders filter the list embedded in the index).
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

  // Served pages: the header's search box lists matches while typing, from GET /entities?q=&label=.
  function suggest(form) {
    var input = form.querySelector("input[name=q]");
    var kind = form.querySelector("select[name=label]");
    var list = form.querySelector("ul.suggest");
    var names = {};
    for (var i = 0; i < kind.options.length; i++) names[kind.options[i].value] = kind.options[i].textContent;
    var timer = null;
    var asked = 0;
    function show(items) {
      while (list.firstChild) list.removeChild(list.firstChild);
      items.forEach(function (hit) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = form.getAttribute("data-entity") + encodeURIComponent(hit.id);
        link.textContent = hit.name;
        var label = document.createElement("small");
        label.textContent = " " + (names[hit.label] || hit.label) + (hit.aliases.length ? " · " + hit.aliases.join("、") : "");
        item.appendChild(link);
        item.appendChild(label);
        list.appendChild(item);
      });
      list.hidden = items.length === 0;
    }
    function ask() {
      var q = input.value.trim();
      if (!q) { show([]); return; }
      var url = form.getAttribute("data-suggest") + "?limit=10&q=" + encodeURIComponent(q) +
        (kind.value ? "&label=" + encodeURIComponent(kind.value) : "");
      var mine = ++asked;
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { items: [] }; })
        .then(function (page) { if (mine === asked) show(page.items); })
        .catch(function () { if (mine === asked) show([]); });
    }
    function later() { clearTimeout(timer); timer = setTimeout(ask, 150); }
    input.addEventListener("input", later);
    kind.addEventListener("change", later);
    input.addEventListener("keydown", function (e) { if (e.key === "Escape") show([]); });
  }

  var searchForm = document.querySelector("form.search[data-suggest]");
  if (searchForm) suggest(searchForm);
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
