// Trends per athlete over weeks: sessions vs plan, reps, peak and typical flexion per exercise, alert rate, tempo consistency.
import { api, el, $, fmt, fmtDate, nav, param, showError } from "./common.js";
import { uPlot, colors, barSeries, zeroBasedY } from "./charts.js";

// One hue per exercise, used for both its peak and its median line.
const exerciseColors = [colors.flexion, "#2e86c1", "#16a085", "#8e44ad", "#d68910", "#5d6d7e", "#c2185b", "#1e8449"];

async function init() {
  const user = await nav(param("athlete") ? "Athletes" : "My trends");
  const id = param("athlete") || user.athleteId;
  const athlete = await api(`/api/athletes/${encodeURIComponent(id)}`);
  const weeks = await api(`/api/athletes/${encodeURIComponent(id)}/trends?weeks=12`);
  const sessions = await api(`/api/athletes/${encodeURIComponent(id)}/sessions`);
  $("#title").textContent = `Trends: ${athlete.displayName}`;
  const x = weeks.map((_, i) => i + 1);
  const labels = weeks.map((w) => w.weekStart.slice(5));
  const axisX = { label: "week starting", values: (u, splits) => splits.map((s) => labels[Math.round(s) - 1] ?? "") , splits: () => x };
  const w = Math.min(540, ($("#charts").clientWidth || 1100) / 2 - 20);
  const chart = (title, series, data, extra = {}) => new uPlot({ width: w, height: 220, title, scales: { x: { time: false, range: [0.5, weeks.length + 0.5] }, ...extra }, axes: [axisX, {}], series: [{}, ...series] }, [x, ...data], $("#charts").appendChild(el("div", { class: "chart" })));
  chart("Sessions vs plan", [barSeries("sessions", "#2e86c1", 0), { label: "planned", stroke: colors.limit, dash: [6, 4] }], [weeks.map((w) => w.sessions), weeks.map((w) => w.plannedSessions)], { y: zeroBasedY });
  chart("Reps per week", [barSeries("reps", "#16a085", 0)], [weeks.map((w) => w.reps)], { y: zeroBasedY });
  // Flexion is the sagittal inclination from neutral standing, so each exercise's posture sets its level (cat-cow on all
  // fours ~99°, a supine bridge ~-87°): one peak line and one dashed median line per exercise, never pooled, so a
  // week's value only compares an exercise with itself. Clicking a legend entry hides that line and rescales.
  const exercises = [...new Set(weeks.flatMap((w) => Object.keys(w.byExercise)))].sort();
  const flexion = exercises.flatMap((e, i) => [
    { exercise: e, kind: "peak", label: `${e} peak`, stroke: exerciseColors[i % exerciseColors.length], width: 2, values: weeks.map((w) => w.byExercise[e]?.peakFlexionDeg ?? null) },
    { exercise: e, kind: "typical", label: `${e} typical (median)`, stroke: exerciseColors[i % exerciseColors.length], width: 1, dash: [5, 4], values: weeks.map((w) => w.byExercise[e]?.typicalFlexionDeg ?? null) },
  ]);
  window.__trends = { flexion: flexion.map(({ exercise, kind, label, values }) => ({ exercise, kind, label, values })) };
  chart("Flexion per rep by exercise (deg)", flexion.map(({ label, stroke, width, dash }) => ({ label, stroke, width, dash })), flexion.map((f) => f.values));
  chart("Alerts per 100 reps", [{ label: "alert rate", stroke: "#e67e22", width: 2 }], [weeks.map((w) => w.alertsPer100Reps)]);
  chart("Tempo variation (CV of rep duration, %)", [{ label: "tempo CV", stroke: "#8e44ad", width: 2 }], [weeks.map((w) => w.tempoCvPct)]);

  const head = ["exercise", ...labels];
  $("#per-exercise").replaceChildren(el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))),
    el("tbody", {}, exercises.map((e) => el("tr", {}, el("td", {}, e), weeks.map((w) => {
      const v = w.byExercise[e];
      return el("td", { class: "num" }, v ? `${v.reps} reps · peak ${fmt(v.peakFlexionDeg, 0)}° · typ ${fmt(v.typicalFlexionDeg, 0)}°` : "");
    })))));
  $("#sessions").replaceChildren(...sessions.map((s) => el("li", {}, el("a", { href: `/review?session=${encodeURIComponent(s.id)}` }, `${fmtDate(s.startUtc)} · ${s.plan || ""} · ${s.reps} reps · ${s.alerts} alerts`))));
  document.body.dataset.ready = "true";
}

init().catch(showError);
