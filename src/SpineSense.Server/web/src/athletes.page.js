// Athletes and limits: a physio creates athletes, sets per-athlete limits and plan, and opens sessions.
import { api, el, $, fmt, fmtDate, nav, showError } from "./common.js";

let plans = [];

async function init() {
  const user = await nav("Athletes");
  plans = await api("/api/plans");
  $("#create").hidden = user.role !== "physio";
  $("#create-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api("/api/athletes", { json: { id: $("#new-id").value.trim() } });
      $("#create-form").reset();
      await render(user);
    } catch (err) { showError(err); }
  });
  await render(user);
  document.body.dataset.ready = "true";
}

const num = (v) => (v === "" ? null : Number(v));

async function render(user) {
  const athletes = await api("/api/athletes");
  const host = $("#athletes");
  host.replaceChildren();
  for (const a of athletes) {
    const sessions = await api(`/api/athletes/${encodeURIComponent(a.id)}/sessions`);
    const l = a.limits;
    const field = (name, label, value, unit) => el("label", {}, label, el("input", { type: "number", step: "any", name, value: value ?? "", placeholder: "default", class: "narrow" }), unit);
    const form = el("form", { class: "limits", "data-athlete": a.id },
      field("maxFlexionDeg", "max flexion", l.maxFlexionDeg, "°"),
      field("maxExtensionDeg", "max extension", l.maxExtensionDeg, "°"),
      field("maxRotationDps", "max rotation speed", l.maxRotationDps, "°/s"),
      field("maxImpactG", "max impact", l.maxImpactG, "g"),
      el("label", {}, "plan", el("select", { name: "plan" }, plans.map((p) => el("option", { value: p, ...(p === a.plan ? { selected: "" } : {}) }, p)))),
      user.role === "physio" ? el("button", { type: "submit" }, "Save") : null,
      el("span", { class: "saved muted" }));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const f = new FormData(form);
      try {
        await api(`/api/athletes/${encodeURIComponent(a.id)}/limits`, { method: "PUT", json: { maxFlexionDeg: num(f.get("maxFlexionDeg")), maxExtensionDeg: num(f.get("maxExtensionDeg")), maxRotationDps: num(f.get("maxRotationDps")), maxImpactG: num(f.get("maxImpactG")) } });
        await api(`/api/athletes/${encodeURIComponent(a.id)}/plan`, { method: "PUT", json: { plan: f.get("plan") } });
        form.querySelector(".saved").textContent = "saved";
      } catch (err) { showError(err); }
    });
    host.append(el("article", { class: "athlete", id: "athlete-" + a.id },
      el("h2", {}, a.displayName, a.physio ? el("span", { class: "muted" }, ` · physio ${a.physio}`) : null),
      el("p", { class: "links" }, el("a", { href: "/trends?athlete=" + encodeURIComponent(a.id) }, "Trends"), el("a", { href: "/live?athlete=" + encodeURIComponent(a.id) }, "Live")),
      form,
      el("ul", { class: "sessions" }, sessions.slice(0, 10).map((s) => el("li", {}, el("a", { href: "/review?session=" + encodeURIComponent(s.id) }, `${fmtDate(s.startUtc)} · ${s.reps} reps · ${s.alerts} alerts · ${fmt(s.durationS / 60, 0)} min`))))));
  }
}

init().catch(showError);
