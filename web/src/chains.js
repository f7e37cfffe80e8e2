// The workspace's chains: size, the leaders' delivered yield, the weak segment, a trend sparkline; upload.
import { t } from "./i18n.js";
import { h, pct, table, errorBox, sparkline, jsonView } from "./dom.js";
import * as api from "./api.js";

const typeOf = (name) => (/\.json$/i.test(name) ? "application/json" : /\.xlsx$/i.test(name)
  ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/zip");

async function row(chain) {
  const out = { id: chain.id, snapshots: chain.snapshots || [], name: "", firms: "", links: "", leaders: [], weak: "", trend: [] };
  const last = out.snapshots[out.snapshots.length - 1] || {};
  out.name = last.name || chain.id;
  out.firms = last.firms;
  out.links = last.links;
  const base = "chains/" + encodeURIComponent(chain.id) + "/";
  const [analysis, trend, summary] = await Promise.allSettled([api.get(base + "analysis", { only: "quality" }), api.get(base + "trend"), api.get(base + "summary")]);
  const segment = summary.status === "fulfilled" ? Object.fromEntries((summary.value.segments || []).map((s) => [s.id, s.name])) : {};
  if (analysis.status === "fulfilled") {
    const q = analysis.value.quality || {};
    out.leaders = q.leaders || [];
    out.weak = q.weak_segment ? (segment[q.weak_segment] || q.weak_segment) : "";
  }
  if (trend.status === "fulfilled") out.trend = (trend.value.snapshots || []).map((s) => s.mean_yield);
  return out;
}

function uploadForm(root, reload) {
  const file = h("input", { type: "file", name: "snapshot", accept: ".json,.xlsx,.zip" });
  const result = h("div", { class: "messages", id: "upload-result" });
  return h("form", { class: "upload", onsubmit: async (e) => {
    e.preventDefault();
    const f = file.files[0];
    if (!f) return;
    try {
      const r = await api.post("chains", await f.arrayBuffer(), {}, typeOf(f.name));
      result.replaceChildren(h("h3", {}, t("uploaded")), jsonView(r));
      reload();
    } catch (err) {
      result.replaceChildren(errorBox(err));
    }
  } }, h("label", {}, t("upload_file"), file), h("button", { type: "submit" }, t("upload")), result);
}

export async function chainsPage(root, go) {
  root.replaceChildren(h("p", {}, t("loading")));
  const list = await api.get("chains");
  const rows = await Promise.all((list.chains || []).map(row));
  const draw = () => {
    const columns = [
      { label: t("chain"), value: (r) => h("a", { href: "/chains/" + encodeURIComponent(r.id), "data-route": true, class: "chain-link" }, r.name + " (" + r.id + ")"), csv: (r) => r.id },
      { label: t("latest"), value: (r) => (r.snapshots[r.snapshots.length - 1] || {}).as_of || "—" },
      { label: t("snapshots"), value: (r) => r.snapshots.length },
      { label: t("firms"), value: (r) => r.firms ?? "—" },
      { label: t("links"), value: (r) => r.links ?? "—" },
      { label: t("leaders_yield"), value: (r) => h("span", {}, r.leaders.map((l) => h("span", { class: "chip", dataset: { firmId: l.id } }, l.id + " " + pct(l.delivered_yield)))),
        csv: (r) => r.leaders.map((l) => l.id + " " + pct(l.delivered_yield)).join("; ") },
      { label: t("weak_segment"), value: (r) => r.weak || "—" },
      { label: t("trend"), value: (r) => sparkline(r.trend), csv: (r) => r.trend.map(pct).join(" ") },
    ];
    root.replaceChildren(h("h1", {}, t("chains")), table(columns, rows, { name: "chains" }),
      api.mayWrite() ? uploadForm(root, () => chainsPage(root, go)) : h("p", { class: "note" }, t("viewer_note")));
  };
  draw();
}
