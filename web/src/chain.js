// One chain's latest snapshot: the tabs of the workbench.
import { t } from "./i18n.js";
import { h } from "./dom.js";
import * as api from "./api.js";
import { explorer } from "./explorer.js";
import { diagrams, bottlenecks, effect, report } from "./views.js";
import { whatif } from "./whatif.js";
import { planAndLedger } from "./ledger.js";

const tabs = [["explore", explorer], ["diagrams", diagrams], ["bottlenecks", bottlenecks], ["whatif", whatif],
  ["plan", planAndLedger], ["effect", effect], ["report", report]];

export async function chainPage(root, id, tab, go) {
  const chainPath = "/chains/" + encodeURIComponent(id);
  const list = await api.get("chains");
  const chain = (list.chains || []).find((c) => c.id === id) || { id, snapshots: [] };
  const latest = chain.snapshots[chain.snapshots.length - 1] || {};
  const ctx = { id, chain, base: "chains/" + encodeURIComponent(id) + "/", chainPath, go,
    openFirm: (firm) => go(chainPath + "?firm=" + encodeURIComponent(firm)) };
  const body = h("section", { class: "tab-body", id: "tab-" + tab });
  const nav = h("nav", { class: "tabs" }, tabs.map(([name]) =>
    h("a", { href: chainPath + (name === "explore" ? "" : "/" + name), "data-route": true, class: name === tab ? "active" : undefined, id: "tab-link-" + name }, t(name))));
  root.replaceChildren(h("h1", {}, (latest.name || id) + " ", h("small", {}, id + " · " + (latest.as_of || ""))), nav, body);
  const draw = (tabs.find(([name]) => name === tab) || tabs[0])[1];
  await draw(body, ctx);
}
