#!/usr/bin/env bash
# Installs what is missing, builds everything and runs every test suite in the repo:
# the firmware-protocol C tests (CTest) and every xunit project under tests/.
# Ends with one line "N passed, N failed" (", N skipped" when any were skipped).
set -uo pipefail
cd "$(dirname "$(readlink -f "$0")")"
root="$PWD"
log_dir="$root/.build/test-logs"
mkdir -p "$log_dir"

say() { echo "== $*"; }

# ---- 1. prerequisites (Debian packages; NuGet and npm come with the build steps) ----------
missing=()
command -v cmake  >/dev/null 2>&1 || missing+=(cmake)
command -v cc     >/dev/null 2>&1 || missing+=(gcc)
command -v influxd >/dev/null 2>&1 || missing+=(influxdb)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v npm    >/dev/null 2>&1 || missing+=(npm)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >"$log_dir/apt.log" 2>&1
  # policy-rc.d keeps the packaged influxdb service from starting: tests run their own server.
  if ! $SUDO sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && apt-get install -y -qq --no-install-recommends '"${missing[*]}"' ; rc=$?; rm -f /usr/sbin/policy-rc.d; exit $rc' >>"$log_dir/apt.log" 2>&1; then
    tail -20 "$log_dir/apt.log"
    echo "0 passed, 1 failed"
    exit 1
  fi
fi

passed=0; failed=0; skipped=0

# ---- 2. front-end assets (npm) -------------------------------------------------------------
for pkg in $(find src dashboards -name package.json -not -path '*/node_modules/*' 2>/dev/null); do
  dir="$(dirname "$pkg")"
  say "npm: $dir"
  if ! (cd "$dir" && { [ -d node_modules ] || npm ci --no-audit --no-fund >"$log_dir/npm.log" 2>&1; } && npm run --if-present build >>"$log_dir/npm.log" 2>&1); then
    tail -30 "$log_dir/npm.log"; failed=$((failed + 1))
  fi
done

# ---- 3. firmware-protocol C reference (CMake + CTest) ---------------------------------------
if [ -f firmware-protocol/CMakeLists.txt ]; then
  say "firmware-protocol: cmake + ctest"
  if cmake -S firmware-protocol -B .build/firmware -DCMAKE_BUILD_TYPE=Release >"$log_dir/cmake.log" 2>&1 \
     && cmake --build .build/firmware -j 2 >>"$log_dir/cmake.log" 2>&1; then
    (cd .build/firmware && ctest --output-on-failure) >"$log_dir/ctest.log" 2>&1
    line="$(grep -E 'tests passed, [0-9]+ tests failed out of [0-9]+' "$log_dir/ctest.log" | tail -1)"
    if [ -n "$line" ]; then
      total=$(echo "$line" | sed -E 's/.* out of ([0-9]+).*/\1/')
      nfail=$(echo "$line" | sed -E 's/.*passed, ([0-9]+) tests failed.*/\1/')
      passed=$((passed + total - nfail)); failed=$((failed + nfail))
      [ "$nfail" -gt 0 ] && tail -40 "$log_dir/ctest.log"
    else
      tail -40 "$log_dir/ctest.log"; failed=$((failed + 1))
    fi
  else
    tail -40 "$log_dir/cmake.log"; failed=$((failed + 1))
  fi
fi

# ---- 4. .NET: build the solution once (src, tests, benchmarks), then each test project in turn --
say "dotnet build"
if ! dotnet build SpineSense.sln -c Release -nologo -v q >"$log_dir/build.log" 2>&1; then
  grep -E 'error|Error' "$log_dir/build.log" | head -40
  echo "build failed"
  echo "$passed passed, $((failed + 1)) failed"
  exit 1
fi

for proj in tests/*.Tests/*.csproj; do
  name="$(basename "$proj" .csproj)"
  say "test: $name"
  out="$log_dir/$name.log"
  timeout 1800 dotnet test "$proj" -c Release --no-build -nologo --logger "console;verbosity=normal" >"$out" 2>&1
  rc=$?
  summary="$(grep -E '^(Passed|Failed)!|Total tests:|Passed:|Failed:' "$out" | tail -5)"
  p=$(grep -oE 'Passed: +[0-9]+' "$out" | tail -1 | grep -oE '[0-9]+' || true)
  f=$(grep -oE 'Failed: +[0-9]+' "$out" | tail -1 | grep -oE '[0-9]+' || true)
  s=$(grep -oE 'Skipped: +[0-9]+' "$out" | tail -1 | grep -oE '[0-9]+' || true)
  p=${p:-0}; f=${f:-0}; s=${s:-0}
  if grep -q 'No test is available' "$out" && [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
    echo "   (no tests)"; continue
  fi
  if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi   # crash, timeout or a runner error
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  if [ "$s" -gt 0 ]; then echo "   passed $p, failed $f, skipped $s"; else echo "   passed $p, failed $f"; fi
  if [ "$f" -gt 0 ]; then grep -E '^\s+Failed |Error Message|Assert\.|Exception' "$out" | head -40; fi
done

if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
