// Search first: one box (firms, issue codes, segments); a chosen firm's neighbourhood N steps up and
// down in a WebGL view (sigma.js), the farther ring faded; the firm panel with all the firm endpoint returns.
import Graph from "graphology";
import Sigma from "sigma";
import { t } from "./i18n.js";
import { h, pct, errorBox, jsonView } from "./dom.js";
import * as api from "./api.js";
import { panByTransform } from "./pan.js";

const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

function searchBox(base, onFirm, onOther) {
  const input = h("input", { type: "search", placeholder: t("search"), autocomplete: "off", role: "combobox", "aria-expanded": "false", "aria-controls": "suggestions" });
  const list = h("ul", { id: "suggestions", role: "listbox", class: "suggestions" });
  let items = [], active = -1, timer = null, closing = null, asked = 0;
  const close = () => { list.replaceChildren(); items = []; active = -1; input.setAttribute("aria-expanded", "false"); };
  const mark = () => items.forEach((li, i) => li.classList.toggle("active", i === active));
  const choose = (li) => {
    close();
    if (li.dataset.firmId) { input.value = li.dataset.label; onFirm(li.dataset.firmId); } else onOther(li.dataset);
  };
  const suggest = async () => {
    const q = input.value.trim();
    if (!q) return close();
    const mine = ++asked;
    let r;
    try { r = await api.get(base + "search", { q }); } catch (e) { return close(); }
    if (mine !== asked) return;
    const lis = [
      ...(r.firms || []).map((f) => h("li", { role: "option", dataset: { firmId: f.id, label: f.name } }, h("b", {}, f.name), " ", f.id, f.segment ? " · " + f.segment : "")),
      ...(r.issues || []).map((x) => h("li", { role: "option", dataset: { issue: x.code } }, t("issue") + " " + x.code + " " + x.name + " (" + x.firms + ")")),
      ...(r.segments || []).map((s) => h("li", { role: "option", dataset: { segment: s.id } }, t("segment") + " " + s.name + " (" + s.id + ")")),
    ];
    lis.forEach((li) => li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(li); }));
    items = lis;
    active = lis.length ? 0 : -1;
    list.replaceChildren(...lis);
    input.setAttribute("aria-expanded", lis.length ? "true" : "false");
    mark();
  };
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 150); });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && items.length) { active = (active + 1) % items.length; mark(); e.preventDefault(); }
    else if (e.key === "ArrowUp" && items.length) { active = (active - 1 + items.length) % items.length; mark(); e.preventDefault(); }
    else if (e.key === "Enter" && active >= 0) { choose(items[active]); e.preventDefault(); }
    else if (e.key === "Escape") { close(); e.preventDefault(); }
  });
  // Closed a moment after focus leaves (a click on a suggestion lands first), unless focus comes back
  // before then: a close left pending would wipe the suggestions typed after it.
  input.addEventListener("blur", () => { clearTimeout(closing); closing = setTimeout(close, 200); });
  input.addEventListener("focus", () => clearTimeout(closing));
  return h("div", { class: "search" }, input, list);
}

function webglAvailable() {
  try { return !!document.createElement("canvas").getContext("webgl"); } catch (e) { return false; }
}

let renderer = null, stopPan = null;

const extent = (values) => values.reduce(([lo, hi], v) => [Math.min(lo, v), Math.max(hi, v)], [Infinity, -Infinity]);

// The server lays nodes out by tier (x) and row within the tier (y); a few tiers of many nodes would
// be a thin strip, so x is stretched to the view's proportions.
function stretchOf(container, nodes) {
  const span = (key) => { const [lo, hi] = extent(nodes.map((n) => n[key])); return hi - lo || 1; };
  const aspect = (container.clientWidth || 800) / (container.clientHeight || 600);
  return Math.max(1, (span("y") * aspect * 0.8) / span("x"));
}

// Sigma redraws from its own buffers on a camera move (pan, zoom: one matrix); the graph is built once
// per view, never per frame.
function drawGraph(container, graph, onNode, settings = {}, large = false) {
  if (stopPan) { stopPan(); stopPan = null; }
  if (renderer) { renderer.kill(); renderer = null; }
  container.replaceChildren();
  if (!webglAvailable()) { container.append(h("p", { class: "note" }, t("no_webgl"))); return; }
  renderer = new Sigma(graph, container, { renderEdgeLabels: false, labelRenderedSizeThreshold: 8, defaultEdgeType: "arrow", zIndex: true, ...settings });
  renderer.on("clickNode", ({ node }) => onNode(node));
  if (large) stopPan = panByTransform(renderer, container);
}

function segmentColour(segments, segment) { return palette[segments.indexOf(segment || "") % palette.length]; }

// Once the overview has given the chain's segments, colours follow their declared order, so that a
// segment keeps its colour from the overview to a neighbourhood.
let chainSegments = null;  // [{id, name}]
function segmentsOf(nodes) {
  if (chainSegments) return [...chainSegments.map((s) => s.id), ""];
  return [...new Set(nodes.map((n) => n.segment || ""))];
}

// The colours of the view, named: only the segments it shows.
function fillLegend(el, segments, nodes, hint) {
  const shown = new Set(nodes.map((n) => n.segment || ""));
  const names = new Map((chainSegments || []).map((s) => [s.id, s.name]));
  const chips = segments.filter((id) => shown.has(id)).map((id) =>
    h("span", { class: "chip", "data-segment": id }, h("i", { style: "background:" + segmentColour(segments, id) }), names.get(id) || id || t("no_segment")));
  el.replaceChildren(...chips, ...(hint ? [h("span", { class: "hint" }, hint)] : []));
}

function drawNeighbourhood(container, doc, steps, onFirm, legend) {
  const graph = new Graph({ multi: false, type: "directed" });
  const segments = segmentsOf(doc.nodes);
  fillLegend(legend, segments, doc.nodes);
  const stretch = stretchOf(container, doc.nodes);
  for (const n of doc.nodes) {
    const far = n.distance < -steps.up || n.distance > steps.down;
    graph.addNode(n.id, { x: n.x * stretch, y: -n.y, label: n.name + " " + n.id, size: n.distance === 0 ? 12 : 6,
      color: far ? "#d0d0d0" : segmentColour(segments, n.segment), far, zIndex: far ? 0 : 1 });
  }
  for (const l of doc.links)
    if (!graph.hasEdge(l.supplier, l.customer)) {
      const far = graph.getNodeAttribute(l.supplier, "far") || graph.getNodeAttribute(l.customer, "far");
      graph.addEdge(l.supplier, l.customer, { color: far ? "#eeeeee" : "#9aa5b1", size: 1, type: "arrow" });
    }
  drawGraph(container, graph, (id) => onFirm(id), { nodeReducer: (id, a) => (a.far ? { ...a, label: "" } : a) });
}

// No firm chosen: the whole chain firm by firm, or (above the server's max_firms) its (tier, segment)
// groups, as large as their firm counts, with the links between them as wide as their number.
function drawOverview(container, doc, onFirm, legend) {
  const graph = new Graph({ multi: false, type: "directed" });
  const nodes = doc.aggregated ? doc.groups : doc.nodes;
  if (Array.isArray(doc.segments)) chainSegments = doc.segments;
  const segments = segmentsOf(nodes);
  fillLegend(legend, segments, nodes, t("overview_hint"));
  const stretch = stretchOf(container, nodes);
  if (doc.aggregated) {
    const most = Math.max(1, ...doc.groups.map((g) => g.firms));
    for (const g of doc.groups)
      graph.addNode(g.id, { x: g.x * stretch, y: -g.y, size: 4 + 16 * Math.sqrt(g.firms / most), color: segmentColour(segments, g.segment),
        label: (g.segment_name || g.segment || "") + " T" + g.tier + " · " + g.firms + " · " + pct(g.mean_delivered_yield) });
    const heaviest = Math.max(1, ...doc.group_links.map((l) => l.links));
    for (const l of doc.group_links)
      graph.addEdge(l.from, l.to, { size: 0.5 + 6 * Math.sqrt(l.links / heaviest), color: "#9aa5b1", type: "arrow" });
    return drawGraph(container, graph, () => {});  // a group is no firm: the search box finds its firms
  }
  const large = doc.nodes.length > 2000;
  for (const n of doc.nodes)
    graph.addNode(n.id, { x: n.x * stretch, y: -n.y, label: n.name + " " + n.id, size: large ? 2 : 5, color: segmentColour(segments, n.segment) });
  for (const l of doc.links)
    if (!graph.hasEdge(l.supplier, l.customer)) graph.addEdge(l.supplier, l.customer, { color: "#c3cad3", size: large ? 0.5 : 1, type: large ? "line" : "arrow" });
  // Above a few thousand firms a frame costs too much to draw one per mouse move (bench/results/web-speed.md):
  // a drag moves the drawn layers (pan.js); a wheel zoom, which sigma draws, leaves the links out meanwhile.
  drawGraph(container, graph, (id) => onFirm(id), large ? { hideEdgesOnMove: true, hideLabelsOnMove: true } : {}, large);
}

// The bench (bench/web_speed.py) and the browser test wait for this: the first view drawn and painted.
async function signalReady() {
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  if (window.qchainReady) return;
  performance.mark("qchain-ready");
  window.qchainReady = true;
}

function firmPanel(panel, doc, onFirm) {
  const f = doc.firm || doc.profile || doc;
  const id = f.id || doc.id;
  panel.dataset.firmId = id;
  const known = (x) => /^[A-Za-z]+[0-9]+$/.test(x);
  const body = jsonView(doc, known);
  body.querySelectorAll("[data-firm-id]").forEach((el) => el.addEventListener("click", () => onFirm(el.dataset.firmId)));
  panel.replaceChildren(h("h2", {}, (f.name || "") + " ", h("span", { class: "firm-id" }, id)), body);
}

export async function explorer(root, ctx) {
  const base = ctx.base;
  const up = h("input", { type: "number", min: 0, max: 10, value: 2, name: "up" });
  const down = h("input", { type: "number", min: 0, max: 10, value: 2, name: "down" });
  const view = h("div", { id: "network", class: "network" });
  const panel = h("aside", { id: "firm-panel", class: "firm-panel" }, h("p", { class: "note" }, t("choose_firm")));
  const status = h("div", { class: "status" });
  const legend = h("div", { id: "legend", class: "legend" });
  let current = null;
  const open = async (firm) => {
    current = firm;
    history.replaceState({}, "", location.pathname + "?firm=" + encodeURIComponent(firm));
    const steps = { up: Number(up.value) || 0, down: Number(down.value) || 0 };
    try {
      const [doc, hood] = await Promise.all([api.get(base + "firms/" + encodeURIComponent(firm)),
        api.get(base + "neighbourhood", { firm, up: steps.up + 1, down: steps.down + 1 })]);
      firmPanel(panel, doc, open);
      drawNeighbourhood(view, hood, steps, open, legend);
      status.textContent = hood.nodes.length + " " + t("firm_count") + (hood.truncated ? " (…)" : "");
    } catch (e) {
      panel.replaceChildren(errorBox(e));
    }
  };
  const overview = async () => {
    try {
      const doc = await api.get(base + "overview");
      drawOverview(view, doc, open, legend);
      status.textContent = doc.firm_count + " " + t("firm_count") + (doc.aggregated ? " · " + doc.groups.length + " " + t("groups") : "");
    } catch (e) {
      view.replaceChildren(errorBox(e));
    }
  };
  const other = (d) => { if (d.issue) ctx.go(ctx.chainPath + "/bottlenecks?issue=" + encodeURIComponent(d.issue)); };
  [up, down].forEach((x) => x.addEventListener("change", () => current && open(current)));
  root.replaceChildren(
    h("div", { class: "explore-bar" }, searchBox(base, open, other), h("label", {}, t("up"), up), h("label", {}, t("down"), down), status),
    legend,
    h("div", { class: "explore" }, view, panel));
  const asked = new URLSearchParams(location.search).get("firm");
  if (asked) await open(asked);
  else await overview();
  await signalReady();
}
