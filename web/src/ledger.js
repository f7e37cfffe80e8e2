// The planner's picks into the ledger; the ledger as an editable, filtered table; the joint projects.
import { t } from "./i18n.js";
import { h, num, table, errorBox, jsonView } from "./dom.js";
import * as api from "./api.js";
import { diagram } from "./views.js";

const statuses = ["planned", "in_progress", "done", "dropped"];
const roles = ["micro", "small", "medium", "large"];

function editable(entry, field, ctx, kind = "text") {
  if (!api.mayWrite()) return String(field === "provider" ? (entry.provider || {}).name || "" : Array.isArray(entry[field]) ? entry[field].join("、") : entry[field] ?? "");
  const save = async (value) => {
    try { await api.patch(ctx.base + "ledger/" + entry.id, { [field]: value }); input.classList.remove("bad"); } catch (e) { input.classList.add("bad"); input.title = e.message; }
  };
  let input;
  if (kind === "status") {
    input = h("select", { name: field }, statuses.map((s) => h("option", { value: s, selected: entry.status === s }, t("st_" + s))));
    input.addEventListener("change", () => save(input.value));
  } else {
    const v = field === "provider" ? (entry.provider || {}).name || "" : Array.isArray(entry[field]) ? entry[field].join("、") : entry[field] ?? "";
    input = h("input", { name: field, value: v, type: kind === "date" ? "date" : "text", size: kind === "number" ? 5 : 12 });
    input.addEventListener("change", () => {
      const x = input.value.trim();
      save(field === "measures" ? x.split(/[、,，]/).map((s) => s.trim()).filter(Boolean) : field === "provider" ? { name: x } : kind === "number" ? (x === "" ? null : Number(x)) : x);
    });
  }
  return input;
}

async function ledgerTable(box, ctx) {
  const status = h("select", { name: "filter-status" }, h("option", { value: "" }, t("all")), statuses.map((s) => h("option", { value: s }, t("st_" + s))));
  const text = h("input", { type: "text", name: "filter-text", placeholder: t("filter") });
  const area = h("div", {});
  const draw = async () => {
    try {
      const r = await api.get(ctx.base + "ledger", { status: status.value });
      const needle = text.value.trim();
      const rows = (r.entries || []).filter((e) => !needle || JSON.stringify(e).includes(needle));
      area.replaceChildren(table([
        { label: t("id"), value: (e) => e.id }, { label: t("firm"), value: (e) => h("a", { href: ctx.chainPath + "?firm=" + encodeURIComponent(e.firm), "data-route": true }, e.firm), csv: (e) => e.firm },
        { label: t("status"), value: (e) => editable(e, "status", ctx, "status"), csv: (e) => e.status },
        { label: t("start"), value: (e) => editable(e, "start", ctx, "date"), csv: (e) => e.start },
        { label: t("end"), value: (e) => editable(e, "end", ctx, "date"), csv: (e) => e.end },
        { label: t("provider"), value: (e) => editable(e, "provider", ctx), csv: (e) => (e.provider || {}).name },
        { label: t("issue"), value: (e) => (e.issues || []).join("、") },
        { label: t("measures"), value: (e) => editable(e, "measures", ctx), csv: (e) => (e.measures || []).join("、") },
        { label: t("cost"), value: (e) => editable(e, "cost", ctx, "number"), csv: (e) => e.cost },
        { label: t("funding"), value: (e) => editable(e, "funding", ctx), csv: (e) => e.funding },
      ], rows, { firm: (e) => e.firm, name: "ledger", xlsx: api.url(ctx.base + "ledger", { format: "xlsx" }) }));
    } catch (e) { area.replaceChildren(errorBox(e)); }
  };
  status.addEventListener("change", draw);
  text.addEventListener("input", draw);
  box.replaceChildren(h("div", { class: "row" }, t("filter"), status, text), area);
  await draw();
  return draw;
}

function newEntryForm(ctx, redraw) {
  const firm = h("input", { name: "entry-firm", placeholder: t("firm") + " " + t("id"), required: true });
  const measure = h("input", { name: "entry-measure", placeholder: t("measures") });
  const provider = h("input", { name: "entry-provider", placeholder: t("provider") });
  const message = h("span", {});
  return h("form", { class: "row", id: "ledger-add", onsubmit: async (e) => {
    e.preventDefault();
    try {
      await api.post(ctx.base + "ledger", { firm: firm.value.trim(), status: "planned", measures: measure.value ? [measure.value] : [], provider: provider.value ? { name: provider.value } : null });
      message.textContent = t("added");
      firm.value = measure.value = provider.value = "";
      await redraw();
    } catch (err) { message.replaceChildren(errorBox(err)); }
  } }, h("strong", {}, t("new_entry")), firm, measure, provider, h("button", { type: "submit" }, t("add_ledger")), message);
}

export async function planAndLedger(root, ctx) {
  const budget = h("input", { type: "number", name: "budget", min: 1, value: 3 });
  const cands = roles.map((r) => h("label", {}, h("input", { type: "checkbox", name: "candidate", value: r, checked: r === "micro" || r === "small" }), t(r)));
  const picks = h("div", { id: "plan-result" });
  const ledgerBox = h("div", { id: "ledger" });
  const projects = h("div", {});
  const eco = h("div", {});
  let redraw = async () => {};
  const runPlan = async () => {
    try {
      const candidates = cands.map((l) => l.firstChild).filter((c) => c.checked).map((c) => c.value).join(",");
      const p = await api.get(ctx.base + "plan", { budget: budget.value, candidates });
      picks.replaceChildren(table([
        { label: t("rank"), value: (r) => r.rank }, { label: t("firm"), value: (r) => r.id }, { label: t("name"), value: (r) => r.name },
        { label: t("segment"), value: (r) => r.segment }, { label: t("issue"), value: (r) => (r.issues || []).join("、") },
        { label: t("gain_cum"), value: (r) => num(r.cumulative_gain * 100, 5), csv: (r) => r.cumulative_gain },
        { label: "", value: (r) => api.mayWrite() ? h("button", { type: "button", class: "add-pick", onclick: async (e) => {
          try { await api.post(ctx.base + "ledger", { firm: r.id, status: "planned", issues: r.issues || [] }); e.target.textContent = t("added"); e.target.disabled = true; await redraw(); } catch (err) { e.target.after(errorBox(err)); }
        } }, t("add_ledger")) : "", csv: () => "" }], p.plan || [], { firm: (r) => r.id, onFirm: ctx.openFirm, name: "plan" }));
    } catch (e) { picks.replaceChildren(errorBox(e)); }
  };
  root.replaceChildren(h("h2", {}, t("plan")),
    h("form", { class: "row", onsubmit: (e) => { e.preventDefault(); runPlan(); } }, h("label", {}, t("budget"), budget), t("candidates"), cands, h("button", { type: "submit", id: "plan-run" }, t("run_plan"))),
    picks, h("h2", {}, t("ledger")), ledgerBox, h("h2", {}, t("projects")), projects, h("h2", {}, t("view_ecosystem")), eco);
  redraw = await ledgerTable(ledgerBox, ctx);
  if (api.mayWrite()) ledgerBox.prepend(newEntryForm(ctx, () => redraw()));
  try {
    const p = await api.get(ctx.base + "projects");
    projects.replaceChildren(jsonView(p.projects || p));
  } catch (e) { projects.replaceChildren(errorBox(e)); }
  diagram(eco, ctx.base, "ecosystem");
}
