// A few helpers for building the page: elements, tables whose firm rows open the firm, downloads.
import { t, fieldLabel, codeLabel } from "./i18n.js";

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

export const pct = (x, d = 2) => (typeof x === "number" ? (x * 100).toFixed(d) + "%" : "—");
export const num = (x, d = 3) => (typeof x === "number" ? (Number.isInteger(x) ? String(x) : x.toFixed(d)) : x ?? "—");
export const points = (a, b) => (typeof a === "number" && typeof b === "number" ? ((b - a) * 100).toFixed(3) : "—");

function csvOf(columns, rows) {
  const cell = (v) => {
    const s = v === undefined || v === null ? "" : String(v);
    return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  };
  const lines = [columns.map((c) => cell(c.label)).join(",")];
  for (const r of rows) lines.push(columns.map((c) => cell(c.csv ? c.csv(r) : c.value(r))).join(","));
  return "\ufeff" + lines.join("\r\n") + "\r\n";  // a BOM: spreadsheet programs then read the Chinese right
}

export function downloadText(name, text, type = "text/csv;charset=utf-8") {
  const a = h("a", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  document.body.append(a);
  a.click();
  a.remove();
}

// columns: [{label, value(row) -> text|Node, csv?(row)}]; firm(row) -> the firm id a row stands for.
export function table(columns, rows, { firm, onFirm, name, xlsx } = {}) {
  const body = h("tbody", {}, rows.map((r) => {
    const id = firm ? firm(r) : null;
    const tr = h("tr", { dataset: id ? { firmId: id } : undefined, class: id && onFirm ? "clickable" : undefined },
      columns.map((c) => h("td", {}, c.value(r))));
    if (id && onFirm) tr.addEventListener("click", (e) => { if (!e.target.closest("input,select,button,a")) onFirm(id); });
    return tr;
  }));
  const tools = name ? h("div", { class: "table-tools" },
    h("button", { type: "button", class: "link", onclick: () => downloadText(name + ".csv", csvOf(columns, rows)) }, t("csv")),
    xlsx ? h("a", { href: xlsx, download: name + ".xlsx" }, t("xlsx")) : null) : null;
  return h("div", { class: "table-wrap" }, tools,
    h("table", {}, h("thead", {}, h("tr", {}, columns.map((c) => h("th", {}, c.label)))), body));
}

export function errorBox(e) {
  return h("div", { class: "error", role: "alert" }, t("error") + ": " + (e.message || e) + (e.location ? " (" + e.location + ")" : ""));
}

export function sparkline(values, width = 120, height = 28) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  svg.setAttribute("class", "sparkline");
  const v = values.filter((x) => typeof x === "number");
  if (v.length === 0) return svg;
  const lo = Math.min(...v), hi = Math.max(...v), span = hi - lo || 1;
  const step = v.length > 1 ? (width - 4) / (v.length - 1) : 0;
  const pts = v.map((x, i) => [2 + i * step, height - 2 - ((x - lo) / span) * (height - 4)]);
  const line = document.createElementNS(ns, "polyline");
  line.setAttribute("points", pts.map((p) => p.join(",")).join(" "));
  svg.append(line);
  for (const p of pts) {
    const c = document.createElementNS(ns, "circle");
    c.setAttribute("cx", p[0]); c.setAttribute("cy", p[1]); c.setAttribute("r", 2);
    svg.append(c);
  }
  return svg;
}

// Any JSON value as nested tables and lists: the firm panel shows everything the endpoint returns.
export function jsonView(value, isFirmKey = () => false) {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) {
    if (value.length === 0) return "—";
    if (value.every((x) => x && typeof x === "object" && !Array.isArray(x))) {
      const keys = [...new Set(value.flatMap((x) => Object.keys(x)))];
      return h("table", { class: "nested" }, h("thead", {}, h("tr", {}, keys.map((k) => h("th", { title: k }, fieldLabel(k))))),
        h("tbody", {}, value.map((x) => h("tr", { dataset: firmOf(x, isFirmKey) }, keys.map((k) => h("td", {}, jsonView(x[k], isFirmKey)))))));
    }
    return h("span", {}, value.map((x) => (typeof x === "object" ? jsonView(x, isFirmKey) : String(x) + " ")));
  }
  if (typeof value === "object") {
    return h("dl", { class: "kv" }, Object.entries(value).flatMap(([k, v]) => [h("dt", { title: k }, fieldLabel(k)), h("dd", {}, jsonView(v, isFirmKey))]));
  }
  if (typeof value === "number") return num(value, 4);
  if (typeof value === "boolean") return value ? "✓" : "—";
  return codeLabel(String(value));
}

function firmOf(row, isFirmKey) {
  for (const k of ["id", "leader", "supplier", "firm"]) if (typeof row[k] === "string" && isFirmKey(row[k])) return { firmId: row[k] };
  return undefined;
}
