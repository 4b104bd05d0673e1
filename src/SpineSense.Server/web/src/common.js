// Shared helpers for every page: API calls, navigation, small DOM and number formatting.

export async function api(path, options = {}) {
  const init = { credentials: "same-origin", headers: {}, ...options };
  if (options.json !== undefined) {
    init.method = init.method || "POST";
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.json);
  }
  const res = await fetch(path, init);
  if (res.status === 401) {
    location.href = "/login?next=" + encodeURIComponent(location.pathname + location.search);
    throw new Error("not signed in");
  }
  const type = res.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await res.json() : await res.text();
  if (!res.ok) throw new Error((body && body.error) || `${res.status} ${res.statusText}`);
  return body;
}

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null) continue;
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export const $ = (sel) => document.querySelector(sel);

export function fmt(v, digits = 1) {
  if (v === null || v === undefined || Number.isNaN(v)) return "–";
  const s = Number(v).toFixed(digits);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;   // no "-0°" for a value that rounds to zero
}

export function fmtDuration(s) {
  const m = Math.floor(s / 60), r = Math.round(s % 60);
  return `${m}:${String(r).padStart(2, "0")}`;
}

export function fmtDate(iso) {
  if (!iso) return "–";
  const d = new Date(iso);
  return d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

export const param = (name) => new URLSearchParams(location.search).get(name);

export function showError(err) {
  const box = $("#error") || document.body.appendChild(el("div", { id: "error", class: "error" }));
  box.textContent = String(err.message || err);
  box.hidden = false;
}

let mePromise;
export function me() {
  mePromise = mePromise || api("/api/me");
  return mePromise;
}

// Top navigation; the physio sees the management pages, an athlete only their own.
export async function nav(active) {
  const user = await me();
  const header = $("#nav");
  if (!header) return user;
  const links = [["/", "Overview"], ["/live", "Live"], ["/athletes", "Athletes"]];
  if (user.role === "athlete") links.splice(0, 3, ["/trends?athlete=" + encodeURIComponent(user.athleteId), "My trends"], ["/live", "Live"]);
  header.replaceChildren(
    el("strong", { class: "brand" }, "SpineSense"),
    ...links.map(([href, text]) => el("a", { href, class: active === text ? "active" : "" }, text)),
    el("span", { class: "who" }, `${user.name} (${user.role})`,
      user.signInRequired ? el("button", { class: "link", onclick: async () => { await api("/api/logout", { method: "POST" }); location.href = "/login"; } }, "Sign out") : null),
  );
  return user;
}

export const flagText = (flags) => (flags && flags.length ? flags.join(", ") : "");
