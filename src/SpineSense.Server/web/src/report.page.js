// Print-ready session report (A4): summary, flexion chart with the limit, sets, reps and alerts.
import { api, el, $, fmt, fmtDate, fmtDuration, me, param, showError, flagText } from "./common.js";
import { uPlot, colors, markersPlugin, envelope } from "./charts.js";

async function init() {
  await me();
  const id = param("session");
  const s = await api(`/api/sessions/${encodeURIComponent(id)}`);
  const athlete = await api(`/api/athletes/${encodeURIComponent(s.info.athleteId)}`);
  const i = s.info;
  // The physio's review is what the report states: reps removed or recounted on the review page change the total and
  // the peak (the counted total stays beside it). Holds are not reps, so only the corrections' change is applied.
  const kept = s.reps.filter((r) => !r.removed);
  const reviewed = i.reps + s.sets.reduce((n, set) => n + (set.correctedReps === null || set.correctedReps === undefined ? 0 : set.correctedReps - set.reps), 0);
  const repsText = reviewed === i.reps ? String(i.reps) : `${reviewed} reviewed (${i.reps} counted)`;
  // The limit this session was measured against is the one its flexion alerts carry; the athlete's limit may have
  // been changed since (then the current one would be drawn under an old session).
  const alertLimits = [...new Set(s.alerts.filter((a) => a.kind === "flexion").map((a) => a.limit))];
  const limit = alertLimits.length === 1 ? alertLimits[0] : athlete.limits.maxFlexionDeg;
  const limitText = alertLimits.length === 1
    ? `${fmt(limit, 0)}° (in force)`
    : athlete.limits.maxFlexionDeg ? `${athlete.limits.maxFlexionDeg}° (athlete)` : "exercise default";
  document.title = `SpineSense report · ${athlete.displayName} · ${i.id}`;
  $("#athlete").textContent = athlete.displayName;
  $("#meta").replaceChildren(
    row("Session", i.id), row("Date", fmtDate(i.startUtc)), row("Duration", fmtDuration(i.durationS)), row("Plan", i.plan || "–"),
    row("Sets / reps", `${i.sets} / ${repsText}`), row("Alerts", String(i.alerts)),
    row("Peak flexion", kept.length ? `${fmt(Math.max(...kept.map((r) => r.peakFlexionDeg)))}°` : "–"),
    row("Flexion limit", limitText));

  const b = await api(`/api/sessions/${encodeURIComponent(id)}/series?width=700`);
  const [x, f] = envelope(b, "flexionMinDeg", "flexionMaxDeg");
  const series = [{}, { label: "flexion °", stroke: colors.flexion, width: 1 }];
  const data = [x, f];
  if (limit) { series.push({ label: "limit", stroke: colors.limit, dash: [6, 4] }); data.push(x.map(() => limit)); }
  new uPlot({
    width: 680, height: 220, scales: { x: { time: false } }, axes: [{ label: "s" }, { label: "deg" }], series,
    plugins: [markersPlugin(() => s.alerts.map((a) => ({ x: a.timeS, color: "#e67e22", width: 1.5 })))],
    cursor: { show: false }, legend: { show: true, live: false },
  }, data, $("#chart"));

  table($("#sets"), ["exercise", "set", "reps counted", "target", "reviewed"], s.sets.map((set) => {
    const c = s.corrections.filter((x) => x.set === set.set && x.exercise === set.exercise).at(-1);
    return [set.exercise, set.set, set.reps, set.targetReps ?? "–", set.correctedReps === null ? "" : `${set.correctedReps} (${c.by}${c.note ? ": " + c.note : ""})`];
  }));
  table($("#reps"), ["set", "rep", "exercise", "ecc s", "pause s", "conc s", "top s", "peak °", "flags"],
    s.reps.filter((r) => !r.removed).map((r) => [r.set, r.rep, r.exercise, fmt(r.eccentricS, 2), fmt(r.bottomPauseS, 2), fmt(r.concentricS, 2), fmt(r.topPauseS, 2), fmt(r.peakFlexionDeg), flagText(r.flags)]));
  // Holds: duration and sway, what a physio follows for side planks and stretches (the sets table only counts them).
  table($("#holds"), ["exercise", "start s", "held s", "sway °"], s.holds.map((h) => [h.exercise, fmt(h.startS, 1), fmt(h.endS - h.startS, 1), fmt(h.swayDeg, 1)]));
  table($("#alerts"), ["time s", "kind", "worst", "limit"], s.alerts.map((a) => [fmt(a.timeS, 1), a.kind, fmt(a.value), fmt(a.limit)]));
  $("#generated").textContent = `Generated ${fmtDate(new Date().toISOString())} by SpineSense`;
  document.body.dataset.ready = "true";
}

const row = (k, v) => el("div", {}, el("dt", {}, k), el("dd", {}, v));

function table(host, head, rows) {
  host.replaceChildren(el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))),
    el("tbody", {}, rows.length ? rows.map((r) => el("tr", {}, r.map((c) => el("td", {}, c)))) : el("tr", {}, el("td", { colspan: head.length }, "none"))));
}

init().catch(showError);
