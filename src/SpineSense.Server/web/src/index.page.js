// Physio overview: every athlete they look after, with what needs attention first.
import { api, el, $, fmt, fmtDate, nav, showError } from "./common.js";

async function init() {
  const user = await nav("Overview");
  if (user.role === "athlete") { location.replace("/trends?athlete=" + encodeURIComponent(user.athleteId)); return; }
  const rows = await api("/api/overview");
  const head = ["athlete", "last session", "sessions (7 days)", "alerts / 100 reps", "tempo CV %", "needs attention", ""];
  $("#overview").replaceChildren(el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))),
    el("tbody", {}, rows.map((r) => el("tr", { class: r.attention.length ? "attention" : "", "data-athlete": r.athlete.id },
      el("td", {}, el("a", { href: "/trends?athlete=" + encodeURIComponent(r.athlete.id) }, r.athlete.displayName)),
      el("td", {}, fmtDate(r.lastSessionUtc)),
      el("td", { class: "num" }, `${r.sessionsLast7Days} / ${r.plannedPerWeek}`),
      el("td", { class: "num" }, fmt(r.alertsPer100RepsLast7Days, 1)),
      el("td", { class: "num" }, fmt(r.tempoCvPctLast7Days, 0)),
      el("td", {}, r.attention.length ? el("ul", { class: "attention-list" }, r.attention.map((a) => el("li", {}, a))) : "on track"),
      el("td", {}, el("a", { href: "/live?athlete=" + encodeURIComponent(r.athlete.id) }, "live"))))));
  if (!rows.length) $("#empty").hidden = false;
  document.body.dataset.ready = "true";
}

init().catch(showError);
