"""Plots of simulated recordings for docs/SIMULATOR.md. Usage: sim_plots.py WORKDIR OUTDIR (see sim-plots.sh)."""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

work, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)


def load(name):
    path = os.path.join(work, name + ".csv")
    with open(path) as f:
        comment_lines = sum(1 for line in f if line.startswith("#"))  # header and metadata come first
    rec = np.genfromtxt(path, delimiter=",", skip_header=comment_lines, names=True)
    ang = np.genfromtxt(os.path.join(work, name + "-angles.csv"), delimiter=",", names=True)
    with open(os.path.join(work, name + ".json")) as f:
        truth = json.load(f)
    return rec, ang, truth


def shade_reps(ax, truth, t0=-1e9, t1=1e9):
    for r in truth["reps"]:
        s = r["start_s"]
        if s < t0 or s > t1:
            continue
        e1 = s + r["eccentric_s"]
        c0 = e1 + r["bottom_pause_s"]
        ax.axvspan(s, e1, color="tab:orange", alpha=0.18, lw=0)
        ax.axvspan(c0, r["end_s"], color="tab:green", alpha=0.18, lw=0)
        ax.axvline(s, color="k", lw=0.5, alpha=0.5)
        ax.axvline(r["end_s"], color="k", lw=0.5, ls=":", alpha=0.5)


# 1. RDL with rounding: true flexion with rep phases and alerts, raw accel and gyro.
rec, ang, truth = load("rdl")
t0, t1 = truth["sets"][0]["start_s"] - 4, truth["sets"][0]["end_s"] + 25
m = (rec["time_s"] > t0) & (rec["time_s"] < t1)
ma = (ang["time_s"] > t0) & (ang["time_s"] < t1)
fig, axs = plt.subplots(3, 1, figsize=(11, 8.5), sharex=True)
ax = axs[0]
ax.plot(ang["time_s"][ma], ang["flexion_deg"][ma], label="flexion (true)")
ax.plot(ang["time_s"][ma], ang["lateral_deg"][ma], label="lateral (true)", lw=0.8)
ax.plot(ang["time_s"][ma], ang["rotation_deg"][ma], label="rotation (true)", lw=0.8)
lim = truth["limits"]["max_flexion_deg"]
ax.axhline(lim, color="r", ls="--", lw=0.8, label=f"flexion limit {lim:g}°")
for a in truth["alerts"]:
    if t0 < a["t_s"] < t1:
        ax.plot(a["t_s"], lim, "rv")
shade_reps(ax, truth, t0, t1)
ax.set_ylabel("deg")
ax.set_title("Romanian deadlift, rounding hazard (seed 7, 200 Hz): true angles; orange = eccentric, green = concentric, ▼ = flexion alert")
ax.legend(loc="upper right", fontsize=8)
ax = axs[1]
for c in ("acc_x_g", "acc_y_g", "acc_z_g"):
    ax.plot(rec["time_s"][m], rec[c][m], lw=0.7, label=c)
shade_reps(ax, truth, t0, t1)
ax.set_ylabel("g")
ax.set_title("raw accelerometer (random mounting, typical noise)")
ax.legend(loc="upper right", fontsize=8)
ax = axs[2]
for c in ("gyr_x_dps", "gyr_y_dps", "gyr_z_dps"):
    ax.plot(rec["time_s"][m], rec[c][m], lw=0.7, label=c)
shade_reps(ax, truth, t0, t1)
ax.set_ylabel("dps")
ax.set_xlabel("time (s); the last 25 s are the rest: sway, steps, turning, a bench or a bottle — not reps")
ax.set_title("raw gyroscope")
ax.legend(loc="upper right", fontsize=8)
fig.tight_layout()
fig.savefig(os.path.join(out, "sim-rdl.png"), dpi=110)
plt.close(fig)

# 2. The whole beginner routine: true angles, sets and holds.
rec, ang, truth = load("routine")
fig, axs = plt.subplots(2, 1, figsize=(12, 6.5), sharex=True)
ax = axs[0]
ax.plot(ang["time_s"] / 60, ang["flexion_deg"], lw=0.6, label="flexion")
ax.plot(ang["time_s"] / 60, ang["lateral_deg"], lw=0.6, label="lateral")
for s in truth["sets"]:
    ax.axvspan(s["start_s"] / 60, s["end_s"] / 60, color="tab:orange", alpha=0.2, lw=0)
    ax.text((s["start_s"] + s["end_s"]) / 120, 128, s["exercise_id"].replace("-", "\n"), fontsize=5, ha="center", va="top")
for h in truth["holds"]:
    ax.axvspan(h["start_s"] / 60, h["end_s"] / 60, color="tab:purple", alpha=0.25, lw=0)
ax.set_ylim(-140, 135)
ax.set_ylabel("deg")
ax.set_title("Beginner routine (seed 3, 52 Hz, 1% loss): true angles; orange = sets, purple = holds; between them rests and posture changes")
ax.legend(loc="lower right", fontsize=8)
ax = axs[1]
acc = np.sqrt(rec["acc_x_g"] ** 2 + rec["acc_y_g"] ** 2 + rec["acc_z_g"] ** 2)
gyr = np.sqrt(rec["gyr_x_dps"] ** 2 + rec["gyr_y_dps"] ** 2 + rec["gyr_z_dps"] ** 2)
ax.plot(rec["time_s"] / 60, gyr, lw=0.4, color="tab:gray", label="|gyro| (dps)")
ax2 = ax.twinx()
ax2.plot(rec["time_s"] / 60, acc, lw=0.4, color="tab:blue", label="|acc| (g)")
ax.set_ylabel("|gyro| dps")
ax2.set_ylabel("|acc| g")
ax.set_xlabel("time (min)")
fig.tight_layout()
fig.savefig(os.path.join(out, "sim-routine.png"), dpi=110)
plt.close(fig)

# 3. Jumps during a rest: free fall ≈ 0 g and the landing impact.
rec, ang, truth = load("jump")
impacts = [a for a in truth["alerts"] if a["kind"] == "impact"]
tc = impacts[0]["t_s"]
m = (rec["time_s"] > tc - 2.0) & (rec["time_s"] < tc + 5.0)
acc = np.sqrt(rec["acc_x_g"] ** 2 + rec["acc_y_g"] ** 2 + rec["acc_z_g"] ** 2)
fig, ax = plt.subplots(figsize=(10, 3.8))
ax.plot(rec["time_s"][m], acc[m], lw=0.8, label="|acc| (measured, 416 Hz)")
ax.axhline(truth["limits"]["max_impact_g"], color="r", ls="--", lw=0.8, label="impact limit")
for a in impacts:
    if tc - 2 < a["t_s"] < tc + 5:
        ax.plot(a["t_s"], a["value"], "rv")
ax.set_ylabel("g")
ax.set_xlabel("time (s)")
ax.set_title("Countermovement jumps between sets: ≈0 g in flight, 3–5 g landing spikes (▼ = true impact alerts)")
ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(os.path.join(out, "sim-jump.png"), dpi=110)
plt.close(fig)

# 4. Noise floor: Welch PSD of the 30 s calibration stand against the datasheet densities.
rec, ang, truth = load("still")
fs = truth["sample_rate_hz"]
m = (rec["time_s"] > 1) & (rec["time_s"] < 29)


def welch(x, fs, n=1024):
    x = x - x.mean()
    win = np.hanning(n)
    segs = [x[i:i + n] * win for i in range(0, len(x) - n + 1, n // 2)]
    p = np.mean([np.abs(np.fft.rfft(s)) ** 2 for s in segs], axis=0)
    p *= 2.0 / (fs * (win ** 2).sum())
    return np.fft.rfftfreq(n, 1 / fs), p


fig, axs = plt.subplots(1, 2, figsize=(11, 3.8))
for ax, cols, unit, dens, label in (
    (axs[0], ("acc_x_g", "acc_z_g"), "g", 100e-6, "100 µg/√Hz (typical level)"),
    (axs[1], ("gyr_x_dps", "gyr_z_dps"), "dps", 4.5e-3, "4.5 mdps/√Hz (typical level)"),
):
    for c in cols:
        f, p = welch(rec[c][m], fs)
        ax.loglog(f[1:], np.sqrt(p[1:]), lw=0.8, label=c)
    ax.axhline(dens, color="k", ls="--", lw=0.8, label=label)
    ax.set_xlabel("Hz")
    ax.set_ylabel(f"{unit}/√Hz")
    ax.legend(fontsize=8)
axs[0].set_title("Accelerometer ASD, quiet standing (sway < 1 Hz)")
axs[1].set_title("Gyroscope ASD, quiet standing")
fig.tight_layout()
fig.savefig(os.path.join(out, "sim-noise.png"), dpi=110)
plt.close(fig)
print("wrote", ", ".join(sorted(f for f in os.listdir(out) if f.startswith("sim-"))))
