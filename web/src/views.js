// Diagrams, bottlenecks, effect and report tabs.
import svgPanZoom from "svg-pan-zoom";
import { t } from "./i18n.js";
import { h, pct, num, table, errorBox, sparkline, jsonView } from "./dom.js";
import * as api from "./api.js";

// body: the scenario the scenario view draws (POSTed; the other views are plain reads).
export function diagram(root, base, view, extra = {}, body = undefined) {
  const box = h("div", { class: "diagram", id: "diagram-" + view }, t("loading"));
  const links = h("div", { class: "downloads" }, ["svg", "png", "pdf"].map((f) =>
    h("a", { href: api.url(base + "render", { view, format: f, ...extra }), download: view + "." + f }, t("download") + " " + f.toUpperCase())));
  root.append(body ? "" : links, box);
  const asked = body ? api.post(base + "render", body, { view, format: "svg", ...extra }, "application/json") : api.get(base + "render", { view, format: "svg", ...extra });
  asked.then((svg) => {
    box.innerHTML = typeof svg === "string" ? svg.replace(/^<\?xml[^>]*>/, "").replace(/<!DOCTYPE[^>]*>/, "") : "";
    const el = box.querySelector("svg");
    if (!el) return;
    el.removeAttribute("width");
    el.removeAttribute("height");
    el.style.width = "100%";
    el.style.height = "70vh";
    svgPanZoom(el, { controlIconsEnabled: true, zoomScaleSensitivity: 0.3, minZoom: 0.2, maxZoom: 40 });
  }).catch((e) => box.replaceChildren(errorBox(e)));
}

export async function diagrams(root, ctx) {
  const views = ["map", "issues", "fishbone", "ecosystem"];
  const chosen = new URLSearchParams(location.search).get("view") || "map";
  const area = h("div", {});
  root.replaceChildren(h("nav", { class: "subtabs" }, views.map((v) =>
    h("a", { href: ctx.chainPath + "/diagrams?view=" + v, "data-route": true, class: v === chosen ? "active" : undefined }, t("view_" + v)))), area);
  diagram(area, ctx.base, chosen);
}

export async function bottlenecks(root, ctx) {
  root.replaceChildren(h("p", {}, t("loading")));
  const [a, summary] = await Promise.all([api.get(ctx.base + "analysis"), api.get(ctx.base + "summary")]);
  const segment = Object.fromEntries((summary.segments || []).map((s) => [s.id, s.name]));
  const segName = (id) => (segment[id] ? segment[id] + " (" + id + ")" : id);
  const xlsx = api.url(ctx.base + "analysis", { format: "xlsx" });
  const q = a.quality || {}, s = a.structure || {};
  const firm = (r) => r.id;
  const focus = new URLSearchParams(location.search).get("issue");
  const issues = table([
    { label: t("code"), value: (r) => r.code }, { label: t("name"), value: (r) => r.name },
    { label: t("firms"), value: (r) => r.firms }, { label: t("total_gain"), value: (r) => num(r.total_gain * 100, 4), csv: (r) => r.total_gain },
  ], q.issues || [], { name: "shared-issues", xlsx });
  if (focus) issues.querySelectorAll("tbody tr").forEach((tr) => tr.firstChild.textContent === focus && tr.classList.add("focus"));
  const critical = (s.leaders || []).flatMap((l) => (l.critical_suppliers || []).map((c) => ({ id: c.id, leader: l.id, path: (c.path || []).join(" → ") })));
  const systemic = Object.entries((a.systemic || {}).firms || {}).map(([id, v]) => ({ id, ...v }));
  const weak = (q.upstream_origins_by_segment ? Object.entries(q.upstream_origins_by_segment) : []).map(([id, share]) => ({ id, share }));
  root.replaceChildren(
    h("h2", {}, t("weak_segment") + ": " + (q.weak_segment ? segName(q.weak_segment) : "—")),
    table([{ label: t("segment"), value: (r) => segName(r.id) }, { label: t("origin_share"), value: (r) => pct(r.share), csv: (r) => r.share }], weak, { name: "weak-segment", xlsx }),
    h("h2", {}, t("shared_issues")), issues,
    h("h2", {}, t("critical")),
    table([{ label: t("firm"), value: (r) => r.id }, { label: t("leader"), value: (r) => r.leader }, { label: t("path"), value: (r) => r.path }],
      critical, { firm, onFirm: ctx.openFirm, name: "critical-suppliers", xlsx }),
    h("h2", {}, t("systemic")),
    table([{ label: t("rank"), value: (r) => systemic.indexOf(r) + 1 }, { label: t("firm"), value: (r) => r.id }, { label: t("index"), value: (r) => num(r.index, 4), csv: (r) => r.index }],
      systemic, { firm, onFirm: ctx.openFirm, name: "systemic-ranking", xlsx }));
}

export async function effect(root, ctx) {
  const snaps = ctx.chain.snapshots || [];
  const before = h("select", { name: "before" }, snaps.slice(0, -1).map((s) => h("option", { value: s.as_of }, s.as_of)));
  const out = h("div", { id: "compare-result" });
  const trendBox = h("div", {});
  const gradeBox = h("div", {});
  root.replaceChildren(h("h2", {}, t("compare")),
    h("form", { class: "row", onsubmit: async (e) => {
      e.preventDefault();
      try { out.replaceChildren(jsonView(await api.get(ctx.base + "compare", { before: before.value }))); } catch (err) { out.replaceChildren(errorBox(err)); }
    } }, h("label", {}, t("earlier"), before), h("button", { type: "submit", disabled: snaps.length < 2 }, t("run"))), out,
    h("h2", {}, t("trend")), trendBox, h("h2", {}, t("grades")), gradeBox);
  try {
    const tr = await api.get(ctx.base + "trend");
    const rows = tr.snapshots || [];
    trendBox.replaceChildren(sparkline(rows.map((r) => r.mean_yield), 240, 48),
      table([{ label: t("as_of"), value: (r) => r.as_of }, { label: t("firms"), value: (r) => r.firms }, { label: t("mean_yield"), value: (r) => pct(r.mean_yield), csv: (r) => r.mean_yield },
        ...(tr.leaders || []).map((l, i) => ({ label: l.name + " " + l.id, value: (r) => pct((r.leader_delivered_yield || [])[i]), csv: (r) => (r.leader_delivered_yield || [])[i] }))], rows, { name: "trend" }),
      h("h3", {}, t("indicators")),
      table([{ label: t("as_of"), value: (r) => r.from + " → " + r.to }, { label: t("indicators"), value: (r) => jsonView(r.indicators), csv: (r) => JSON.stringify(r.indicators) },
        { label: t("effect"), value: (r) => jsonView(r.effect_indicators), csv: (r) => JSON.stringify(r.effect_indicators) }], tr.steps || [], { name: "indicators" }));
  } catch (e) { trendBox.replaceChildren(errorBox(e)); }
  try {
    const g = await api.get(ctx.base + "grade");
    gradeBox.replaceChildren(table([{ label: t("segment"), value: (r) => r.segment },
      ...["startup", "developing", "leaping"].map((k) => ({ label: t(k), value: (r) => (r.counts || {})[k] ?? 0 }))], g.by_segment || [], { name: "grades-by-segment" }));
  } catch (e) { gradeBox.replaceChildren(errorBox(e)); }
}

export async function report(root, ctx) {
  root.replaceChildren(h("p", {}, h("a", { href: api.url(ctx.base + "report"), target: "_blank", id: "report-open" }, t("open_report")), " · ",
    h("a", { href: api.url(ctx.base + "report"), download: ctx.id + "-report.html", id: "report-download" }, t("download_report"))),
  h("p", {}, h("a", { href: api.url(ctx.base + "analysis", { format: "xlsx" }), download: ctx.id + "-analysis.xlsx" }, t("xlsx") + " · " + t("bottlenecks"))),
  h("p", {}, h("a", { href: api.url(ctx.base + "ledger", { format: "xlsx" }), download: ctx.id + "-ledger.xlsx" }, t("xlsx") + " · " + t("ledger"))));
}
