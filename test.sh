#!/usr/bin/env bash
# Builds Pharos and runs every test (unit and integration) on a fresh Debian machine or a developer's checkout.
# Installs what the integration tests need (Debian's real Prometheus programs) when run as root; idempotent.
# Ends with the line "N passed, N failed, N skipped" and exits non-zero when anything failed.
#   ./test.sh                         everything
#   ./test.sh --filter "Category!=Integration"   any `dotnet test --filter` expression
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

filter=()
if [ "${1:-}" = "--filter" ] && [ -n "${2:-}" ]; then filter=(--filter "$2"); fi

# Real peers the integration tests start on 127.0.0.1.
apt_packages=(prometheus prometheus-node-exporter prometheus-pushgateway python3-prometheus-client prometheus-blackbox-exporter prometheus-alertmanager chromium dnsmasq)
missing=()
for p in "${apt_packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing ${missing[*]}"
    # Debian must not start the daemons it installs: the tests start their own copies.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "warning: ${missing[*]} not installed; integration tests will fail (run as root to install them)" >&2
  fi
fi

echo "== build"
dotnet build Pharos.slnx -c Debug -nologo -clp:ErrorsOnly -warnaserror

echo "== format"
dotnet format Pharos.slnx --verify-no-changes --no-restore -v quiet

echo "== test"
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
dotnet test Pharos.slnx --no-build -c Debug --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 10m "${filter[@]}" -- xUnit.DiagnosticMessages=false || status=$?

passed=0 failed=0 skipped=0 files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  # Count the outcome of every test result; skipped tests are named, never silently counted.
  p=$(grep -o '<UnitTestResult [^>]*outcome="Passed"' "$trx" | wc -l || true)
  f=$(grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"' "$trx" | wc -l || true)
  s=$(grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx" | wc -l || true)
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
  grep -o '<UnitTestResult [^>]*outcome="NotExecuted"[^>]*>' "$trx" | grep -o 'testName="[^"]*"' | sed 's/^/skipped: /' || true
  grep -o '<UnitTestResult [^>]*outcome="\(Failed\|Error\|Timeout\|Aborted\)"[^>]*>' "$trx" | grep -o 'testName="[^"]*"' | sed 's/^/failed: /' || true
done

if [ "$status" != 0 ] && [ "$failed" = 0 ]; then
  echo "a test run was aborted (see the output above): counted as a failure" >&2
  failed=1
fi
if [ "$files" = 0 ]; then
  echo "no test results were written" >&2
  status=1
fi
if [ "$failed" -gt 0 ]; then status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
