// Shared by the Network, Map and Timeline pages: URL filters, JSON fetching, safe links, status colours.
// Every piece of data reaches the page through textContent or d3's .text(): never as markup.
"use strict";
(function () {
  const STATUSES = ["held", "planned", "postponed", "cancelled", "denied"];
  const COLOURS = {held: "#2f6fb0", planned: "#d89a1c", postponed: "#8a5cc2", cancelled: "#c8372d", denied: "#6b7280"};

  function params() {
    return new URLSearchParams(window.location.search);
  }

  // Write `changes` into the URL (empty values are dropped); push a history entry when asked.
  function setParams(changes, push) {
    const p = params();
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === undefined || value === "") p.delete(key); else p.set(key, value);
    }
    const search = p.toString();
    const url = window.location.pathname + (search ? "?" + search : "");
    if (push) window.history.pushState(null, "", url); else window.history.replaceState(null, "", url);
    return p;
  }

  // "?since=...&status=..." with only the given keys that have a value.
  function query(p, keys, extra) {
    const out = new URLSearchParams();
    for (const key of keys) if (p.get(key)) out.set(key, p.get(key));
    for (const [key, value] of Object.entries(extra || {})) out.set(key, value);
    const s = out.toString();
    return s ? "?" + s : "";
  }

  async function getJSON(url) {
    const response = await fetch(url, {headers: {Accept: "application/json"}});
    if (!response.ok) throw new Error(url + " answered HTTP " + response.status);
    return response.json();
  }

  // Only web addresses become links; anything else (javascript:, data:) stays text.
  function safeHref(value) {
    try {
      const url = new URL(String(value), window.location.href);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function statusClass(status) {
    return STATUSES.includes(status) ? "status-" + status : "status-unknown";
  }

  // The form's fields mirror the URL; a change rewrites the URL and calls `render`; Back/Forward re-render.
  function bindFilters(form, render) {
    const sync = () => {
      const p = params();
      for (const field of form.elements) if (field.name) field.value = p.get(field.name) || "";
    };
    const apply = (event) => {
      if (event) event.preventDefault();
      const changes = {};
      for (const field of form.elements) if (field.name) changes[field.name] = field.value.trim();
      setParams(changes, true);
      render();
    };
    form.addEventListener("change", apply);
    form.addEventListener("submit", apply);
    window.addEventListener("popstate", () => { sync(); render(); });
  }

  // Marks a finished drawing once the browser has laid it out and painted the next frame: tests and the
  // benchmark wait on data-renders and read window.__renderMs (milliseconds since navigation started).
  function rendered() {
    requestAnimationFrame(() => setTimeout(() => {
      window.__renderMs = performance.now();
      document.body.dataset.renders = String(Number(document.body.dataset.renders || 0) + 1);
    }, 0));
  }

  function failed(error) {
    const summary = document.getElementById("summary");
    if (summary) summary.textContent = "Could not load the data: " + error.message;
    console.error(error);
  }

  function timelineHref(a, b) {
    return "/view/timeline?" + new URLSearchParams({a: a, b: b}).toString();
  }

  window.nw = {STATUSES, COLOURS, params, setParams, query, getJSON, safeHref, statusClass, bindFilters,
               rendered, failed, timelineHref};
})();
