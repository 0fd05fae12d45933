// The Map page: the world (world-atlas, Natural Earth 1:110m), a chosen country's counterparts shaded
// by number of meetings. Organisations have no shape: the table lists them with everyone else.
"use strict";
(function () {
  const svg = d3.select("#map");
  const tbody = d3.select("#counterparts tbody");
  const summary = document.getElementById("summary");
  const form = document.getElementById("filters");
  const W = 960, H = 500;
  let world = null;

  async function loadWorld() {
    const [atlas, countries] = await Promise.all([
      nw.getJSON("/static/vendor/countries-110m.json"), nw.getJSON("/view/data/countries.json")]);
    const byNumeric = new Map();
    for (const [code, c] of Object.entries(countries)) if (c.numeric) byNumeric.set(c.numeric, code);
    const shapes = topojson.feature(atlas, atlas.objects.countries).features;
    for (const f of shapes) f.code = byNumeric.get(String(f.id)) || null;
    const projection = d3.geoNaturalEarth1().fitSize([W, H], {type: "Sphere"});
    return {shapes, countries, path: d3.geoPath(projection)};
  }

  function draw(country, counts) {
    svg.selectAll("*").remove();
    svg.attr("viewBox", "0 0 " + W + " " + H);
    const max = d3.max(counts.values()) || 1;
    const colour = d3.scaleSequential([0, max], d3.interpolateBlues);
    svg.append("path").attr("class", "sphere").attr("d", world.path({type: "Sphere"}));
    svg.append("g").selectAll("path").data(world.shapes).join("path")
      .attr("class", (f) => "country" + (f.code && f.code === country ? " selected" : ""))
      .attr("data-code", (f) => f.code || "").attr("data-meetings", (f) => counts.get(f.code) || 0)
      .attr("d", world.path)
      .attr("fill", (f) => (f.code === country ? "#1f2937" : counts.get(f.code) ? colour(0.15 * max + 0.85 * counts.get(f.code)) : "#e5e7eb"))
      .on("click", (event, f) => {
        if (!f.code) return;
        nw.setParams({country: f.code}, true);
        form.elements.country.value = f.code;
        render();
      })
      .append("title").text((f) => {
        const name = (world.countries[f.code] || {}).name || f.properties.name;
        return name + (counts.get(f.code) ? ": " + counts.get(f.code) + " meetings" : "");
      });
    const scale = d3.select("#scale");
    scale.selectAll("*").remove();
    if (counts.size) {
      for (const v of [...new Set([1, Math.round(max / 2), max])].filter((v) => v >= 1)) {
        const item = scale.append("span").attr("class", "step");
        item.append("span").attr("class", "swatch").style("background", colour(0.15 * max + 0.85 * v));
        item.append("span").text(v + (v === 1 ? " meeting" : " meetings"));
      }
    }
  }

  function table(country, items) {
    const rows = tbody.selectAll("tr").data(items, (d) => d.key).join("tr")
      .attr("data-code", (d) => d.key).attr("data-meetings", (d) => d.meetings);
    rows.selectAll("*").remove();
    rows.append("td").text((d) => ((world.countries[d.key] || {}).name || d.key) + " (" + d.key + ")");
    rows.append("td").attr("class", "num").text((d) => d.meetings);
    rows.append("td").append("a").attr("href", (d) => nw.timelineHref(country, d.key)).text("timeline");
  }

  let latest = 0;  // a newer filter change wins: an older answer arriving late is dropped

  async function render() {
    const ticket = ++latest;
    const p = nw.params();
    const country = (p.get("country") || "").toUpperCase();
    try {
      if (!world) world = await loadWorld();
      let items = [];
      if (country) {
        const answer = await nw.getJSON("/counts/counterparts" + nw.query(p, ["since", "until", "status"], {country}));
        items = answer.items;
      }
      if (ticket !== latest) return;
      draw(country, new Map(items.map((d) => [d.key, d.meetings])));
      table(country, items);
      const name = (world.countries[country] || {}).name || country;
      if (country) {
        const total = d3.sum(items, (d) => d.meetings);
        summary.textContent = name + " (" + country + "): " + items.length + " counterparts, " + total
          + " counterpart meetings";
      }
      nw.rendered();
    } catch (error) {
      nw.failed(error);
    }
  }

  nw.bindFilters(form, render);
  render();
})();
