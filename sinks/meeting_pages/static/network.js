// The Network page: parties as nodes, pairs that met as edges (width = meetings, colour = main status).
// The layout is computed once per data set (a fixed number of force ticks, no animation), then drawn.
"use strict";
(function () {
  const svg = d3.select("#network");
  const tbody = d3.select("#edges tbody");
  const summary = document.getElementById("summary");
  const form = document.getElementById("filters");
  const details = document.getElementById("table-view");
  // A table of thousands of rows costs seconds to lay out: past this many pairs it starts closed and
  // its rows are built when someone opens it.
  const OPEN_TABLE_UP_TO = 300;
  const TOOLTIP_EDGES = 1500;
  let current = null;
  let focusId = null;

  // Positions come from the strongest pairs only (at most LAYOUT_LINKS_PER_NODE per node): thousands
  // of one-off pairs would cost seconds of force ticks and barely move anyone. Every pair is drawn.
  const LAYOUT_LINKS_PER_NODE = 4;

  function layout(graph) {
    const nodes = graph.nodes.map((n) => Object.assign({}, n));
    const links = graph.edges.map((e) => Object.assign({}, e));
    const byId = new Map(nodes.map((n) => [n.id, n]));
    for (const l of links) {
      l.source = byId.get(l.source);
      l.target = byId.get(l.target);
    }
    const budget = Math.max(300, LAYOUT_LINKS_PER_NODE * nodes.length);
    const strongest = links.length <= budget ? links
      : links.slice().sort((a, b) => b.meetings - a.meetings).slice(0, budget);
    const degree = new Map();
    for (const e of graph.edges) {
      degree.set(e.source, (degree.get(e.source) || 0) + 1);
      degree.set(e.target, (degree.get(e.target) || 0) + 1);
    }
    const radius = d3.scaleSqrt().domain([1, d3.max(nodes, (n) => n.meetings) || 1]).range([5, 22]);
    for (const n of nodes) n.r = radius(n.meetings);
    const big = nodes.length > 100;
    const simulation = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(strongest).distance(70)
        .strength((l) => 1 / Math.min(degree.get(l.source.id), degree.get(l.target.id))))
      .force("charge", d3.forceManyBody().strength(-160))
      .force("x", d3.forceX().strength(0.04))
      .force("y", d3.forceY().strength(0.04))
      .force("collide", big ? null : d3.forceCollide((n) => n.r + 3))
      .stop();
    const ticks = big ? 100 : 300;
    for (let i = 0; i < ticks; i += 1) simulation.tick();
    return {nodes, links};
  }

  function draw(graph) {
    svg.selectAll("*").remove();
    if (!graph.nodes.length) {
      svg.attr("viewBox", "0 0 600 80");
      svg.append("text").attr("x", 20).attr("y", 45).text("No meetings match these filters.");
      return;
    }
    const t = performance.now();
    const {nodes, links} = layout(graph);
    window.__layoutMs = performance.now() - t;
    const margin = 40;
    const [x0, x1] = d3.extent(nodes, (n) => n.x);
    const [y0, y1] = d3.extent(nodes, (n) => n.y);
    svg.attr("viewBox", [x0 - margin, y0 - margin, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin].join(" "));
    const width = d3.scaleSqrt().domain([1, d3.max(links, (l) => l.meetings) || 1]).range([1.2, 9]);
    svg.append("rect").attr("class", "background")
      .attr("x", x0 - margin).attr("y", y0 - margin)
      .attr("width", x1 - x0 + 2 * margin).attr("height", y1 - y0 + 2 * margin)
      .on("click", () => focus(null, true));
    const lines = svg.append("g").attr("class", "edges").selectAll("line").data(links).join("line")
      .attr("class", "edge")
      .attr("data-source", (l) => l.source.id).attr("data-target", (l) => l.target.id)
      .attr("data-meetings", (l) => l.meetings).attr("data-status", (l) => l.status)
      .attr("x1", (l) => l.source.x).attr("y1", (l) => l.source.y)
      .attr("x2", (l) => l.target.x).attr("y2", (l) => l.target.y)
      .attr("stroke", (l) => nw.COLOURS[l.status] || "#999").attr("stroke-width", (l) => width(l.meetings));
    // A tooltip per pair while they are few; past that the table view carries the same figures.
    if (links.length <= TOOLTIP_EDGES) lines.append("title").text((l) => l.source.name + " – " + l.target.name + ": " + l.meetings + " meeting"
        + (l.meetings === 1 ? "" : "s") + " (" + nw.STATUSES.filter((s) => l[s]).map((s) => l[s] + " " + s).join(", ") + ")");  // absent: none
    const node = svg.append("g").attr("class", "nodes").selectAll("g").data(nodes).join("g")
      .attr("class", "node").attr("data-id", (n) => n.id).attr("data-meetings", (n) => n.meetings)
      .attr("transform", (n) => "translate(" + n.x + "," + n.y + ")")
      .attr("tabindex", 0).attr("role", "button")
      .attr("aria-label", (n) => "Focus " + n.name + ", " + n.meetings + " meetings")
      .on("click", (event, n) => { event.stopPropagation(); focus(n.id, true); })
      .on("keydown", (event, n) => {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); focus(n.id, true); }
        if (event.key === "Escape") focus(null, true);
      });
    node.append("circle").attr("r", (n) => n.r);
    node.append("text").attr("class", "label").attr("dy", (n) => -n.r - 3).text((n) => n.id);
    node.append("title").text((n) => n.name + ": " + n.meetings + " meeting" + (n.meetings === 1 ? "" : "s"));
  }

  function table(graph, focusId) {
    const edges = focusId ? graph.edges.filter((e) => e.source === focusId || e.target === focusId) : graph.edges;
    details.querySelector("summary").textContent = "Table view: " + edges.length + " pair" + (edges.length === 1 ? "" : "s");
    if (!details.open) {
      tbody.selectAll("tr").remove();
      return;
    }
    const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
    const rows = tbody.selectAll("tr").data(edges, (e) => e.id).join("tr")
      .attr("data-source", (e) => e.source).attr("data-target", (e) => e.target).attr("data-meetings", (e) => e.meetings);
    rows.selectAll("*").remove();
    rows.append("td").text((e) => names.get(e.source) + " (" + e.source + ")");
    rows.append("td").text((e) => names.get(e.target) + " (" + e.target + ")");
    rows.append("td").attr("class", "num").text((e) => e.meetings);
    for (const s of nw.STATUSES) rows.append("td").attr("class", "num").text((e) => e[s] || 0);
    rows.append("td").append("a").attr("href", (e) => nw.timelineHref(e.source, e.target)).text("timeline");
  }

  function focus(id, push) {
    if (!current) return;
    if (push) nw.setParams({focus: id}, true);
    form.elements.focus.value = id || "";
    const known = id && current.nodes.some((n) => n.id === id);
    const near = new Set(known ? [id] : []);
    if (known) for (const e of current.edges) {
      if (e.source === id) near.add(e.target);
      if (e.target === id) near.add(e.source);
    }
    svg.selectAll(".node").classed("dim", (n) => known && !near.has(n.id)).classed("focused", (n) => n.id === id);
    svg.selectAll(".edge").classed("dim", (l) => known && l.source.id !== id && l.target.id !== id);
    focusId = known ? id : null;
    table(current, focusId);
    const base = current.meetings + " meeting" + (current.meetings === 1 ? "" : "s") + " · " + current.nodes.length
      + " parties · " + current.edges.length + " pairs";
    const node = known ? current.nodes.find((n) => n.id === id) : null;
    summary.textContent = node ? base + " · focus: " + node.name + " (" + node.id + "), " + (near.size - 1)
      + " counterparts, " + node.meetings + " meetings" : base;
  }

  let latest = 0;  // a newer filter change wins: an older answer arriving late is dropped

  async function render() {
    const ticket = ++latest;
    const p = nw.params();
    try {
      const t0 = performance.now();
      const answer = await nw.getJSON("/graph" + nw.query(p, ["since", "until", "status", "region"]));
      if (ticket !== latest) return;
      current = answer;
      const t1 = performance.now();
      details.open = current.edges.length <= OPEN_TABLE_UP_TO;
      draw(current);
      focus(p.get("focus"), false);
      window.__timings = {start: t0, fetched: t1 - t0, drawn: performance.now() - t1, layout: window.__layoutMs};
      nw.rendered();
    } catch (error) {
      nw.failed(error);
    }
  }

  details.addEventListener("toggle", () => { if (current) table(current, focusId); });
  nw.bindFilters(form, render);
  render();
})();
