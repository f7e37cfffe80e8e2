// A scenario built in a form (or uploaded), run, saved by name; this run beside the previous one.
import { t } from "./i18n.js";
import { h, pct, points, table, errorBox } from "./dom.js";
import * as api from "./api.js";
import { diagram } from "./views.js";

const kinds = ["set_yield", "stop", "decertify", "spread_issue", "fix_issue", "assist"];
const ids = (text) => text.split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean);

function eventRow(segments, onRemove) {
  const type = h("select", { name: "type" }, kinds.map((k) => h("option", { value: k }, t("ev_" + k))));
  const firms = h("input", { name: "firms", placeholder: t("targets") });
  const segment = h("select", { name: "segment" }, h("option", { value: "" }, t("any_segment")), segments.map((s) => h("option", { value: s.id }, s.name)));
  const value = h("input", { name: "value", size: 8 });
  const hint = h("span", { class: "hint" });
  const hints = { set_yield: t("value") + " 0–1", stop: "", decertify: t("scheme"), spread_issue: t("code") + ":" + t("severity"), fix_issue: t("code"), assist: t("gain") + " 0–1" };
  const sync = () => { hint.textContent = hints[type.value]; value.disabled = type.value === "stop"; };
  type.addEventListener("change", sync);
  sync();
  const row = h("div", { class: "event row" }, type, firms, segment, value, hint, h("button", { type: "button", class: "link", onclick: () => { row.remove(); onRemove(); } }, t("remove")));
  row.toEvent = () => {
    const e = { type: type.value };
    const f = ids(firms.value);
    if (f.length) e.firms = f;
    if (segment.value) e.segment = segment.value;
    const v = value.value.trim();
    if (type.value === "set_yield") e.value = Number(v);
    if (type.value === "assist") e.yield_gain = Number(v);
    if (type.value === "decertify") { e.scheme = v; if (f.length === 1) { e.firm = f[0]; delete e.firms; } }
    if (type.value === "fix_issue") e.code = v;
    if (type.value === "spread_issue") { const [code, sev] = v.split(/[:：]/); e.code = code; e.severity = Number(sev || 3); }
    return e;
  };
  return row;
}

function result(doc, ctx, label, names) {
  const s = (doc.scenarios || [])[0] || {};
  const q = s.quality || {}, p = s.production || {};
  const level = Object.fromEntries((p.leaders || []).map((l) => [l.id, l.level]));
  const firm = (r) => r.id;
  return h("div", { class: "whatif-result" }, h("h3", {}, label + " · " + (s.name || "")),
    table([{ label: t("leader"), value: (r) => (names[r.id] || "") + " " + r.id }, { label: t("before"), value: (r) => pct(r.before, 3), csv: (r) => r.before },
      { label: t("after"), value: (r) => pct(r.after, 3), csv: (r) => r.after }, { label: t("change"), value: (r) => points(r.before, r.after) },
      { label: t("production"), value: (r) => pct(level[r.id]), csv: (r) => level[r.id] }], q.leaders || [], { firm, onFirm: ctx.openFirm, name: "whatif-leaders" }),
    h("h4", {}, t("changed_firms") + " (" + (q.changed || []).length + ")"),
    table([{ label: t("firm"), value: (r) => r.id }, { label: t("before"), value: (r) => pct(r.before, 3) }, { label: t("after"), value: (r) => pct(r.after, 3) },
      { label: t("change"), value: (r) => points(r.before, r.after) }], (q.changed || []).slice(0, 100), { firm, onFirm: ctx.openFirm, name: "whatif-changed" }),
    (s.warnings || []).length ? h("ul", { class: "warnings" }, s.warnings.map((w) => h("li", {}, typeof w === "string" ? w : JSON.stringify(w)))) : null);
}

export async function whatif(root, ctx) {
  const summary = await api.get(ctx.base + "summary");
  const segments = summary.segments || [];
  const names = Object.fromEntries((summary.leaders || []).map((l) => [l.id, l.name]));
  const events = h("div", { class: "events" });
  const add = () => events.append(eventRow(segments, () => {}));
  add();
  const name = h("input", { name: "scenario-name", placeholder: t("scenario_name") });
  const upload = h("input", { type: "file", name: "scenario-file", accept: ".json" });
  const results = h("div", { class: "side-by-side", id: "whatif-results" });
  const saved = h("ul", { class: "saved", id: "saved-scenarios" });
  const map = h("div", {});
  let previous = null;
  const scenario = () => ({ format: "qchain-scenario/1", name: name.value || t("whatif"), events: [...events.children].map((r) => r.toEvent()) });
  const run = async (body) => {
    try {
      const doc = await api.post(ctx.base + "whatif", body, {}, "application/json");
      results.replaceChildren(result(doc, ctx, t("current"), names), previous ? result(previous, ctx, t("previous"), names) : "");
      previous = doc;
    } catch (e) { results.replaceChildren(errorBox(e)); }
  };
  const listSaved = async () => {
    try {
      const r = await api.get(ctx.base + "scenarios");
      saved.replaceChildren(...(r.scenarios || []).map((s) => h("li", {}, h("button", { type: "button", class: "link", onclick: async () => run(JSON.stringify(await api.get(ctx.base + "scenarios/" + encodeURIComponent(s.name)))) }, s.name), " · " + (s.saved_by || "") + " " + s.saved_at)));
    } catch (e) { saved.replaceChildren(errorBox(e)); }
  };
  root.replaceChildren(
    h("form", { id: "whatif-form", onsubmit: (e) => { e.preventDefault(); run(JSON.stringify(scenario())); } },
      h("div", { class: "row" }, name), events,
      h("div", { class: "row" }, h("button", { type: "button", onclick: add }, t("add_event")), h("button", { type: "submit", id: "whatif-run" }, t("run")),
        api.mayWrite() ? h("button", { type: "button", id: "whatif-save", onclick: async () => {
          try { await api.post(ctx.base + "scenarios", JSON.stringify(scenario()), { name: name.value || t("whatif") }, "application/json"); listSaved(); } catch (e) { results.prepend(errorBox(e)); }
        } }, t("save")) : null,
        h("button", { type: "button", onclick: () => { map.replaceChildren(); diagram(map, ctx.base, "scenario", {}, JSON.stringify(scenario())); } }, t("scenario_map"))),
      h("label", { class: "row" }, t("upload_scenario"), upload)),
    results, h("h3", {}, t("saved")), saved, map);
  upload.addEventListener("change", async () => { if (upload.files[0]) run(await upload.files[0].text()); });
  listSaved();
}
