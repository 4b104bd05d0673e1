#!/usr/bin/env bash
# Regenerates the simulator figures in docs/img/sim-*.png (by hand, not by test.sh):
#   tools/plots/sim-plots.sh
# Needs python3 with numpy and matplotlib (Debian: apt-get install -y python3-matplotlib).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sim() { "$root/spinesense" simulate "$@"; }

sim --exercise romanian-deadlift --sets 2 --reps 6 --rest-s 40 --rate 200 --seed 7 --hazard rounding \
    --out "$work/rdl.csv" --truth "$work/rdl.json" --angles "$work/rdl-angles.csv"
sim --routine beginner --rate 52 --seed 3 --loss 1 \
    --out "$work/routine.csv" --truth "$work/routine.json" --angles "$work/routine-angles.csv"
sim --exercise hip-hinge-drill --sets 2 --reps 4 --rest-s 40 --rate 416 --seed 5 --hazard jumping \
    --out "$work/jump.csv" --truth "$work/jump.json" --angles "$work/jump-angles.csv"
sim --exercise bird-dog --sets 1 --reps 8 --rate 104 --seed 4 --calibration-s 30 --noise typical --mounting nominal \
    --out "$work/still.csv" --truth "$work/still.json" --angles "$work/still-angles.csv"

# Debian's matplotlib lives in the system interpreter; a pyenv/venv python3 may lack it.
py=python3
if ! "$py" -c 'import matplotlib' 2>/dev/null && [ -x /usr/bin/python3 ]; then py=/usr/bin/python3; fi
"$py" "$root/tools/plots/sim_plots.py" "$work" "$root/docs/img"
