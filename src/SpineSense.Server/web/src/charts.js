// uPlot helpers: every chart on the dashboard is drawn by uPlot; these only configure it.
import uPlot from "uplot";

export { uPlot };

export const colors = { flexion: "#c0392b", lateral: "#2e86c1", rotation: "#27ae60", limit: "#7f8c8d", ecc: "#8e44ad", pause: "#f39c12", con: "#16a085" };

// Vertical markers (rep boundaries, alerts) drawn through uPlot's draw hook at data x positions.
export function markersPlugin(getMarkers) {
  return {
    hooks: {
      draw: [(u) => {
        const { ctx } = u;
        const { top, height } = u.bbox;
        ctx.save();
        for (const m of getMarkers()) {
          const x = u.valToPos(m.x, "x", true);
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
          ctx.strokeStyle = m.color;
          ctx.lineWidth = m.width || 1;
          ctx.setLineDash(m.dash || []);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, top + height);
          ctx.stroke();
        }
        ctx.restore();
      }],
    },
  };
}

// Interleaves per-bucket min/max into one line (classic min/max decimation): the envelope of every raw
// sample in the column stays visible although only two points per pixel column are drawn.
export function envelope(b, minKey, maxKey) {
  const xs = [], ys = [];
  const half = b.bucketS / 2;
  for (let i = 0; i < b.timeS.length; i++) {
    const lo = b[minKey][i], hi = b[maxKey][i];
    if (lo === null || hi === null) continue;
    xs.push(b.timeS[i]); ys.push(lo);
    xs.push(b.timeS[i] + half); ys.push(hi);
  }
  return [xs, ys];
}

export function barSeries(label, stroke, align = 0, size = 0.6) {
  return { label, stroke, fill: stroke + "cc", width: 0, paths: uPlot.paths.bars({ size: [size, 60], align }), points: { show: false } };
}

// Tempo bars: one stacked bar per rep (eccentric, bottom pause, concentric from the bottom up). uPlot stacks by
// drawing cumulative sums, tallest first, so each phase shows as its own coloured band.
export const tempoSeries = () => [{},
  barSeries("concentric (top of bar)", colors.con), barSeries("bottom pause", colors.pause), barSeries("eccentric (bottom)", colors.ecc)];

// Bars stand on zero: a y axis that starts at the shortest bar would misstate every phase.
export const zeroBasedY = { range: (u, min, max) => [0, Math.max(1, (max ?? 1) * 1.1)] };

export function tempoData(reps) {
  const x = reps.map((_, i) => i + 1);
  const ecc = reps.map((r) => r.eccentricS);
  const pause = reps.map((r) => r.eccentricS + r.bottomPauseS);
  const total = reps.map((r) => r.eccentricS + r.bottomPauseS + r.concentricS);
  return [x, total, pause, ecc];
}
