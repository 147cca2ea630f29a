#!/usr/bin/env bash
# Measures the unit dashboard under load and writes the "Dasbor web" section of BENCHMARKS.md: `kinerja serve` on
# the demo database (the reference unit, SQLite or PostgreSQL), and kinerja-load with 64 keep-alive clients signed in as the demo
# admin requesting /unit/ngoro/2024, first for a warm-up that is not counted, then for the measured run. Both run
# on this machine and share its cores.
# Usage: bash bench/web.sh              (SQLite)
#        DB=postgres bash bench/web.sh  (the demo copied into a fresh schema of the PostgreSQL at KINERJA_TEST_POSTGRES)
# CLIENTS, DURATION and WARMUP (seconds) may be set in the environment.
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
MEMORY=$(peak_memory_mb)

if [ "$DB" = sqlite ]; then SECTION=web.sh; COMMAND="bash bench/web.sh"; else SECTION="web.sh-$DB"; COMMAND="DB=$DB bash bench/web.sh"; fi
{
  echo "## Dasbor web on $DB (the unit dashboard of the reference unit; the roll-up target is measured by bench/pemda.sh)"
  echo
  echo "Produced by \`$COMMAND\` on $(date -u +%Y-%m-%d): $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); release build; \`kinerja serve\` on the demo"
  echo "database ($DB$([ "$DB" = sqlite ] || echo ", copied from the demo's SQLite with \`kinerja db copy\`")) and the load generator on the same machine, sharing its cores, over loopback:"
  echo "\`kinerja-load http://127.0.0.1:PORT$PAGE $ARGS\` (${WARMUP} s of warm-up not counted)."
  echo
  echo "| Page | Clients | Requests | Errors | Throughput [req/s] | p50 [ms] | p90 [ms] | p99 [ms] | Max [ms] | Server peak RSS [MB] |"
  echo "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "| \`GET $PAGE\`, signed in | $CLIENTS | $(figure permintaan) | $(figure galat) | $(figure throughput) | $(figure p50) | $(figure p90) | $(figure p99) | $(figure maks) | $MEMORY |"
} | bash bench/section.sh "$SECTION"
cat BENCHMARKS.md
