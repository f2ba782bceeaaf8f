#!/usr/bin/env bash
# Pushgateway load comparison: the upstream Pushgateway, then `pharos pushgateway`, each alone on 127.0.0.1 with
# fresh in-memory state, under the same load. Prints a side-by-side table at the end.
#
#   bench/compare/pushgateway-load/run.sh                  # 200 pushers x 120 s each (about 5 minutes)
#   PUSHERS=20 DURATION=10s bench/compare/pushgateway-load/run.sh   # smoke run
#
# Environment: PUSHERS (200), DURATION (120s), THINK (100ms), UPSTREAM (/usr/bin/prometheus-pushgateway),
# SKIP_BUILD=1 to reuse existing Release builds.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
pushers=${PUSHERS:-200}
duration=${DURATION:-120s}
think=${THINK:-100ms}
upstream=${UPSTREAM:-/usr/bin/prometheus-pushgateway}
pharos_dll="$root/src/Pharos.Cli/bin/Release/net10.0/pharos.dll"
load_dll="$here/bin/Release/net10.0/Pharos.PushgatewayLoad.dll"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  dotnet build -c Release "$root/src/Pharos.Cli" -nologo -v q
  dotnet build -c Release "$here" -nologo -v q
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

failed=0
# run_one NAME COMMAND...: starts the server (which must listen on $port), loads it, stops it by PID.
run_one() {
  local name=$1
  shift
  echo "== $name: uptime before: $(uptime)"
  "$@" >"$work/$name.log" 2>&1 &
  server_pid=$!
  if ! dotnet "$load_dll" run --url="http://127.0.0.1:$port" --pid="$server_pid" --pushers="$pushers" \
      --duration="$duration" --think="$think" --name="$name" --out="$work/$name.txt"; then
    failed=1
  fi
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  echo "== $name: uptime after: $(uptime)"
  if grep -qiE 'panic|unhandled|fatal' "$work/$name.log"; then
    echo "== $name: server log mentions a failure:"
    grep -iE 'panic|unhandled|fatal' "$work/$name.log" | head -5
    failed=1
  fi
}

# Each server gets its own fresh port and no persistence file (Debian's package defaults to one under /var/lib).
port=$(dotnet "$load_dll" free-port)
run_one upstream "$upstream" --web.listen-address="127.0.0.1:$port" --persistence.file=""

port=$(dotnet "$load_dll" free-port)
run_one pharos dotnet "$pharos_dll" pushgateway --web.listen-address="127.0.0.1:$port"

echo
echo "$(nproc) cores, $(uname -sr), $(date -u '+%Y-%m-%d %H:%M UTC')"
dotnet "$load_dll" table "upstream $("$upstream" --version 2>&1 | head -1 | awk '{print $3}')=$work/upstream.txt" \
  "pharos=$work/pharos.txt"
exit "$failed"
