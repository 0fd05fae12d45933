// The Timeline page: one pair's meetings, oldest at the top; each dot is a status change (planned,
// held, postponed...) at the date its report speaks for, joined by a line across the meeting's life.
"use strict";
(function () {
  const svg = d3.select("#timeline");
  const tbody = d3.select("#meetings tbody");
  const summary = document.getElementById("summary");
  const form = document.getElementById("filters");
  const day = (value) => String(value).slice(0, 10);

  async function meetings(p) {
    const out = [];
    let offset = 0;
    for (;;) {
      const page = await nw.getJSON("/meetings" + nw.query(p, ["since", "until"],
        {country: p.get("a"), with: p.get("b"), limit: 500, offset}));
      out.push(...page.items);
      if (page.next_offset === null || page.next_offset === undefined) return out;
      offset = page.next_offset;
    }
  }

  function draw(items) {
    svg.selectAll("*").remove();
    const rowHeight = 22, left = 120, right = 30, top = 30;
    const W = 960, H = top + Math.max(1, items.length) * rowHeight + 20;
    svg.attr("viewBox", "0 0 " + W + " " + H);
    if (!items.length) {
      svg.append("text").attr("x", 20).attr("y", 40).text("No meetings of this pair match.");
      return;
    }
    const ordered = items.slice().sort((a, b) => d3.ascending(a.date, b.date));
    const times = ordered.flatMap((m) => [new Date(m.date), ...m.status_history.map((c) => new Date(c.at))]);
    let [t0, t1] = d3.extent(times);
    const pad = Math.max((t1 - t0) * 0.05, 7 * 86400000);  // a lone meeting gets a fortnight around it
    t0 = new Date(t0.getTime() - pad);
    t1 = new Date(t1.getTime() + pad);
    const x = d3.scaleUtc().domain([t0, t1]).nice().range([left, W - right]);
    svg.append("g").attr("class", "axis").attr("transform", "translate(0," + (top - 8) + ")")
      .call(d3.axisTop(x).ticks(8));
    const row = svg.append("g").selectAll("g").data(ordered).join("g")
      .attr("class", "meeting").attr("data-id", (m) => m.meeting_id)
      .attr("transform", (m, i) => "translate(0," + (top + i * rowHeight + rowHeight / 2) + ")");
    row.append("a").attr("href", (m) => "/view/meetings/" + encodeURIComponent(m.meeting_id))
      .append("text").attr("class", "row-label").attr("x", 8).attr("dy", "0.35em").text((m) => day(m.date));
    row.append("line").attr("class", "life")
      .attr("x1", (m) => x(new Date(m.status_history.length ? m.status_history[0].at : m.date)))
      .attr("x2", (m) => x(new Date(m.status_history.length ? m.status_history[m.status_history.length - 1].at : m.date)));
    row.selectAll("circle").data((m) => m.status_history).join("circle")
      .attr("class", "change").attr("data-status", (c) => c.status)
      .attr("cx", (c) => x(new Date(c.at))).attr("r", 6).attr("fill", (c) => nw.COLOURS[c.status] || "#999")
      .append("title").text((c) => c.status + " as of " + day(c.at) + (c.outlet ? " (" + c.outlet + ")" : ""));
  }

  function table(items) {
    const rows = tbody.selectAll("tr").data(items, (m) => m.meeting_id).join("tr").attr("data-id", (m) => m.meeting_id);
    rows.selectAll("*").remove();
    rows.append("td").append("a").attr("href", (m) => "/view/meetings/" + encodeURIComponent(m.meeting_id))
      .text((m) => day(m.date));
    rows.append("td").append("span").attr("class", (m) => "badge " + nw.statusClass(m.status)).text((m) => m.status);
    rows.append("td").text((m) => m.status_history.map((c) => c.status + " " + day(c.at)
      + (c.outlet ? " (" + c.outlet + ")" : "")).join(" → "));
    rows.append("td").text((m) => [m.location, m.event].filter(Boolean).join(", ") || "–");
    rows.append("td").attr("class", "num").text((m) => m.reports.length);
  }

  let latest = 0;  // a newer filter change wins: an older answer arriving late is dropped

  async function render() {
    const ticket = ++latest;
    const p = nw.params();
    const a = (p.get("a") || "").toUpperCase(), b = (p.get("b") || "").toUpperCase();
    try {
      if (!a || !b) {
        draw([]);
        table([]);
        summary.textContent = "Choose two parties (ISO codes, e.g. KR and JP).";
      } else {
        const items = await meetings(p);
        if (ticket !== latest) return;
        draw(items);
        table(items);
        const changes = d3.sum(items, (m) => Math.max(0, m.status_history.length - 1));
        summary.textContent = a + " – " + b + ": " + items.length + " meeting" + (items.length === 1 ? "" : "s")
          + ", " + changes + " status change" + (changes === 1 ? "" : "s") + " after the first report";
      }
      nw.rendered();
    } catch (error) {
      nw.failed(error);
    }
  }

  nw.bindFilters(form, render);
  render();
})();
