#!/usr/bin/env bash
# Regenerates the dashboard screenshots committed under docs/screenshots/ (shown in README.md and docs/DASHBOARD.md).
# An ordinary test run (./test.sh) writes them to a temporary directory instead, so it leaves the tree clean.
# Needs what ./test.sh installs: /usr/bin/chromium and the built web bundle (npm ci && npm run build in src/SpineSense.Server/web).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
(cd src/SpineSense.Server/web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build)
SPINESENSE_UPDATE_SCREENSHOTS=1 dotnet test tests/SpineSense.Server.Tests -nologo --filter "FullyQualifiedName~SpineSense.Server.Tests.Browser"
git status --short docs/screenshots
