#!/usr/bin/env bash
# Measures the unit dashboard under load and writes the "Dasbor web" section of BENCHMARKS.md: `kinerja serve` on
# the demo database (the reference unit, SQLite), and kinerja-load with 64 keep-alive clients signed in as the demo
# admin requesting /unit/ngoro/2024, first for a warm-up that is not counted, then for the measured run. Both run
# on this machine and share its cores.
# Usage: bash bench/web.sh   (CLIENTS, DURATION and WARMUP, in seconds, may be set in the environment)
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-64}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
PAGE=/unit/ngoro/2024
cargo build --release -q -p kinerja -p kinerja-load
K="$PWD/target/release/kinerja"
LOAD="$PWD/target/release/kinerja-load"
W=$(mktemp -d)
SERVER=
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$W"
}
trap cleanup EXIT

"$K" demo --dir "$W/demo" > "$W/demo.txt"
# "Pengguna demo: admin …, kata sandi …: PASSWORD (hanya ditampilkan sekali …)"
PASSWORD=$(sed -n 's/^Pengguna demo: admin.*kata sandi[^:]*: \([^ ]*\) .*/\1/p' "$W/demo.txt")
[ -n "$PASSWORD" ] || { echo "kinerja demo printed no admin password:" >&2; cat "$W/demo.txt" >&2; exit 1; }

# Port 0: the system picks a free port, and the server says which.
"$K" serve --db "sqlite://$W/demo/kinerja.db" --listen 127.0.0.1:0 > "$W/serve.txt" 2>&1 &
SERVER=$!
ADDRESS=
for _ in $(seq 100); do
  ADDRESS=$(sed -n 's|^kinerja berjalan di http://\([^/]*\)/.*|\1|p' "$W/serve.txt")
  [ -n "$ADDRESS" ] && break
  kill -0 "$SERVER" 2>/dev/null || break
  sleep 0.1
done
[ -n "$ADDRESS" ] || { echo "kinerja serve did not start:" >&2; cat "$W/serve.txt" >&2; exit 1; }

ARGS="--user admin --clients $CLIENTS --duration $DURATION --warmup $WARMUP"
# shellcheck disable=SC2086 # ARGS is split on purpose
KINERJA_LOAD_PASSWORD="$PASSWORD" "$LOAD" "http://$ADDRESS$PAGE" $ARGS | tee "$W/load.txt"
figure() { awk -v key="$1:" '$1 == key { print $2; exit }' "$W/load.txt"; }

{
  echo "## Dasbor web (target of product.md for the roll-up dashboard: p99 < 50 ms at 64 clients)"
  echo
  echo "Produced by \`bash bench/web.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); release build; \`kinerja serve\` on the demo"
  echo "database (SQLite) and the load generator on the same machine, sharing its cores, over loopback:"
  echo "\`kinerja-load http://127.0.0.1:PORT$PAGE $ARGS\` (${WARMUP} s of warm-up not counted)."
  echo
  echo "| Page | Clients | Requests | Errors | Throughput [req/s] | p50 [ms] | p90 [ms] | p99 [ms] | Max [ms] |"
  echo "|:---|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "| \`GET $PAGE\`, signed in | $CLIENTS | $(figure permintaan) | $(figure galat) | $(figure throughput) | $(figure p50) | $(figure p90) | $(figure p99) | $(figure maks) |"
} | bash bench/section.sh web.sh
cat BENCHMARKS.md
