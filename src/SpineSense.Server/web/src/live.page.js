// Live page: start or pick a live session, then follow its Server-Sent-Events feed (20 frames/s).
import { api, el, $, fmt, nav, param, showError, flagText } from "./common.js";
import { uPlot, colors, tempoSeries, tempoData, zeroBasedY } from "./charts.js";

const WINDOW_S = 20;
const stats = { frames: 0, lagMsMax: 0, lagMsSum: 0, lagCount: 0, firstFrameMs: 0, lastFrameMs: 0, repCount: 0 };
window.__live = stats;

let flexChart, tempoChart, source;
let t = [], flex = [], limit = [];
let reps = [];
let limitDeg = null;

async function init() {
  const user = await nav("Live");
  const athletes = await api("/api/athletes");
  const plans = await api("/api/plans");
  const athleteSel = $("#athlete"), planSel = $("#plan");
  athleteSel.replaceChildren(...athletes.map((a) => el("option", { value: a.id }, a.displayName)));
  if (user.role === "athlete") athleteSel.value = user.athleteId;
  if (param("athlete")) athleteSel.value = param("athlete");
  planSel.replaceChildren(...plans.map((p) => el("option", { value: p }, p)));
  $("#start").addEventListener("click", start);
  $("#stop").addEventListener("click", async () => { if (current) await api(`/api/live/${current}/stop`, { method: "POST" }); });
  buildCharts();
  const list = await api("/api/live");
  $("#start").disabled = !list.canSimulate;
  renderList(list.sessions);
  const wanted = param("live") || (list.sessions.find((s) => !s.ended) || {}).id;
  if (wanted) follow(wanted);
}

let current = null;

async function start() {
  try {
    const body = { athleteId: $("#athlete").value, plan: $("#plan").value, speed: Number($("#speed").value) };
    // ?seed=N replays the same simulated athlete (reproducible demos and browser tests); otherwise the server picks one.
    const seed = param("seed");
    if (seed !== null && /^\d+$/.test(seed)) body.seed = Number(seed);
    const info = await api("/api/live", { json: body });
    history.replaceState(null, "", "/live?live=" + info.id);
    follow(info.id);
  } catch (e) { showError(e); }
}

function renderList(sessions) {
  $("#sessions").replaceChildren(...sessions.map((s) =>
    el("li", {}, el("a", { href: "/live?live=" + s.id }, `${s.athleteId} · ${s.plan} · ${s.ended ? "ended" : "running"}`),
      s.storedSessionId ? el("a", { href: "/review?session=" + s.storedSessionId, class: "aside" }, " review") : null)));
}

function follow(id) {
  if (source) source.close();
  current = id;
  t = []; flex = []; limit = []; reps = [];
  $("#alerts").replaceChildren();
  $("#status").textContent = "connecting…";
  source = new EventSource(`/api/live/${id}/events`);
  source.onmessage = (m) => onFrame(JSON.parse(m.data));
  source.addEventListener("end", () => { source.close(); $("#status").textContent = "session ended"; });
  source.onerror = () => { if (source.readyState === EventSource.CLOSED) $("#status").textContent = "disconnected"; };
}

function onFrame(f) {
  const now = Date.now();
  if (!f.snapshot) {
    stats.frames++;
    if (!stats.firstFrameMs) stats.firstFrameMs = now;
    stats.lastFrameMs = now;
    // End-to-end lag of the oldest point in this frame: its wait on the server plus transit to here.
    const lag = f.ageMs + Math.max(0, now - f.serverMs);
    stats.lagMsMax = Math.max(stats.lagMsMax, lag);
    stats.lagMsSum += lag; stats.lagCount++;
  }
  stats.repCount = f.repCount;
  const s = f.state;
  if (s) {
    $("#exercise").textContent = s.exercise;
    $("#set").textContent = `${s.set} / ${s.setsTarget}`;
    $("#reps").textContent = s.repsTarget ? `${f.repCount === undefined ? s.reps : s.reps} / ${s.repsTarget}` : String(s.reps);
    $("#phase").textContent = s.phase + (s.restRemainingS ? ` · rest ${Math.ceil(s.restRemainingS)} s` : "");
    limitDeg = s.flexionLimitDeg;
    $("#limit").textContent = limitDeg ? `${fmt(limitDeg, 0)}°` : "–";
  }
  $("#total-reps").textContent = f.repCount;
  if (f.link) {
    $("#battery").textContent = f.link.batteryPct === null ? "–" : `${fmt(f.link.batteryPct, 0)} %`;
    // BLE and simulated links report the connection's RSSI; a replay (or a BLE link without access to the kernel's
    // management socket) cannot: say so rather than "–", which reads as "not received yet".
    $("#signal").textContent = f.link.rssiDbm === null ? "n/a (link does not report)" : `${fmt(f.link.rssiDbm, 0)} dBm`;
    $("#loss").textContent = `${fmt(f.link.lossPct, 1)} %`;
    $("#link-state").textContent = f.link.state;
  }
  for (const a of f.angles) { t.push(a[0]); flex.push(a[1]); limit.push(limitDeg); }
  if (t.length) {
    const cut = t[t.length - 1] - WINDOW_S;
    let i = 0;
    while (i < t.length && t[i] < cut) i++;
    if (i > 0) { t.splice(0, i); flex.splice(0, i); limit.splice(0, i); }
    $("#flexion-now").textContent = `${fmt(flex[flex.length - 1], 0)}°`;
  }
  flexChart.setData([t, flex, limit]);
  if (f.reps.length) {
    reps.push(...f.reps);
    reps = reps.slice(-10);
    tempoChart.setData(tempoData(reps));
    $("#last-rep").textContent = reps.length ? `${reps[reps.length - 1].exercise} set ${reps[reps.length - 1].set} rep ${reps[reps.length - 1].rep}: peak ${fmt(reps[reps.length - 1].peakFlexionDeg)}° ${flagText(reps[reps.length - 1].flags)}` : "";
  }
  if (f.alerts.length) $("#no-alerts").hidden = true;
  for (const a of f.alerts) {
    $("#alerts").prepend(el("li", { class: "alert-item" }, `${fmt(a.timeS, 1)} s · ${a.kind}: ${fmt(a.value)} (limit ${fmt(a.limit)})`));
  }
  const seconds = (stats.lastFrameMs - stats.firstFrameMs) / 1000;
  if (seconds > 0) $("#rate").textContent = `${fmt((stats.frames - 1) / seconds, 1)} updates/s · lag ${fmt(stats.lagMsSum / stats.lagCount, 0)} ms avg, ${fmt(stats.lagMsMax, 0)} max`;
  $("#status").textContent = f.ended ? `session ${f.ended}` : "live";
  if (f.storedSessionId) $("#review-link").replaceChildren(el("a", { href: "/review?session=" + f.storedSessionId }, "Open the review"));
}

function buildCharts() {
  const width = Math.min(900, $("#flex-chart").clientWidth || 900);
  flexChart = new uPlot({
    width, height: 260, title: "Lumbar flexion (last 20 s)",
    scales: { x: { time: false }, y: { range: (u, min, max) => [Math.min(-30, min ?? 0), Math.max(90, max ?? 0)] } },
    axes: [{ label: "s" }, { label: "deg" }],
    series: [{}, { label: "flexion", stroke: colors.flexion, width: 2 }, { label: "limit", stroke: colors.limit, dash: [6, 4], width: 1.5 }],
    legend: { live: false },
  }, [[], [], []], $("#flex-chart"));
  tempoChart = new uPlot({
    width, height: 200, title: "Tempo of the last reps (s)",
    scales: { x: { time: false, range: [0.5, 10.5] }, y: zeroBasedY },
    axes: [{ label: "rep" }, { label: "s" }],
    series: tempoSeries(),
    legend: { live: false },
  }, [[], [], [], []], $("#tempo-chart"));
}

init().catch(showError);
