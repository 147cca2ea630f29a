#!/usr/bin/env bash
# Measures the pemda roll-up on the kabupaten dataset of product.md and writes the "Rekap pemda" section of
# BENCHMARKS.md: `kinerja generate` (80 units, 5 years, 200 000 IKM responses), `kinerja import` into a new
# database, an admin_pemda user, `kinerja serve`, then kinerja-load with 64 keep-alive clients on /pemda/2024 (a
# warm-up not counted, then the measured run), and the server's peak resident memory (VmHWM) at the end.
# Usage: bash bench/pemda.sh            (SQLite)
#        DB=postgres bash bench/pemda.sh (a fresh schema of the PostgreSQL at KINERJA_TEST_POSTGRES)
# CLIENTS, DURATION and WARMUP (seconds) may be set in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
DB=${DB:-sqlite}
CLIENTS=${CLIENTS:-64}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
PAGE=/pemda/2024
# shellcheck source=bench/serve.sh
source bench/serve.sh

case "$DB" in
  sqlite) URL="sqlite://$W/pemda.db" ;;
  postgres)
    BASE=${KINERJA_TEST_POSTGRES:-postgres://root@127.0.0.1:5432/test}
    psql -q "$BASE" -c "DROP SCHEMA IF EXISTS bench_pemda CASCADE" -c "CREATE SCHEMA bench_pemda"
    URL="$BASE?options=-c%20search_path%3Dbench_pemda"
    ;;
  *) echo "DB must be sqlite or postgres" >&2; exit 2 ;;
esac

"$K" generate --units 80 --years 5 --responses 200000 --output "$W/pemda.toml" | tee "$W/generate.txt"
"$K" import "$W/pemda.toml" --db "$URL" --create --actor bench > /dev/null
PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
KINERJA_ADMIN_PASSWORD="$PASSWORD" "$K" admin create --db "$URL" --username pemda --role admin_pemda > /dev/null
serve "$URL"

ARGS="--user pemda --clients $CLIENTS --duration $DURATION --warmup $WARMUP"
# shellcheck disable=SC2086 # ARGS is split on purpose
KINERJA_LOAD_PASSWORD="$PASSWORD" "$LOAD" "http://$ADDRESS$PAGE" $ARGS | tee "$W/load.txt"
MEMORY=$(peak_memory_mb)

{
  echo "## Rekap pemda on $DB (targets of product.md: roll-up dashboard p99 < 50 ms at 64 clients, server < 150 MB RSS)"
  echo
  echo "Produced by \`$([ "$DB" = sqlite ] || echo "DB=$DB ")bash bench/pemda.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); release build. The kabupaten dataset of"
  echo "\`kinerja generate --units 80 --years 5 --responses 200000\` ($(sed -n 's/^Ditulis: [^(]*(\(.*\))$/\1/p' "$W/generate.txt"))"
  echo "imported into $DB; \`kinerja serve\` and the load generator on the same machine, sharing its cores, over"
  echo "loopback: \`kinerja-load http://127.0.0.1:PORT$PAGE $ARGS\` (${WARMUP} s of warm-up not counted)."
  echo
  echo "| Page | Clients | Requests | Errors | Throughput [req/s] | p50 [ms] | p90 [ms] | p99 [ms] | Max [ms] | Server peak RSS [MB] |"
  echo "|:---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "| \`GET $PAGE\`, signed in | $CLIENTS | $(figure permintaan) | $(figure galat) | $(figure throughput) | $(figure p50) | $(figure p90) | $(figure p99) | $(figure maks) | $MEMORY |"
} | bash bench/section.sh "pemda-$DB"
