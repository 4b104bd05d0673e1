#!/usr/bin/python3
"""Writes reference.json: Butterworth second-order sections and magnitude responses from SciPy.

SpineSense designs its filters in C# (src/SpineSense.Motion/Filters/Butterworth.cs); the tests in
tests/SpineSense.Motion.Tests/Filters read this file so they do not need SciPy. Regenerate with:

    apt-get install -y python3-scipy
    /usr/bin/python3 tools/filters/generate_reference.py   # Debian python, where python3-scipy lives
"""
import json
import os

import numpy as np
import scipy
from scipy import signal

CASES = [
    # (btype, order, cutoff_hz, fs_hz): the designs the motion core uses, across the contract's rates
    ("lowpass", 2, 4.0, 100.0),
    ("lowpass", 2, 4.0, 52.0),
    ("lowpass", 2, 6.0, 833.0),
    ("lowpass", 4, 5.0, 200.0),
    ("lowpass", 4, 10.0, 104.0),
    ("lowpass", 6, 3.0, 416.0),
    ("highpass", 2, 0.5, 200.0),
    ("highpass", 4, 0.3, 100.0),
]


def main():
    out = {"scipy_version": scipy.__version__, "cases": []}
    for btype, order, fc, fs in CASES:
        sos = signal.butter(order, fc, btype=btype, fs=fs, output="sos")
        freqs = np.array([0.0, fc / 4, fc / 2, fc, 2 * fc, 4 * fc, fs / 2 * 0.95])
        freqs = freqs[freqs < fs / 2]
        _, h = signal.sosfreqz(sos, worN=freqs, fs=fs)
        # A step response filtered forward and backward (zero phase), as the tempo solver smooths.
        x = np.concatenate([np.zeros(50), np.ones(150)])
        y = signal.sosfiltfilt(sos, x, padtype=None)
        out["cases"].append({
            "btype": btype, "order": order, "cutoff_hz": fc, "fs_hz": fs,
            "sos": sos.tolist(),
            "freqs_hz": freqs.tolist(),
            "magnitude": np.abs(h).tolist(),
            "filtfilt_step": y.tolist() if order <= 4 else None,
        })
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
    print(f"wrote {path} ({len(CASES)} designs, SciPy {scipy.__version__})")


if __name__ == "__main__":
    main()
