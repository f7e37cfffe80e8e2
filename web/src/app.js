// The workbench as one page: /login, / (the chains), /chains/{id}[/{tab}] (one chain's latest snapshot).
import { t, language, setLanguage } from "./i18n.js";
import { h, errorBox } from "./dom.js";
import * as api from "./api.js";
import { chainsPage } from "./chains.js";
import { chainPage } from "./chain.js";

const main = () => document.getElementById("main");

export function go(path, replace = false) {
  if (replace) history.replaceState({}, "", path);
  else history.pushState({}, "", path);
  route();
}

function header() {
  const s = api.currentSession();
  const top = document.getElementById("top");
  top.replaceChildren(
    h("a", { href: "/", class: "brand", onclick: (e) => { e.preventDefault(); go("/"); } }, "qchain · " + t("title")),
    h("span", { class: "spacer" }),
    s ? h("span", { class: "who" }, s.user + " · " + s.role) : null,
    h("button", { type: "button", class: "link", id: "lang-switch", onclick: () => { setLanguage(language() === "en" ? "zh" : "en"); route(); } }, t("lang_switch")),
    s ? h("button", { type: "button", class: "link", id: "sign-out", onclick: async () => { await api.logout(); go("/login"); } }, t("sign_out")) : null);
}

function loginPage(root) {
  const user = h("input", { name: "user", autocomplete: "username", required: true });
  const password = h("input", { name: "password", type: "password", autocomplete: "current-password", required: true });
  const message = h("div", { class: "message" });
  const form = h("form", { class: "login", onsubmit: async (e) => {
    e.preventDefault();
    try {
      await api.login(user.value, password.value);
      go("/", true);
    } catch (err) {
      message.replaceChildren(errorBox(err.status === 401 ? { message: t("login_failed") } : err));
    }
  } },
  h("h1", {}, t("title")),
  h("label", {}, t("user"), user), h("label", {}, t("password"), password),
  h("button", { type: "submit" }, t("sign_in")), message);
  root.replaceChildren(form);
  user.focus();
}

async function route() {
  document.title = "qchain · " + t("title");
  const path = location.pathname;
  const root = main();
  if (path !== "/login" && !api.currentSession()) {
    try {
      await api.loadSession();
    } catch (e) {
      root.replaceChildren(errorBox(e));
      return;
    }
    if (!api.currentSession()) return go("/login", true);
  }
  header();
  if (path === "/login") return loginPage(root);
  const m = path.match(/^\/chains\/([^/]+)(?:\/([a-z]+))?\/?$/);
  try {
    if (m) await chainPage(root, decodeURIComponent(m[1]), m[2] || "explore", go);
    else await chainsPage(root, go);
  } catch (e) {
    if (e.status === 401) return go("/login", true);
    root.append(errorBox(e));
  }
}

window.addEventListener("popstate", route);
document.addEventListener("click", (e) => {
  const a = e.target.closest("a[data-route]");
  if (!a || e.ctrlKey || e.metaKey) return;
  e.preventDefault();
  go(a.getAttribute("href"));
});
setLanguage(language());
route();
