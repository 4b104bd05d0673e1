// Session review: sets and reps tables, zoomable angle traces (server-side min/max per pixel column),
// rep boundaries and alert markers, tempo consistency, physio corrections, exports.
import { api, el, $, fmt, fmtDate, fmtDuration, nav, param, showError, flagText } from "./common.js";
import { uPlot, colors, markersPlugin, envelope, tempoSeries, tempoData, zeroBasedY } from "./charts.js";

const id = param("session");
let session, chart, user;
let fetchSeq = 0;
window.__review = { loads: 0, lastBuckets: 0, lastPoints: 0 };

async function init() {
  if (!id) throw new Error("no session given (?session=ID)");
  // The whole-session series is asked for at once, in parallel with the rest: it is the slow part.
  const firstSeries = api(`/api/sessions/${encodeURIComponent(id)}/series?width=${initialWidth()}`);
  [user, session] = await Promise.all([nav("Athletes"), api(`/api/sessions/${encodeURIComponent(id)}`)]);
  renderHeader();
  renderSets();
  renderHolds();
  renderReps();
  await buildChart(firstSeries);
  renderTempo();
  // Navigation start to everything drawn, as the browser measures it.
  window.__review.readyMs = performance.now();
  document.body.dataset.ready = "true";
}

function renderHeader() {
  const i = session.info;
  $("#title").textContent = `Session ${i.id}`;
  $("#summary").replaceChildren(
    el("span", {}, `Athlete ${i.athleteId}`), el("span", {}, fmtDate(i.startUtc)), el("span", {}, `duration ${fmtDuration(i.durationS)}`),
    el("span", {}, `plan ${i.plan || "–"}`), el("span", {}, `${i.sets} sets · ${i.reps} reps · ${i.alerts} alerts`));
  const q = encodeURIComponent(i.id);
  $("#links").replaceChildren(
    el("a", { href: `/report?session=${q}` }, "Print report"),
    el("a", { href: `/api/sessions/${q}/reps.csv` }, "Reps CSV"),
    el("a", { href: `/api/sessions/${q}/angles.csv` }, "Angles CSV"),
    el("a", { href: `/api/sessions/${q}/raw.csv` }, "Raw CSV"),
    el("a", { href: `/trends?athlete=${encodeURIComponent(i.athleteId)}` }, "Trends"));
}

function tempoCv(reps) {
  const d = reps.map((r) => r.endS - r.startS);
  if (d.length < 3) return null;
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (d.length - 1));
  return (100 * sd) / mean;
}

function renderSets() {
  const isPhysio = user.role === "physio";
  const rows = session.sets.map((s) => {
    const setReps = session.reps.filter((r) => r.set === s.set && r.exercise === s.exercise && !r.removed);
    const who = session.corrections.filter((c) => c.set === s.set && c.exercise === s.exercise).at(-1);
    const cells = [
      el("td", {}, s.exercise), el("td", {}, s.set), el("td", { class: "num" }, fmt(s.startS, 1)), el("td", { class: "num" }, fmt(s.endS, 1)),
      el("td", { class: "num counted" }, s.reps), el("td", { class: "num" }, s.targetReps ?? "–"),
      el("td", { class: "num corrected" }, s.correctedReps === null || s.correctedReps === undefined ? "" : `${s.correctedReps} (${who ? who.by : ""})`),
      el("td", { class: "num" }, fmt(tempoCv(setReps), 0)),
    ];
    if (isPhysio) {
      const input = el("input", { type: "number", min: "0", max: "500", value: s.correctedReps ?? s.reps, class: "narrow", "aria-label": `correct reps of ${s.exercise} set ${s.set}` });
      cells.push(el("td", { class: "noprint" }, input,
        el("button", { class: "secondary correct-set", onclick: () => correct({ exercise: s.exercise, set: s.set, kind: "setRepCount", value: Number(input.value) }) }, "Correct count")));
    }
    return el("tr", { "data-exercise": s.exercise, "data-set": s.set }, cells);
  });
  const head = ["exercise", "set", "start s", "end s", "reps counted", "target", "reviewed", "tempo CV %"];
  if (isPhysio) head.push("");
  $("#sets").replaceChildren(el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))), el("tbody", {}, rows));
  const log = session.corrections.map((c) => el("li", {}, `${c.atUtc.slice(0, 16).replace("T", " ")} ${c.by}: ${c.exercise} set ${c.set}${c.rep ? " rep " + c.rep : ""} · ${c.kind}${c.value !== null ? " " + c.value : ""}${c.note ? " — " + c.note : ""}`));
  $("#corrections").replaceChildren(...(log.length ? log : [el("li", { class: "muted" }, "none")]));
}

async function correct(body) {
  try {
    body.note = $("#note").value || null;
    session = await api(`/api/sessions/${encodeURIComponent(id)}/corrections`, { json: body });
    renderSets();
    renderReps();
  } catch (e) { showError(e); }
}

// Holds (side plank, stretches): how long each was held and how steady, the figures a physio follows for them; the
// sets table above only counts them.
function renderHolds() {
  const head = ["exercise", "start s", "held s", "sway °"];
  const rows = session.holds.map((h) => el("tr", {}, el("td", {}, h.exercise), el("td", { class: "num" }, fmt(h.startS, 1)),
    el("td", { class: "num" }, fmt(h.endS - h.startS, 1)), el("td", { class: "num" }, fmt(h.swayDeg, 1))));
  $("#holds").replaceChildren(el("thead", {}, el("tr", {}, head.map((x) => el("th", {}, x)))),
    el("tbody", {}, rows.length ? rows : el("tr", {}, el("td", { colspan: head.length, class: "muted" }, "none"))));
}

function renderReps() {
  const isPhysio = user.role === "physio";
  const head = ["exercise", "set", "rep", "start s", "eccentric s", "bottom pause s", "concentric s", "top pause s", "peak flexion °", "flags"];
  if (isPhysio) head.push("");
  const rows = session.reps.map((r) => el("tr", { class: (r.flags.length ? "flagged " : "") + (r.removed ? "removed" : "") },
    el("td", {}, r.exercise), el("td", {}, r.set), el("td", {}, r.rep), el("td", { class: "num" }, fmt(r.startS, 1)),
    el("td", { class: "num" }, fmt(r.eccentricS, 2)), el("td", { class: "num" }, fmt(r.bottomPauseS, 2)),
    el("td", { class: "num" }, fmt(r.concentricS, 2)), el("td", { class: "num" }, fmt(r.topPauseS, 2)),
    el("td", { class: "num" }, fmt(r.peakFlexionDeg, 1)), el("td", {}, flagText(r.flags)),
    isPhysio ? el("td", { class: "noprint" }, r.removed ? "removed" : el("button", { class: "secondary", onclick: () => correct({ exercise: r.exercise, set: r.set, rep: r.rep, kind: "removeRep" }) }, "Not a rep")) : null));
  $("#reps-table").replaceChildren(el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))), el("tbody", {}, rows));
}

function markers() {
  const m = [];
  for (const r of session.reps) { m.push({ x: r.startS, color: "#95a5a6" }); m.push({ x: r.endS, color: "#bdc3c7", dash: [2, 3] }); }
  for (const a of session.alerts) m.push({ x: a.timeS, color: "#e67e22", width: 2 });
  return m;
}

const chartWidth = () => Math.min(1100, $("#angle-chart").clientWidth || 1100);
const initialWidth = () => Math.max(50, chartWidth() - 60);

async function loadSeries(from, to, pending) {
  const width = Math.round(chart ? chart.bbox.width / devicePixelRatio : initialWidth());
  const seq = ++fetchSeq;
  const b = await (pending || api(`/api/sessions/${encodeURIComponent(id)}/series?from=${from}&to=${to}&width=${Math.max(50, width)}`));
  if (seq !== fetchSeq) return null;
  const [x, f] = envelope(b, "flexionMinDeg", "flexionMaxDeg");
  const [, l] = envelope(b, "lateralMinDeg", "lateralMaxDeg");
  const [, r] = envelope(b, "rotationMinDeg", "rotationMaxDeg");
  const st = window.__review;
  st.loads++;
  st.lastBuckets = b.timeS.length;
  st.lastPoints = x.length;
  st.from = b.fromS; st.to = b.toS;
  st.maxFlexion = f.length ? Math.max(...f) : null;
  st.minFlexion = f.length ? Math.min(...f) : null;
  return [x, f, l, r];
}

async function buildChart(firstSeries) {
  const duration = session.info.durationS;
  const host = $("#angle-chart");
  let zoomTimer;
  chart = new uPlot({
    width: chartWidth(), height: 320, title: "Angles (drag to zoom, double-click to reset)",
    scales: { x: { time: false } },
    axes: [{ label: "s" }, { label: "deg" }],
    series: [{}, { label: "flexion", stroke: colors.flexion, width: 1.5 }, { label: "lateral", stroke: colors.lateral, width: 1 }, { label: "rotation", stroke: colors.rotation, width: 1 }],
    plugins: [markersPlugin(markers)],
    hooks: {
      setSelect: [(u) => {
        if (u.select.width < 5) return;
        const from = u.posToVal(u.select.left, "x"), to = u.posToVal(u.select.left + u.select.width, "x");
        u.setSelect({ width: 0, height: 0 }, false);
        clearTimeout(zoomTimer);
        zoomTimer = setTimeout(() => zoom(from, to), 0);
      }],
    },
    cursor: { drag: { x: true, y: false, setScale: false } },
  }, [[], [], [], []], host);
  host.addEventListener("dblclick", () => zoom(0, duration));
  $("#reset-zoom").addEventListener("click", () => zoom(0, duration));
  await zoom(0, duration, firstSeries);
  window.__review.zoom = zoom;
}

// Zooming re-asks the server for the visible range at pixel resolution: detail appears, the payload stays small.
async function zoom(from, to, pending) {
  from = Math.max(0, from); to = Math.min(session.info.durationS, to);
  if (!(to > from)) return;
  const data = await loadSeries(from, to, pending);
  if (!data) return;
  chart.setData(data, false);
  chart.setScale("x", { min: from, max: to });
  $("#zoom-range").textContent = `${fmt(from, 1)}–${fmt(to, 1)} s · ${window.__review.lastBuckets} columns`;
}

function renderTempo() {
  const reps = session.reps;
  const host = $("#tempo-chart");
  new uPlot({
    width: Math.min(1100, host.clientWidth || 1100), height: 220, title: "Tempo consistency: eccentric / bottom pause / concentric of every rep (s)",
    scales: { x: { time: false, range: [0.5, reps.length + 0.5] }, y: zeroBasedY },
    axes: [{ label: "rep (session order)" }, { label: "s" }],
    series: tempoSeries(), legend: { live: false },
  }, tempoData(reps), host);
}

init().catch(showError);
