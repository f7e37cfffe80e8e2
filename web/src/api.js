// The server's API (docs/api.md): the session's CSRF token goes with every write.
import { language } from "./i18n.js";

let session = null;

export function currentSession() { return session; }

export class ApiError extends Error {
  constructor(status, message, location) {
    super(message);
    this.status = status;
    this.location = location;
  }
}

export function url(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, v);
  q.set("lang", language());  // else the server would follow the browser's Accept-Language
  const s = q.toString();
  return "/api/v1/" + path + (s ? "?" + s : "");
}

async function send(method, path, params, body, type) {
  const headers = {};
  if (method !== "GET") headers["X-CSRF-Token"] = session ? session.csrf : "";
  if (body !== undefined) headers["Content-Type"] = type || "application/json";
  const r = await fetch(url(path, params), { method, headers, body, credentials: "same-origin" });
  const ct = r.headers.get("content-type") || "";
  const data = ct.includes("json") ? await r.json() : await r.text();
  if (!r.ok) {
    const e = data && data.error ? data.error : { message: String(data), location: "" };
    throw new ApiError(r.status, e.message, e.location);
  }
  return data;
}

export const get = (path, params) => send("GET", path, params);
export const post = (path, body, params, type) => send("POST", path, params, type ? body : JSON.stringify(body), type);
export const patch = (path, body) => send("PATCH", path, {}, JSON.stringify(body));

export async function loadSession() {
  try {
    session = await get("session");
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
    session = null;
  }
  return session;
}

export async function login(user, password) {
  await send("POST", "login", {}, JSON.stringify({ user, password }));
  return loadSession();
}

export async function logout() {
  await send("POST", "logout", {});
  session = null;
}

export const mayWrite = () => session && session.role !== "viewer";
