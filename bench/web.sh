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
# shellcheck source=bench/demo-server.sh
source bench/demo-server.sh

ARGS="--user admin --clients $CLIENTS --duration $DURATION --warmup $WARMUP"
# shellcheck disable=SC2086 # ARGS is split on purpose
KINERJA_LOAD_PASSWORD="$PASSWORD" "$LOAD" "http://$ADDRESS$PAGE" $ARGS | tee "$W/load.txt"

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
